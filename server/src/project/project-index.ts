/**
 * The project index: for every Python file of the workspace, which module it is (module-resolution.ts)
 * and what it imports, exports and names by string (analysis/module-summary.ts). It answers one
 * question for renames: which files reach a module-level name of a module, and whether a rename can
 * follow every way they do (project/cross-file-rename.ts computes the edits).
 *
 * Closed files are parsed once, summarised, and their trees deleted; summaries are cached by content
 * hash between sessions (index-cache.ts). Open documents are summarised from their current text.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { type ImportFact, type ModuleSummary, summarizeModule } from '../analysis/module-summary';
import { parsePython } from '../parser/python';
import { absoluteModule, type ModuleLocation, moduleOf } from './module-resolution';

export interface IndexedFile {
  file: string;
  location: ModuleLocation;
  /** SHA-256 of the text the summary was made from. */
  hash: string;
  summary: ModuleSummary;
}

/** Who reaches `name` of a module, and how; or why a rename cannot follow every use. */
export type RenameImpact =
  | {
      ok: true;
      /** The defining module and the modules that re-export the name under its own name. */
      modules: Set<string>;
      /** Files to change besides the defining one (importers, attribute uses through module names). */
      files: string[];
      /** Files with `patch("pkg.mod.name")` strings naming it. */
      patchFiles: string[];
    }
  | { ok: false; reason: string };

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses `text`, summarises the module and deletes the tree. */
export function summarizeText(parser: Parser, text: string): ModuleSummary {
  const tree = parsePython(parser, text);
  if (!tree) return { imports: [], attributeChains: [], namesAsStrings: [], patchTargets: [] };
  try {
    // Straight from tree-sitter: the summary reads few nodes, a snapshot would copy them all.
    return summarizeModule(tree.rootNode);
  } finally {
    tree.delete();
  }
}
function reaches(chains: readonly string[], dotted: string): boolean {
  return chains.some((chain) => chain === dotted || chain.startsWith(`${dotted}.`));
}

function isPublicIn(summary: ModuleSummary | undefined, name: string): boolean {
  if (summary?.all && !summary.all.dynamic) return summary.all.names.includes(name);
  return !name.startsWith('_');
}

export class ProjectIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly modules = new Map<string, string>();
  private roots: string[] = [];
  /** Module → name → a file importing that name from it; built on demand, dropped on every change. */
  private importedNames: Map<string, Map<string, string[]>> | undefined;

  /** The source roots modules are named from (module-resolution.ts); re-locates every file. */
  setRoots(roots: readonly string[]): void {
    this.roots = [...new Set(roots.map((root) => path.resolve(root)))];
    const entries = [...this.files.values()];
    this.files.clear();
    this.modules.clear();
    for (const entry of entries) this.set(entry.file, entry.hash, entry.summary);
  }

  get sourceRoots(): readonly string[] {
    return this.roots;
  }

  get size(): number {
    return this.files.size;
  }

  /** The module `file` is, or undefined when it lies outside every source root. */
  locate(file: string): ModuleLocation | undefined {
    return moduleOf(file, this.roots);
  }

  /** Records a file's summary; false when the file is no module of the project (outside the roots). */
  set(file: string, hash: string, summary: ModuleSummary): boolean {
    const location = moduleOf(file, this.roots);
    if (!location) return false;
    this.remove(file);
    this.importedNames = undefined;
    this.files.set(file, { file, location, hash, summary });
    // A `.py` module wins over its `.pyi` stub for where edits go; both are indexed.
    const known = this.modules.get(location.name);
    if (!known || known.endsWith('.pyi')) this.modules.set(location.name, file);
    return true;
  }

  remove(file: string): void {
    const entry = this.files.get(file);
    if (!entry) return;
    this.importedNames = undefined;
    this.files.delete(file);
    if (this.modules.get(entry.location.name) === file) {
      this.modules.delete(entry.location.name);
      const other = [...this.files.values()].find((e) => e.location.name === entry.location.name);
      if (other) this.modules.set(entry.location.name, other.file);
    }
  }

  get(file: string): IndexedFile | undefined {
    return this.files.get(file);
  }

  /** The file of a module, a `.py` rather than a `.pyi`. */
  fileOfModule(module: string): string | undefined {
    return this.modules.get(module);
  }

  hasModule(module: string): boolean {
    return this.modules.has(module);
  }

  /** Every indexed file, in path order. */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The absolute module an import of `importer` names. */
  importedModule(importer: IndexedFile, fact: Exclude<ImportFact, { kind: 'import' }>): string | undefined {
    return absoluteModule(importer.location, fact.module, fact.level);
  }

  /**
   * Who reaches the module-level `name` of `file`, following unaliased re-exports (`from .pricing
   * import computeTotal` in `__init__.py`) to a fixed point; refused when a use cannot be followed.
   */
  renameImpact(file: string, name: string): RenameImpact {
    const defining = this.files.get(file);
    if (!defining) {
      const where = this.roots.length > 0 ? this.roots.join(', ') : 'none (no workspace folder)';
      return {
        ok: false,
        reason: `the project cannot be resolved: ${path.basename(file)} is not a module under the source roots (${where}); set \`src\` in [tool.pyconv]`,
      };
    }
    const modules = new Set([defining.location.name]);
    const files = new Set<string>();
    for (let grown = true; grown; ) {
      grown = false;
      for (const entry of this.files.values()) {
        const outcome = this.usesIn(entry, name, modules);
        if (typeof outcome === 'string') return { ok: false, reason: outcome };
        if (outcome.uses) files.add(entry.file);
        if (outcome.reExports && !modules.has(entry.location.name)) {
          modules.add(entry.location.name);
          grown = true;
        }
      }
    }
    const refusal = this.stringUseRefusal(name, modules);
    if (refusal) return { ok: false, reason: refusal };
    files.delete(file);
    const patchFiles = this.allFiles().filter((f) =>
      this.files.get(f)!.summary.patchTargets.some((target) => {
        const dot = target.lastIndexOf('.');
        return target.slice(dot + 1) === name && modules.has(target.slice(0, dot));
      }),
    );
    return { ok: true, modules, files: [...files].sort(), patchFiles };
  }

  /**
   * The names other modules import from `file`'s module, each with one importer (its path, for
   * messages): `from .compat import json`, `import pkg.compat as c` then `c.json`, `from pkg
   * import compat` then `compat.json`, and under `*` any public name (`from .compat import *`). A
   * re-export through `__init__.py` counts: `__init__.py` is itself an importer. One pass over the
   * index, kept until a file changes.
   */
  namesOthersImport(file: string): Record<string, string> {
    const entry = this.files.get(file);
    if (!entry) return {};
    this.importedNames ??= this.collectImportedNames();
    const names: Record<string, string> = {};
    for (const [name, importers] of this.importedNames.get(entry.location.name) ?? []) {
      const other = importers.find((importer) => importer !== file);
      // With a static `__all__`, `*` imports only its names, which F401 never flags.
      if (other && !(name === '*' && entry.summary.all && !entry.summary.all.dynamic))
        names[name] = this.displayPath(other);
    }
    return names;
  }

  private collectImportedNames(): Map<string, Map<string, string[]>> {
    const byModule = new Map<string, Map<string, string[]>>();
    const record = (module: string, name: string, importer: string) => {
      const names = byModule.get(module) ?? new Map<string, string[]>();
      const importers = names.get(name) ?? [];
      // Two are enough: one of them is not the module itself.
      if (importers.length < 2 && !importers.includes(importer)) importers.push(importer);
      names.set(name, importers);
      byModule.set(module, names);
    };
    for (const entry of this.files.values()) {
      const { summary, file } = entry;
      /** `local.name...` chains read through a name bound to `module`. */
      const attributesOf = (local: string, module: string) => {
        for (const chain of summary.attributeChains) {
          if (chain.startsWith(`${local}.`))
            record(module, chain.slice(local.length + 1).split('.')[0], file);
        }
      };
      for (const fact of summary.imports) {
        if (fact.kind === 'import') {
          const parts = fact.module.split('.');
          const prefixes = fact.alias ? [fact.module] : parts.map((_, i) => parts.slice(0, i + 1).join('.'));
          for (const prefix of prefixes) attributesOf(fact.alias ?? prefix, prefix);
          continue;
        }
        const from = this.importedModule(entry, fact);
        if (from === undefined) continue;
        if (fact.kind === 'star') {
          record(from, '*', file);
          continue;
        }
        for (const imported of fact.names) {
          record(from, imported.name, file);
          attributesOf(imported.alias ?? imported.name, `${from}.${imported.name}`);
        }
      }
    }
    return byModule;
  }

  /** A file's path relative to its source root, for messages. */
  displayPath(file: string): string {
    const root = this.roots.find((r) => file.startsWith(r + path.sep));
    return root ? path.relative(root, file) : file;
  }

  /** Whether `entry` uses `name` of one of `modules`, and re-exports it; a string when it cannot be followed. */
  private usesIn(
    entry: IndexedFile,
    name: string,
    modules: ReadonlySet<string>,
  ): { uses: boolean; reExports: boolean } | string {
    let uses = false;
    let reExports = false;
    const { summary } = entry;
    for (const fact of summary.imports) {
      if (fact.kind === 'import') {
        const parts = fact.module.split('.');
        const prefixes = fact.alias ? [fact.module] : parts.map((_, i) => parts.slice(0, i + 1).join('.'));
        for (const prefix of prefixes) {
          if (!modules.has(prefix)) continue;
          const local = fact.alias ?? prefix;
          if (reaches(summary.attributeChains, `${local}.${name}`)) uses = true;
        }
        continue;
      }
      const from = this.importedModule(entry, fact);
      if (from === undefined) continue;
      if (fact.kind === 'star') {
        const source = this.files.get(this.modules.get(from) ?? '')?.summary;
        if (modules.has(from) && isPublicIn(source, name))
          return `\`from ${'.'.repeat(fact.level)}${fact.module} import *\` in ${this.displayPath(entry.file)} imports \`${name}\` under its name; pyconv cannot rename it there`;
        continue;
      }
      for (const imported of fact.names) {
        if (modules.has(from) && imported.name === name) {
          uses = true;
          if (!imported.alias) reExports = true;
        }
        const local = imported.alias ?? imported.name;
        if (modules.has(`${from}.${imported.name}`) && reaches(summary.attributeChains, `${local}.${name}`))
          uses = true;
      }
    }
    if (modules.has(entry.location.name) && summary.all?.dynamic) {
      return `\`__all__\` of \`${entry.location.name}\` is built dynamically; pyconv cannot tell whether it lists \`${name}\``;
    }
    return { uses, reExports };
  }

  /** A `getattr(m, "name")`-style use in a module that defines or imports the name's modules. */
  private stringUseRefusal(name: string, modules: ReadonlySet<string>): string | undefined {
    for (const entry of this.files.values()) {
      if (!entry.summary.namesAsStrings.includes(name)) continue;
      const related =
        modules.has(entry.location.name) ||
        entry.summary.imports.some((fact) =>
          fact.kind === 'import'
            ? modules.has(fact.module)
            : [...modules].some((m) => {
                const from = this.importedModule(entry, fact);
                return (
                  from === m || (fact.kind === 'from' && fact.names.some((n) => `${from}.${n.name}` === m))
                );
              }),
        );
      if (related)
        return `${this.displayPath(entry.file)} reaches \`${name}\` by a string (\`getattr\`, \`setattr\`, \`hasattr\` or \`patch.object\`); pyconv cannot rename it there`;
    }
    return undefined;
  }
}
