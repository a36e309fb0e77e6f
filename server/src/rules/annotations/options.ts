import type { OptionSection } from '../../engine/rule';

/** `[tool.pyconv.flake8-annotations]`, Ruff's option names and defaults. */
export interface Flake8AnnotationsOptions {
  'mypy-init-return': boolean;
  'suppress-dummy-args': boolean;
  'suppress-none-returning': boolean;
  'allow-star-arg-any': boolean;
  'ignore-fully-untyped': boolean;
}

export const FLAKE8_ANNOTATIONS = 'flake8-annotations';

const KEYS: readonly (keyof Flake8AnnotationsOptions)[] = [
  'mypy-init-return',
  'suppress-dummy-args',
  'suppress-none-returning',
  'allow-star-arg-any',
  'ignore-fully-untyped',
];

export const flake8AnnotationsOptions: OptionSection = {
  name: FLAKE8_ANNOTATIONS,
  doc: `### \`[tool.pyconv.flake8-annotations]\`
As Ruff's section of the same name; every key is a boolean and defaults to \`false\`.

- \`mypy-init-return\`: no ANN204 for an \`__init__\` without a return annotation when at least one argument is annotated.
- \`suppress-dummy-args\`: no ANN001/ANN002/ANN003 for arguments named like dummies (\`_\`, \`_unused\`).
- \`suppress-none-returning\`: no ANN2xx for functions that return nothing but \`None\`.
- \`allow-star-arg-any\`: no ANN401 for \`*args: Any\` and \`**kwargs: Any\`.
- \`ignore-fully-untyped\`: no ANN findings for a function without any annotation at all.`,
  validate(raw) {
    const problems: string[] = [];
    const value: Record<string, unknown> = {};
    if (raw === undefined) return { value, problems };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { value, problems: ['[flake8-annotations] must be a table'] };
    }
    for (const [key, setting] of Object.entries(raw as Record<string, unknown>)) {
      if (!(KEYS as readonly string[]).includes(key))
        problems.push(`[flake8-annotations] unknown key \`${key}\``);
      else if (typeof setting !== 'boolean')
        problems.push(`[flake8-annotations] \`${key}\` must be true or false`);
      else value[key] = setting;
    }
    return { value, problems };
  },
};
