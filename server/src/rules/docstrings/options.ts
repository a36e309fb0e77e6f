import type { OptionSection } from '../../engine/rule';

/** `[tool.pyconv.pydocstyle]`, Ruff's keys. Only the Google convention is implemented. */
export interface PydocstyleOptions {
  convention: 'google';
  'ignore-decorators': string[];
  'property-decorators': string[];
  'ignore-var-parameters': boolean;
}

/** `[tool.pyconv.pydoclint]`, Ruff's keys. */
export interface PydoclintOptions {
  'ignore-one-line-docstrings': boolean;
}

function stringList(
  raw: Record<string, unknown>,
  key: string,
  problems: string[],
  section: string,
): string[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  problems.push(
    `[tool.pyconv.${section}] ${key} must be a list of strings (qualified names such as "typing.overload")`,
  );
  return [];
}

function asTable(raw: unknown, section: string, problems: string[]): Record<string, unknown> {
  if (raw === undefined) return {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
  problems.push(`[tool.pyconv.${section}] must be a table`);
  return {};
}

export const pydocstyleOptions: OptionSection = {
  name: 'pydocstyle',
  doc: `- \`convention\` (string, default \`"google"\`): the docstring convention. pyconv implements Google only; other values are reported and Google applies.
- \`ignore-decorators\` (list of qualified names, default \`[]\`): functions with one of these decorators are skipped by every docstring rule (D1xx, D417, DOC).
- \`property-decorators\` (list of qualified names, default \`[]\`): decorators that make a method a property, in addition to \`property\`, \`functools.cached_property\`...; properties need no \`Returns:\` (DOC201).
- \`ignore-var-parameters\` (boolean, default \`false\`): D417 does not ask for \`*args\` and \`**kwargs\` entries.`,
  validate(raw) {
    const problems: string[] = [];
    const table = asTable(raw, 'pydocstyle', problems);
    const value: Record<string, unknown> = {};
    if (table.convention !== undefined && table.convention !== 'google') {
      problems.push(
        `[tool.pyconv.pydocstyle] convention: only "google" is supported (got ${JSON.stringify(table.convention)})`,
      );
    }
    value.convention = 'google';
    value['ignore-decorators'] = stringList(table, 'ignore-decorators', problems, 'pydocstyle');
    value['property-decorators'] = stringList(table, 'property-decorators', problems, 'pydocstyle');
    const ignoreVar = table['ignore-var-parameters'];
    if (ignoreVar !== undefined && typeof ignoreVar !== 'boolean') {
      problems.push('[tool.pyconv.pydocstyle] ignore-var-parameters must be true or false');
    }
    value['ignore-var-parameters'] = ignoreVar === true;
    for (const key of Object.keys(table)) {
      if (
        !['convention', 'ignore-decorators', 'property-decorators', 'ignore-var-parameters'].includes(key)
      ) {
        problems.push(`[tool.pyconv.pydocstyle] unknown key "${key}"`);
      }
    }
    return { value, problems };
  },
};

export const pydoclintOptions: OptionSection = {
  name: 'pydoclint',
  doc: `- \`ignore-one-line-docstrings\` (boolean, default \`false\`): DOC201, DOC402, DOC501 and DOC502 skip docstrings that are a single line.`,
  validate(raw) {
    const problems: string[] = [];
    const table = asTable(raw, 'pydoclint', problems);
    const flag = table['ignore-one-line-docstrings'];
    if (flag !== undefined && typeof flag !== 'boolean') {
      problems.push('[tool.pyconv.pydoclint] ignore-one-line-docstrings must be true or false');
    }
    for (const key of Object.keys(table)) {
      if (key !== 'ignore-one-line-docstrings') problems.push(`[tool.pyconv.pydoclint] unknown key "${key}"`);
    }
    return { value: { 'ignore-one-line-docstrings': flag === true }, problems };
  },
};

/** `[tool.pyconv.docstring]`: the style of generated docstring templates (completion, D1xx fixes). */
export const docstringOptions: OptionSection = {
  name: 'docstring',
  doc: `- \`style\` (string, default \`"google"\`): the style of docstring templates inserted by the \`"""\` completion and the D100-D107 fixes: \`"google"\`, \`"numpy"\` or \`"sphinx"\`. The editor setting \`pyconv.docstring.style\` takes precedence.`,
  validate(raw) {
    const problems: string[] = [];
    const table = asTable(raw, 'docstring', problems);
    const style = table.style ?? 'google';
    if (style !== 'google' && style !== 'numpy' && style !== 'sphinx') {
      problems.push(
        `[tool.pyconv.docstring] style must be "google", "numpy" or "sphinx" (got ${JSON.stringify(table.style)})`,
      );
    }
    for (const key of Object.keys(table)) {
      if (key !== 'style') problems.push(`[tool.pyconv.docstring] unknown key "${key}"`);
    }
    return {
      value: { style: ['google', 'numpy', 'sphinx'].includes(String(style)) ? style : 'google' },
      problems,
    };
  },
};
