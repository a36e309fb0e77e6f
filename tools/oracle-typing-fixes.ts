/**
 * Compares the type-hint rules' fixes (ANN2xx, UP006/UP007/UP045/UP035) with Ruff's over a folder
 * (tools/oracle-fixes.ts compares edits exactly, for the import rules): for every Ruff diagnostic with a fix, both
 * fixes are applied to the file on their own and the resulting texts compared.
 *
 *   node dist/tools/oracle-typing-fixes.js DIR --select UP045,UP007 [--target-version py310] [--show N]
 *
 * For UP006/UP007/UP045, pyconv's removal of an import the rewrite leaves unused is left out (Ruff
 * leaves that to F401). Also counted: findings where pyconv has a fix and Ruff has none (pyconv's
 * placeholders for ANN, by design).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig, parseTargetVersion } from '../server/src/engine/config';
import { applyFixes } from '../server/src/engine/fixes';
import type { Diagnostic, Fix, Range } from '../server/src/engine/types';
import { createPythonParser } from '../server/src/parser/python';
import { allRules } from '../server/src/rules/registry';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles } from './shared/python-files';

interface RuffLocation {
  row: number;
  column: number;
}
interface RuffDiagnostic {
  code: string;
  start_location: RuffLocation;
  fix: { edits: { location: RuffLocation; end_location: RuffLocation; content: string }[] } | null;
}
interface RuffModule {
  Workspace: new (settings: unknown, encoding: number) => { check(source: string): RuffDiagnostic[] };
  PositionEncoding: { Utf16: number };
}

interface Row {
  ruff: number;
  same: number;
  missing: number;
  extra: number;
  examples: string[];
}

function usage(message: string): never {
  console.error(`oracle-typing-fixes: ${message}`);
  console.error(
    'usage: node dist/tools/oracle-typing-fixes.js DIR --select CODES [--target-version py310] [--show N]',
  );
  process.exit(2);
}

function ruffRange(start: RuffLocation, end: RuffLocation): Range {
  return {
    start: { line: start.row - 1, character: start.column - 1 },
    end: { line: end.row - 1, character: end.column - 1 },
  };
}

/** The text of line `line` in both results, for a mismatch report. */
function excerpt(file: string, line: number, expected: string, actual: string): string {
  return `${file}:${line + 1}\n    ruff:   ${expected.split('\n')[line]}\n    pyconv: ${actual.split('\n')[line]}`;
}

function pyconvFix(code: string, diagnostic: Diagnostic | undefined): Fix | undefined {
  const fix = diagnostic?.fix;
  if (!fix) return undefined;
  // The rewrite comes first; later edits of these rules only drop an import or add one.
  if (['UP045', 'UP007', 'UP006'].includes(code))
    return { ...fix, edits: fix.edits.filter((e) => e.newText !== '') };
  return fix;
}

async function main(): Promise<void> {
  const { values, positionals } = toolArgs({ select: 'string', 'target-version': 'string', show: 'string' });
  const dir = positionals.at(-1);
  const codes = String(values.select ?? '')
    .split(',')
    .filter(Boolean);
  const target = String(values['target-version'] ?? 'py310');
  const show = wholeNumber('show', values.show, 5, 0);
  if (!dir) usage('no folder given');
  if (codes.length === 0) usage('--select is required');
  const version = parseTargetVersion(target);
  if (!version) usage(`bad target version ${target}`);

  const load = createRequire(path.join(process.cwd(), 'package.json'));
  const ruff = load('@astral-sh/ruff-wasm-nodejs') as RuffModule;
  const workspace = new ruff.Workspace(
    { 'target-version': target, lint: { select: codes, preview: true } },
    ruff.PositionEncoding.Utf16,
  );
  const codeOf = new Map(allRules.map((rule) => [rule.meta.name, rule.meta.code]));
  const parser = await createPythonParser();
  const config = makeEngineConfig({ enabled: codes, targetVersion: version });
  const rows = new Map<string, Row>();
  const row = (code: string): Row => {
    const known = rows.get(code);
    if (known) return known;
    const fresh: Row = { ruff: 0, same: 0, missing: 0, extra: 0, examples: [] };
    rows.set(code, fresh);
    return fresh;
  };

  for (const file of pythonFiles(dir)) {
    const source = readFileSync(file, 'utf8');
    const tree = parser.parse(source);
    if (!tree) continue;
    const info = { isPackageInit: false, isPrivateModule: false, isStub: false };
    const ours = analyze({ rules: allRules, source, tree, config, file: info }).diagnostics;
    tree.delete();
    const theirs = workspace.check(source);
    const at = (d: Diagnostic, r: RuffDiagnostic): boolean =>
      d.range.start.line === r.start_location.row - 1 &&
      d.range.start.character === r.start_location.column - 1;
    for (const diagnostic of ours) {
      const match = theirs.find((r) => codeOf.get(r.code) === diagnostic.code && at(diagnostic, r));
      if (diagnostic.fix && match && !match.fix) row(diagnostic.code).extra++;
    }
    for (const r of theirs) {
      const code = codeOf.get(r.code) ?? r.code;
      if (!r.fix || !codes.includes(code)) continue;
      const stats = row(code);
      stats.ruff++;
      const fix = pyconvFix(
        code,
        ours.find((d) => d.code === code && at(d, r)),
      );
      if (!fix) {
        stats.missing++;
        continue;
      }
      const edits = r.fix.edits.map((e) => ({
        range: ruffRange(e.location, e.end_location),
        newText: e.content,
      }));
      const expected = applyFixes(source, [{ title: '', safe: true, edits }]).text;
      const actual = applyFixes(source, [fix]).text;
      if (expected === actual) stats.same++;
      else if (stats.examples.length < show)
        stats.examples.push(excerpt(file, r.start_location.row - 1, expected, actual));
    }
  }

  console.log(
    `${'code'.padEnd(8)}${'ruff'.padStart(7)}${'same'.padStart(7)}${'no fix'.padStart(8)}  pyconv only`,
  );
  for (const [code, r] of [...rows].sort()) {
    console.log(
      `${code.padEnd(8)}${String(r.ruff).padStart(7)}${String(r.same).padStart(7)}${String(r.missing).padStart(8)}  ${r.extra}`,
    );
    for (const example of r.examples) console.log(`  ${example}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
