/**
 * `extend = "path/to/base.toml"`: how a configuration file inherits from another, as in Ruff. The
 * extending file's keys win; `extend-exclude` accumulates; option sub-tables and `severity` merge
 * key by key; the rule selection is resolved layer by layer (see `resolveLayers` in config.ts), so
 * a `select` starts over while `extend-select` and `ignore` add to and remove from the base's.
 * Relative paths are resolved from the file that wrote them.
 */
import path from 'node:path';
import type { PyconvSettings } from './settings';
import { isTable } from './validate';

/** `base` with `child`'s keys over it. */
export function mergeSettings(base: PyconvSettings, child: PyconvSettings): PyconvSettings {
  const merged: PyconvSettings = { ...base, ...child };
  if (base['extend-exclude'] && child['extend-exclude'])
    merged['extend-exclude'] = [...base['extend-exclude'], ...child['extend-exclude']];
  for (const [key, value] of Object.entries(child)) {
    const inherited = base[key];
    if (key !== 'per-file-ignores' && isTable(value) && isTable(inherited))
      merged[key] = { ...inherited, ...value };
  }
  return merged;
}

/**
 * A base file's globs (`exclude`, `extend-exclude`, `per-file-ignores`) made relative to the
 * project root instead of the base's folder. A pattern without `/` matches a base name anywhere,
 * so it is kept as written.
 */
export function rebaseGlobs(settings: PyconvSettings, fromDir: string, rootDir: string): PyconvSettings {
  const prefix = path.relative(rootDir, fromDir).split(path.sep).join('/');
  if (prefix === '') return settings;
  const rebase = (pattern: string) => {
    const trimmed = pattern.replace(/^\.\//, '');
    return trimmed.replace(/\/+$/, '').includes('/') ? `${prefix}/${trimmed}` : pattern;
  };
  const rebased: PyconvSettings = { ...settings };
  for (const key of ['exclude', 'extend-exclude'] as const) {
    const globs = settings[key];
    if (globs) rebased[key] = globs.map(rebase);
  }
  const perFile = settings['per-file-ignores'];
  if (perFile) {
    rebased['per-file-ignores'] = Object.fromEntries(
      Object.entries(perFile).map(([pattern, codes]) => [rebase(pattern), codes]),
    );
  }
  return rebased;
}
