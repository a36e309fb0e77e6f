import { DUMMY_VARIABLE } from '../../analysis/python-names';
import { compileConfigRegex, type LinearMatcher } from '../../engine/config-patterns';
import { declareOptions, integerOption, regexOption } from '../../engine/option-schema';

/** Ruff's default `dummy-variable-rgx`: `_`, `__`, `_name`, but not `_name_`. */
export const DEFAULT_DUMMY_VARIABLE_RGX = DUMMY_VARIABLE.source;

/** `[tool.pyconv.pylint]`: Ruff's `lint.pylint` keys, plus Ruff's `lint.dummy-variable-rgx`. */
export const pylintOptions = declareOptions(
  'pylint',
  {
    'max-args': integerOption(0, 5, 'PLR0913 flags function definitions with more parameters than this.'),
    'dummy-variable-rgx': regexOption(
      DEFAULT_DUMMY_VARIABLE_RGX,
      "parameters whose names match are not counted by PLR0913 (Ruff's `lint.dummy-variable-rgx`).",
    ),
  },
  { intro: "Options of the rules with Ruff's pylint codes (PLR0913)." },
);

/** The configured dummy-name matcher; validation already refused a pattern RE2 cannot compile. */
export const dummyVariable = pylintOptions.derived((options): LinearMatcher => {
  // The default is the engine's own constant pattern (no user input): the native matcher, several
  // times faster than RE2's for the test each parameter of each function makes.
  if (options['dummy-variable-rgx'] === DEFAULT_DUMMY_VARIABLE_RGX) return DUMMY_VARIABLE;
  const result = compileConfigRegex(options['dummy-variable-rgx']);
  return 'error' in result ? (compileConfigRegex(DEFAULT_DUMMY_VARIABLE_RGX) as LinearMatcher) : result;
});
