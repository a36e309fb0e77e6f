import { compileConfigRegex, compileNameGlob } from './config-patterns';
import type { OptionSection } from './rule';

/**
 * One option of a rule family's section, declared once: its type, default, validation message and
 * doc. The section built from the fields (`declareOptions`) validates the TOML, writes the README's
 * reference and gives rules their values typed and defaulted.
 */
export interface OptionField<T> {
  readonly default: T;
  /** The type as the README states it, e.g. `integer >= 1`, `boolean`, `list of qualified names`. */
  readonly typeDoc: string;
  /** What the option does (Markdown, after the type and default). */
  readonly doc: string;
  /** The default as the README states it, when its JSON would not read well. */
  readonly defaultDoc?: string;
  /**
   * The value `raw` gives (none: the default applies) and why `raw`, or a part of it that is dropped,
   * is not valid; each problem is worded after `[tool.pyconv.<section>] `.
   */
  check(key: string, raw: unknown): { value?: T; problems: string[] };
}

/** A field whose value is either valid as a whole or refused with one message. */
function wholeValueField<T>(spec: {
  default: T;
  typeDoc: string;
  doc: string;
  defaultDoc?: string;
  parse(raw: unknown): T | undefined;
  problem(key: string, raw: unknown): string;
}): OptionField<T> {
  const { parse, problem, ...described } = spec;
  return {
    ...described,
    check(key, raw) {
      const value = parse(raw);
      return value === undefined ? { problems: [problem(key, raw)] } : { value, problems: [] };
    },
  };
}

/** Prose that a section's reference shows before and after its keys, and checks across keys. */
export interface SectionExtras<F extends Fields> {
  readonly intro?: string;
  readonly notes?: string;
  /** Problems of the values together (worded as a field's), once each has been checked alone. */
  consistency?(value: OptionValues<F>): string[];
}

type Fields = Record<string, OptionField<unknown>>;
export type OptionValues<F extends Fields> = {
  readonly [K in keyof F]: F[K] extends OptionField<infer T> ? T : never;
};

export interface DeclaredOptions<F extends Fields> extends OptionSection {
  readonly defaults: OptionValues<F>;
  /** The section as a rule sees it: every key present, the default where the configuration is silent. */
  read(ctx: OptionsReader): OptionValues<F>;
  /**
   * `derive` over the section's values, computed once per configured section: for what rules would
   * otherwise rebuild at every node (matchers, resolved settings).
   */
  derived<R>(derive: (values: OptionValues<F>) => R): (ctx: OptionsReader) => R;
}

interface OptionsReader {
  options<T extends object>(section: string): Partial<T>;
}

export function declareOptions<F extends Fields>(
  name: string,
  fields: F,
  extras: SectionExtras<F> = {},
): DeclaredOptions<F> {
  const defaults = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, field.default]),
  ) as OptionValues<F>;
  const prefix = `[tool.pyconv.${name}]`;
  // Rules read their options at every node: the values are merged once per configured section
  // object (the engine shares one empty object when the section is unset), and frozen, being shared.
  const merged = new WeakMap<object, OptionValues<F>>();
  const read = (ctx: OptionsReader): OptionValues<F> => {
    const section = ctx.options<OptionValues<F>>(name);
    const known = merged.get(section);
    if (known) return known;
    const values: OptionValues<F> = { ...defaults, ...section };
    merged.set(section, Object.freeze(values));
    return values;
  };
  return {
    name,
    defaults,
    doc: [extras.intro, referenceOf(fields), extras.notes].filter((part) => part !== undefined).join('\n\n'),
    validate(raw) {
      const value: Record<string, unknown> = { ...defaults };
      if (raw === undefined) return { value, problems: [] };
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return { value, problems: [`${prefix} must be a table`] };
      const problems: string[] = [];
      const known = Object.keys(fields).join(', ');
      for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
        const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (!field) {
          problems.push(`${prefix} unknown key "${key}" (known: ${known})`);
          continue;
        }
        const checked = field.check(key, entry);
        for (const problem of checked.problems) problems.push(`${prefix} ${problem}`);
        if (checked.value !== undefined) value[key] = checked.value;
      }
      for (const problem of extras.consistency?.(value as OptionValues<F>) ?? [])
        problems.push(`${prefix} ${problem}`);
      return { value, problems };
    },
    read,
    derived(derive) {
      // Keyed by the configured section object (the engine shares one empty object when unset).
      const cache = new WeakMap<object, ReturnType<typeof derive>>();
      return (ctx) => {
        const key = ctx.options(name);
        if (!cache.has(key)) cache.set(key, derive(read(ctx)));
        return cache.get(key) as ReturnType<typeof derive>;
      };
    },
  };
}

function referenceOf(fields: Fields): string {
  return Object.entries(fields)
    .map(([key, field]) => {
      const shown = field.defaultDoc ?? `\`${JSON.stringify(field.default)}\``;
      return `- \`${key}\` (${field.typeDoc}, default ${shown}): ${field.doc}`;
    })
    .join('\n');
}

export function integerOption(minimum: number, defaultValue: number, doc: string): OptionField<number> {
  return wholeValueField({
    default: defaultValue,
    typeDoc: `integer >= ${minimum}`,
    doc,
    parse: (raw) => (typeof raw === 'number' && Number.isInteger(raw) && raw >= minimum ? raw : undefined),
    problem: (key, raw) =>
      `${key} must be an integer >= ${minimum} (got ${JSON.stringify(raw)}); using ${defaultValue}`,
  });
}

/** Any integer, negative ones included (e.g. `-1` as "automatic"). */
export function anyIntegerOption(defaultValue: number, doc: string): OptionField<number> {
  return wholeValueField({
    default: defaultValue,
    typeDoc: 'integer',
    doc,
    parse: (raw) => (typeof raw === 'number' && Number.isInteger(raw) ? raw : undefined),
    problem: (key, raw) => `${key} must be an integer (got ${JSON.stringify(raw)})`,
  });
}

export function stringOption(defaultValue: string, doc: string): OptionField<string> {
  return wholeValueField({
    default: defaultValue,
    typeDoc: 'string',
    doc,
    parse: (raw) => (typeof raw === 'string' ? raw : undefined),
    problem: (key) => `${key} must be a string`,
  });
}

export function booleanOption(defaultValue: boolean, doc: string): OptionField<boolean> {
  return wholeValueField({
    default: defaultValue,
    typeDoc: 'boolean',
    doc,
    parse: (raw) => (typeof raw === 'boolean' ? raw : undefined),
    problem: (key) => `${key} must be true or false`,
  });
}

/** A list of qualified names such as `typing.overload`. */
export function qualifiedNamesOption(doc: string): OptionField<string[]> {
  return wholeValueField({
    default: [],
    typeDoc: 'list of qualified names',
    doc,
    parse: stringList,
    problem: (key) => `${key} must be a list of strings (qualified names such as "typing.overload")`,
  });
}

function stringList(raw: unknown): string[] | undefined {
  return Array.isArray(raw) && raw.every((v) => typeof v === 'string') ? (raw as string[]) : undefined;
}

/** A list of strings; `normalize` maps each entry as it is read (e.g. to drop a trailing `_`). */
export function stringListOption(
  defaultValue: readonly string[],
  spec: { typeDoc?: string; doc: string; defaultDoc?: string; normalize?: (entry: string) => string },
): OptionField<string[]> {
  const normalize = spec.normalize ?? ((entry: string) => entry);
  return wholeValueField({
    default: defaultValue.map(normalize),
    typeDoc: spec.typeDoc ?? 'list of strings',
    doc: spec.doc,
    defaultDoc: spec.defaultDoc,
    parse: (raw) => stringList(raw)?.map(normalize),
    problem: (key) => `${key} must be a list of strings`,
  });
}

/**
 * A list of name globs, matched in linear time (`compileNameGlob`): a pattern that does not compile
 * is reported and dropped, the others apply.
 */
export function globListOption(
  defaultValue: readonly string[],
  spec: { doc: string; defaultDoc?: string },
): OptionField<string[]> {
  return {
    default: [...defaultValue],
    typeDoc: 'list of glob patterns',
    ...spec,
    check(key, raw) {
      const list = stringList(raw);
      if (!list) return { problems: [`${key} must be a list of strings`] };
      const bad = list.filter((pattern) => !compileNameGlob(pattern));
      return {
        value: list.filter((pattern) => !bad.includes(pattern)),
        problems: bad.map((pattern) => `${key}: invalid glob pattern "${pattern}"`),
      };
    },
  };
}

/** A regular expression in RE2 syntax, so that matching it is linear in the name's length. */
export function regexOption(defaultValue: string, doc: string): OptionField<string> {
  return {
    default: defaultValue,
    typeDoc: 'regular expression in RE2 syntax, searched',
    doc,
    check(key, raw) {
      if (typeof raw !== 'string') return { problems: [`${key} must be a string`] };
      const compiled = compileConfigRegex(raw);
      if ('error' in compiled)
        return { problems: [`${key} is not a valid regular expression: ${compiled.error}`] };
      return { value: raw, problems: [] };
    },
  };
}

/** One of a few strings; `problem` words the message after `[tool.pyconv.<section>] `. */
export function choiceOption<const T extends string>(
  choices: readonly T[],
  defaultValue: T,
  doc: string,
  problem: (key: string, raw: unknown) => string,
): OptionField<T> {
  return wholeValueField({
    default: defaultValue,
    typeDoc: 'string',
    doc,
    parse: (raw) => (choices.includes(raw as T) ? (raw as T) : undefined),
    problem,
  });
}
