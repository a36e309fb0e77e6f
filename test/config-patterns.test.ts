/**
 * Patterns from configuration files are matched in linear time: a backtracking pattern against a
 * long name must not hang the engine (issue 12, item 16).
 */
import { describe, expect, it } from 'vitest';
import { compileConfigRegex, compileNameGlob, compilePathGlob } from '../server/src/engine/config-patterns';
import { isExcluded, perFileIgnores } from '../server/src/project/paths';
import { validateSettings } from '../server/src/project/validate';
import { pyconvNamingOptions } from '../server/src/rules/naming/options';
import { flagged } from './helpers/analyze';

const HOSTILE_REGEX = '^(a|a)+$';
const HOSTILE_GLOB = '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
const LONG = 'a'.repeat(10_000);

/** Runs `work` and fails when it takes a second or more. */
async function underOneSecond<T>(work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  expect(performance.now() - started).toBeLessThan(1000);
  return result;
}

describe('config patterns are matched in linear time', () => {
  it('matches globs on names and paths as globset does', () => {
    expect(compileNameGlob('test*')?.test('testFoo')).toBe(true);
    expect(compileNameGlob('set{Up,UpClass}')?.test('setUpClass')).toBe(true);
    expect(compileNameGlob('[a-c]?')?.test('bz')).toBe(true);
    expect(compileNameGlob('\\*x')?.test('*x')).toBe(true);
    expect(compilePathGlob('*.py')?.test('a/b.py')).toBe(false);
    expect(compilePathGlob('**/migrations/*.py')?.test('migrations/x.py')).toBe(true);
    expect(compilePathGlob('**/migrations/*.py')?.test('app/db/migrations/x.py')).toBe(true);
    expect(compilePathGlob('src/**')?.test('src')).toBe(true);
    expect(compilePathGlob('src/**')?.test('src/a/b.py')).toBe(true);
    expect(compilePathGlob('a/**/b.py')?.test('a/b.py')).toBe(true);
    expect(compilePathGlob('a/**/b.py')?.test('a/x/y/b.py')).toBe(true);
    for (const malformed of ['[abc', '{a,b', 'x\\']) expect(compileNameGlob(malformed)).toBeUndefined();
  });

  it('answers hostile globs and regexes against a 10,000-character name at once', async () => {
    await underOneSecond(() => {
      expect(compileNameGlob(HOSTILE_GLOB)?.test(LONG)).toBe(false);
      expect(compilePathGlob(HOSTILE_GLOB)?.test(LONG)).toBe(false);
      expect(compilePathGlob('**a**a**a**a**a**a**a**a**b')?.test(`${LONG}/${LONG}`)).toBe(false);
      expect(compilePathGlob('{a,a}{a,a}{a,a}{a,a}{a,a}*b')?.test(LONG)).toBe(false);
      const regex = compileConfigRegex(HOSTILE_REGEX);
      expect('test' in regex && regex.test(`${LONG}b`)).toBe(false);
    });
  });

  it('refuses a regex RE2 cannot run (backreference, lookaround) with a clear message', () => {
    const { value, problems } = pyconvNamingOptions.validate({ 'typevar-pattern': '^(T)\\1$' });
    expect(value['typevar-pattern']).toBe('^_?(?:[A-Z]|[A-Z][A-Za-z0-9]*T)(?:_co|_contra)?$');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/typevar-pattern is not a valid regular expression: .*backreferences/);
    expect(pyconvNamingOptions.validate({ 'typevar-pattern': '(?<=_)T' }).problems).toHaveLength(1);
  });

  it('reports malformed path globs in exclude and per-file-ignores', () => {
    const where = { file: 'pyproject.toml', table: ['tool', 'pyconv'] };
    const { settings, problems } = validateSettings(
      { exclude: ['ok', 'bad['], 'per-file-ignores': { '{x': ['E722'], 'tests/*': ['E722'] } },
      where,
    );
    expect(settings.exclude).toEqual(['ok']);
    expect(settings['per-file-ignores']).toEqual({ 'tests/*': ['E722'] });
    expect(problems.map((p) => p.message)).toEqual([
      'Invalid glob pattern `bad[` in `exclude`',
      'Invalid glob pattern `{x` in `per-file-ignores`',
    ]);
  });

  it('exclude and per-file-ignores finish at once on hostile globs', async () => {
    await underOneSecond(() => {
      expect(isExcluded(`${LONG}.py`, [HOSTILE_GLOB])).toBe(false);
      expect(isExcluded(`pkg/${LONG}/x.py`, [`**/${HOSTILE_GLOB}/*`])).toBe(false);
      expect(perFileIgnores({ [HOSTILE_GLOB]: ['E722'] }, `${LONG}.py`)).toEqual([]);
    });
  });

  it('the engine checks a 10,000-character name against hostile options at once', async () => {
    const typeVar = `from typing import TypeVar\n${LONG}b = TypeVar("${LONG}b")\n`;
    const typeVarFlags = await underOneSecond(() =>
      flagged(typeVar, 'PCV104', { options: { 'pyconv-naming': { 'typevar-pattern': HOSTILE_REGEX } } }),
    );
    expect(typeVarFlags).toHaveLength(1);
    const functionName = `def A${LONG}():\n    pass\n`;
    const options = { 'pep8-naming': { 'extend-ignore-names': [HOSTILE_GLOB] } };
    expect(await underOneSecond(() => flagged(functionName, 'N802', { options }))).toHaveLength(1);
    const imports = `import os\nimport ${LONG}\n`;
    const isort = { isort: { 'known-first-party': [HOSTILE_GLOB] } };
    await underOneSecond(() => flagged(imports, 'I001', { options: isort }));
  });
});
