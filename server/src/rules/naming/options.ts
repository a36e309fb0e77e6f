import { compileNameGlob, type LinearMatcher } from '../../engine/config-patterns';
import { declareOptions, globListOption, regexOption, stringListOption } from '../../engine/option-schema';
import type { BaseContext } from '../../engine/rule';
import { normalizeIdentifier } from './case';

/** pep8-naming's default `ignore-names`: unittest's camelCase hooks and attributes (as Ruff). */
export const DEFAULT_IGNORE_NAMES: readonly string[] = [
  'setUp',
  'tearDown',
  'setUpClass',
  'tearDownClass',
  'setUpModule',
  'tearDownModule',
  'asyncSetUp',
  'asyncTearDown',
  'setUpTestData',
  'failureException',
  'longMessage',
  'maxDiff',
];

export const DEFAULT_BOOL_PREFIXES: readonly string[] = [
  'is',
  'has',
  'have',
  'can',
  'should',
  'was',
  'were',
  'will',
  'did',
  'does',
  'do',
  'are',
  'needs',
  'must',
  'allow',
  'use',
  'enable',
];

/** Single capital letters, or CapWords ending in `T`, optionally with PEP 484's variance suffix. */
export const DEFAULT_TYPEVAR_PATTERN = '^_?(?:[A-Z]|[A-Z][A-Za-z0-9]*T)(?:_co|_contra)?$';

/** `[tool.pyconv.pep8-naming]`: Ruff's keys; `ignore-names` and `extend-ignore-names` are linear-time globs. */
export const pep8NamingOptions = declareOptions('pep8-naming', {
  'ignore-names': globListOption(DEFAULT_IGNORE_NAMES, {
    defaultDoc: `unittest's ${DEFAULT_IGNORE_NAMES.map((name) => `\`${name}\``).join(', ')}`,
    doc: 'names the N8xx rules and N999 never flag. Setting it replaces the defaults.',
  }),
  'extend-ignore-names': globListOption([], {
    doc: 'more names to skip, on top of `ignore-names`.',
  }),
  'classmethod-decorators': stringListOption([], {
    typeDoc: 'list of names',
    doc: 'decorators that make a method a class method (N804 expects `cls`), besides `classmethod`. An entry matches a decorator by qualified name (`pkg.deco`) or by its last dotted part (`deco`, also for `@x.deco` and `@deco(...)`), as in Ruff.',
  }),
  'staticmethod-decorators': stringListOption([], {
    typeDoc: 'list of names',
    doc: 'the same for static methods, which N804/N805 skip.',
  }),
});

/** `[tool.pyconv.pyconv-naming]`: options of the PCV1xx rules. */
export const pyconvNamingOptions = declareOptions('pyconv-naming', {
  'bool-prefixes': stringListOption(DEFAULT_BOOL_PREFIXES, {
    // `is_` and `is` name the same prefix.
    normalize: (prefix) => prefix.replace(/_+$/, ''),
    doc: 'PCV102 accepts a boolean variable whose name (leading underscores aside) is one of these words or starts with one followed by `_`.',
  }),
  'typevar-pattern': regexOption(
    DEFAULT_TYPEVAR_PATTERN,
    "PCV104's accepted `TypeVar`/`ParamSpec`/`TypeVarTuple` names.",
  ),
});

const ignoredNameMatcher = pep8NamingOptions.derived((options) => {
  const patterns = [...options['ignore-names'], ...options['extend-ignore-names']];
  const globs = patterns.map(compileNameGlob).filter((g): g is LinearMatcher => g !== undefined);
  return (name: string) => globs.some((g) => g.test(name));
});

/** Whether `ignore-names`/`extend-ignore-names` (or their defaults) cover `name`. */
export function isIgnoredName(ctx: BaseContext, name: string): boolean {
  return ignoredNameMatcher(ctx)(normalizeIdentifier(name));
}
