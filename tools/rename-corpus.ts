/**
 * rename-corpus: do renames across files keep a real project importing? Takes every corpus package
 * (folders named `dist-packages` or `site-packages` are source roots) as one workspace, builds the
 * project index (time and memory printed beside a plain tree-sitter parse of the same files, measured
 * in the same run), then for every rename across modules the naming rules' fixes offer, applies it in
 * a temporary copy and checks with python3 that every changed file compiles and that every package
 * that imported before still imports. Prints the time of one rename beside the single-file rename of
 * the same name (the old code).
 *
 *   npm run rename-corpus -- [CORPUS_DIR] [--limit N]
 *
 * Exit status 1 when a rename breaks compilation or an import. Not part of the test run (slow).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { planRename } from '../server/src/analysis/rename';
import { analyzeScopes } from '../server/src/analysis/scopes';
import { type Candidate, planRenameAcross, renameCandidates } from '../server/src/cli/cross-file-fixes';
import { makeEngineConfig } from '../server/src/engine/config';
import { createPythonParser, parsePython } from '../server/src/parser/python';
import { fileInfoFor } from '../server/src/project/config';
import { IndexCache } from '../server/src/project/index-cache';
import { contentHash, ProjectIndex, summarizeText } from '../server/src/project/project-index';
import { readTree } from '../server/src/project/read-tree';
import { allRuleMetas } from '../server/src/rules/registry';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles, sourceRootsBelow } from './shared/python-files';

const RENAME_CODES = allRuleMetas
  .filter((m) => /^(N8|PCV1)/.test(m.code) && m.fix !== 'none')
  .map((m) => m.code);

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Top-level packages and modules of the roots. */
function topLevelNames(roots: readonly string[]): string[] {
  return roots.flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter(
        (e) =>
          (e.isDirectory() && !e.name.includes('.') && !e.name.startsWith('_')) ||
          /^[a-z_]\w*\.py$/.test(e.name),
      )
      .map((e) => e.name.replace(/\.py$/, '')),
  );
}

const CHECKER = [
  'import importlib, json, sys',
  'files, packages = json.loads(sys.argv[1])',
  'bad = []',
  'for f in files:',
  '    try:',
  "        compile(open(f, 'rb').read(), f, 'exec')",
  '    except SyntaxError as e:',
  "        bad.append('compile ' + f + ': ' + str(e))",
  'for p in packages:',
  '    try:',
  '        importlib.import_module(p)',
  '    except Exception as e:',
  "        bad.append('import ' + p + ': ' + type(e).__name__ + ' ' + str(e))",
  'print(json.dumps(bad))',
].join('\n');

function pythonCheck(
  roots: readonly string[],
  files: readonly string[],
  packages: readonly string[],
): string[] {
  const run = spawnSync('python3', ['-c', CHECKER, JSON.stringify([files, packages])], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: roots.join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 120_000,
  });
  try {
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as string[];
  } catch {
    return [`python3 failed: ${run.stderr.slice(0, 300)}`];
  }
}

async function main(): Promise<number> {
  const { values, positionals } = toolArgs({ limit: 'string' });
  const corpus = path.resolve(positionals[0] ?? '.cache/corpus');
  const limit = wholeNumber('limit', values.limit, Number.MAX_SAFE_INTEGER);
  const roots = sourceRootsBelow(corpus);
  const files = roots.flatMap(pythonFiles);
  const parser = await createPythonParser();
  const texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  const bytes = [...texts.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);

  // Reference, same run: a plain parse of every file (after one untimed pass, so that neither
  // figure carries the WebAssembly warm-up).
  for (const text of texts.values()) parsePython(parser, text)?.delete();
  let started = performance.now();
  for (const text of texts.values()) parsePython(parser, text)?.delete();
  const parseMs = performance.now() - started;

  const heapBefore = heapMiB();
  started = performance.now();
  const index = new ProjectIndex();
  index.setRoots(roots);
  for (const [file, text] of texts) index.set(file, contentHash(text), summarizeText(parser, text));
  const indexMs = performance.now() - started;
  const heapAfter = heapMiB();
  const summaryBytes = JSON.stringify(index.allFiles().map((f) => index.get(f)!.summary)).length;
  console.log(
    `corpus: ${roots.length} roots, ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB (under load: 2 cores shared)`,
  );
  console.log(
    `index build: ${indexMs.toFixed(0)} ms (reference, same run: plain tree-sitter parse ${parseMs.toFixed(0)} ms)`,
  );
  console.log(
    `index memory: ${(heapAfter - heapBefore).toFixed(1)} MiB heap retained (${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'after gc' : 'no --expose-gc: rough'}); summaries ${(summaryBytes / 1024).toFixed(0)} KiB as JSON (the cache file)`,
  );

  // The next session: the same files read and hashed, summaries from the cache (index-cache.ts).
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'pyconv-index-cache-'));
  const cold = IndexCache.open(cacheDir, corpus, 'rename-corpus');
  for (const file of index.allFiles()) cold.set(index.get(file)!.hash, index.get(file)!.summary);
  cold.save();
  started = performance.now();
  const warm = IndexCache.open(cacheDir, corpus, 'rename-corpus');
  const again = new ProjectIndex();
  again.setRoots(roots);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const hash = contentHash(text);
    again.set(file, hash, warm.get(hash) ?? summarizeText(parser, text));
  }
  console.log(`index build from the cache (next session): ${(performance.now() - started).toFixed(0)} ms`);
  rmSync(cacheDir, { recursive: true, force: true });

  const config = makeEngineConfig({ enabled: RENAME_CODES, targetVersion: [3, 10] });
  const candidates: Candidate[] = [];
  for (const [file, text] of texts) {
    const root = roots.find((r) => file.startsWith(r + path.sep))!;
    candidates.push(
      ...renameCandidates(file, text, config, fileInfoFor(path.relative(root, file), file), parser),
    );
  }

  const copy = mkdtempSync(path.join(tmpdir(), 'pyconv-rename-corpus-'));
  const copyRoots = roots.map((root, i) => {
    const target = path.join(copy, String(i));
    cpSync(root, target, { recursive: true });
    return target;
  });
  const inCopy = (file: string) => {
    const i = roots.findIndex((r) => file.startsWith(r + path.sep));
    return path.join(copyRoots[i]!, path.relative(roots[i]!, file));
  };
  const packages = topLevelNames(copyRoots);
  const importedBefore = new Set(packages);
  for (const failure of pythonCheck(copyRoots, [], packages))
    importedBefore.delete(failure.split(' ')[1]!.replace(/:$/, ''));
  console.log(`packages importing before: ${[...importedBefore].join(', ')} (of ${packages.length})`);

  const counts = { candidates: candidates.length, singleFile: 0, acrossFiles: 0, kept: 0, broke: 0 };
  const refusals = new Map<string, number>();
  const acrossMs: number[] = [];
  const singleMs: number[] = [];
  const failures: string[] = [];
  const moduleImported = new Map<string, boolean>();
  for (const candidate of candidates) {
    if (counts.acrossFiles >= limit) break;
    started = performance.now();
    const plan = planRenameAcross(candidate, index, (file) => texts.get(file), parser);
    const elapsed = performance.now() - started;
    if (plan === undefined) {
      counts.singleFile++;
      continue;
    }
    if (typeof plan === 'string') {
      const kind = plan
        .replace(/`[^`]*`/g, '`…`')
        .replace(/^in \S+: /, 'in a file: ')
        .replace(/\S+\.py/g, 'F.py');
      refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
      continue;
    }
    counts.acrossFiles++;
    acrossMs.push(elapsed);
    singleMs.push(singleFileRenameMs(candidate, texts.get(candidate.file)!, parser));
    // Every changed module is imported too, when it imported before the rename.
    const modules = [...plan.keys()].map((file) => index.get(file)!.location.name);
    const unknown = modules.filter((module) => !moduleImported.has(module));
    const failedBefore = new Set(
      pythonCheck(copyRoots, [], unknown).map((f) => f.split(' ')[1]!.replace(/:$/, '')),
    );
    for (const module of unknown) moduleImported.set(module, !failedBefore.has(module));
    const importable = modules.filter((module) => moduleImported.get(module));
    for (const [file, text] of plan) writeFileSync(inCopy(file), text);
    const problems = pythonCheck(copyRoots, [...plan.keys()].map(inCopy), [...importedBefore, ...importable]);
    for (const file of plan.keys()) writeFileSync(inCopy(file), texts.get(file)!);
    if (problems.length === 0) counts.kept++;
    else {
      counts.broke++;
      failures.push(`${candidate.file}: ${candidate.name} -> ${candidate.newName}: ${problems.join('; ')}`);
    }
  }
  rmSync(copy, { recursive: true, force: true });
  console.log(
    `rename fixes of module-level names: ${counts.candidates}; only this file: ${counts.singleFile}; ` +
      `across files: ${counts.acrossFiles} (${counts.kept} kept every changed file compiling, every changed module and package importing, ${counts.broke} broke); refused: ${[...refusals.values()].reduce((a, b) => a + b, 0)}`,
  );
  for (const [reason, count] of [...refusals].sort((a, b) => b[1] - a[1]))
    console.log(`  refused ${count}×: ${reason}`);
  if (acrossMs.length > 0)
    console.log(
      `one rename across files: median ${median(acrossMs).toFixed(1)} ms, max ${Math.max(...acrossMs).toFixed(1)} ms ` +
        `(reference, same run: the single-file rename of the same names, median ${median(singleMs).toFixed(1)} ms)`,
    );
  for (const failure of failures) console.log(`BROKE ${failure}`);
  return counts.broke > 0 ? 1 : 0;
}

/** The old code's cost for the same rename: parse, scopes and the single-file plan of the defining file. */
function singleFileRenameMs(candidate: Candidate, text: string, parser: Parser): number {
  const started = performance.now();
  readTree(parser, text, (root) => {
    const model = analyzeScopes(root);
    const binding = model.module.bindings.get(candidate.name);
    if (binding) planRename(model, binding, candidate.newName);
  });
  return performance.now() - started;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
