/** `[tool.pyconv.flake8-tidy-imports]`, with Ruff's key names. */
export interface TidyImportsSettings {
  banRelativeImports: 'parents' | 'all';
  /** Banned module or member (dotted) -> the message shown. */
  bannedApi: ReadonlyArray<readonly [string, string]>;
}

const cache = new WeakMap<object, TidyImportsSettings>();

/** Settings from validated options; cached per options object, since rules ask for them at every node. */
export function resolveTidySettings(options: Readonly<Record<string, unknown>>): TidyImportsSettings {
  let settings = cache.get(options);
  if (!settings) {
    const strictness = options['ban-relative-imports'] === 'all' ? 'all' : 'parents';
    const banned = (options['banned-api'] ?? {}) as Record<string, { msg: string }>;
    const bannedApi = Object.entries(banned).map(([name, ban]) => [name, ban.msg] as const);
    settings = { banRelativeImports: strictness, bannedApi };
    cache.set(options, settings);
  }
  return settings;
}

export function validateTidyOptions(raw: unknown): { value: Record<string, unknown>; problems: string[] } {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  if (raw === undefined) return { value, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { value, problems: ['`flake8-tidy-imports` must be a table'] };
  }
  for (const [key, item] of Object.entries(raw)) {
    if (key === 'ban-relative-imports') {
      if (item === 'parents' || item === 'all') value[key] = item;
      else problems.push('flake8-tidy-imports.ban-relative-imports: expected "parents" or "all"');
    } else if (key === 'banned-api') {
      const bans = validateBans(item);
      if (typeof bans === 'string') problems.push(`flake8-tidy-imports.banned-api: ${bans}`);
      else value[key] = bans;
    } else {
      problems.push(`unknown flake8-tidy-imports option \`${key}\``);
    }
  }
  return { value, problems };
}

function validateBans(item: unknown): Record<string, { msg: string }> | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return 'expected a table of name -> { msg = "..." }';
  const bans: Record<string, { msg: string }> = {};
  for (const [name, ban] of Object.entries(item)) {
    const msg = (ban as { msg?: unknown } | null)?.msg;
    if (typeof msg !== 'string') return `\`${name}\` needs a \`msg\` string`;
    bans[name] = { msg };
  }
  return bans;
}

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
