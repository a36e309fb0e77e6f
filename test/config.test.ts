import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigCache,
  engineConfigFor,
  fileInfoFor,
  findProjectConfig,
  matchesPath,
  minimumPython,
  resolveLayers,
} from '../server/src/project/config';
import type { ConfigProblem } from '../server/src/project/settings';

const made: string[] = [];

/** A temporary project: `files` maps relative paths to contents. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pyconv-config-'));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `line:col message-start` of each problem, for compact exact assertions. */
function where(problems: readonly ConfigProblem[]): string[] {
  return problems.map(
    (p) => `${p.range ? `${p.range.start.line}:${p.range.start.character}` : '-'} ${p.message}`,
  );
}

describe('findProjectConfig', () => {
  it('finds the nearest pyproject.toml with [tool.pyconv], skipping those without', () => {
    const root = project({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N"]\n',
      'pkg/pyproject.toml': '[project]\nname = "x"\n',
      'pkg/sub/mod.py': '',
    });
    const found = findProjectConfig(path.join(root, 'pkg', 'sub'));
    expect(found.root).toBe(root);
    expect(found.pyprojectPath).toBe(path.join(root, 'pyproject.toml'));
    expect(found.settings.select).toEqual(['N']);
    expect(found.problems).toEqual([]);
  });

  it('derives target-version from requires-python, and target-version wins over it', () => {
    const derived = project({
      'pyproject.toml': '[project]\nrequires-python = ">=3.9, <4"\n[tool.pyconv]\n',
    });
    expect(findProjectConfig(derived).settings['target-version']).toBe('py39');
    const explicit = project({
      'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n[tool.pyconv]\ntarget-version = "py312"\n',
    });
    expect(findProjectConfig(explicit).settings['target-version']).toBe('py312');
  });

  it('uses requires-python of a pyproject.toml without [tool.pyconv] (as Ruff 0.10+)', () => {
    const root = project({ 'pyproject.toml': '[project]\nrequires-python = "~=3.11"\n', 'a/b.py': '' });
    const found = findProjectConfig(path.join(root, 'a'));
    expect(found.pyprojectPath).toBeUndefined();
    expect(found.root).toBe(root);
    expect(found.settings['target-version']).toBe('py311');
  });

  it('reports broken TOML once, with the parser position, and applies the defaults', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N"\nignore = []\n' });
    const found = findProjectConfig(root);
    expect(found.settings).toEqual({});
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0].file).toBe(path.join(root, 'pyproject.toml'));
    expect(found.problems[0].range).toEqual({
      start: { line: 2, character: 0 },
      end: { line: 2, character: 0 },
    });
    expect(found.problems[0].message).toMatch(/^Invalid TOML \(line 3, column 1\)/);
  });

  it('reports wrong types and unknown codes at the key line; a bad code is left out, a bad key gets its default', () => {
    const root = project({
      'pyproject.toml': [
        '[tool.pyconv]',
        'select = "N"',
        'ignore = [',
        '  "N801",',
        '  "XYZ9",',
        ']',
        'extend-select = ["D1"]',
        'target-version = "py27"',
        'colour = true',
        '',
        '[tool.pyconv.severity]',
        'N8 = "fatal"',
        'E722 = "error"',
        '',
        '[tool.pyconv.per-file-ignores]',
        '"tests/*" = ["D", "NOPE"]',
        '"scripts/*" = ["N"]',
      ].join('\n'),
    });
    const found = findProjectConfig(root);
    expect(where(found.problems)).toEqual([
      '1:0 `select` must be a list of strings',
      '4:2 Unknown rule code or prefix `XYZ9` in `ignore`; it is left out',
      '7:0 `target-version` must be one of py37..py314 (got "py27")',
      '8:0 Unknown setting `colour`',
      '11:0 Severity of `N8` must be one of error, warning, information, hint',
      '15:18 Unknown rule code or prefix `NOPE` in `per-file-ignores."tests/*"`; it is left out',
    ]);
    expect(found.settings).toEqual({
      ignore: ['N801'],
      'extend-select': ['D1'],
      severity: { E722: 'error' },
      'per-file-ignores': { 'tests/*': ['D'], 'scripts/*': ['N'] },
    });
  });

  it('reports a missing explicit config file', () => {
    const root = project({});
    const found = findProjectConfig(root, path.join(root, 'nope.toml'));
    expect(found.problems.map((p) => p.message)).toEqual([
      `Configuration file not found: ${path.join(root, 'nope.toml')}`,
    ]);
  });

  it('reads an explicit non-pyproject TOML file as top-level settings', () => {
    const root = project({ 'conf/pyconv.toml': 'select = ["E722"]\n' });
    const found = findProjectConfig(root, path.join(root, 'conf', 'pyconv.toml'));
    expect(found.settings.select).toEqual(['E722']);
    expect(found.root).toBe(path.join(root, 'conf'));
  });
});

describe('minimumPython', () => {
  it.each([
    ['>=3.9', [3, 9]],
    ['>=3.8,<4', [3, 8]],
    ['~=3.10', [3, 10]],
    ['==3.11.*', [3, 11]],
    ['>3.8', [3, 8]],
    ['>=3.6', [3, 7]],
    ['<4, >=3.12', [3, 12]],
  ])('%s gives %j', (spec, expected) => {
    expect(minimumPython(spec)).toEqual(expected);
  });

  it('gives nothing without a lower bound or for nonsense', () => {
    expect(minimumPython('<3.12')).toBeUndefined();
    expect(minimumPython('latest')).toBeUndefined();
  });
});

describe('engineConfigFor', () => {
  it('selects the defaults when nothing is configured', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\n' });
    const { config, problems } = engineConfigFor(findProjectConfig(root), path.join(root, 'a.py'));
    expect(problems).toEqual([]);
    expect(config.enabled.has('N801')).toBe(true);
    expect(config.targetVersion).toEqual([3, 10]);
  });

  it('applies per-file-ignores by path and, for patterns without `/`, by base name', () => {
    const root = project({
      'pyproject.toml':
        '[tool.pyconv]\nselect = ["N8"]\n[tool.pyconv.per-file-ignores]\n"tests/*" = ["N802"]\n"conftest.py" = ["N"]\n',
    });
    const found = findProjectConfig(root);
    const enabled = (file: string) =>
      [...engineConfigFor(found, path.join(root, file)).config.enabled].sort();
    expect(enabled('pkg/mod.py')).toEqual([
      'N801',
      'N802',
      'N803',
      'N804',
      'N805',
      'N806',
      'N815',
      'N816',
      'N818',
    ]);
    expect(enabled('tests/test_a.py')).toEqual([
      'N801',
      'N803',
      'N804',
      'N805',
      'N806',
      'N815',
      'N816',
      'N818',
    ]);
    expect(enabled('tests/deep/test_b.py')).toEqual([
      'N801',
      'N803',
      'N804',
      'N805',
      'N806',
      'N815',
      'N816',
      'N818',
    ]);
    expect(enabled('pkg/conftest.py')).toEqual([]);
  });

  it('lets editor settings win over pyproject keys; an override `select` starts afresh', () => {
    const root = project({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N"]\nignore = ["N801"]\ntarget-version = "py39"\n',
    });
    const found = findProjectConfig(root);
    const file = path.join(root, 'm.py');
    const base = engineConfigFor(found, file).config;
    expect(base.enabled.has('N801')).toBe(false);
    expect(base.enabled.has('N802')).toBe(true);
    expect(base.targetVersion).toEqual([3, 9]);

    const replaced = engineConfigFor(found, file, {
      select: ['N801', 'E722'],
      'target-version': 'py313',
    }).config;
    expect([...replaced.enabled].sort()).toEqual(['E722', 'N801']);
    expect(replaced.targetVersion).toEqual([3, 13]);

    const extended = engineConfigFor(found, file, { 'extend-select': ['E722'], ignore: ['N802'] }).config;
    expect(extended.enabled.has('E722')).toBe(true);
    expect(extended.enabled.has('N802')).toBe(false);
    expect(extended.enabled.has('N801')).toBe(false);
  });

  it('keeps the rest of an ignore list when one code is mistyped', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N8"]\nignore = ["N802", "N8O2"]\n' });
    const found = findProjectConfig(root);
    expect(where(found.problems)).toEqual([
      '2:18 Unknown rule code or prefix `N8O2` in `ignore`; it is left out',
    ]);
    const config = engineConfigFor(found, path.join(root, 'm.py'), {}).config;
    expect(config.enabled.has('N802')).toBe(false);
    expect(config.enabled.has('N801')).toBe(true);
  });

  it('reports invalid editor settings without a file, and ignores them', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n' });
    const result = engineConfigFor(findProjectConfig(root), path.join(root, 'm.py'), { select: ['BOGUS'] });
    expect(result.problems).toEqual([
      {
        message: 'Unknown rule code or prefix `BOGUS` in `select`; it is left out (editor settings)',
        file: undefined,
        range: undefined,
      },
    ]);
    expect([...result.config.enabled]).toEqual(['N801']);
  });

  it('maps severities by the longest matching prefix', () => {
    const root = project({
      'pyproject.toml':
        '[tool.pyconv]\nselect = ["N80", "E722"]\n[tool.pyconv.severity]\nN = "hint"\nN802 = "error"\nALL = "information"\n',
    });
    const { config } = engineConfigFor(findProjectConfig(root), path.join(root, 'm.py'));
    expect(config.severities).toEqual({
      N801: 'hint',
      N802: 'error',
      N803: 'hint',
      N804: 'hint',
      N805: 'hint',
      N806: 'hint',
      E722: 'information',
    });
  });

  it('validates option sections and passes their values to the engine', () => {
    const root = project({
      'pyproject.toml': '[tool.pyconv.pep8-naming]\nextend-ignore-names = ["myName"]\n',
    });
    const found = findProjectConfig(root);
    expect(found.problems).toEqual([]);
    const { config } = engineConfigFor(found, path.join(root, 'm.py'));
    expect(config.options['pep8-naming']?.['extend-ignore-names']).toEqual(['myName']);
  });

  it('reports an option section that is not a table', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\npep8-naming = 3\n' });
    expect(where(findProjectConfig(root).problems)).toEqual([
      '1:0 `[tool.pyconv.pep8-naming]` must be a table',
    ]);
  });

  it('marks excluded files: defaults replaced by exclude, extended by extend-exclude', () => {
    const root = project({
      'pyproject.toml': '[tool.pyconv]\nextend-exclude = ["gen_*.py", "legacy/old"]\n',
    });
    const found = findProjectConfig(root);
    const excluded = (file: string) => engineConfigFor(found, path.join(root, file)).excluded;
    expect(excluded('build/x.py')).toBe(true);
    expect(excluded('src/.venv/lib/x.py')).toBe(true);
    expect(excluded('src/gen_models.py')).toBe(true);
    expect(excluded('legacy/old/a.py')).toBe(true);
    expect(excluded('legacy/new/a.py')).toBe(false);
    expect(excluded('src/app.py')).toBe(false);
    const replaced = project({ 'pyproject.toml': '[tool.pyconv]\nexclude = ["only"]\n' });
    expect(engineConfigFor(findProjectConfig(replaced), path.join(replaced, 'build/x.py')).excluded).toBe(
      false,
    );
  });
});

describe('file facts', () => {
  it('derives package init, stub, private module and relative path', () => {
    expect(fileInfoFor('pkg/__init__.py')).toEqual({
      path: 'pkg/__init__.py',
      isPackageInit: true,
      isPrivateModule: false,
      isStub: false,
    });
    expect(fileInfoFor('pkg/__init__.pyi')).toMatchObject({ isPackageInit: true, isStub: true });
    expect(fileInfoFor('pkg/_impl/util.py')).toMatchObject({ isPrivateModule: true });
    expect(fileInfoFor('pkg/_helpers.py')).toMatchObject({ isPrivateModule: true });
    expect(fileInfoFor('pkg/__main__.py')).toMatchObject({ isPrivateModule: false });
    expect(fileInfoFor('_private/__init__.py')).toMatchObject({ isPrivateModule: true, isPackageInit: true });
    expect(fileInfoFor(undefined)).toEqual({ isPackageInit: false, isPrivateModule: false, isStub: false });
  });

  it('computes the path relative to the project root with `/`', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\n' });
    const { file } = engineConfigFor(findProjectConfig(root), path.join(root, 'src', '_x', 'm.py'));
    expect(file).toEqual({ path: 'src/_x/m.py', isPackageInit: false, isPrivateModule: true, isStub: false });
  });
});

describe('selection layers and globs', () => {
  const metas = [
    { code: 'A100', defaultEnabled: true },
    { code: 'A200', defaultEnabled: false },
    { code: 'B100', defaultEnabled: true },
  ].map((m) => ({ ...m, name: '', summary: '', seeds: [], fix: 'none' as const, doc: '' }));

  it('re-enables in a later layer what an earlier layer ignored (Ruff: config ignore, CLI extend-select)', () => {
    expect([...resolveLayers(metas, [{ ignore: ['A1'] }, { extendSelect: ['A100'] }])].sort()).toEqual([
      'A100',
      'B100',
    ]);
    expect([...resolveLayers(metas, [{ select: ['A'] }, { ignore: ['A2'] }])]).toEqual(['A100']);
    expect([...resolveLayers(metas, [{ ignore: ['A'] }, { select: ['A'] }])].sort()).toEqual([
      'A100',
      'A200',
    ]);
  });

  it('matches globs like Ruff', () => {
    expect(matchesPath('tests/unit/test_a.py', 'tests')).toBe(true);
    expect(matchesPath('src/tests/test_a.py', 'tests')).toBe(true);
    expect(matchesPath('src/tests/test_a.py', 'tests/*')).toBe(false);
    expect(matchesPath('src/tests/test_a.py', '**/tests/*')).toBe(true);
    expect(matchesPath('src/test_a.py', 'test_*.py')).toBe(true);
  });
});

describe('ConfigCache', () => {
  it('reads each pyproject once per folder and re-reads after invalidate', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n' });
    const cache = new ConfigCache();
    const file = path.join(root, 'pkg', 'm.py');
    expect([...cache.forFile(file).config.enabled]).toEqual(['N801']);
    writeFileSync(path.join(root, 'pyproject.toml'), '[tool.pyconv]\nselect = ["N802"]\n');
    expect([...cache.forFile(file).config.enabled]).toEqual(['N801']);
    cache.invalidate(path.join(root, 'pyproject.toml'));
    expect([...cache.forFile(file).config.enabled]).toEqual(['N802']);
  });

  it('applies overrides, and sees a new nested pyproject after invalidate()', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n' });
    const cache = new ConfigCache({ overrides: { 'extend-select': ['N802'] } });
    const file = path.join(root, 'sub', 'm.py');
    expect([...cache.forFile(file).config.enabled].sort()).toEqual(['N801', 'N802']);
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'sub', 'pyproject.toml'), '[tool.pyconv]\nselect = ["E722"]\n');
    cache.invalidate(path.join(root, 'sub', 'pyproject.toml'));
    expect([...cache.forFile(file).config.enabled].sort()).toEqual(['E722', 'N802']);
    expect(cache.forFile(file).file.path).toBe('m.py');
  });
});

describe('ConfigCache fallback root', () => {
  it('uses the fallback root for module paths when no pyproject.toml governs the file', () => {
    const root = project({ '_internal/tools/m.py': '' });
    const file = path.join(root, '_internal', 'tools', 'm.py');
    expect(new ConfigCache().forFile(file).file).toMatchObject({ path: 'm.py', isPrivateModule: false });
    expect(new ConfigCache({ fallbackRoots: [root] }).forFile(file).file).toMatchObject({
      path: '_internal/tools/m.py',
      isPrivateModule: true,
    });
  });

  it('takes the innermost fallback root that holds the file, and follows setFallbackRoots', () => {
    const root = project({ 'inner/_internal/m.py': '' });
    const file = path.join(root, 'inner', '_internal', 'm.py');
    const cache = new ConfigCache({ fallbackRoots: [root, path.join(root, 'inner')] });
    expect(cache.forFile(file).file.path).toBe('_internal/m.py');
    cache.setFallbackRoots([path.join(root, 'elsewhere')]);
    expect(cache.forFile(file).file).toMatchObject({ path: 'm.py', isPrivateModule: false });
  });
});

describe('problem positions', () => {
  it('points into inline tables and multi-line arrays', () => {
    const root = project({
      'pyproject.toml': [
        '[tool.pyconv]',
        'per-file-ignores = { "tests/*" = ["D", "NOPE"] }',
        'severity = { N = "loud" }',
        'extend-select = [',
        '  "N801", # the class names',
        '  "WAT",',
        ']',
      ].join('\n'),
    });
    expect(where(findProjectConfig(root).problems)).toEqual([
      '1:39 Unknown rule code or prefix `NOPE` in `per-file-ignores."tests/*"`; it is left out',
      '2:0 Severity of `N` must be one of error, warning, information, hint',
      '5:2 Unknown rule code or prefix `WAT` in `extend-select`; it is left out',
    ]);
  });
});

describe('standalone config files', () => {
  const enabledIn = (root: string, file = 'm.py') =>
    [
      ...engineConfigFor(findProjectConfig(path.dirname(path.join(root, file))), path.join(root, file)).config
        .enabled,
    ].sort();

  it('reads pyconv.toml at the top level, over pyproject.toml in the same folder; .pyconv.toml wins over both', () => {
    const root = project({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n',
      'pyconv.toml': 'select = ["N802"]\n',
    });
    expect(enabledIn(root)).toEqual(['N802']);
    expect(findProjectConfig(root).pyprojectPath).toBe(path.join(root, 'pyconv.toml'));
    writeFileSync(path.join(root, '.pyconv.toml'), 'select = ["N803"]\n');
    expect(enabledIn(root)).toEqual(['N803']);
  });

  it('counts an empty pyconv.toml (defaults), and the nearest folder wins over a parent', () => {
    const root = project({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n', 'sub/pyconv.toml': '' });
    const found = findProjectConfig(path.join(root, 'sub'));
    expect(found.root).toBe(path.join(root, 'sub'));
    expect(found.settings).toEqual({});
    expect(enabledIn(root, 'sub/m.py')).toContain('D103');
  });

  it('positions its problems in pyconv.toml, with no [tool.pyconv] in the key path', () => {
    const root = project({ 'pyconv.toml': 'select = ["N8O2"]\nfoo = 1\n' });
    const found = findProjectConfig(root);
    expect(where(found.problems)).toEqual([
      '0:10 Unknown rule code or prefix `N8O2` in `select`; it is left out',
      '1:0 Unknown setting `foo`',
    ]);
    expect(found.problems.every((p) => p.file === path.join(root, 'pyconv.toml'))).toBe(true);
  });

  it('is known to the cache: a change to it or to a file it extends invalidates', () => {
    const root = project({
      'pyconv.toml': 'extend = "shared/base.toml"\n',
      'shared/base.toml': 'select = ["N801"]\n',
    });
    const cache = new ConfigCache();
    const file = path.join(root, 'm.py');
    expect([...cache.forFile(file).config.enabled]).toEqual(['N801']);
    expect(cache.isConfigFile(path.join(root, 'shared', 'base.toml'))).toBe(true);
    expect(cache.isConfigFile(path.join(root, 'other', 'pyconv.toml'))).toBe(true);
    expect(cache.isConfigFile(path.join(root, 'Cargo.toml'))).toBe(false);
    writeFileSync(path.join(root, 'shared', 'base.toml'), 'select = ["N802"]\n');
    cache.invalidate(path.join(root, 'shared', 'base.toml'));
    expect([...cache.forFile(file).config.enabled]).toEqual(['N802']);
  });
});

describe('extend', () => {
  it('inherits from a pyproject.toml: own keys win, extend-select and ignore add to the base selection', () => {
    const root = project({
      'base/pyproject.toml':
        '[tool.pyconv]\nselect = ["N8"]\nignore = ["N801"]\ntarget-version = "py39"\nextend-exclude = ["gen"]\n[tool.pyconv.pep8-naming]\nignore-names = ["setUp"]\nclassmethod-decorators = ["cm"]\n',
      'app/pyconv.toml':
        'extend = "../base/pyproject.toml"\nextend-select = ["E722"]\nignore = ["N802"]\nextend-exclude = ["build2"]\n[pep8-naming]\nignore-names = ["tearDown"]\n',
    });
    const found = findProjectConfig(path.join(root, 'app'));
    expect(found.problems).toEqual([]);
    expect(found.configFiles).toEqual([
      path.join(root, 'app', 'pyconv.toml'),
      path.join(root, 'base', 'pyproject.toml'),
    ]);
    expect(found.settings['target-version']).toBe('py39');
    expect(found.settings['extend-exclude']).toEqual(['gen', 'build2']);
    expect(found.settings['pep8-naming']).toEqual({
      'ignore-names': ['tearDown'],
      'classmethod-decorators': ['cm'],
    });
    const enabled = [...engineConfigFor(found, path.join(root, 'app', 'm.py')).config.enabled].sort();
    expect(enabled).toEqual(['E722', 'N803', 'N804', 'N805', 'N806', 'N815', 'N816', 'N818']);
  });

  it('lets a select in the extending file start over', () => {
    const root = project({
      'base.toml': 'select = ["N8"]\nignore = ["N801"]\n',
      'pyconv.toml': 'extend = "base.toml"\nselect = ["N801", "E722"]\n',
    });
    const found = findProjectConfig(root);
    expect([...engineConfigFor(found, path.join(root, 'm.py')).config.enabled].sort()).toEqual([
      'E722',
      'N801',
    ]);
  });

  it("resolves each file's relative paths from that file", () => {
    const root = project({
      'pyproject.toml': '[tool.pyconv]\nextend = "config/base.toml"\nselect = ["N802"]\n',
      'config/base.toml':
        'extend = "more/deeper.toml"\n[per-file-ignores]\n"tests/*" = ["N802"]\n"conftest.py" = ["N802"]\n',
      'config/more/deeper.toml': 'exclude = ["vendored/*", "build"]\n',
    });
    const found = findProjectConfig(root);
    expect(found.problems).toEqual([]);
    expect(found.settings.exclude).toEqual(['config/more/vendored/*', 'build']);
    expect(Object.keys(found.settings['per-file-ignores'] ?? {})).toEqual(['config/tests/*', 'conftest.py']);
    const enabled = (file: string) => [...engineConfigFor(found, path.join(root, file)).config.enabled];
    expect(enabled('tests/test_a.py')).toEqual(['N802']);
    expect(enabled('config/tests/test_a.py')).toEqual([]);
    expect(enabled('pkg/conftest.py')).toEqual([]);
    expect(engineConfigFor(found, path.join(root, 'config/more/vendored/x.py')).excluded).toBe(true);
  });

  it('reports a missing file at the extend key, naming it, and keeps the own settings', () => {
    const root = project({ 'pyconv.toml': 'select = ["N801"]\nextend = "nope/base.toml"\n' });
    const found = findProjectConfig(root);
    expect(where(found.problems)).toEqual([
      `1:0 \`extend\` names a file that does not exist: ${path.join(root, 'nope', 'base.toml')}`,
    ]);
    expect(found.settings.select).toEqual(['N801']);
  });

  it('reports a cycle once, in the file that closes it, and uses what it read', () => {
    const root = project({
      'pyconv.toml': 'extend = "a.toml"\nselect = ["N801"]\n',
      'a.toml': 'extend = "b.toml"\nextend-select = ["N802"]\n',
      'b.toml': '\n\nextend = "a.toml"\n',
    });
    const found = findProjectConfig(root);
    expect(where(found.problems)).toEqual([
      '2:0 `extend` makes a cycle (pyconv.toml → a.toml → b.toml → a.toml); the chain stops here',
    ]);
    expect(found.problems[0].file).toBe(path.join(root, 'b.toml'));
    expect([...engineConfigFor(found, path.join(root, 'm.py')).config.enabled].sort()).toEqual(['N801']);
  });

  it('reports a broken base in the base, and the defaults apply for what it would have set', () => {
    const root = project({
      'pyconv.toml': 'extend = "base.toml"\nextend-select = ["E722"]\n',
      'base.toml': 'select = ["N801"\n',
    });
    const found = findProjectConfig(root);
    expect(found.problems.map((p) => p.file)).toEqual([path.join(root, 'base.toml')]);
    expect(found.problems[0].message).toMatch(/^Invalid TOML \(line 2, column 1\)/);
    const enabled = engineConfigFor(found, path.join(root, 'm.py')).config.enabled;
    expect(enabled.has('E722')).toBe(true);
    expect(enabled.has('D103')).toBe(true);
  });

  it('rejects an extend that is not a path', () => {
    const found = findProjectConfig(project({ 'pyconv.toml': 'extend = 3\n' }));
    expect(where(found.problems)).toEqual(['0:0 `extend` must be the path of a TOML file']);
  });

  it('follows extend from an explicit --config file', () => {
    const root = project({
      'ci/strict.toml': 'extend = "../pyconv.toml"\nextend-select = ["E722"]\n',
      'pyconv.toml': 'select = ["N801"]\n',
    });
    const found = findProjectConfig(root, path.join(root, 'ci', 'strict.toml'));
    expect(found.problems).toEqual([]);
    expect([...engineConfigFor(found, path.join(root, 'm.py')).config.enabled].sort()).toEqual([
      'E722',
      'N801',
    ]);
  });
});
