import { compileConfigRegex, compileNameGlob, type LinearMatcher } from '../../engine/config-patterns';
import type { BaseContext, OptionSection } from '../../engine/rule';
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

/** `[tool.pyconv.pep8-naming]` after validation: Ruff's keys, `ignore-names` with its default applied. */
export interface Pep8NamingOptions {
  'ignore-names': string[];
  'extend-ignore-names': string[];
  'classmethod-decorators': string[];
  'staticmethod-decorators': string[];
}

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

/** `[tool.pyconv.pyconv-naming]`: options of the PCV1xx rules. */
export interface PyconvNamingOptions {
  'bool-prefixes': string[];
  'typevar-pattern': string;
}

function asTable(raw: unknown, section: string, problems: string[]): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  problems.push(`[tool.pyconv.${section}] must be a table`);
  return {};
}

function stringList(
  table: Record<string, unknown>,
  key: string,
  section: string,
  problems: string[],
): string[] | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  problems.push(`[tool.pyconv.${section}] ${key} must be a list of strings`);
  return undefined;
}

function unknownKeys(
  table: Record<string, unknown>,
  known: readonly string[],
  section: string,
  problems: string[],
): void {
  for (const key of Object.keys(table)) {
    if (!known.includes(key))
      problems.push(`[tool.pyconv.${section}] unknown key "${key}" (known: ${known.join(', ')})`);
  }
}

export const pep8NamingOptions: OptionSection = {
  name: 'pep8-naming',
  doc: `- \`ignore-names\` (list of glob patterns, default: unittest's \`setUp\`, \`tearDown\`, \`setUpClass\`, \`tearDownClass\`, \`setUpModule\`, \`tearDownModule\`, \`asyncSetUp\`, \`asyncTearDown\`, \`setUpTestData\`, \`failureException\`, \`longMessage\`, \`maxDiff\`): names the N8xx rules and N999 never flag. Setting it replaces the defaults.
- \`extend-ignore-names\` (list of glob patterns, default \`[]\`): more names to skip, on top of \`ignore-names\`.
- \`classmethod-decorators\` (list of names, default \`[]\`): decorators that make a method a class method (N804 expects \`cls\`), besides \`classmethod\`. An entry matches a decorator by qualified name (\`pkg.deco\`) or by its last dotted part (\`deco\`, also for \`@x.deco\` and \`@deco(...)\`), as in Ruff.
- \`staticmethod-decorators\` (list of names, default \`[]\`): the same for static methods, which N804/N805 skip.`,
  validate(raw) {
    const problems: string[] = [];
    const section = 'pep8-naming';
    const table = asTable(raw, section, problems);
    const keys = ['ignore-names', 'extend-ignore-names', 'classmethod-decorators', 'staticmethod-decorators'];
    unknownKeys(table, keys, section, problems);
    const globs = (key: string): string[] | undefined => {
      const list = stringList(table, key, section, problems);
      if (!list) return undefined;
      const bad = list.filter((pattern) => !compileNameGlob(pattern));
      for (const pattern of bad)
        problems.push(`[tool.pyconv.${section}] ${key}: invalid glob pattern "${pattern}"`);
      return list.filter((pattern) => !bad.includes(pattern));
    };
    const value: Pep8NamingOptions = {
      'ignore-names': globs('ignore-names') ?? [...DEFAULT_IGNORE_NAMES],
      'extend-ignore-names': globs('extend-ignore-names') ?? [],
      'classmethod-decorators': stringList(table, 'classmethod-decorators', section, problems) ?? [],
      'staticmethod-decorators': stringList(table, 'staticmethod-decorators', section, problems) ?? [],
    };
    return { value: { ...value }, problems };
  },
};

export const pyconvNamingOptions: OptionSection = {
  name: 'pyconv-naming',
  doc: `- \`bool-prefixes\` (list of strings, default \`${JSON.stringify(DEFAULT_BOOL_PREFIXES)}\`): PCV102 accepts a boolean variable whose name (leading underscores aside) is one of these words or starts with one followed by \`_\`.
- \`typevar-pattern\` (regular expression in RE2 syntax, searched; default \`${DEFAULT_TYPEVAR_PATTERN}\`): PCV104's accepted \`TypeVar\`/\`ParamSpec\`/\`TypeVarTuple\` names.`,
  validate(raw) {
    const problems: string[] = [];
    const section = 'pyconv-naming';
    const table = asTable(raw, section, problems);
    unknownKeys(table, ['bool-prefixes', 'typevar-pattern'], section, problems);
    const prefixes = stringList(table, 'bool-prefixes', section, problems) ?? [...DEFAULT_BOOL_PREFIXES];
    let pattern = DEFAULT_TYPEVAR_PATTERN;
    const rawPattern = table['typevar-pattern'];
    if (rawPattern !== undefined) {
      if (typeof rawPattern !== 'string')
        problems.push(`[tool.pyconv.${section}] typevar-pattern must be a string`);
      else {
        const compiled = compileConfigRegex(rawPattern);
        if ('error' in compiled)
          problems.push(
            `[tool.pyconv.${section}] typevar-pattern is not a valid regular expression: ${compiled.error}`,
          );
        else pattern = rawPattern;
      }
    }
    const value: PyconvNamingOptions = {
      'bool-prefixes': prefixes.map((p) => p.replace(/_+$/, '')),
      'typevar-pattern': pattern,
    };
    return { value: { ...value }, problems };
  },
};

const matcherCache = new WeakMap<object, (name: string) => boolean>();
const DEFAULT_MATCHER = (name: string): boolean => DEFAULT_IGNORE_NAMES.includes(name);

/** Whether `ignore-names`/`extend-ignore-names` (or their defaults) cover `name`. */
export function isIgnoredName(ctx: BaseContext, name: string): boolean {
  const options = ctx.config.options['pep8-naming'];
  if (!options) return DEFAULT_MATCHER(normalizeIdentifier(name));
  let matcher = matcherCache.get(options);
  if (!matcher) {
    const list = options as Partial<Pep8NamingOptions>;
    const patterns = [
      ...(list['ignore-names'] ?? DEFAULT_IGNORE_NAMES),
      ...(list['extend-ignore-names'] ?? []),
    ];
    const globs = patterns.map(compileNameGlob).filter((g): g is LinearMatcher => g !== undefined);
    matcher = (n: string) => globs.some((g) => g.test(n));
    matcherCache.set(options, matcher);
  }
  return matcher(normalizeIdentifier(name));
}

export function pyconvNamingOptionsOf(ctx: BaseContext): PyconvNamingOptions {
  const options = ctx.options<PyconvNamingOptions>('pyconv-naming');
  return {
    'bool-prefixes': (options['bool-prefixes'] ?? DEFAULT_BOOL_PREFIXES).map((p) => p.replace(/_+$/, '')),
    'typevar-pattern': options['typevar-pattern'] ?? DEFAULT_TYPEVAR_PATTERN,
  };
}
