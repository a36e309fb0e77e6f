import { choiceOption, declareOptions, type OptionField } from '../../engine/option-schema';

type Bans = Record<string, { msg: string }>;

const bannedApiOption: OptionField<Bans> = {
  default: {},
  typeDoc: 'table',
  doc: 'dotted module or member name -> `{ msg = "why, and what to use instead" }` (TID251).',
  check(key, raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { problems: [`${key}: expected a table of name -> { msg = "..." }`] };
    const bans: Bans = {};
    for (const [name, ban] of Object.entries(raw)) {
      const msg = (ban as { msg?: unknown } | null)?.msg;
      if (typeof msg !== 'string') return { problems: [`${key}: \`${name}\` needs a \`msg\` string`] };
      bans[name] = { msg };
    }
    return { value: bans, problems: [] };
  },
};

/** `[tool.pyconv.flake8-tidy-imports]`, with Ruff's key names. */
export const tidyImportsOptions = declareOptions(
  'flake8-tidy-imports',
  {
    'ban-relative-imports': choiceOption(
      ['parents', 'all'],
      'parents',
      '`"parents"` flags only `from ..x` (TID252); `"all"` flags every relative import (guide 001).',
      (key, raw) => `${key} must be "parents" or "all" (got ${JSON.stringify(raw)})`,
    ),
    'banned-api': bannedApiOption,
  },
  { intro: "Options of TID251 and TID252, with Ruff's names." },
);

/** Banned module or member (dotted) -> the message shown; TID251 asks at every node. */
export const bannedApiOf = tidyImportsOptions.derived((options) =>
  Object.entries(options['banned-api']).map(([name, ban]) => [name, ban.msg] as const),
);

/**
 * The dotted module path of the file, from its project-relative path (`pkg/sub/mod.py` ->
 * `pkg.sub.mod`; `__init__` stays a segment, as in Ruff, so one dot from it means the package).
 * Ruff counts from the top-most folder with an `__init__.py`; pyconv only knows the path, so a
 * leading `src/` is dropped and the rest is taken as the package path.
 */
export function modulePathOf(path: string | undefined): string[] | undefined {
  if (!path || !/\.pyi?$/.test(path)) return undefined;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts[0] === 'src' && parts.length > 1) parts.shift();
  parts[parts.length - 1] = parts[parts.length - 1].replace(/\.pyi?$/, '');
  return parts;
}

/** `from ..x import y` in `a/b/c.py` -> `a.x`; undefined when it climbs above the known path. */
export function resolveRelativeModule(
  level: number,
  module: string | undefined,
  modulePath: string[] | undefined,
): string | undefined {
  if (level === 0) return module ?? '';
  if (!modulePath || level >= modulePath.length) return undefined;
  const base = modulePath.slice(0, modulePath.length - level).join('.');
  if (module === undefined) return base;
  return base === '' ? module : `${base}.${module}`;
}
