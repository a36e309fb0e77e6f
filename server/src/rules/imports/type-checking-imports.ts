/**
 * Ruff's TC001-TC003 model (strict off, default settings): an import whose every use is
 * typing-only (an annotation Python never evaluates, a string annotation, a `TYPE_CHECKING`
 * block) could live under `if TYPE_CHECKING:`. Shared by the three rules, which differ only in the
 * import's section (first-party, third-party, standard library).
 */
import {
  type Binding,
  type BindingKind,
  lookupEnd,
  type NameModel,
  pythonName,
  type Scope,
  statementScopeModel,
} from '../../analysis/scopes';
import type { FileContext } from '../../engine/rule';
import { isInsideLiteralOrMetadata, typingContext } from '../../engine/type-context';
import type { Node } from '../../engine/types';
import { categorize, ownPackageOf } from './isort/categorize';
import { resolveIsortSettings } from './isort/settings';

export type ImportKind = 'first-party' | 'third-party' | 'standard-library';

export interface TypingOnlyImport {
  kind: ImportKind;
  /** The alias node reported (`Path` in `from pathlib import Path`, `a.b` in `import a.b`). */
  at: Node;
  /** `pathlib.Path`, `.._abc.ReceiveStream`, `collections`. */
  qualifiedName: string;
}

/** Where an import site's nodes are, relative to its top-level statement's start (see `UnitSummary`). */
interface SiteInfo {
  /** The definition chosen (the last one of its binding): where a merged binding picks its site. */
  readonly definition: number;
  /** The statement importing, and the alias node reported: start, end and type. */
  readonly statement: NodeAt;
  readonly alias: NodeAt;
  readonly qualifiedName: string;
  /** Ruff's `module_name`: the first segment of `import a.b`; all but the member of `from a.b import c`. */
  readonly moduleName: string;
  /** For categorization: the module imported from, and its relative level. */
  readonly source: { readonly module: string; readonly level: number };
}

interface NodeAt {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/** A module-level name one top-level statement binds, as its own scope analysis sees it. */
interface ModuleBindingPart {
  readonly name: string;
  readonly kinds: readonly BindingKind[];
  /** Its last definition in the statement, and the import site that is when it is one. */
  readonly lastDefinition: number;
  readonly site: SiteInfo | undefined;
  readonly references: readonly NodeAt[];
}

/** An import binding of a function scope: complete within its top-level statement. */
interface LocalSitePart {
  readonly name: string;
  /** Its scope, as an index into the statement's scopes, and that scope's enclosing non-module scopes. */
  readonly scope: number;
  readonly chain: readonly number[];
  readonly site: SiteInfo;
  readonly references: readonly NodeAt[];
}

/** A string that may name imports (in an annotation or a `cast`: told later, with the module facts). */
interface StringPart {
  readonly at: NodeAt;
  /** The names it holds, each with the scope a lookup from the string ends in: `-1` for the module. */
  readonly names: ReadonlyArray<{ readonly name: string; readonly scope: number }>;
}

/**
 * What one top-level statement contributes to TC001-TC003, from its own scope analysis (the
 * statement alone: its reads of names it does not bind resolve to the module, as in the whole
 * file), kept per statement text (see unit-memo.ts). Offsets are relative to the statement's start.
 * Whether a use is typing-only depends on the module facts too, so it is told later, on the tree.
 */
interface UnitSummary {
  readonly moduleBindings: readonly ModuleBindingPart[];
  /** Reads of names the statement does not bind, and `global`/`nonlocal` names nothing in it binds. */
  readonly freeReads: FreeReads;
  readonly localSites: readonly LocalSitePart[];
}

/**
 * Identifiers a statement reads without binding them (names `global`/`nonlocal` declare too), in
 * parallel arrays: most identifiers of a file are such reads, and summaries are kept per statement.
 */
interface FreeReads {
  readonly names: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** An import site of the whole module, assembled from the statements' summaries. */
interface ImportSite {
  /** `module` for a module-level name, else the statement and scope of a function's import. */
  readonly owner: { readonly unit: number; readonly scope: number } | 'module';
  readonly name: string;
  readonly unit: number;
  readonly base: number;
  readonly chain: readonly number[];
  readonly site: SiteInfo;
  readonly references: ReadonlyArray<{ readonly base: number; readonly at: NodeAt }>;
}

const EXEMPT = ['typing', 'typing_extensions'];
const SCOPE_NODES = new Set(['function_definition', 'class_definition', 'lambda']);

/** The typing-only imports of the file, found once per analysis for TC001-TC003. */
export function typingOnlyImports(ctx: FileContext): readonly TypingOnlyImport[] {
  return ctx.shared('typing-only-imports', () => findTypingOnlyImports(ctx));
}

/** `FileRule.prepare` of TC001-TC003: the summary of `unit` (one for the three). */
export function prepareTypingOnlyImports(ctx: FileContext, unit: Node): void {
  if (!ctx.file.isStub) summaryOf(ctx, unit);
}

function summaryOf(ctx: FileContext, unit: Node): UnitSummary {
  return ctx.sharedMemo(unit, 'typing-only-summary', summarize);
}

function findTypingOnlyImports(ctx: FileContext): TypingOnlyImport[] {
  if (ctx.file.isStub) return [];
  const units = ctx.root.namedChildren.filter((unit): unit is Node => unit !== null);
  const summaries = units.map((unit) => summaryOf(ctx, unit));
  const bases = units.map((unit) => unit.startIndex);
  // Imports already under `if TYPE_CHECKING:` are left alone.
  const sites = importSites(summaries, bases).filter((site) => {
    const statement = liveNode(ctx, site.base, site.site.statement);
    return statement !== undefined && !typingContext(statement, ctx.module, ctx.file).typingOnly;
  });
  if (sites.length === 0) return [];
  // Only an import nothing else reads needs the strings (most files have none): found then.
  let stringRefs: Set<string> | undefined;
  const stringReferenced = (site: ImportSite): boolean => {
    stringRefs ??= stringReferences(
      ctx,
      units.map((unit) => ctx.memo(unit, 'typing-only-strings', summarizeStrings)),
      bases,
      new Set(sites.map((s) => s.name)),
    );
    return stringRefs.has(ownerKey(site));
  };
  const exported = new Set(ctx.module.dunderAll ?? []);
  const runtime = new Set<ImportSite>();
  const typingOnly: ImportSite[] = [];
  for (const site of sites) {
    // Unused imports are F401's; string references are typing-only by construction; `__all__` is a use.
    const inAll = site.owner === 'module' && exported.has(site.name);
    if (site.references.length === 0 && !inAll && !stringReferenced(site)) continue;
    if (!inAll && site.references.every((r) => typingOnlyAt(ctx, r.base, r.at))) typingOnly.push(site);
    else runtime.add(site);
  }
  const settings = resolveIsortSettings(ctx);
  const categorizeContext = {
    settings,
    targetMinor: ctx.config.targetVersion[1],
    ownPackage: ownPackageOf(ctx.file.path),
  };
  const result: TypingOnlyImport[] = [];
  for (const site of typingOnly) {
    const visibleRuntime = [...runtime].filter((r) => isAncestorScope(r, site));
    if (visibleRuntime.some((r) => r.site.moduleName === site.site.moduleName)) continue;
    if (isExempt(site.site.qualifiedName)) continue;
    const section = categorize(site.site.source.module, site.site.source.level, categorizeContext);
    const kind: ImportKind | undefined =
      section === 'future'
        ? undefined
        : section === 'standard-library'
          ? 'standard-library'
          : section === 'first-party' || section === 'local-folder'
            ? 'first-party'
            : 'third-party';
    const at = liveNode(ctx, site.base, site.site.alias);
    if (kind && at) result.push({ kind, at, qualifiedName: site.site.qualifiedName });
  }
  return result;
}

function ownerKey(site: Pick<ImportSite, 'owner' | 'name'>): string {
  return site.owner === 'module' ? `m:${site.name}` : `${site.owner.unit}:${site.owner.scope}:${site.name}`;
}

/** Whether `candidate`'s scope is `site`'s or encloses it. */
function isAncestorScope(candidate: ImportSite, site: ImportSite): boolean {
  if (candidate.owner === 'module') return true;
  if (site.owner === 'module' || candidate.owner.unit !== site.owner.unit) return false;
  return site.owner.scope === candidate.owner.scope || site.chain.includes(candidate.owner.scope);
}

/**
 * The import sites of the module, in the order the whole file's scope analysis lists them (the
 * module's bindings, then the function scopes' in source order): a module-level name is an import
 * site when every statement binding it binds it by import, at the last definition.
 */
function importSites(summaries: readonly UnitSummary[], bases: readonly number[]): ImportSite[] {
  interface Merged {
    kinds: Set<BindingKind>;
    last: { offset: number; site: SiteInfo | undefined; unit: number } | undefined;
    references: Array<{ base: number; at: NodeAt }>;
  }
  const module = new Map<string, Merged>();
  summaries.forEach((summary, unit) => {
    const base = bases[unit];
    for (const part of summary.moduleBindings) {
      let merged = module.get(part.name);
      if (!merged) {
        merged = { kinds: new Set(), last: undefined, references: [] };
        module.set(part.name, merged);
      }
      for (const kind of part.kinds) merged.kinds.add(kind);
      const offset = base + part.lastDefinition;
      if (!merged.last || offset > merged.last.offset) merged.last = { offset, site: part.site, unit };
      for (const at of part.references) merged.references.push({ base, at });
    }
  });
  summaries.forEach((summary, unit) => {
    const base = bases[unit];
    const { names, starts, ends } = summary.freeReads;
    for (let i = 0; i < names.length; i++)
      module
        .get(names[i])
        ?.references.push({ base, at: { start: starts[i], end: ends[i], type: 'identifier' } });
  });
  const sites: ImportSite[] = [];
  for (const [name, merged] of module) {
    if (merged.kinds.size !== 1 || !merged.kinds.has('import') || !merged.last?.site) continue;
    const { unit, site } = merged.last;
    sites.push({
      owner: 'module',
      name,
      unit,
      base: bases[unit],
      chain: [],
      site,
      references: merged.references,
    });
  }
  summaries.forEach((summary, unit) => {
    const base = bases[unit];
    for (const local of summary.localSites)
      sites.push({
        owner: { unit, scope: local.scope },
        name: local.name,
        unit,
        base,
        chain: local.chain,
        site: local.site,
        references: local.references.map((at) => ({ base, at })),
      });
  });
  return sites;
}

function summarize(unit: Node): UnitSummary {
  const base = unit.startIndex;
  const model = statementScopeModel(unit);
  const at = (node: Node): NodeAt => ({
    start: node.startIndex - base,
    end: node.endIndex - base,
    type: node.type,
  });
  const moduleBindings: ModuleBindingPart[] = [];
  for (const binding of model.module.bindings.values()) {
    const last = lastDefinition(binding);
    const site = siteInfo(binding, base);
    moduleBindings.push({
      name: binding.name,
      kinds: [...binding.kinds],
      lastDefinition: last.startIndex - base,
      site,
      // A name this statement binds otherwise than by import is no import site: its uses never count.
      references: binding.kinds.size === 1 && binding.kinds.has('import') ? binding.references.map(at) : [],
    });
  }
  const freeReads = { names: [] as string[], starts: [] as number[], ends: [] as number[] };
  const readFreely = (identifier: Node, name: string): void => {
    freeReads.names.push(name);
    freeReads.starts.push(identifier.startIndex - base);
    freeReads.ends.push(identifier.endIndex - base);
  };
  const { unresolvedReads, unresolvedNames } = model;
  for (let i = 0; i < unresolvedReads.length; i++) readFreely(unresolvedReads[i], unresolvedNames[i]);
  for (const declaration of model.unresolvedDeclarations)
    readFreely(declaration, pythonName(declaration.text));
  const scopeIndex = new Map(model.scopes.map((scope, index) => [scope, index]));
  const localSites: LocalSitePart[] = [];
  for (const scope of model.scopes) {
    // Ruff checks module and function scopes only.
    if (scope.kind !== 'function') continue;
    for (const binding of scope.bindings.values()) {
      const site = siteInfo(binding, base);
      if (!site) continue;
      const chain: number[] = [];
      for (let outer = scope.parent; outer && outer !== model.module; outer = outer.parent)
        chain.push(scopeIndex.get(outer) ?? -1);
      localSites.push({
        name: binding.name,
        scope: scopeIndex.get(scope) ?? -1,
        chain,
        site,
        references: binding.references.map(at),
      });
    }
  }
  return { moduleBindings, freeReads, localSites };
}

/**
 * The strings of one top-level statement that may name imports, kept per statement text apart from
 * `summarize` (read only when an import has no other reads). Scopes are numbered as `summarize`'s,
 * from the same analysis of the same text.
 */
function summarizeStrings(unit: Node): StringPart[] {
  const base = unit.startIndex;
  const model = statementScopeModel(unit);
  const scopeIndex = new Map(model.scopes.map((scope, index) => [scope, index]));
  return stringParts(unit, model, scopeIndex, (node) => ({
    start: node.startIndex - base,
    end: node.endIndex - base,
    type: node.type,
  }));
}

function lastDefinition(binding: Binding): Node {
  // `import os.path` then `import os.sep`: each rebinds `os`; the last one takes the references.
  return binding.definitions.reduce((a, b) => (b.startIndex > a.startIndex ? b : a));
}

/** The import a binding is, when its only kind is import and its last definition one alias of an import statement. */
function siteInfo(binding: Binding, base: number): SiteInfo | undefined {
  if (binding.kinds.size !== 1 || !binding.kinds.has('import')) return undefined;
  const definition = lastDefinition(binding);
  let alias: Node | null = definition;
  while (
    alias?.parent &&
    alias.parent.type !== 'import_statement' &&
    alias.parent.type !== 'import_from_statement'
  )
    alias = alias.parent;
  const statement = alias?.parent;
  if (!alias || !statement) return undefined;
  const imported = alias.type === 'aliased_import' ? alias.childForFieldName('name') : alias;
  if (!imported) return undefined;
  // Ruff reports an aliased import at its alias (`np` in `import numpy as np`).
  const reported = alias.type === 'aliased_import' ? (alias.childForFieldName('alias') ?? alias) : alias;
  const nodeAt = (node: Node): NodeAt => ({
    start: node.startIndex - base,
    end: node.endIndex - base,
    type: node.type,
  });
  const common = {
    definition: definition.startIndex - base,
    statement: nodeAt(statement),
    alias: nodeAt(reported),
  };
  if (statement.type === 'import_statement') {
    const dotted = imported.text.replace(/\s+/g, '');
    return {
      ...common,
      qualifiedName: dotted,
      moduleName: dotted.split('.')[0],
      source: { module: dotted, level: 0 },
    };
  }
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode || moduleNode.startIndex === alias.startIndex) return undefined;
  const moduleText = moduleNode.text.replace(/\s+/g, '');
  if (moduleText === '__future__') return undefined;
  const level = /^\.*/.exec(moduleText)?.[0].length ?? 0;
  const member = imported.text.replace(/\s+/g, '');
  return {
    ...common,
    qualifiedName: moduleText.endsWith('.') ? `${moduleText}${member}` : `${moduleText}.${member}`,
    moduleName: moduleText,
    source: { module: moduleText.slice(level), level },
  };
}

/**
 * The node of this analysis's tree at `at` (relative to `base`): the innermost of its range and
 * type. A summary is of the same statement text, so it is there; were it not, the caller reads the
 * absence as the answer that reports nothing.
 */
function liveNode(ctx: FileContext, base: number, at: NodeAt): Node | undefined {
  const start = base + at.start;
  const end = base + at.end;
  for (let node = ctx.root.descendantForIndex(start, end); node; node = node.parent)
    if (node.startIndex === start && node.endIndex === end && node.type === at.type) return node;
  return undefined;
}

/** Whether the node at `at` is read only by type checkers (see `typingContext`); not when it is not found. */
function typingOnlyAt(ctx: FileContext, base: number, at: NodeAt): boolean {
  const node = liveNode(ctx, base, at);
  return node !== undefined && typingContext(node, ctx.module, ctx.file).typingOnly;
}

function isExempt(qualifiedName: string): boolean {
  const parts = qualifiedName.split('.');
  for (let n = parts.length; n >= 1; n--) if (EXEMPT.includes(parts.slice(0, n).join('.'))) return true;
  return false;
}

/** The strings of a statement that name something, with the scope each name's lookup ends in. */
function stringParts(
  unit: Node,
  model: NameModel,
  scopeIndex: ReadonlyMap<Scope, number>,
  at: (node: Node) => NodeAt,
): StringPart[] {
  const parts: StringPart[] = [];
  for (const string of unit.descendantsOfType('string')) {
    // Docstrings are skipped, as are strings naming nothing.
    if (!string || string.parent?.type === 'expression_statement') continue;
    const content = string.namedChildren
      .filter((c) => c?.type === 'string_content')
      .map((c) => c?.text ?? '')
      .join('');
    const words = content.match(/(?<![\w.])[A-Za-z_]\w*/g);
    if (!words) continue;
    const scope = enclosingScope(string, model);
    const names = [...new Set(words)].map((name) => {
      const last = lookupEnd(scope, name);
      return { name, scope: last === model.module ? -1 : (scopeIndex.get(last) ?? -2) };
    });
    parts.push({ at: at(string), names });
  }
  return parts;
}

/** The import sites (by `ownerKey`) named by string annotations and `cast("T", ...)` strings. */
function stringReferences(
  ctx: FileContext,
  strings: ReadonlyArray<readonly StringPart[]>,
  bases: readonly number[],
  imported: ReadonlySet<string>,
): Set<string> {
  const result = new Set<string>();
  strings.forEach((parts, unit) => {
    for (const part of parts) {
      // Strings naming no import are skipped before the (costlier) context test.
      const names = part.names.filter((n) => imported.has(n.name));
      if (names.length === 0) continue;
      const string = liveNode(ctx, bases[unit], part.at);
      if (!string || !isTypeString(string, ctx)) continue;
      for (const { name, scope } of names)
        result.add(scope === -1 ? `m:${name}` : `${unit}:${scope}:${name}`);
    }
  });
  return result;
}

function isTypeString(string: Node, ctx: FileContext): boolean {
  if (/^[a-z]*[bf]/i.test(string.child(0)?.text ?? '')) return false;
  if (typingContext(string, ctx.module, ctx.file).annotation !== undefined)
    return !isInsideLiteralOrMetadata(string, ctx.module);
  if (isTypeAliasValue(string, ctx)) return true;
  const args = string.parent;
  const call = args?.type === 'argument_list' ? args.parent : undefined;
  const callee = call?.childForFieldName('function');
  const name = callee ? ctx.module.qualifiedName(callee) : undefined;
  return (
    (name === 'typing.cast' || name === 'typing_extensions.cast') &&
    args?.namedChildren.find((c) => c?.type !== 'comment')?.id === string.id
  );
}

/** `Alias: TypeAlias = "pkg.Type"`: the value is a type expression. */
function isTypeAliasValue(string: Node, ctx: FileContext): boolean {
  const assignment = string.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== string.id)
    return false;
  const annotation = assignment.childForFieldName('type')?.namedChild(0);
  if (!annotation) return false;
  const name = ctx.module.qualifiedName(annotation);
  return name === 'typing.TypeAlias' || name === 'typing_extensions.TypeAlias';
}

function enclosingScope(node: Node, model: NameModel): Scope {
  let child = node;
  for (let at = node.parent; at; child = at, at = at.parent) {
    // A signature's annotations are evaluated in the scope around the definition.
    if (SCOPE_NODES.has(at.type) && at.childForFieldName('body')?.id === child.id) {
      const scope = model.scopeOf(at);
      if (scope) return scope;
    }
  }
  return model.module;
}

/** The doc of TC001-TC003, which differ only in the section of the import (`application`, ...). */
export function TYPING_ONLY_DOC(section: string, example: { importLine: string; type: string }): string {
  return `## What it does
Flags, as Ruff's TC001-TC003 do (non-strict, default settings), a ${section} import whose every use
is typing-only, at the imported name. A use is typing-only when Python never evaluates it: any
annotation under \`from __future__ import annotations\`, a local variable's annotation inside a
function, a string annotation (or \`cast("T", x)\`'s string), or code under \`if TYPE_CHECKING:\`.
Without the future import, function signature annotations and module- or class-level variable
annotations are evaluated, so their uses are runtime uses. Not flagged: unused imports (F401's),
imports already under \`if TYPE_CHECKING:\`, \`typing\`/\`typing_extensions\`, \`__future__\`, stubs,
and an import from a module that another import of the same scope (or an enclosing one) already
loads at runtime (\`from json import JSONDecoder\` next to a runtime-used \`from json import
JSONEncoder\`). Sections are isort's: TC001 first-party and relative imports, TC002 third-party,
TC003 standard library. Imports of module and function scopes are checked, as Ruff checks them.

Agreement with Ruff 0.17.3 (WASM, same settings): on the corpus (334 files of ten popular
libraries) 7 of 7 findings, none extra; on the same files with \`from __future__ import
annotations\` prepended (307 files), 39 of 39, none extra.

Ruff offers an unsafe fix that moves the import into a \`TYPE_CHECKING\` block; pyconv reports
without a fix.

## Why
Guide 004: "Use \`TYPE_CHECKING\` guard for circular imports and type-only imports". A runtime
import that only annotations need costs start-up time and invites import cycles.

## Example
\`\`\`python
from __future__ import annotations

${example.importLine}


def read(path: ${example.type}) -> str:
    return ""
\`\`\`

## Use instead
\`\`\`python
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    ${example.importLine}


def read(path: ${example.type}) -> str:
    return ""
\`\`\``;
}
