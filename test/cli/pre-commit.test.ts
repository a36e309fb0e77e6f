/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) run as pre-commit's `language: node` runs them: the
 * repository packed with `npm pack` (its `prepack` builds dist/), the tarball installed with
 * `npm install -g` into a prefix of its own, and each hook's `entry` run with file names appended.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { folder, removeFolders, repo } from '../helpers/cli';

let prefix: string;
let bin: string;

beforeAll(() => {
  prefix = mkdtempSync(path.join(tmpdir(), 'pyconv-prefix-'));
  // As pre-commit runs it (no --silent): it takes standard output, stripped, as the tarball's name.
  const tarball = execFileSync('npm', ['pack', '--pack-destination', prefix], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  expect(tarball).toBe(`pyconv-${version}.tgz`);
  execFileSync(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--offline',
      '--no-audit',
      '--no-fund',
      path.join(prefix, tarball),
    ],
    { cwd: prefix, stdio: 'pipe' },
  );
  bin = path.join(prefix, 'bin', 'pyconv');
}, 180_000);

afterAll(() => {
  removeFolders();
  rmSync(prefix, { recursive: true, force: true });
});

interface Hook {
  id: string;
  entry: string;
  language: string;
  types_or: string[];
}

/** The hooks file's entries (a flat YAML list of `key: value` maps; `[a, b]` lists). */
function hooks(): Hook[] {
  const text = readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8');
  return text
    .split(/^- /m)
    .slice(1)
    .map((block) => {
      const entries = block
        .split('\n')
        .map((line) => /^\s*([a-z_]+):\s*(.*)$/.exec(line))
        .filter((match) => match !== null)
        .map(([, key, value]) => [key, value.startsWith('[') ? value.slice(1, -1).split(/,\s*/) : value]);
      return Object.fromEntries(entries) as Hook;
    });
}

/** The hook's entry as pre-commit runs it: the installed command, the entry's arguments, the files. */
function runHook(hook: Hook, cwd: string, files: string[]) {
  const [command, ...args] = hook.entry.split(' ');
  expect(command).toBe('pyconv');
  return spawnSync(bin, [...args, ...files], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` },
  });
}

describe('pre-commit hooks', () => {
  it('declares pyconv (check) and pyconv-fix (--fix) for Python files, in node', () => {
    expect(hooks().map(({ id, entry, language, types_or }) => ({ id, entry, language, types_or }))).toEqual([
      { id: 'pyconv', entry: 'pyconv check', language: 'node', types_or: ['python', 'pyi'] },
      { id: 'pyconv-fix', entry: 'pyconv check --fix', language: 'node', types_or: ['python', 'pyi'] },
    ]);
  });

  it('the packed package installs a working `pyconv`; the hooks fail on findings and fix', () => {
    const [check, fix] = hooks();
    const root = folder({
      'pyproject.toml': '[tool.pyconv]\nselect = ["I001", "N801"]\n',
      'a.py': 'import sys\nimport os\n',
      'b.py': 'class bad_name:\n    pass\n',
      'good.py': 'import os\n',
    });
    const checked = runHook(check, root, ['a.py', 'b.py']);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('a.py:1:1: I001');
    expect(checked.stdout).toContain('b.py:1:7: N801');
    expect(runHook(check, root, ['good.py']).status).toBe(0);
    const fixed = runHook(fix, root, ['a.py']);
    expect(fixed.status).toBe(0);
    expect(readFileSync(path.join(root, 'a.py'), 'utf8')).toBe('import os\nimport sys\n');
  });
});
