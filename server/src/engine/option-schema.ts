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
  /** The value when `raw` is valid, else undefined. */
  parse(raw: unknown): T | undefined;
  /** Why `raw` is not valid, after `[tool.pyconv.<section>] `. */
  problem(key: string, raw: unknown): string;
}

type Fields = Record<string, OptionField<unknown>>;
export type OptionValues<F extends Fields> = {
  readonly [K in keyof F]: F[K] extends OptionField<infer T> ? T : never;
};

export interface DeclaredOptions<F extends Fields> extends OptionSection {
  readonly defaults: OptionValues<F>;
  /** The section as a rule sees it: every key present, the default where the configuration is silent. */
  read(ctx: { options<T extends object>(section: string): Partial<T> }): OptionValues<F>;
}

export function declareOptions<F extends Fields>(name: string, fields: F): DeclaredOptions<F> {
  const defaults = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, field.default]),
  ) as OptionValues<F>;
  const prefix = `[tool.pyconv.${name}]`;
  return {
    name,
    defaults,
    doc: Object.entries(fields)
      .map(
        ([key, field]) =>
          `- \`${key}\` (${field.typeDoc}, default \`${JSON.stringify(field.default)}\`): ${field.doc}`,
      )
      .join('\n'),
    validate(raw) {
      const value: Record<string, unknown> = { ...defaults };
      if (raw === undefined) return { value, problems: [] };
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return { value, problems: [`${prefix} must be a table`] };
      const problems: string[] = [];
      for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
        const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (!field) {
          problems.push(`${prefix} unknown key "${key}"`);
          continue;
        }
        const parsed = field.parse(entry);
        if (parsed === undefined) problems.push(`${prefix} ${field.problem(key, entry)}`);
        else value[key] = parsed;
      }
      return { value, problems };
    },
    read(ctx) {
      return { ...defaults, ...ctx.options<OptionValues<F>>(name) };
    },
  };
}

export function integerOption(minimum: number, defaultValue: number, doc: string): OptionField<number> {
  return {
    default: defaultValue,
    typeDoc: `integer >= ${minimum}`,
    doc,
    parse: (raw) => (typeof raw === 'number' && Number.isInteger(raw) && raw >= minimum ? raw : undefined),
    problem: (key, raw) =>
      `${key} must be an integer >= ${minimum} (got ${JSON.stringify(raw)}); using ${defaultValue}`,
  };
}

export function booleanOption(defaultValue: boolean, doc: string): OptionField<boolean> {
  return {
    default: defaultValue,
    typeDoc: 'boolean',
    doc,
    parse: (raw) => (typeof raw === 'boolean' ? raw : undefined),
    problem: (key) => `${key} must be true or false`,
  };
}

/** A list of qualified names such as `typing.overload`. */
export function qualifiedNamesOption(doc: string): OptionField<string[]> {
  return {
    default: [],
    typeDoc: 'list of qualified names',
    doc,
    parse: (raw) =>
      Array.isArray(raw) && raw.every((v) => typeof v === 'string') ? (raw as string[]) : undefined,
    problem: (key) => `${key} must be a list of strings (qualified names such as "typing.overload")`,
  };
}

/** One of a few strings; `problem` words the message after `[tool.pyconv.<section>] `. */
export function choiceOption<const T extends string>(
  choices: readonly T[],
  defaultValue: T,
  doc: string,
  problem: (key: string, raw: unknown) => string,
): OptionField<T> {
  return {
    default: defaultValue,
    typeDoc: 'string',
    doc,
    parse: (raw) => (choices.includes(raw as T) ? (raw as T) : undefined),
    problem,
  };
}
