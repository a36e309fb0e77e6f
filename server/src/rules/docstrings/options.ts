import { CONVENTIONS } from '../../docstrings/reading';
import {
  booleanOption,
  choiceOption,
  declareOptions,
  qualifiedNamesOption,
  stringOption,
} from '../../engine/option-schema';

/** `[tool.pyconv.pydocstyle]`, Ruff's keys (and `"sphinx"`, which Ruff's pydocstyle lacks). */
export const pydocstyleOptions = declareOptions('pydocstyle', {
  convention: choiceOption(
    CONVENTIONS,
    'auto',
    'the docstring convention D417 and the DOC rules read sections in: `"google"`, `"numpy"`, `"sphinx"` (`:param x:` fields), or `"auto"` (also `"pep257"`), which guesses Google or NumPy per docstring as Ruff does without a convention (Sphinx fields are read only under `"sphinx"`, since Ruff does not read them).',
    (key, raw) =>
      `${key} must be "auto", "google", "numpy", "sphinx" or "pep257" (got ${JSON.stringify(raw)})`,
  ),
  'ignore-decorators': qualifiedNamesOption(
    'functions with one of these decorators are skipped by every docstring rule (D1xx, D417, DOC).',
  ),
  'property-decorators': qualifiedNamesOption(
    'decorators that make a method a property, in addition to `property`, `functools.cached_property`...; properties need no `Returns:` (DOC201).',
  ),
  'ignore-var-parameters': booleanOption(false, 'D417 does not ask for `*args` and `**kwargs` entries.'),
});

/** `[tool.pyconv.pydoclint]`, Ruff's keys. */
export const pydoclintOptions = declareOptions('pydoclint', {
  'ignore-one-line-docstrings': booleanOption(
    false,
    'DOC201, DOC402, DOC501 and DOC502 skip docstrings that are a single line.',
  ),
});

/** `[tool.pyconv.docstring]`: the style of generated docstring templates (completion, D1xx fixes). */
export const docstringOptions = declareOptions('docstring', {
  style: choiceOption(
    ['google', 'numpy', 'sphinx'],
    'google',
    'the style of docstring templates inserted by the `"""` completion and the D100-D107 fixes: `"google"`, `"numpy"` or `"sphinx"`. The editor setting `pyconv.docstring.style` takes precedence.',
    (key, raw) => `${key} must be "google", "numpy" or "sphinx" (got ${JSON.stringify(raw)})`,
  ),
  includeTypes: booleanOption(
    true,
    'templates give the types of arguments, returns, yields and attributes (from annotations and literal defaults).',
  ),
  quoteStyle: choiceOption(
    ['file', '"""', "'''"],
    'file',
    'the quotes of the D100-D107 fix templates: `"file"` (those most of the file\'s docstrings use, else `"""`), `\'"""\'` or `"\'\'\'"`. The completion keeps the quotes you typed.',
    (key, raw) => `${key} must be "file", '"""' or "'''" (got ${JSON.stringify(raw)})`,
  ),
  startOnNewLine: booleanOption(false, 'the summary starts on the line after the opening quotes.'),
  extendedSummary: booleanOption(false, 'templates have an extended-summary placeholder below the summary.'),
  placeholder: stringOption('Description.', 'the placeholder text of each description in a template.'),
  template: stringOption(
    '',
    'a mustache template file for the `"""` completion, relative to the configuration file (see "Custom docstring templates" below); a missing or broken file is reported once and the built-in template is used.',
  ),
});
