import { compileNameGlob, type LinearMatcher } from '../../../engine/config-patterns';
import { isStandardLibrary } from '../stdlib';
import type { IsortSettings } from './settings';

const globCache = new Map<string, LinearMatcher>();

/**
 * A `known-*` pattern: a module name, or a glob (`*`, `?`, `[...]`) as Ruff's patterns allow,
 * matched in linear time (config-patterns.ts); a malformed one is taken literally.
 */
function globMatches(pattern: string, name: string): boolean {
  let matcher = globCache.get(pattern);
  if (!matcher) {
    matcher = compileNameGlob(pattern) ?? { test: (input) => input === pattern };
    globCache.set(pattern, matcher);
  }
  return matcher.test(name);
}

interface KnownModules {
  known: Array<readonly [string, string]>;
  hasSubmodules: boolean;
}

const knownCache = new WeakMap<IsortSettings, KnownModules>();

/** Custom sections first, then first-party, third-party, local-folder and extra stdlib, like Ruff. */
function knownModules(settings: IsortSettings): KnownModules {
  let known = knownCache.get(settings);
  if (!known) {
    const list: Array<readonly [string, string]> = [
      ...Object.entries(settings.sections).flatMap(([section, patterns]) =>
        patterns.map((p) => [p, section] as const),
      ),
      ...settings.knownFirstParty.map((p) => [p, 'first-party'] as const),
      ...settings.knownThirdParty.map((p) => [p, 'third-party'] as const),
      ...settings.knownLocalFolder.map((p) => [p, 'local-folder'] as const),
      ...settings.extraStandardLibrary.map((p) => [p, 'standard-library'] as const),
    ];
    known = { known: list, hasSubmodules: list.some(([p]) => p.includes('.')) };
    knownCache.set(settings, known);
  }
  return known;
}

function matchKnown(known: KnownModules, moduleName: string): string | undefined {
  const find = (name: string) => known.known.find(([pattern]) => globMatches(pattern, name))?.[1];
  if (!known.hasSubmodules) return find(moduleName.split('.')[0]);
  // Most precise first: `a.b.c`, then `a.b`, then `a`.
  const parts = moduleName.split('.');
  for (let n = parts.length; n >= 1; n--) {
    const section = find(parts.slice(0, n).join('.'));
    if (section) return section;
  }
  return undefined;
}

export interface CategorizeContext {
  settings: IsortSettings;
  targetMinor: number;
  /** The project's own top-level package, guessed from the file path (see I001's doc). */
  ownPackage?: string;
}

/** The section an import belongs to, in Ruff's order of precedence. */
export function categorize(moduleName: string, level: number, ctx: CategorizeContext): string {
  const { settings } = ctx;
  const base = moduleName.split('.')[0];
  let section: string;
  if (level === 0 && base === '__future__') section = 'future';
  else if (level > 0) section = 'local-folder';
  else {
    section =
      matchKnown(knownModules(settings), moduleName) ??
      (isStandardLibrary(ctx.targetMinor, base)
        ? 'standard-library'
        : settings.detectSamePackage && ctx.ownPackage === base
          ? 'first-party'
          : moduleName === '__main__'
            ? 'first-party'
            : settings.defaultSection);
  }
  return settings.sectionOrder.includes(section) ? section : settings.defaultSection;
}

/**
 * The project's own top-level package or module, from the file's project-relative path: the first
 * folder (after a leading `src/`), or the file's own name for a top-level module. Ruff asks the file
 * system (its `src` roots and the package root); pyconv only knows the path, so this is the guess
 * for the common layouts (`pkg/...`, `src/pkg/...`).
 */
export function ownPackageOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts[0] === 'src' && parts.length > 1) parts.shift();
  const first = parts[0];
  if (!first) return undefined;
  const name = parts.length === 1 ? first.replace(/\.pyi?$/, '') : first;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}
