import { booleanOption, declareOptions } from '../../engine/option-schema';

/** `[tool.pyconv.flake8-annotations]`, Ruff's option names and defaults. */
export const flake8AnnotationsOptions = declareOptions(
  'flake8-annotations',
  {
    'mypy-init-return': booleanOption(
      false,
      'no ANN204 for an `__init__` without a return annotation when at least one argument is annotated.',
    ),
    'suppress-dummy-args': booleanOption(
      false,
      'no ANN001/ANN002/ANN003 for arguments named like dummies (`_`, `_unused`).',
    ),
    'suppress-none-returning': booleanOption(
      false,
      'no ANN2xx for functions that return nothing but `None`.',
    ),
    'allow-star-arg-any': booleanOption(false, 'no ANN401 for `*args: Any` and `**kwargs: Any`.'),
    'ignore-fully-untyped': booleanOption(
      false,
      'no ANN findings for a function without any annotation at all.',
    ),
  },
  { intro: "As Ruff's section of the same name." },
);
