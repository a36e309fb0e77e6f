/** `--fix` applies safe fixes only unless `--unsafe-fixes`; renames are unsafe and carry real edits in JSON. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile } from '../server/src/cli/check-file';
import { toJson } from '../server/src/cli/output';
import { ConfigCache } from '../server/src/project/config';
import { getParser } from './helpers/analyze';

const dir = mkdtempSync(path.join(tmpdir(), 'pyconv-fixsafety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = [
  'from typing import Optional',
  '',
  '',
  'def loadModel(name: Optional[str]) -> None:',
  '    print(name)',
  '',
  '',
  'loadModel(None)',
  '',
].join('\n');

const configs = new ConfigCache({ overrides: { select: ['N802', 'UP045'] } });

function write(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, SOURCE);
  return file;
}

describe('--fix and --unsafe-fixes', () => {
  it('applies only the safe UP045 fix without --unsafe-fixes', async () => {
    const file = write('safe.py');
    const report = checkFile(file, configs, await getParser(), { fix: true, unsafeFixes: false });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('def loadModel(name: str | None) -> None:');
    expect(text).toContain('loadModel(None)');
    expect(report.diagnostics.map((d) => d.code)).toEqual(['N802']);
  });

  it('also renames with --unsafe-fixes', async () => {
    const file = write('unsafe.py');
    const report = checkFile(file, configs, await getParser(), { fix: true, unsafeFixes: true });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('def load_model(name: str | None) -> None:');
    expect(text).toContain('\nload_model(None)\n');
    expect(report.diagnostics).toEqual([]);
  });

  it('prints the rename edits in the JSON output', async () => {
    const file = write('json.py');
    const report = checkFile(file, configs, await getParser(), { fix: false, unsafeFixes: false });
    const n802 = toJson([report], dir).find((d) => d.code === 'N802');
    expect(n802?.fix).toEqual({
      title: 'Rename `loadModel` to `load_model`',
      safe: false,
      edits: [
        {
          range: { start: { line: 3, character: 4 }, end: { line: 3, character: 13 } },
          newText: 'load_model',
        },
        {
          range: { start: { line: 7, character: 0 }, end: { line: 7, character: 9 } },
          newText: 'load_model',
        },
      ],
    });
  });
});

describe('renames wait for the other fixes', () => {
  it('applies a rename only in a pass without other fixes', async () => {
    const { applyFixes } = await import('../server/src/engine/fixes');
    const at = (character: number) => ({ line: 0, character });
    const rename = {
      title: 'rename',
      safe: false,
      edits: [{ range: { start: at(0), end: at(3) }, newText: 'new' }],
      resolve: { kind: 'rename' as const, name: 'old', newName: 'new' },
    };
    const other = {
      title: 'other',
      safe: true,
      edits: [{ range: { start: at(8), end: at(9) }, newText: '2' }],
    };
    expect(applyFixes('old = 1 1\n', [rename, other])).toEqual({ text: 'old = 1 2\n', applied: 1 });
    expect(applyFixes('old = 1 2\n', [rename])).toEqual({ text: 'new = 1 2\n', applied: 1 });
  });

  it('--fix leaves no old exception name behind in a Raises entry added in the same run', async () => {
    const file = path.join(dir, 'raises.py');
    writeFileSync(
      file,
      [
        'class ConfigInvalid(Exception):',
        '    """Bad config."""',
        '',
        '',
        'def check(x: int) -> None:',
        '    """Check.',
        '',
        '    Args:',
        '        x: value.',
        '    """',
        '    if x:',
        '        raise ConfigInvalid()',
        '',
      ].join('\n'),
    );
    const raises = new ConfigCache({ overrides: { select: ['N818', 'DOC501', 'DOC502'] } });
    const report = checkFile(file, raises, await getParser(), { fix: true, unsafeFixes: true });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/ConfigInvalid\b(?!Error)/);
    expect(text).toContain('        ConfigInvalidError: TODO.');
    expect(report.diagnostics).toEqual([]);
  });
});
