import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');
const cli = path.join(repo, 'dist', 'cli.js');
const made: string[] = [];

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pyconv-cli-'));
  made.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BAD_CLASS = 'class bad_name:\n    pass\n';
const BARE_EXCEPT = 'try:\n    pass\nexcept:\n    pass\n';

describe('pyconv check: exit status and text output', () => {
  it('exits 0 and says so when nothing is found', () => {
    const root = folder({ 'good.py': 'class GoodName:\n    pass\n' });
    const result = run(root, 'check', '--select', 'N801');
    expect(result).toEqual({ code: 0, stdout: 'All checks passed!\n', stderr: '' });
  });

  it('exits 1 with Ruff-like lines and a summary when diagnostics are found', () => {
    const root = folder({ 'pkg/bad.py': BAD_CLASS });
    const result = run(root, 'check', '--select', 'N801');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'pkg/bad.py:1:7: N801 Class name `bad_name` should use CapWords convention\nFound 1 warning.\n' +
        '(1 unsafe fix available with `--fix --unsafe-fixes`.)\n',
    );
  });

  it('exits 0 with --exit-zero even when diagnostics are found', () => {
    const root = folder({ 'bad.py': BAD_CLASS });
    expect(run(root, 'check', '--select', 'N801', '--exit-zero').code).toBe(0);
  });

  it('exits 2 on usage errors, with the message on stderr', () => {
    const root = folder({ 'bad.py': BAD_CLASS });
    for (const args of [
      ['check', '--bogus'],
      ['check', '--select', 'NOPE1'],
      ['check', '--format', 'xml'],
      ['check', '--target-version', 'py27'],
      ['check', 'missing-folder'],
      ['frobnicate'],
    ]) {
      const result = run(root, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(/^pyconv: error: /);
    }
    expect(run(root, 'check', '--select', 'NOPE1').stderr).toContain('unknown rule code or prefix `NOPE1`');
  });

  it('exits 2 on a configuration error, naming the file and line', () => {
    const root = folder({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\nignore = ["ZZZ"]\n',
      'bad.py': BAD_CLASS,
    });
    const result = run(root, 'check');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pyconv: configuration error: pyproject.toml:3:11: Unknown rule code or prefix `ZZZ` in `ignore`; it is left out\n',
    );
    const broken = folder({ 'pyproject.toml': '[tool.pyconv\n', 'bad.py': BAD_CLASS });
    const brokenResult = run(broken, 'check');
    expect(brokenResult.code).toBe(2);
    expect(brokenResult.stderr).toMatch(/^pyconv: configuration error: pyproject\.toml:1:\d+: Invalid TOML/);
  });

  it('reports an undecodable file clearly and goes on with the others', () => {
    const root = folder({
      'latin1.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x27, 0xe9, 0x27, 0x0a]),
      'bad.py': BAD_CLASS,
    });
    const result = run(root, 'check', '--select', 'N801');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('pyconv: error: latin1.py: not valid UTF-8, not checked\n');
    expect(result.stdout).toContain('bad.py:1:7: N801');
  });
});

describe('pyconv check: formats', () => {
  it('prints exactly one JSON array with 0-based UTF-16 ranges and fixes', () => {
    const root = folder({ 'a.py': `s = "😀"\n${BARE_EXCEPT}`, 'b.py': BAD_CLASS });
    const result = run(root, 'check', '--select', 'N801,E722', '--format', 'json');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toEqual([
      {
        path: 'a.py',
        code: 'E722',
        message: 'Do not use bare `except`',
        severity: 'warning',
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } },
        fix: {
          title: 'Catch `Exception` instead',
          safe: false,
          edits: [
            {
              range: { start: { line: 3, character: 6 }, end: { line: 3, character: 6 } },
              newText: ' Exception',
            },
          ],
        },
      },
      {
        path: 'b.py',
        code: 'N801',
        message: 'Class name `bad_name` should use CapWords convention',
        severity: 'warning',
        range: { start: { line: 0, character: 6 }, end: { line: 0, character: 14 } },
        // The rename is resolved to real edits (every reference in the file) for JSON output.
        fix: {
          title: 'Rename `bad_name` to `BadName`',
          safe: false,
          edits: [
            {
              range: { start: { line: 0, character: 6 }, end: { line: 0, character: 14 } },
              newText: 'BadName',
            },
          ],
        },
      },
    ]);
  });

  it('prints an empty JSON array when nothing is found', () => {
    const root = folder({ 'good.py': 'x = 1\n' });
    const result = run(root, 'check', '--select', 'N801', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('prints a SARIF 2.1.0 log with the registry rules and 1-based regions', () => {
    const root = folder({ 'b.py': BAD_CLASS });
    const result = run(root, 'check', '--select', 'N801', '--format', 'sarif');
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run0] = log.runs;
    expect(run0.tool.driver.name).toBe('pyconv');
    const ruleIds = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toContain('N801');
    expect(run0.results).toHaveLength(1);
    const [first] = run0.results;
    expect(first.ruleId).toBe('N801');
    expect(run0.tool.driver.rules[first.ruleIndex].id).toBe('N801');
    expect(first.level).toBe('warning');
    expect(first.locations[0].physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 7,
      endLine: 1,
      endColumn: 15,
    });
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*\/b\.py$/);
  });
});

describe('pyconv check: selection and files', () => {
  const files = {
    'pyproject.toml': '[tool.pyconv]\nselect = ["E722"]\n[tool.pyconv.severity]\nE722 = "error"\n',
    'mod.py': `${BAD_CLASS}${BARE_EXCEPT}`,
  };

  it('uses the configured selection and severities', () => {
    const root = folder(files);
    const parsed = JSON.parse(run(root, 'check', '--format', 'json').stdout);
    expect(parsed.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`)).toEqual([
      'E722 error',
    ]);
  });

  it('--select on the command line replaces the configured selection', () => {
    const root = folder(files);
    const parsed = JSON.parse(run(root, 'check', '--select', 'N801', '--format', 'json').stdout);
    expect(parsed.map((d: { code: string }) => d.code)).toEqual(['N801']);
    const extended = JSON.parse(run(root, 'check', '--extend-select', 'N801', '--format', 'json').stdout);
    expect(extended.map((d: { code: string }) => d.code)).toEqual(['N801', 'E722']);
  });

  it('walks folders for .py and .pyi, honouring .gitignore, exclude and the usual folders', () => {
    const root = folder({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\nextend-exclude = ["generated"]\n',
      '.gitignore': 'ignored_*.py\n/scratch/\n',
      'src/ok_bad.py': BAD_CLASS,
      'src/stub.pyi': BAD_CLASS,
      'src/notes.txt': BAD_CLASS,
      'src/ignored_one.py': BAD_CLASS,
      'src/sub/.gitignore': 'local.py\n',
      'src/sub/local.py': BAD_CLASS,
      'src/sub/kept.py': BAD_CLASS,
      'scratch/x.py': BAD_CLASS,
      'generated/y.py': BAD_CLASS,
      '.venv/lib/z.py': BAD_CLASS,
      'node_modules/pkg/w.py': BAD_CLASS,
      'build/v.py': BAD_CLASS,
    });
    const parsed = JSON.parse(run(root, 'check', '--format', 'json').stdout);
    expect(parsed.map((d: { path: string }) => d.path)).toEqual([
      'src/ok_bad.py',
      'src/stub.pyi',
      'src/sub/kept.py',
    ]);
    // A file named on the command line is checked even when excluded, as in Ruff.
    const named = JSON.parse(run(root, 'check', 'generated/y.py', '--format', 'json').stdout);
    expect(named.map((d: { path: string }) => d.path)).toEqual(['generated/y.py']);
  });
});

describe('pyconv check --fix', () => {
  it('applies safe fixes only; unsafe ones with --unsafe-fixes, and reports what remains', () => {
    const root = folder({ 'm.py': `${BARE_EXCEPT}${BAD_CLASS}print(bad_name)\n` });
    const safeOnly = run(root, 'check', '--select', 'E722,N801,T201', '--fix');
    expect(safeOnly.code).toBe(1);
    expect(readFileSync(path.join(root, 'm.py'), 'utf8')).toBe(`${BARE_EXCEPT}${BAD_CLASS}print(bad_name)\n`);

    const result = run(root, 'check', '--select', 'E722,N801,T201', '--fix', '--unsafe-fixes');
    expect(result.code).toBe(1);
    // N801's rename is unsafe too; T201 has no fix and remains.
    expect(readFileSync(path.join(root, 'm.py'), 'utf8')).toBe(
      'try:\n    pass\nexcept Exception:\n    pass\nclass BadName:\n    pass\nprint(BadName)\n',
    );
    expect(result.stdout).toBe(
      'm.py:7:1: T201 `print` found\nFound 3 problems (2 fixed, 1 remaining: 1 warning).\n',
    );
  });

  it('exits 0 when every diagnostic was fixed, keeping CRLF line ends and the BOM', () => {
    const original = `\uFEFF${BARE_EXCEPT.replace(/\n/g, '\r\n')}`;
    const root = folder({ 'crlf.py': original });
    const result = run(root, 'check', '--select', 'E722', '--fix', '--unsafe-fixes');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Found 1 problem (1 fixed, 0 remaining).\n');
    expect(readFileSync(path.join(root, 'crlf.py'), 'utf8')).toBe(
      '\uFEFFtry:\r\n    pass\r\nexcept Exception:\r\n    pass\r\n',
    );
  });

  it('refuses --unsafe-fixes without --fix', () => {
    const root = folder({ 'm.py': BARE_EXCEPT });
    expect(run(root, 'check', '--unsafe-fixes').code).toBe(2);
  });
});

describe('pyconv rule, --help, --version', () => {
  it('prints a rule page, and exits 2 for an unknown rule', () => {
    const root = folder({});
    const result = run(root, 'rule', 'N801');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# N801: invalid-class-name\n\nClass names use CapWords\.\n/);
    expect(result.stdout).toContain('## Use instead');
    expect(run(root, 'rule', 'Q999').code).toBe(2);
  });

  it('prints help and version', () => {
    const root = folder({});
    expect(run(root, '--help').stdout).toContain('pyconv check [PATH...]');
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    expect(run(root, '--version')).toEqual({ code: 0, stdout: `pyconv ${pkg.version}\n`, stderr: '' });
  });
});

describe('pyconv check: pyconv.toml, extend and suppressions', () => {
  it('finds pyconv.toml over pyproject.toml and follows its extend', () => {
    const root = folder({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n',
      'pyconv.toml': 'extend = "config/base.toml"\n',
      'config/base.toml': 'select = ["E722"]\n',
      'bad.py': BAD_CLASS + BARE_EXCEPT,
    });
    const result = run(root, 'check');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bad\.py:5:1: E722 /);
    expect(result.stdout).not.toContain('N801');
  });

  it('names the extended file and line of a configuration error in it', () => {
    const root = folder({
      'pyconv.toml': 'extend = "base.toml"\n',
      'base.toml': '\nignore = ["ZZZ"]\n',
      'bad.py': BAD_CLASS,
    });
    const result = run(root, 'check');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pyconv: configuration error: base.toml:2:11: Unknown rule code or prefix `ZZZ` in `ignore`; it is left out\n',
    );
    const missing = folder({ 'pyconv.toml': 'extend = "nope.toml"\n', 'bad.py': BAD_CLASS });
    expect(run(missing, 'check').stderr).toContain(
      `pyconv.toml:1:1: \`extend\` names a file that does not exist: ${path.join(missing, 'nope.toml')}`,
    );
  });

  it('follows extend from --config FILE', () => {
    const root = folder({
      'ci/strict.toml': 'extend = "../pyconv.toml"\nextend-select = ["E722"]\n',
      'pyconv.toml': 'select = ["N801"]\n',
      'bad.py': BAD_CLASS + BARE_EXCEPT,
    });
    const result = run(root, 'check', '--config', 'ci/strict.toml');
    expect(result.stdout).toContain('bad.py:1:7: N801 ');
    expect(result.stdout).toContain('bad.py:5:1: E722 ');
  });

  it('honours range suppressions and removes an unused noqa with --fix (RUF100)', () => {
    const root = folder({
      'pyconv.toml': 'select = ["N801", "RUF100"]\n',
      'm.py': `# pyconv: disable[N801]\n${BAD_CLASS}# pyconv: enable[N801]\nclass Good:  # noqa: N801\n    pass\n`,
    });
    const result = run(root, 'check', '--fix');
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(root, 'm.py'), 'utf8')).toBe(
      `# pyconv: disable[N801]\n${BAD_CLASS}# pyconv: enable[N801]\nclass Good:\n    pass\n`,
    );
  });
});

describe('pyconv check: syntax errors', () => {
  const BROKEN = 'def f(x):\n    return x +\n';

  it('reports `return x +` as an E999 error and exits 1, whatever the selection', () => {
    const root = folder({ 'broken.py': BROKEN });
    const result = run(root, 'check', '--select', 'N801');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'broken.py:2:14: E999 Syntax error: unexpected end of line after `+`\nFound 1 error.\n',
    );
  });

  it('names them E999 with error severity in JSON and SARIF', () => {
    const root = folder({ 'broken.py': BROKEN });
    const json = JSON.parse(run(root, 'check', '--select', 'N801', '--format', 'json').stdout);
    expect(json).toEqual([
      {
        path: 'broken.py',
        code: 'E999',
        message: 'Syntax error: unexpected end of line after `+`',
        severity: 'error',
        range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } },
        fix: null,
      },
    ]);
    const sarif = JSON.parse(run(root, 'check', '--select', 'N801', '--format', 'sarif').stdout);
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: 'E999', level: 'error', message: { text: json[0].message } }),
    ]);
  });
});
