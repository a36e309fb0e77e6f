import { parseArgs } from 'node:util';

/** The command line of a tool: `--name value` options (strings or flags) and positionals, via node:util. */
export function toolArgs<const Names extends string>(
  options: Record<Names, 'string' | 'boolean'>,
  argv: readonly string[] = process.argv.slice(2),
): { values: Partial<Record<Names, string | boolean>>; positionals: string[] } {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, type]) => [name, { type }]),
  ) as Record<Names, { type: 'string' | 'boolean' }>;
  const { values, positionals } = parseArgs({ args: [...argv], options: config, allowPositionals: true });
  return { values: values as Partial<Record<Names, string | boolean>>, positionals };
}

/** A whole-number option (at least `minimum`), or `fallback` when absent. */
export function wholeNumber(
  name: string,
  value: string | boolean | undefined,
  fallback: number,
  minimum = 1,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(number) || number < minimum)
    throw new Error(`--${name} needs a whole number of at least ${minimum}, got ${String(value)}`);
  return number;
}
