/**
 * Where Python modules come from, as Ruff's `src` setting decides first-party modules: a file's
 * module name is its path under the innermost source root, without `.py`/`.pyi` and `__init__`.
 * Source roots are the configured `src = [...]` folders (relative to the configuring file), by
 * default the project root and its `src/` folder. A folder without `__init__.py` is a namespace
 * package (PEP 420): it takes part in module names all the same.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** The source roots of a project: `src` entries resolved against `root`, or `root` and `root/src`. */
export function sourceRoots(root: string, configured: readonly string[] | undefined): string[] {
  if (configured && configured.length > 0) return configured.map((entry) => path.resolve(root, entry));
  const src = path.join(root, 'src');
  return isFolder(src) ? [root, src] : [root];
}

function isFolder(folder: string): boolean {
  try {
    return existsSync(folder) && statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

export interface ModuleLocation {
  /** Dotted module name: `pkg.sub.mod`, `pkg` for `pkg/__init__.py`. */
  name: string;
  /** An `__init__` file: relative imports start from the module itself. */
  isPackage: boolean;
}

/** The module a file is, under the innermost root that holds it; undefined outside every root or for a non-identifier part. */
export function moduleOf(file: string, roots: readonly string[]): ModuleLocation | undefined {
  const holding = roots
    .filter((root) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  if (!holding) return undefined;
  const parts = path.relative(holding, file).split(path.sep);
  const last = parts.pop()!;
  const stem = last.replace(/\.pyi?$/, '');
  if (stem === last) return undefined;
  const isPackage = stem === '__init__';
  if (!isPackage) parts.push(stem);
  if (parts.length === 0 || !parts.every((part) => IDENTIFIER.test(part))) return undefined;
  return { name: parts.join('.'), isPackage };
}

/**
 * The absolute module a `from` import names: `level` dots up from the importing module's package,
 * then `module`. Undefined when the dots climb above the top-level package.
 */
export function absoluteModule(importer: ModuleLocation, module: string, level: number): string | undefined {
  if (level === 0) return module;
  const packageParts = importer.name.split('.');
  if (!importer.isPackage) packageParts.pop();
  const kept = packageParts.length - (level - 1);
  if (kept < 0 || (kept === 0 && module === '')) return undefined;
  const base = packageParts.slice(0, kept);
  if (module) base.push(module);
  return base.join('.');
}
