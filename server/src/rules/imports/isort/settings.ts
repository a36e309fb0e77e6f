import {
  anyIntegerOption,
  booleanOption,
  choiceOption,
  declareOptions,
  type OptionField,
  stringListOption,
  stringOption,
} from '../../../engine/option-schema';

/** `[tool.pyconv.isort]` resolved for the sorter (camelCase, Ruff's adjustments applied). */
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

const modulesDoc = (what: string): { typeDoc: string; doc: string } => ({
  typeDoc: 'list of module names or globs',
  doc: what,
});

const sectionsOption: OptionField<Record<string, string[]>> = {
  default: {},
  typeDoc: 'table',
  doc: 'custom sections: section name -> module patterns; name them in `section-order`.',
  check(key, raw) {
    const valid =
      typeof raw === 'object' &&
      raw !== null &&
      !Array.isArray(raw) &&
      Object.values(raw).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'));
    return valid
      ? { value: raw as Record<string, string[]>, problems: [] }
      : { problems: [`${key} must be a table of section name -> list of module patterns`] };
  },
};

/** `[tool.pyconv.isort]`: Ruff's keys and defaults. */
export const isortOptions = declareOptions(
  'isort',
  {
    'known-first-party': stringListOption([], modulesDoc('modules that are first-party.')),
    'known-third-party': stringListOption([], modulesDoc('modules that are third-party.')),
    'known-local-folder': stringListOption([], modulesDoc('modules that are local folders.')),
    'extra-standard-library': stringListOption(
      [],
      modulesDoc('modules to treat as part of the standard library.'),
    ),
    sections: sectionsOption,
    'section-order': stringListOption(KNOWN_SECTIONS, {
      typeDoc: 'list of section names',
      doc: 'the order of sections; a default section missing from it goes last.',
    }),
    'default-section': stringOption('third-party', 'the section of a module no other setting places.'),
    'force-sort-within-sections': booleanOption(
      false,
      'sort `import x` and `from x import y` together by module.',
    ),
    'combine-as-imports': booleanOption(false, 'combine `as` imports of one module into one statement.'),
    'lines-after-imports': anyIntegerOption(
      -1,
      'blank lines after the imports; `-1`: one, or two before a class or function.',
    ),
    'force-single-line': booleanOption(false, 'one member per `from` import.'),
    'single-line-exclusions': stringListOption([], {
      doc: 'modules that `force-single-line` leaves alone.',
    }),
    'order-by-type': booleanOption(true, 'order members as constants, classes, then the rest.'),
    'case-sensitive': booleanOption(false, 'sort case-sensitively.'),
    'force-wrap-aliases': booleanOption(false, 'wrap a `from` import with an `as` member one member a line.'),
    'split-on-trailing-comma': booleanOption(
      true,
      'keep a `from` import with a trailing comma one member a line.',
    ),
    'relative-imports-order': choiceOption(
      ['furthest-to-closest', 'closest-to-furthest'],
      'furthest-to-closest',
      'the order of relative imports by their number of dots.',
      (key, raw) =>
        `${key} must be "furthest-to-closest" or "closest-to-furthest" (got ${JSON.stringify(raw)})`,
    ),
    'detect-same-package': booleanOption(true, "place imports of the file's own package as first-party."),
    'line-length': anyIntegerOption(88, 'the wrap width; Ruff takes it from the top-level `line-length`.'),
    'required-imports': stringListOption([], {
      doc: 'imports I002 requires, e.g. `["from __future__ import annotations"]`.',
    }),
  },
  {
    intro: 'Options of I001 and I002.',
    consistency: (value) =>
      value['section-order']
        .filter(
          (name) =>
            !(KNOWN_SECTIONS as readonly string[]).includes(name) && !Object.hasOwn(value.sections, name),
        )
        .map((name) => `section-order: unknown section \`${name}\` (define it under \`sections\`)`),
  },
);

/** The section's settings as the sorter uses them, resolved as Ruff resolves them. */
export const resolveIsortSettings = isortOptions.derived((options): IsortSettings => {
  // Ruff drops built-in names from `sections` and appends a default section missing from the order.
  const sections = Object.fromEntries(
    Object.entries(options.sections).filter(
      ([name]) => !(KNOWN_SECTIONS as readonly string[]).includes(name),
    ),
  );
  const order = options['section-order'];
  const defaultSection = options['default-section'];
  return {
    knownFirstParty: options['known-first-party'],
    knownThirdParty: options['known-third-party'],
    knownLocalFolder: options['known-local-folder'],
    extraStandardLibrary: options['extra-standard-library'],
    sections,
    sectionOrder: order.includes(defaultSection) ? order : [...order, defaultSection],
    defaultSection,
    forceSortWithinSections: options['force-sort-within-sections'],
    combineAsImports: options['combine-as-imports'],
    linesAfterImports: options['lines-after-imports'],
    forceSingleLine: options['force-single-line'],
    singleLineExclusions: options['single-line-exclusions'],
    orderByType: options['order-by-type'],
    caseSensitive: options['case-sensitive'],
    forceWrapAliases: options['force-wrap-aliases'],
    splitOnTrailingComma: options['split-on-trailing-comma'],
    relativeImportsOrder: options['relative-imports-order'],
    detectSamePackage: options['detect-same-package'],
    lineLength: options['line-length'],
    requiredImports: options['required-imports'],
  };
});
