/**
 * `pyconv check --fix` (safe fixes) and F401 across modules: an import its module never reads is
 * still needed when another module of the project imports the name from it, as requests does with
 * `from .compat import json as complexjson`. Runs the built CLI (dist/cli.js) on a small package
 * shaped like requests/compat.py; the imports others use stay, the others go, and python3 must
 * still import the package with the fallback branch (no simplejson installed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, folder, removeFolders, runCli } from '../helpers/cli';
import { JSON_FALLBACK } from '../helpers/compat-package';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

const COMPAT = [
  JSON_FALLBACK,
  'if has_simplejson:',
  '    from simplejson import JSONDecodeError',
  'else:',
  '    from json import JSONDecodeError',
  '',
  'import os',
  'from collections import OrderedDict',
  'from io import StringIO',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'pyproject.toml': '[tool.pyconv]\nselect = ["F401"]\n',
  'pkg/__init__.py': '',
  'pkg/compat.py': COMPAT,
  'pkg/exceptions.py': [
    'from .compat import JSONDecodeError as CompatJSONDecodeError',
    '',
    '',
    'class InvalidJSONError(CompatJSONDecodeError):',
    '    pass',
    '',
  ].join('\n'),
  'pkg/models.py': [
    'import pkg.compat as c',
    '',
    'from .compat import json as complexjson',
    'from .exceptions import InvalidJSONError',
    '',
    '',
    'def dumps(value):',
    '    return complexjson.dumps(c.OrderedDict(value))',
    '',
  ].join('\n'),
};

const python = (root: string, code: string) =>
  spawnSync('python3', ['-c', code], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });

describe('pyconv check --fix: F401 keeps the imports other modules import', () => {
  it('removes only the imports no module uses, and the package still imports', () => {
    const root = folder(FILES);
    const run = runCli(root, ['check', '--fix', '--no-cache', root]);
    const read = (name: string) => readFileSync(path.join(root, name), 'utf8');
    // `json` and `JSONDecodeError` (imported by models.py and exceptions.py) and `OrderedDict`
    // (read as `c.OrderedDict`) stay; `os` and `StringIO` go.
    expect(read('pkg/compat.py')).toBe(
      COMPAT.replace('import os\n', '').replace('from io import StringIO\n', ''),
    );
    expect(read('pkg/models.py')).toBe(
      FILES['pkg/models.py'].replace('from .exceptions import InvalidJSONError\n', ''),
    );
    // The findings stay (Ruff's); their fixes are not offered.
    expect(run.stdout).toMatch(/pkg\/compat\.py:6:12: F401 `json` imported but unused\n/);
    expect(run.stdout).toMatch(/pkg\/compat\.py:13:22: F401 `json\.JSONDecodeError` imported but unused\n/);
    expect(run.stdout).not.toContain('[*]');
    const imported = python(root, 'import pkg.models, pkg.exceptions\nprint(pkg.models.dumps([("a", 1)]))');
    expect(`${imported.stdout}${imported.stderr}`).toBe('{"a": 1}\n');
  });

  it('builds no index for a plain check: the fix is listed there, as Ruff lists it', () => {
    const root = folder(FILES);
    const run = runCli(root, ['check', '--no-cache', '--output-format', 'json', root]);
    const findings = JSON.parse(run.stdout) as { path: string; message: string; fix: unknown }[];
    const json = findings.find((f) => f.path.endsWith('compat.py') && f.message.startsWith('`json`'));
    expect(json?.fix).not.toBeNull();
  });
});
