/**
 * The CLI options a team needs to adopt pyconv in CI and pre-commit (issue 16, "CLI"): standard
 * input, the output formats, --output-file, --statistics, --diff, --add-noqa, the exit-status
 * options, --fail-on, --watch and the help. Runs the built CLI (dist/cli.js).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_OPTIONS, HELP } from '../../server/src/cli/args';
import { escapeGithubData, escapeGithubProperty, escapeXml } from '../../server/src/cli/ci-formats';
import { unifiedDiff } from '../../server/src/cli/diff';
import { buildCli, cli, folder, removeFolders, repo, runCli } from '../helpers/cli';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

const BAD_CLASS = 'class bad_name:\n    pass\n';
const UNSORTED = 'import sys\nimport os\n';
const N801 = 'N801 Class name `bad_name` should use CapWords convention';

function hasPatch(): boolean {
  return spawnSync('patch', ['--version']).status === 0;
}

describe('pyconv check - (standard input)', () => {
  const project = () =>
    folder({
      'pyproject.toml':
        '[tool.pyconv]\nselect = ["N801", "N999"]\nexclude = ["generated"]\n' +
        '[tool.pyconv.per-file-ignores]\n"tests/*" = ["N801"]\n',
      'other/pyproject.toml': '[tool.pyconv]\nselect = ["I001"]\n',
    });

  it('checks the source on standard input, shown as `-`', () => {
    const result = runCli(project(), ['check', '-'], BAD_CLASS);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(`-:1:7: ${N801}`);
  });

  it('--stdin-filename chooses the configuration, per-file-ignores, exclusion and module name', () => {
    const root = project();
    expect(runCli(root, ['check', '-', '--stdin-filename', 'src/a.py'], BAD_CLASS).stdout).toMatch(
      /^src\/a\.py:1:7: N801 /,
    );
    // per-file-ignores "tests/*" = ["N801"]
    expect(runCli(root, ['check', '-', '--stdin-filename', 'tests/test_a.py'], BAD_CLASS)).toMatchObject({
      code: 0,
      stdout: 'All checks passed!\n',
    });
    // other/pyproject.toml selects I001 only.
    const other = runCli(root, ['check', '-', '--stdin-filename', 'other/m.py'], UNSORTED + BAD_CLASS);
    expect(other.stdout).toMatch(/^other\/m\.py:1:1: I001 /);
    expect(other.stdout).not.toContain('N801');
    // exclude = ["generated"]: not checked at all.
    expect(runCli(root, ['check', '-', '--stdin-filename', 'generated/a.py'], BAD_CLASS)).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    // The module name comes from the file name (N999), and the name alone implies `-`.
    expect(runCli(root, ['check', '--stdin-filename', 'src/Bad-Name.py'], 'x = 1\n').stdout).toContain(
      'src/Bad-Name.py:1:1: N999',
    );
  });

  it('--fix prints the fixed source on standard output and the report on standard error, writing nothing', () => {
    const root = folder({ 'a.py': UNSORTED + BAD_CLASS });
    const before = readdirSync(root);
    const piped = runCli(
      root,
      ['check', '-', '--fix', '--select', 'I001,N801', '--stdin-filename', 'b.py'],
      UNSORTED + BAD_CLASS,
    );
    expect(readdirSync(root)).toEqual(before);
    // The same text as --fix writes for a file.
    runCli(root, ['check', 'a.py', '--fix', '--select', 'I001,N801']);
    expect(piped.stdout).toBe(readFileSync(path.join(root, 'a.py'), 'utf8'));
    expect(piped.stdout.startsWith('import os\nimport sys\n')).toBe(true);
    expect(piped.stderr).toContain(`b.py:5:7: ${N801}`);
    expect(piped.stderr).toContain('1 fixed, 1 remaining');
    expect(piped.code).toBe(1);
  });

  it('--fix gives back the input exactly when there is nothing to fix (BOM, CRLF)', () => {
    const input = '\uFEFFclass GoodName:\r\n    pass\r\n';
    const result = runCli(folder({}), ['check', '-', '--fix', '--select', 'N801'], input);
    expect(result).toEqual({ code: 0, stdout: input, stderr: 'All checks passed!\n' });
  });

  it('--output-file takes the report of standard input too (with --fix, the fixed source stays on standard output)', () => {
    const root = folder({});
    const result = runCli(root, ['check', '-', '--select', 'N801', '--output-file', 'r.txt'], BAD_CLASS);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(path.join(root, 'r.txt'), 'utf8')).toContain(`-:1:7: ${N801}`);
    const fixed = runCli(
      root,
      ['check', '-', '--fix', '--select', 'I001', '--output-file', 'f.txt'],
      UNSORTED,
    );
    expect(fixed).toEqual({ code: 0, stdout: 'import os\nimport sys\n', stderr: '' });
    expect(readFileSync(path.join(root, 'f.txt'), 'utf8')).toContain('1 fixed, 0 remaining');
  });

  it('refuses `-` mixed with paths, and --stdin-filename with paths', () => {
    const root = folder({ 'a.py': BAD_CLASS });
    expect(runCli(root, ['check', '-', 'a.py']).code).toBe(2);
    expect(runCli(root, ['check', 'a.py', '--stdin-filename', 'x.py']).code).toBe(2);
  });
});

describe('pyconv check --output-format', () => {
  it('github: one workflow command a finding, with GitHub escaping in properties and data', () => {
    const root = folder({
      'a,b:c%.py': BAD_CLASS,
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801", "E722"]\n[tool.pyconv.severity]\nE722 = "error"\n',
      'd.py': 'try:\n    pass\nexcept:\n    pass\n',
    });
    const result = runCli(root, ['check', '--output-format', 'github']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    // ::command key=value,key=value::message, values without raw `,` `:` or line breaks.
    const command =
      /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;
    for (const line of lines) expect(line).toMatch(command);
    expect(lines).toEqual([
      `::warning file=a%2Cb%3Ac%25.py,line=1,col=7,endLine=1,endColumn=15,title=pyconv (N801)::${N801}`,
      '::error file=d.py,line=3,col=1,endLine=3,endColumn=7,title=pyconv (E722)::E722 Do not use bare `except`',
    ]);
    expect(escapeGithubData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeGithubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('gitlab: Code Quality issues with unique fingerprints that survive a line shift', () => {
    const twice = `${BAD_CLASS}${BAD_CLASS}`;
    const root = folder({ 'pkg/a.py': twice });
    const issues = () =>
      JSON.parse(runCli(root, ['check', '--select', 'N801', '--output-format', 'gitlab']).stdout);
    const first = issues();
    expect(first).toHaveLength(2);
    for (const issue of first) {
      // The Code Quality schema's required fields and types.
      expect(Object.keys(issue).sort()).toEqual([
        'check_name',
        'description',
        'fingerprint',
        'location',
        'severity',
      ]);
      expect(typeof issue.description).toBe('string');
      expect(issue.check_name).toBe('N801');
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.location.path).toBe('pkg/a.py');
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true);
      expect(issue.location.lines.end).toBeGreaterThanOrEqual(issue.location.lines.begin);
    }
    expect(first.map((i: { location: { lines: { begin: number } } }) => i.location.lines.begin)).toEqual([
      1, 3,
    ]);
    const fingerprints = first.map((i: { fingerprint: string }) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(2);
    writeFileSync(path.join(root, 'pkg/a.py'), `# a comment above\n\n${twice}`);
    const shifted = issues();
    expect(shifted.map((i: { location: { lines: { begin: number } } }) => i.location.lines.begin)).toEqual([
      3, 5,
    ]);
    expect(shifted.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(fingerprints);
  });

  it('junit: XML that parses, with names and messages escaped', () => {
    const root = folder({ 'a<&"\'>\u0001.py': BAD_CLASS, 'good.py': 'x = 1\n' });
    const result = runCli(root, ['check', '--select', 'N801', '--output-format', 'junit']);
    expect(result.code).toBe(1);
    const parsed = execFileSync(
      'python3',
      [
        '-c',
        'import json, sys, xml.etree.ElementTree as ET\n' +
          'root = ET.fromstring(sys.stdin.buffer.read())\n' +
          'print(json.dumps([root.tag, root.get("failures"), [[s.get("name"), [[c.get("line"), f.get("type"), f.get("message")] for c in s for f in c]] for s in root]]))',
      ],
      { input: result.stdout, encoding: 'utf8' },
    );
    expect(JSON.parse(parsed)).toEqual([
      'testsuites',
      '1',
      [['a<&"\'>\\u{1}.py', [['1', 'N801', 'Class name `bad_name` should use CapWords convention']]]],
    ]);
    expect(escapeXml('a\tb\u0000c\ud800')).toBe('a&#9;b\\u{0}c\\u{d800}');
    // Nothing found: one passing test case, still valid XML.
    const clean = runCli(root, ['check', 'good.py', '--select', 'N801', '--output-format', 'junit']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('<testcase name="No findings" classname="pyconv"/>');
  });

  it('json-lines: one object a line, the json format’s objects', () => {
    const root = folder({ 'a.py': BAD_CLASS + UNSORTED });
    const json = JSON.parse(
      runCli(root, ['check', '--select', 'N801,I001', '--output-format', 'json']).stdout,
    );
    const lines = runCli(root, ['check', '--select', 'N801,I001', '--output-format', 'json-lines']).stdout;
    expect(lines.endsWith('\n')).toBe(true);
    expect(
      lines
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(json);
  });

  it('concise is the default text; grouped puts the findings under their file', () => {
    const root = folder({ 'a.py': BAD_CLASS, 'b.py': BAD_CLASS });
    const text = runCli(root, ['check', '--select', 'N801']).stdout;
    expect(runCli(root, ['check', '--select', 'N801', '--output-format', 'concise']).stdout).toBe(text);
    expect(runCli(root, ['check', '--select', 'N801', '--output-format', 'grouped']).stdout).toBe(
      `a.py:\n  1:7 ${N801}\n\nb.py:\n  1:7 ${N801}\n\nFound 2 warnings.\n` +
        '(2 unsafe fixes available with `--fix --unsafe-fixes`.)\n',
    );
  });

  it('--format is another name for --output-format; a bad or conflicting format is a usage error', () => {
    const root = folder({ 'a.py': BAD_CLASS });
    expect(runCli(root, ['check', '--select', 'N801', '--format', 'json-lines']).stdout).toBe(
      runCli(root, ['check', '--select', 'N801', '--output-format', 'json-lines']).stdout,
    );
    const bad = runCli(root, ['check', '--output-format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('text, concise, grouped, json, json-lines, junit, github, gitlab, sarif');
    expect(runCli(root, ['check', '--format', 'json', '--output-format', 'sarif']).code).toBe(2);
  });

  it('--output-file writes the report there (replaced atomically, mode kept), not on standard output', () => {
    const root = folder({ 'a.py': BAD_CLASS, 'old.json': 'stale' });
    chmodSync(path.join(root, 'old.json'), 0o640);
    const printed = runCli(root, ['check', '--select', 'N801', '--output-format', 'json']).stdout;
    const result = runCli(root, [
      'check',
      '--select',
      'N801',
      '--output-format',
      'json',
      '--output-file',
      'old.json',
    ]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(path.join(root, 'old.json'), 'utf8')).toBe(printed);
    expect(statSync(path.join(root, 'old.json')).mode & 0o777).toBe(0o640);
    runCli(root, ['check', '--select', 'N801', '--output-file', 'out/new.txt']);
    const missingFolder = runCli(root, ['check', '--select', 'N801', '--output-file', 'no/such/dir/r.txt']);
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.stderr).toContain('cannot write the report to no/such/dir/r.txt');
    // The cache of findings (.pyconv_cache) is the only other thing a plain check writes.
    expect(readdirSync(root).sort()).toEqual(['.pyconv_cache', 'a.py', 'old.json']);
  });
});

describe('pyconv check --statistics', () => {
  const root = () => folder({ 'a.py': UNSORTED + BAD_CLASS + BAD_CLASS.replace('bad_name', 'other_bad') });

  it('counts findings per code with their fixability', () => {
    const result = runCli(root(), ['check', '--select', 'N801,I001', '--statistics']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '2  N801  [-] invalid-class-name\n1  I001  [*] unsorted-imports\n' +
        '[*] fixable with `--fix`\n[-] some fixable, with `--fix` or `--fix --unsafe-fixes`\n',
    );
  });

  it('as JSON with --output-format json', () => {
    const result = runCli(root(), [
      'check',
      '--select',
      'N801,I001',
      '--statistics',
      '--output-format',
      'json',
    ]);
    expect(JSON.parse(result.stdout)).toEqual([
      { code: 'N801', name: 'invalid-class-name', count: 2, fixable: { safe: 0, unsafe: 2 } },
      { code: 'I001', name: 'unsorted-imports', count: 1, fixable: { safe: 1, unsafe: 0 } },
    ]);
  });
});

describe('pyconv check --diff', () => {
  it('prints what --fix would change as a unified diff, writes nothing, exits 1', () => {
    const root = folder({ 'a.py': UNSORTED + BAD_CLASS, 'b.py': 'import os\n' });
    const result = runCli(root, ['check', '--diff', '--select', 'I001,N801', '--unsafe-fixes']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '--- a.py\n+++ a.py\n@@ -1,4 +1,6 @@\n-import sys\n import os\n-class bad_name:\n+import sys\n+\n+\n+class BadName:\n     pass\n',
    );
    expect(result.stderr).toBe('Would apply 2 fixes in 1 file.\n');
    expect(readFileSync(path.join(root, 'a.py'), 'utf8')).toBe(UNSORTED + BAD_CLASS);
    // The diff is what --fix does.
    if (hasPatch()) {
      const copy = folder({});
      cpSync(root, copy, { recursive: true });
      execFileSync('patch', ['-p0', '--quiet'], { cwd: copy, input: result.stdout });
      runCli(root, ['check', '--fix', '--select', 'I001,N801', '--unsafe-fixes']);
      expect(readFileSync(path.join(copy, 'a.py'), 'utf8')).toBe(
        readFileSync(path.join(root, 'a.py'), 'utf8'),
      );
    }
    expect(runCli(root, ['check', '--diff', '--select', 'I001'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No fixes to apply.\n',
    });
  });

  it('unifiedDiff: hunks that `patch` applies, also without a final line end', () => {
    if (!hasPatch()) return;
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ['a\n', 'b\n', 'c\n', 'd\n', 'e\n', 'f\n'];
    for (let round = 0; round < 25; round++) {
      const before = Array.from({ length: random(30) }, () => words[random(words.length)]).join('');
      const after =
        Array.from({ length: random(30) }, () => words[random(words.length)]).join('') +
        (round % 3 === 0 ? 'z' : '');
      const root = folder({ 'f.py': before });
      const diff = unifiedDiff('f.py', before, after);
      if (before === after) continue;
      execFileSync('patch', ['-p0', '--quiet'], { cwd: root, input: diff });
      expect(readFileSync(path.join(root, 'f.py'), 'utf8')).toBe(after);
    }
  });
});

describe('pyconv check --add-noqa', () => {
  it('adds merged `# noqa: CODES` where noqa applies (a multi-line string: its last line), once', () => {
    const source =
      'import sys\nimport os\nclass bad_name:  # noqa: E501\n    """A docstring\n    spanning."""\n' +
      'try:\n    pass\nexcept:  # noqa\n    pass\n';
    const root = folder({ 'a.py': source });
    const args = ['check', '--select', 'I001,N801,PCV301,E722'];
    const result = runCli(root, [...args, '--add-noqa']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'Added 3 noqa directives.\n' });
    expect(readFileSync(path.join(root, 'a.py'), 'utf8')).toBe(
      'import sys  # noqa: I001\nimport os\nclass bad_name:  # noqa: E501, N801\n    """A docstring\n' +
        '    spanning."""  # noqa: PCV301\ntry:\n    pass\nexcept:  # noqa\n    pass\n',
    );
    expect(runCli(root, args)).toMatchObject({ code: 0, stdout: 'All checks passed!\n' });
    expect(runCli(root, [...args, '--add-noqa']).stderr).toBe('Added 0 noqa directives.\n');
  });

  it('adds no directive for a syntax error (E999), which `# noqa` does not hide', () => {
    const root = folder({ 'a.py': 'class bad_name:\n    pass\nx = = 1\n' });
    runCli(root, ['check', '--select', 'N801', '--add-noqa']);
    expect(readFileSync(path.join(root, 'a.py'), 'utf8')).toBe(
      'class bad_name:  # noqa: N801\n    pass\nx = = 1\n',
    );
  });

  it('cannot be combined with --fix', () => {
    expect(runCli(folder({}), ['check', '--add-noqa', '--fix']).code).toBe(2);
  });
});

describe('pyconv check: exit status options', () => {
  it('--exit-non-zero-on-fix exits 1 when --fix changed a file, even with nothing left', () => {
    const root = folder({ 'a.py': UNSORTED });
    expect(runCli(root, ['check', '--select', 'I001', '--fix', '--exit-non-zero-on-fix']).code).toBe(1);
    expect(runCli(root, ['check', '--select', 'I001', '--fix', '--exit-non-zero-on-fix']).code).toBe(0);
    writeFileSync(path.join(root, 'a.py'), UNSORTED);
    expect(runCli(root, ['check', '--select', 'I001', '--fix']).code).toBe(0);
  });

  it('--fail-on and the fail-on key: findings below it do not fail the run', () => {
    const severity = '[tool.pyconv]\nselect = ["N801"]\n[tool.pyconv.severity]\nN801 = "hint"\n';
    const root = folder({ 'a.py': BAD_CLASS, 'pyproject.toml': severity });
    expect(runCli(root, ['check']).code).toBe(1); // default: hint, any finding fails
    expect(runCli(root, ['check', '--fail-on', 'warning']).code).toBe(0);
    expect(runCli(root, ['check', '--fail-on', 'info']).code).toBe(0);
    expect(runCli(root, ['check', '--fail-on', 'hint']).code).toBe(1);
    writeFileSync(
      path.join(root, 'pyproject.toml'),
      severity.replace('select = ["N801"]\n', 'select = ["N801"]\nfail-on = "info"\n'),
    );
    expect(runCli(root, ['check']).code).toBe(0);
    expect(runCli(root, ['check', '--fail-on', 'hint']).code).toBe(1);
    // The findings are still reported.
    expect(runCli(root, ['check']).stdout).toContain(N801);
    expect(runCli(root, ['check', '--fail-on', 'severe']).code).toBe(2);
    writeFileSync(path.join(root, 'pyproject.toml'), '[tool.pyconv]\nfail-on = "severe"\n');
    const bad = runCli(root, ['check']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('`fail-on` must be "error", "warning", "info" or "hint"');
  });
});

describe('pyconv check --watch', () => {
  it('checks again when a file changes, and stops on SIGTERM', async () => {
    const root = folder({ 'a.py': 'class GoodName:\n    pass\n' });
    const child: ChildProcess = spawn(process.execPath, [cli, 'check', '--watch', '--select', 'N801'], {
      cwd: root,
    });
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no \`${text}\` in ${JSON.stringify(stdout)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor('All checks passed!');
      writeFileSync(path.join(root, 'a.py'), BAD_CLASS);
      await waitFor(`a.py:1:7: ${N801}`);
      writeFileSync(path.join(root, 'b.py'), BAD_CLASS);
      await waitFor(`b.py:1:7: ${N801}`);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.on('exit', (status) => resolve(status)));
    expect(code).toBe(0);
  }, 40_000);
});

describe('pyconv --help', () => {
  const options = Object.keys(CHECK_OPTIONS).map((name) => `--${name}`);

  it('pyconv --help and pyconv check --help list every option', () => {
    const root = folder({});
    for (const args of [['--help'], ['check', '--help']]) {
      const result = runCli(root, args);
      expect(result.code).toBe(0);
      for (const option of options) expect(result.stdout, option).toContain(option);
    }
    expect(HELP).toContain('--format');
  });

  it('the README documents every option', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(options.filter((option) => !readme.includes(`\`${option}`))).toEqual([]);
  });
});
