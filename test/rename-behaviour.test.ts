/**
 * Renames must not change what a program does. Every module of test/fixtures/rename-behaviour
 * prints a deterministic transcript of its behaviour; each rename fix the naming rules offer
 * (unsafe ones included) is applied alone, then all of them together until nothing changes, and
 * python3 must compile (`compile()`, which also catches TabError) and run the result with the same
 * transcript. Refused renames are counted with their reasons.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applicableFixes, applyFixes } from '../server/src/engine/fixes';
import { allRuleMetas } from '../server/src/rules/registry';
import { resolvedDiagnostics } from './helpers/rename';

const FIXTURES = path.join(__dirname, 'fixtures', 'rename-behaviour');
const RENAME_CODES = allRuleMetas.filter((meta) => /^(N8|PCV1)/.test(meta.code)).map((meta) => meta.code);
const MAX_PASSES = 10;

/** Compiles the file's bytes (BOM, coding cookie and tabs as CPython reads them), then runs it as `__main__`. */
const RUNNER = [
  'import runpy, sys',
  'path = sys.argv[1]',
  "compile(open(path, 'rb').read(), path, 'exec')",
  'try:',
  "    runpy.run_path(path, run_name='__main__')",
  'except BaseException as error:',
  "    print('raised', type(error).__name__, error)",
].join('\n');

const work = mkdtempSync(path.join(tmpdir(), 'pyconv-rename-behaviour-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What python3 prints running `text` as the module `name`, or the compile error. */
function transcript(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text, 'utf8');
  const run = spawnSync('python3', ['-c', RUNNER, file], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' },
  });
  return `${run.stdout}${run.stderr ? `stderr: ${run.stderr}` : ''}`;
}

const totals = { modules: 0, offered: 0, refused: 0, changedBehaviour: 0, notCompiling: 0 };
const modules = readdirSync(FIXTURES).filter((f) => f.endsWith('.py'));

describe('renames keep behaviour (test/fixtures/rename-behaviour)', () => {
  it.each(modules)('%s', { timeout: 120_000 }, async (name) => {
    const source = readFileSync(path.join(FIXTURES, name), 'utf8');
    const before = transcript(name, source);
    expect(before).not.toContain('stderr:');
    expect(before).not.toMatch(/^raised /m);
    totals.modules++;

    const diagnostics = await resolvedDiagnostics(source, RENAME_CODES);
    const renames = diagnostics.filter((d) => d.fix?.resolve);
    const failures: string[] = [];
    for (const diagnostic of renames) {
      const fix = diagnostic.fix!;
      if (fix.unavailable) {
        totals.refused++;
        continue;
      }
      totals.offered++;
      const after = transcript(name, applyFixes(source, [fix]).text);
      if (after !== before) {
        totals.changedBehaviour++;
        if (/SyntaxError|TabError|IndentationError/.test(after)) totals.notCompiling++;
        failures.push(`${fix.title}: ${after}`);
      }
    }

    let text = source;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const fixes = applicableFixes(await resolvedDiagnostics(text, RENAME_CODES), true).filter(
        (fix) => fix.edits.length > 0,
      );
      if (fixes.length === 0) break;
      text = applyFixes(text, fixes).text;
    }
    const afterAll = transcript(name, text);
    if (afterAll !== before) failures.push(`all renames together: ${afterAll}`);
    expect(failures).toEqual([]);
  });

  afterAll(() => {
    process.stdout.write(`rename behaviour: ${JSON.stringify(totals)}\n`);
  });
});
