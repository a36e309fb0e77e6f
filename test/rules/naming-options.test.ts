import { describe, expect, it } from 'vitest';
import { compileNameGlob } from '../../server/src/engine/config-patterns';
import { isCapWords, isLowercase, isMixedCase } from '../../server/src/rules/naming/case';
import {
  DEFAULT_IGNORE_NAMES,
  pep8NamingOptions,
  pyconvNamingOptions,
} from '../../server/src/rules/naming/options';

describe('[tool.pyconv.pep8-naming]', () => {
  it('defaults ignore-names to unittest names', () => {
    const { value, problems } = pep8NamingOptions.validate(undefined);
    expect(problems).toEqual([]);
    expect(value['ignore-names']).toEqual(DEFAULT_IGNORE_NAMES);
    expect(value['extend-ignore-names']).toEqual([]);
  });

  it('reports bad values and unknown keys, keeping the defaults', () => {
    const { value, problems } = pep8NamingOptions.validate({
      'ignore-names': 'setUp',
      'extend-ignore-names': ['ok*', 'bad['],
      typo: 1,
    });
    expect(problems).toEqual([
      '[tool.pyconv.pep8-naming] ignore-names must be a list of strings',
      '[tool.pyconv.pep8-naming] extend-ignore-names: invalid glob pattern "bad["',
      '[tool.pyconv.pep8-naming] unknown key "typo" (known: ignore-names, extend-ignore-names, classmethod-decorators, staticmethod-decorators)',
    ]);
    expect(value['ignore-names']).toEqual(DEFAULT_IGNORE_NAMES);
    expect(value['extend-ignore-names']).toEqual(['ok*']);
    expect(pep8NamingOptions.validate(3).problems).toEqual(['[tool.pyconv.pep8-naming] must be a table']);
  });

  it('matches globs as Ruff does', () => {
    expect(compileNameGlob('test*')?.test('testFoo')).toBe(true);
    expect(compileNameGlob('?X')?.test('aX')).toBe(true);
    expect(compileNameGlob('[!a]b')?.test('ab')).toBe(false);
    expect(compileNameGlob('{foo,bar}Baz')?.test('barBaz')).toBe(true);
    expect(compileNameGlob('a.b')?.test('axb')).toBe(false);
  });
});

describe('[tool.pyconv.pyconv-naming]', () => {
  it('validates bool-prefixes and typevar-pattern', () => {
    const { value, problems } = pyconvNamingOptions.validate({
      'bool-prefixes': ['is_', 'has'],
      'typevar-pattern': '(',
    });
    expect(value['bool-prefixes']).toEqual(['is', 'has']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^\[tool\.pyconv\.pyconv-naming\] typevar-pattern is not a valid regular expression/,
    );
  });
});

describe('case predicates (Ruff definitions)', () => {
  it('classifies names', () => {
    expect([
      isLowercase('snake_case_2'),
      isLowercase('école'),
      isLowercase('中文'),
      isLowercase('Abc'),
    ]).toEqual([true, true, false, false]);
    expect([
      isMixedCase('mixedCase'),
      isMixedCase('_mixed_Case'),
      isMixedCase('MIXED'),
      isMixedCase('_'),
    ]).toEqual([true, true, false, false]);
    expect([isCapWords('_Private'), isCapWords('Foo_'), isCapWords('École'), isCapWords('')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
