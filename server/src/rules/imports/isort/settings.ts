/** The `[tool.pyconv.isort]` options, with Ruff's key names and defaults. */
export interface IsortSettings {
  knownFirstParty: readonly string[];
  knownThirdParty: readonly string[];
  knownLocalFolder: readonly string[];
  extraStandardLibrary: readonly string[];
  /** Custom sections: name -> module patterns. */
  sections: Readonly<Record<string, readonly string[]>>;
  sectionOrder: readonly string[];
  defaultSection: string;
  forceSortWithinSections: boolean;
  combineAsImports: boolean;
  linesAfterImports: number;
  forceSingleLine: boolean;
  singleLineExclusions: readonly string[];
  orderByType: boolean;
  caseSensitive: boolean;
  forceWrapAliases: boolean;
  splitOnTrailingComma: boolean;
  relativeImportsOrder: 'furthest-to-closest' | 'closest-to-furthest';
  detectSamePackage: boolean;
  lineLength: number;
  requiredImports: readonly string[];
}

export const KNOWN_SECTIONS = [
  'future',
  'standard-library',
  'third-party',
  'first-party',
  'local-folder',
] as const;

export const DEFAULT_ISORT: IsortSettings = {
  knownFirstParty: [],
  knownThirdParty: [],
  knownLocalFolder: [],
  extraStandardLibrary: [],
  sections: {},
  sectionOrder: KNOWN_SECTIONS,
  defaultSection: 'third-party',
  forceSortWithinSections: false,
  combineAsImports: false,
  linesAfterImports: -1,
  forceSingleLine: false,
  singleLineExclusions: [],
  orderByType: true,
  caseSensitive: false,
  forceWrapAliases: false,
  splitOnTrailingComma: true,
  relativeImportsOrder: 'furthest-to-closest',
  detectSamePackage: true,
  lineLength: 88,
  requiredImports: [],
};

type Kind = 'strings' | 'boolean' | 'integer' | 'sections' | 'relative-order' | 'string';

/** Option key -> [settings field, value kind]. */
const KEYS: Record<string, readonly [keyof IsortSettings, Kind]> = {
  'known-first-party': ['knownFirstParty', 'strings'],
  'known-third-party': ['knownThirdParty', 'strings'],
  'known-local-folder': ['knownLocalFolder', 'strings'],
  'extra-standard-library': ['extraStandardLibrary', 'strings'],
  sections: ['sections', 'sections'],
  'section-order': ['sectionOrder', 'strings'],
  'default-section': ['defaultSection', 'string'],
  'force-sort-within-sections': ['forceSortWithinSections', 'boolean'],
  'combine-as-imports': ['combineAsImports', 'boolean'],
  'lines-after-imports': ['linesAfterImports', 'integer'],
  'force-single-line': ['forceSingleLine', 'boolean'],
  'single-line-exclusions': ['singleLineExclusions', 'strings'],
  'order-by-type': ['orderByType', 'boolean'],
  'case-sensitive': ['caseSensitive', 'boolean'],
  'force-wrap-aliases': ['forceWrapAliases', 'boolean'],
  'split-on-trailing-comma': ['splitOnTrailingComma', 'boolean'],
  'relative-imports-order': ['relativeImportsOrder', 'relative-order'],
  'detect-same-package': ['detectSamePackage', 'boolean'],
  'line-length': ['lineLength', 'integer'],
  'required-imports': ['requiredImports', 'strings'],
};

export const ISORT_OPTION_KEYS = Object.keys(KEYS);

/** Checks a raw `isort` table; unknown keys and wrong types are reported and skipped. */
export function validateIsortOptions(raw: unknown): { value: Record<string, unknown>; problems: string[] } {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  if (raw === undefined) return { value, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { value, problems: ['`isort` must be a table'] };
  }
  for (const [key, item] of Object.entries(raw)) {
    const spec = KEYS[key];
    if (!spec) {
      problems.push(`unknown isort option \`${key}\``);
      continue;
    }
    const problem = checkKind(item, spec[1]);
    if (problem) problems.push(`isort.${key}: ${problem}`);
    else value[key] = item;
  }
  const order = value['section-order'] as string[] | undefined;
  const sections = (value.sections ?? {}) as Record<string, string[]>;
  for (const name of order ?? []) {
    if (!(KNOWN_SECTIONS as readonly string[]).includes(name) && !(name in sections)) {
      problems.push(`isort.section-order: unknown section \`${name}\` (define it under \`sections\`)`);
    }
  }
  return { value, problems };
}

function checkKind(item: unknown, kind: Kind): string | undefined {
  switch (kind) {
    case 'strings':
      return Array.isArray(item) && item.every((s) => typeof s === 'string')
        ? undefined
        : 'expected a list of strings';
    case 'string':
      return typeof item === 'string' ? undefined : 'expected a string';
    case 'boolean':
      return typeof item === 'boolean' ? undefined : 'expected true or false';
    case 'integer':
      return Number.isInteger(item) ? undefined : 'expected an integer';
    case 'relative-order':
      return item === 'furthest-to-closest' || item === 'closest-to-furthest'
        ? undefined
        : 'expected "furthest-to-closest" or "closest-to-furthest"';
    case 'sections':
      return typeof item === 'object' &&
        item !== null &&
        !Array.isArray(item) &&
        Object.values(item).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))
        ? undefined
        : 'expected a table of section name -> list of module patterns';
  }
}

const cache = new WeakMap<object, IsortSettings>();

/** Settings from validated options (missing keys take Ruff's defaults), as Ruff resolves them. */
export function resolveIsortSettings(options: Readonly<Record<string, unknown>>): IsortSettings {
  const cached = cache.get(options);
  if (cached) return cached;
  const settings: Record<string, unknown> = { ...DEFAULT_ISORT };
  for (const [key, [field]] of Object.entries(KEYS)) {
    if (options[key] !== undefined) settings[field] = options[key];
  }
  const resolved = settings as unknown as IsortSettings;
  // Ruff drops built-in names from `sections` and appends a default section missing from the order.
  const sections = Object.fromEntries(
    Object.entries(resolved.sections).filter(
      ([name]) => !(KNOWN_SECTIONS as readonly string[]).includes(name),
    ),
  );
  const sectionOrder = resolved.sectionOrder.includes(resolved.defaultSection)
    ? resolved.sectionOrder
    : [...resolved.sectionOrder, resolved.defaultSection];
  const result = { ...resolved, sections, sectionOrder };
  cache.set(options, result);
  return result;
}
