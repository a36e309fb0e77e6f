import { compileConfigRegex, type LinearMatcher } from '../../engine/config-patterns';
import { declareOptions, type OptionField, stringListOption } from '../../engine/option-schema';

/** A TOML table whose values are checked one by one; an invalid entry is reported and dropped. */
function tableOption<T>(spec: {
  typeDoc: string;
  doc: string;
  entry(raw: unknown): T | undefined;
  problem(name: string): string;
}): OptionField<Record<string, T>> {
  return {
    default: {},
    typeDoc: spec.typeDoc,
    doc: spec.doc,
    defaultDoc: '`{}`',
    check(key, raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return { problems: [`${key} must be a table`] };
      const value: Record<string, T> = {};
      const problems: string[] = [];
      for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
        const parsed = spec.entry(entry);
        if (parsed === undefined) problems.push(`${key}."${name}" ${spec.problem(name)}`);
        else value[name] = parsed;
      }
      return { value, problems };
    },
  };
}

const stringList = (raw: unknown): string[] | undefined =>
  Array.isArray(raw) && raw.every((v) => typeof v === 'string') ? (raw as string[]) : undefined;

/** `[tool.pyconv.pyconv-house]`: a team's house rules, written as data for PCV701-PCV704. */
export const houseOptions = declareOptions(
  'pyconv-house',
  {
    'required-keywords': tableOption({
      typeDoc: 'table: qualified name → list of requirements',
      doc: 'PCV701: calls to (and bare decorators of) each callable must pass these keywords. A requirement is a keyword (`"description"`), a keyword with a given value as written (`"frozen=True"`), or a keyword whose value is a dict literal with a given key (`"metadata.help"`).',
      entry: stringList,
      problem: () => 'must be a list of strings',
    }),
    'name-patterns': tableOption({
      typeDoc: 'table: qualified name → regular expression (RE2)',
      doc: 'PCV702: the name that a call to each callable creates (its first positional string argument, or `name=`) must match the expression, searched.',
      entry: (raw) => (typeof raw === 'string' && !('error' in compileConfigRegex(raw)) ? raw : undefined),
      problem: () => 'must be a valid regular expression (RE2 syntax)',
    }),
    'with-calls': stringListOption([], {
      typeDoc: 'list of qualified names',
      doc: 'PCV703: calls to these callables must be the items of a `with` (or `async with`) statement.',
    }),
    'required-decorators': tableOption({
      typeDoc: 'table: qualified name → list of qualified names',
      doc: 'PCV704: a function decorated with the key must also carry each decorator of the list (builtins by their bare name: `"classmethod"`).',
      entry: stringList,
      problem: () => 'must be a list of strings',
    }),
  },
  {
    intro:
      'House rules a team states as data: calls that need a keyword, names that follow a pattern, calls that belong in `with`, decorators that come in pairs (PCV701-PCV704). Keys are qualified names as imports resolve them (`pydantic.Field`, `dataclasses.field`).',
  },
);

export const namePatterns = houseOptions.derived((options) => {
  const result = new Map<string, { pattern: string; matcher: LinearMatcher }>();
  for (const [name, pattern] of Object.entries(options['name-patterns'])) {
    const compiled = compileConfigRegex(pattern);
    if (!('error' in compiled)) result.set(name, { pattern, matcher: compiled });
  }
  return result;
});
