/**
 * fixcheck: can users trust the fixes? For every .py file of a folder, applies all fixes (every rule
 * selected) until nothing changes, as `pyconv check --fix` does, then checks that the result still
 * compiles (python3's `compile()`, which also catches TabError; all files through one python3
 * process), that a second fix run changes
 * nothing, which diagnostics remain fixable, and that no new diagnostic appeared. Separately it
 * compares our UP007/UP045 fixes with Ruff's (only those two codes on both sides).
 *
 *   npm run fixcheck -- DIR [--sample N] [--unsafe] [--show N]
 *
 * Safe fixes always; `--unsafe` adds a second run with unsafe fixes too (renames included).
 * Exit status 1 when a fixed file no longer compiles or is not idempotent, when a finding appears that
 * matches none before fixing, or when an import used before fixing is left unused.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { PYTHON_BUILTINS } from '../server/src/analysis/rename';
import { analyzeScopes } from '../server/src/analysis/scopes';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { applicableFixes, applyFixes, applyFixesReporting } from '../server/src/engine/fixes';
import { resolveFixes } from '../server/src/engine/resolve-fixes';
import type { Diagnostic, EngineConfig, FileInfo, Fix, TextEdit } from '../server/src/engine/types';
import { createPythonParser } from '../server/src/parser/python';
import { fileInfoFor } from '../server/src/project/config';
import { type ImportsOthersNeed, keepImportsOthersNeed } from '../server/src/project/kept-imports';
import { contentHash, ProjectIndex, summarizeText } from '../server/src/project/project-index';
import { allRuleMetas, allRules } from '../server/src/rules/registry';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles, sourceRootsBelow } from './shared/python-files';

const MAX_PASSES = 10;
const RUFF_CODES = ['UP007', 'UP045'];

interface Options {
  dir: string;
  sample?: number;
  unsafe: boolean;
  show: number;
}

function usage(message: string): never {
  process.stderr.write(
    `fixcheck: ${message}\nusage: npm run fixcheck -- DIR [--sample N] [--unsafe] [--show N]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  try {
    const { values, positionals } = toolArgs({ sample: 'string', show: 'string', unsafe: 'boolean' }, argv);
    if (positionals.length > 1) usage('only one folder');
    const [dir] = positionals;
    if (!dir) usage('no folder given');
    return {
      dir,
      sample: values.sample === undefined ? undefined : wholeNumber('sample', values.sample, 0),
      show: wholeNumber('show', values.show, 5),
      unsafe: values.unsafe === true,
    };
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
}

/** Every k-th file, so that a sample spreads over all projects and is the same on every run. */
function sampleOf(files: string[], size: number | undefined): string[] {
  if (!size || size >= files.length) return files;
  const step = files.length / size;
  return Array.from({ length: size }, (_, i) => files[Math.floor(i * step)]);
}

interface Analysed {
  diagnostics: Diagnostic[];
  syntaxError: boolean;
}

class Checker {
  constructor(
    readonly parser: Parser,
    private readonly config: EngineConfig,
    /** Per file (`FileInfo.path`), the imports other modules need, which F401 keeps, as `--fix` does. */
    private readonly keptImports: ReadonlyMap<string, ImportsOthersNeed> = new Map(),
  ) {}

  analyse(text: string, file: FileInfo): Analysed {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      const { diagnostics } = analyze({ rules: allRules, source: text, tree, config: this.config, file });
      const resolved = resolveFixes(diagnostics, tree.rootNode);
      const kept = file.path === undefined ? undefined : this.keptImports.get(file.path);
      return {
        diagnostics: kept ? keepImportsOthersNeed(resolved, text, kept) : resolved,
        syntaxError: tree.rootNode.hasError,
      };
    } finally {
      tree.delete();
    }
  }

  /** Names read but bound nowhere in the file (nor builtins): a rename that missed a reference adds one. */
  undefinedNames(text: string): Map<string, number> {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      const names = new Map<string, number>();
      const model = analyzeScopes(tree.rootNode);
      if (model.module.starImport) return names;
      for (const use of model.uses) {
        if (!use.binding && !PYTHON_BUILTINS.has(use.node.text)) bump(names, use.node.text);
      }
      return names;
    } finally {
      tree.delete();
    }
  }

  /** Fix passes until nothing changes (at most MAX_PASSES), counting applied fixes per code. */
  fixUntilStable(
    text: string,
    file: FileInfo,
    unsafe: boolean,
    applied: Map<string, number>,
  ): { text: string; passes: number; last: Analysed } {
    let current = text;
    let analysed = this.analyse(current, file);
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const codeOf = new Map<Fix, string>();
      for (const d of analysed.diagnostics) if (d.fix) codeOf.set(d.fix, d.code);
      const fixes = applicableFixes(analysed.diagnostics, unsafe).filter((f) => f.edits.length > 0);
      const result = applyFixesReporting(current, fixes);
      if (result.text === current) return { text: current, passes: pass - 1, last: analysed };
      for (const fix of result.appliedFixes) {
        const code = codeOf.get(fix) ?? '?';
        applied.set(code, (applied.get(code) ?? 0) + 1);
      }
      current = result.text;
      analysed = this.analyse(current, file);
    }
    return { text: current, passes: MAX_PASSES, last: analysed };
  }
}

interface ModeReport {
  unsafe: boolean;
  applied: Map<string, number>;
  changedFiles: number;
  parseFailures: Array<{ file: string; error: string }>;
  newTreeSitterErrors: string[];
  nonIdempotent: string[];
  remainingFixable: Map<string, number>;
  /** Findings after fixing that match none before (code and message), per code. */
  newFindings: Map<string, { count: number; examples: string[] }>;
  /** Imports that were used before fixing and are not after (`file: name`). */
  importsMadeUnused: string[];
  newUndefinedNames: string[];
  refused: Map<string, number>;
  refusedExamples: string[];
  fixedTexts: Array<{ file: string; text: string }>;
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** "`fooBar` already exists in function `x`" -> "already exists in function": refusals grouped by kind. */
function refusalKind(reason: string): string {
  return reason
    .replace(/`[^`]*`/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
}

function runMode(checker: Checker, files: string[], root: string, unsafe: boolean): ModeReport {
  const report: ModeReport = {
    unsafe,
    applied: new Map(),
    changedFiles: 0,
    parseFailures: [],
    newTreeSitterErrors: [],
    nonIdempotent: [],
    remainingFixable: new Map(),
    newFindings: new Map(),
    importsMadeUnused: [],
    newUndefinedNames: [],
    refused: new Map(),
    refusedExamples: [],
    fixedTexts: [],
  };
  for (const file of files) {
    const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const relative = path.relative(root, file).split(path.sep).join('/');
    const info = fileInfoFor(relative, file);
    const before = checker.analyse(source, info);
    for (const d of before.diagnostics) {
      if (!d.fix?.unavailable || (!unsafe && !d.fix.safe)) continue;
      bump(report.refused, `${d.code}: ${refusalKind(d.fix.unavailable)}`);
      if (report.refusedExamples.length < 200)
        report.refusedExamples.push(`${relative}:${d.range.start.line + 1}: ${d.code} ${d.fix.unavailable}`);
    }
    const first = checker.fixUntilStable(source, info, unsafe, report.applied);
    if (first.text === source) continue;
    report.changedFiles++;
    report.fixedTexts.push({ file: relative, text: first.text });
    if (first.last.syntaxError && !before.syntaxError) report.newTreeSitterErrors.push(relative);
    const second = checker.fixUntilStable(first.text, info, unsafe, new Map());
    if (second.text !== first.text) report.nonIdempotent.push(relative);
    for (const d of first.last.diagnostics) {
      if (d.fix && d.fix.edits.length > 0 && (unsafe || d.fix.safe)) bump(report.remainingFixable, d.code);
    }
    const undefinedBefore = checker.undefinedNames(source);
    for (const [name, count] of checker.undefinedNames(first.text)) {
      if (count > (undefinedBefore.get(name) ?? 0)) report.newUndefinedNames.push(`${relative}: ${name}`);
    }
    recordNewFindings(report, relative, before.diagnostics, first.last.diagnostics);
    for (const name of importsMadeUnused(checker.parser, source, first.text))
      report.importsMadeUnused.push(`${relative}: ${name}`);
  }
  return report;
}

const PY_CHECKER = `
import json, sys, warnings
warnings.simplefilter("ignore")
for line in sys.stdin:
    item = json.loads(line)
    try:
        compile(item["text"], item["id"], "exec", dont_inherit=True)
        print(json.dumps({"id": item["id"], "ok": True}))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        print(json.dumps({"id": item["id"], "ok": False, "error": f"{type(error).__name__}: {error}"}))
`;

/** Compiles every text with python3's `compile()` in one process; returns the error per id (absent: it compiles). */
function pythonCompileErrors(texts: Array<{ id: string; text: string }>): Map<string, string> {
  const errors = new Map<string, string>();
  if (texts.length === 0) return errors;
  const input = `${texts.map((t) => JSON.stringify(t)).join('\n')}\n`;
  const result = spawnSync('python3', ['-c', PY_CHECKER], {
    input,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new Error(`python3 failed: ${result.error?.message ?? result.stderr}`);
  }
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    const answer = JSON.parse(line) as { id: string; ok: boolean; error?: string };
    if (!answer.ok) errors.set(answer.id, answer.error ?? 'SyntaxError');
  }
  return errors;
}

// ---- new findings and imports left unused by fixing -----------------------------------------------

/**
 * What identifies a finding across a fix run, where positions move and fixes rewrite the text a
 * finding flags (a parameter list, an import statement): its code and message, numbers aside
 * ("56 lines" may become "60 lines"). Where messages name nothing, this is a count per code.
 */
function findingKey(diagnostic: Diagnostic): string {
  return `${diagnostic.code}\u0000${diagnostic.message.replace(/\d+/g, '#')}`;
}

/** The key with the names in backquotes left out: a rename fix changes the name a finding quotes. */
function renamedFindingKey(diagnostic: Diagnostic): string {
  return findingKey(diagnostic).replace(/`[^`]*`/g, '_');
}

/**
 * Findings after fixing that correspond to none before: each finding before matches one after
 * with the same key, and the rest then match by the key without names (renamed functions keep
 * their findings under the new name).
 */
function newFindingsAfterFix(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  let unmatchedBefore: Diagnostic[] = [...before];
  let unmatchedAfter: Diagnostic[] = [...after];
  for (const key of [findingKey, renamedFindingKey]) {
    const remaining = new Map<string, Diagnostic[]>();
    for (const d of unmatchedBefore) remaining.set(key(d), [...(remaining.get(key(d)) ?? []), d]);
    const fresh: Diagnostic[] = [];
    for (const d of unmatchedAfter) {
      const candidates = remaining.get(key(d));
      if (candidates && candidates.length > 0) candidates.pop();
      else fresh.push(d);
    }
    unmatchedBefore = [...remaining.values()].flat();
    unmatchedAfter = fresh;
  }
  return unmatchedAfter;
}

function recordNewFindings(
  report: ModeReport,
  file: string,
  before: readonly Diagnostic[],
  after: readonly Diagnostic[],
): void {
  for (const d of newFindingsAfterFix(before, after)) {
    const entry = report.newFindings.get(d.code) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 5) entry.examples.push(`${file}:${d.range.start.line + 1}: ${d.message}`);
    report.newFindings.set(d.code, entry);
  }
}

/**
 * Names bound by imports in the fixed text that the original text used and the fixed text no
 * longer does: a fix removed the last use and left the import. A use is any other occurrence of
 * the name as a word (strings and comments included, which only ever keeps an import "used").
 */
function importsMadeUnused(parser: Parser, before: string, after: string): string[] {
  const tree = parser.parse(after);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const unused: string[] = [];
    for (const binding of analyzeScopes(tree.rootNode).module.bindings.values()) {
      if (!binding.kinds.has('import')) continue;
      const sites = binding.definitions.length;
      if (wordCount(after, binding.name) > sites) continue;
      if (wordCount(before, binding.name) > sites) unused.push(binding.name);
    }
    return unused;
  } finally {
    tree.delete();
  }
}

function wordCount(text: string, name: string): number {
  const word = new RegExp(
    `(?<![\\p{L}\\p{N}_])${name.replace(/[^\p{L}\p{N}_]/gu, '')}(?![\\p{L}\\p{N}_])`,
    'gu',
  );
  return [...text.matchAll(word)].length;
}

function newFindingCount(report: ModeReport): number {
  const findings = [...report.newFindings.values()].reduce((sum, entry) => sum + entry.count, 0);
  return findings + report.importsMadeUnused.length;
}

function printNewFindings(report: ModeReport, show: number): void {
  const out = (text: string) => process.stdout.write(text);
  out('new findings after fixing (matching none before by code and message), per code:\n');
  out(table(new Map([...report.newFindings].map(([code, entry]) => [code, entry.count]))));
  for (const [code, entry] of report.newFindings)
    for (const example of entry.examples.slice(0, show)) out(`    ${code} e.g. ${example}\n`);
  out(`imports used before fixing and unused after: ${report.importsMadeUnused.length}\n`);
  for (const example of report.importsMadeUnused.slice(0, show)) out(`    ${example}\n`);
}

// ---- the Ruff comparison (UP007 / UP045) --------------------------------------------------------

interface RuffEdit {
  location: { row: number; column: number };
  end_location: { row: number; column: number };
  content: string;
}

interface RuffDiagnostic {
  code: string;
  fix: { edits: RuffEdit[] } | null;
}

interface RuffWorkspace {
  check(source: string): RuffDiagnostic[];
}

function ruffWorkspace(): RuffWorkspace | undefined {
  try {
    // Loaded at run time: an optional dev dependency, kept out of the bundle.
    const ruff = require('@astral-sh/ruff-wasm-nodejs') as {
      Workspace: new (settings: unknown, encoding: unknown) => RuffWorkspace;
      PositionEncoding: { Utf16: unknown };
    };
    return new ruff.Workspace(
      { 'target-version': 'py310', lint: { select: RUFF_CODES } },
      ruff.PositionEncoding.Utf16,
    );
  } catch {
    return undefined;
  }
}

function ruffFixes(ruff: RuffWorkspace, text: string): Fix[] {
  return ruff
    .check(text)
    .filter((d) => RUFF_CODES.includes(d.code) && d.fix && d.fix.edits.length > 0)
    .map((d) => ({
      title: d.code,
      safe: true,
      edits: d.fix!.edits.map(
        (e): TextEdit => ({
          range: {
            start: { line: e.location.row - 1, character: e.location.column - 1 },
            end: { line: e.end_location.row - 1, character: e.end_location.column - 1 },
          },
          newText: e.content,
        }),
      ),
    }));
}

function ruffFixUntilStable(ruff: RuffWorkspace, text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = applyFixes(current, ruffFixes(ruff, current));
    if (result.text === current) break;
    current = result.text;
  }
  return current;
}

interface RuffComparison {
  files: number;
  identical: number;
  /** Identical once import statements are set aside (we also drop imports the fix left unused; Ruff leaves that to F401). */
  identicalBesidesImports: number;
  differing: Array<{ file: string; ours: string; theirs: string }>;
}

function compareWithRuff(parser: Parser, files: string[], root: string): RuffComparison | undefined {
  const ruff = ruffWorkspace();
  if (!ruff) return undefined;
  const checker = new Checker(parser, makeEngineConfig({ enabled: RUFF_CODES, targetVersion: [3, 10] }));
  const comparison: RuffComparison = { files: 0, identical: 0, identicalBesidesImports: 0, differing: [] };
  for (const file of files) {
    const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const relative = path.relative(root, file).split(path.sep).join('/');
    const ours = checker.fixUntilStable(source, fileInfoFor(relative, file), true, new Map()).text;
    const theirs = ruffFixUntilStable(ruff, source);
    if (ours === source && theirs === source) continue;
    comparison.files++;
    if (ours === theirs) comparison.identical++;
    if (withoutImports(ours) === withoutImports(theirs)) comparison.identicalBesidesImports++;
    if (ours !== theirs) comparison.differing.push({ file: relative, ours, theirs });
  }
  return comparison;
}

/** The text without `import`/`from ... import` statements (multi-line parenthesised ones included). */
function withoutImports(text: string): string {
  return text
    .replace(/^[ \t]*from[ \t]+\S+[ \t]+import[ \t]*\([^)]*\)[ \t]*$/gm, '')
    .replace(/^[ \t]*(?:from[ \t]+\S+[ \t]+)?import[ \t].*$/gm, '')
    .replace(/\n{2,}/g, '\n');
}

/** The first line where two texts differ, both versions. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `line ${i + 1}:\n      ours: ${left[i] ?? '<none>'}\n      ruff: ${right[i] ?? '<none>'}`;
  }
  return 'identical';
}

// ---- output -------------------------------------------------------------------------------------

function table(map: Map<string, number>): string {
  const rows = [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rows.length === 0) return '    (none)\n';
  return rows.map(([key, value]) => `    ${key.padEnd(48)} ${value}\n`).join('');
}

function printMode(
  report: ModeReport,
  parseFailures: Array<{ file: string; error: string }>,
  show: number,
): void {
  const out = (text: string) => process.stdout.write(text);
  const total = [...report.applied.values()].reduce((a, b) => a + b, 0);
  out(`\n== ${report.unsafe ? 'safe + unsafe fixes' : 'safe fixes only'} ==\n`);
  out(`files changed: ${report.changedFiles}; fixes applied: ${total}\n`);
  out('fixes applied per code:\n');
  out(table(report.applied));
  out(`compile failures (python3 compile(), file compiled before fixing): ${parseFailures.length}\n`);
  for (const failure of parseFailures.slice(0, show)) out(`    ${failure.file}: ${failure.error}\n`);
  out(`new tree-sitter syntax errors: ${report.newTreeSitterErrors.length}\n`);
  for (const file of report.newTreeSitterErrors.slice(0, show)) out(`    ${file}\n`);
  out(`non-idempotent files (a second fix run changes them): ${report.nonIdempotent.length}\n`);
  for (const file of report.nonIdempotent.slice(0, show)) out(`    ${file}\n`);
  out('still fixable after the fix run, per code:\n');
  out(table(report.remainingFixable));
  printNewFindings(report, show);
  out(
    `names newly undefined after fixing (a rename missed a reference?): ${report.newUndefinedNames.length}\n`,
  );
  for (const example of report.newUndefinedNames.slice(0, show)) out(`    ${example}\n`);
  const refusedTotal = [...report.refused.values()].reduce((a, b) => a + b, 0);
  out(
    `fixes refused (rename collisions, keywords, builtins, syntax errors; imports other modules need): ${refusedTotal}\n`,
  );
  out(table(report.refused));
  for (const example of report.refusedExamples.slice(0, show)) out(`    e.g. ${example}\n`);
}

/**
 * As `pyconv check --fix` on the whole folder: the project index of every `.py` file below `root`
 * (source roots: its dist-packages/site-packages folders, else `root`), and per checked file the
 * names other modules import from it.
 */
function importsOthersNeedBelow(
  parser: Parser,
  root: string,
  files: readonly string[],
): Map<string, ImportsOthersNeed> {
  const index = new ProjectIndex();
  const roots = sourceRootsBelow(root);
  index.setRoots(roots.length > 0 ? roots : [root]);
  for (const file of pythonFiles(root)) {
    const text = readFileSync(file, 'utf8');
    index.set(file, contentHash(text), summarizeText(parser, text));
  }
  const kept = new Map<string, ImportsOthersNeed>();
  for (const file of files) {
    const names = index.namesOthersImport(file);
    if (Object.keys(names).length > 0) kept.set(path.relative(root, file).split(path.sep).join('/'), names);
  }
  return kept;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const root = path.resolve(options.dir);
  const files = sampleOf(pythonFiles(root), options.sample);
  const parser = await createPythonParser();
  const config = makeEngineConfig({ enabled: allRuleMetas.map((m) => m.code) });
  const checker = new Checker(parser, config, importsOthersNeedBelow(parser, root, files));
  const started = Date.now();
  process.stdout.write(
    `fixcheck: ${files.length} files under ${options.dir}, all ${allRuleMetas.length} rules\n`,
  );

  const modes = options.unsafe ? [false, true] : [false];
  const reports = modes.map((unsafe) => runMode(checker, files, root, unsafe));

  // One python3 process for every text: the originals (a file that never compiled is not our fault) and the fixed ones.
  const originals = files.map((file) => ({
    id: `orig:${path.relative(root, file).split(path.sep).join('/')}`,
    text: readFileSync(file, 'utf8').replace(/^\uFEFF/, ''),
  }));
  const fixed = reports.flatMap((report, index) =>
    report.fixedTexts.map(({ file, text }) => ({ id: `${index}:${file}`, text })),
  );
  const errors = pythonCompileErrors([...originals, ...fixed]);
  let failing = 0;
  reports.forEach((report, index) => {
    const failures = report.fixedTexts
      .filter(({ file }) => errors.has(`${index}:${file}`) && !errors.has(`orig:${file}`))
      .map(({ file }) => ({ file, error: errors.get(`${index}:${file}`)! }));
    failing += failures.length + report.nonIdempotent.length + newFindingCount(report);
    printMode(report, failures, options.show);
  });
  const unparsable = originals.filter((o) => errors.has(o.id)).length;
  if (unparsable > 0)
    process.stdout.write(`\n(${unparsable} files did not compile with python3 before fixing; not counted)\n`);

  const comparison = compareWithRuff(parser, files, root);
  if (!comparison)
    process.stdout.write('\nRuff comparison skipped: @astral-sh/ruff-wasm-nodejs is not installed\n');
  else {
    const share =
      comparison.files === 0 ? 'n/a' : `${((100 * comparison.identical) / comparison.files).toFixed(1)}%`;
    process.stdout.write(
      `\nUP007/UP045 fixed text identical to Ruff's: ${comparison.identical}/${comparison.files} files with a fix (${share})\n`,
    );
    const besides = ((100 * comparison.identicalBesidesImports) / Math.max(1, comparison.files)).toFixed(1);
    process.stdout.write(
      `    identical apart from import statements: ${comparison.identicalBesidesImports}/${comparison.files} (${besides}%)\n`,
    );
    for (const diff of comparison.differing.slice(0, options.show)) {
      process.stdout.write(`    ${diff.file} ${firstDifference(diff.ours, diff.theirs)}\n`);
    }
  }
  process.stdout.write(`\ntime: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  parser.delete();
  return failing > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `fixcheck: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
