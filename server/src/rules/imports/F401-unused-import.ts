import { type Binding, pythonName, type Scope, statementScopeModel } from '../../analysis/scopes';
import { lineStarts } from '../../engine/positions';
import type { FileRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { type ImportedName, importedName, removalEdits } from '../import-removal';
import { blockIsolation } from '../statement-removal';

export const unusedImport: FileRule = {
  kind: 'file',
  meta: {
    code: 'F401',
    name: 'unused-import',
    summary: 'No imported name that the module never uses.',
    seeds: ['000', '003', '004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Flags an imported name that nothing in its scope reads, as pyflakes and Ruff's F401 do. A name
counts as used when it is read anywhere it is visible (nested functions, lambdas and
comprehensions included; a local of the same name hides it), by \`del\`, \`global\` or
\`nonlocal\`, in a string annotation (\`x: "os.PathLike"\`), or when it is listed in \`__all__\`
(\`=\`, \`+=\`). Strings that are not annotations (docstrings, doctests) are not uses. At module
level a read before the import does not count (\`print(os)\` then \`import os\`).

Not flagged, as in Ruff: \`__future__\` imports; explicit re-exports \`import x as x\` and
\`from m import x as x\`; imports in class bodies; an import that a later binding of the same
name replaces (\`try: import foo\` / \`except ImportError: foo = None\`, or the first of two
\`import os\`: that is F811's business, and only the last one can be flagged).
\`import a.b.c\` binds \`a\`. When several \`import a\` / \`import a.b\` statements bind \`a\`, a
read \`a.b.x\` uses \`import a.b\` and any other read of \`a\` uses \`import a\` (or, without
one, the first submodule import), as Ruff does in preview: \`import a\` next to \`import a.b\`
is flagged when only \`a.b.x\` is read. Imports under \`if TYPE_CHECKING:\` and other
conditions are checked like any other: used by a string annotation, they are used. The finding
covers the bound name (the alias after \`as\`, else the dotted name) and names it as Ruff does:
\`a.b.c\`, \`m.x\` for \`from m import x\`, \`.m.x\` for relative imports. A \`# noqa: F401\`
on the first line of a wrapped \`from m import (...)\` covers all its names.

## Why
Guides 000, 003 and 004 run pyflakes or Ruff's F rules: an unused import slows start-up, hides
real dependencies and invites circular imports.

## Example
\`\`\`python
import os
import sys

print(sys.argv)
\`\`\`

## Use instead
\`\`\`python
import sys

print(sys.argv)
\`\`\`

## Fix safety
Safe: the fix removes the unused names from the statement (one fix per statement, for all its
unused names), or the whole statement with its line, trailing comment included (a statement that
is the only one in its block becomes \`pass\`). A parenthesised import written one name per line
loses the lines of the removed names and keeps the others' comments. An import inside
\`try: ... except ImportError:\` is flagged with Ruff's hint about \`importlib.util.find_spec\`
and no fix, since it tests for availability. In \`__init__.py\` the finding suggests re-exporting
and has no fix (Ruff's fix there is unsafe).

Not applied when another module of the project imports the name from this one (\`from .compat
import json\` elsewhere, \`c.json\` after \`import pkg.compat as c\`, \`from .compat import *\`):
the import is then needed even though this module never reads it, and removing it would break the
importer. The finding stays; the editor shows the quick fix disabled with the reason ("other
modules import \`json\` from this module (pkg/models.py)") and fix-all leaves it; \`pyconv check
--fix\` leaves it too. The fix removes every unused name of a statement at once, so it is left
whole when any of them is needed. Importers are looked for in the workspace (editor) or the checked
files (\`--fix\`), through the project index: a plain check does not build it and lists the fix.
Ruff removes such imports.

## Known differences from Ruff
Uses are matched by scope, not by control flow: a read in another branch counts. Strings passed
to \`typing.cast\` or \`TypeVar(bound=...)\` are not read as annotations; strings in the slice of
a typing generic outside an annotation (\`X = t.Union["Response", str]\`) are, but the generic is
told by its name (\`Union\`, \`Optional\`, \`list\`, ...), not resolved through the imports. Of two identical
\`import os\` that nothing reads, only the second is flagged (Ruff's stable behaviour; its preview
flags both). In \`__init__.py\`, where Ruff's message and fix differ (a name there may be a
re-export), pyconv gives the re-export hint above and no fix. On the test corpus (334 files) the findings match Ruff's exactly (772 of 772), and
so do the fix edits (770 compared).`,
  },
  prepare(ctx, unit) {
    ctx.memo(unit, 'summary', summarize);
  },
  check(ctx) {
    const units = ctx.root.namedChildren.filter((unit): unit is Node => unit !== null);
    const summaries = units.map((unit) => ({
      base: unit.startIndex,
      summary: ctx.memo(unit, 'summary', summarize),
    }));
    // Read only when an import has no other use (most files import nothing unused).
    let stringUses: Set<string> | undefined;
    const usedByString = (name: string): boolean => {
      stringUses ??= new Set(units.flatMap((unit) => ctx.memo(unit, 'string-uses', stringUsesOf)));
      return stringUses.has(name);
    };
    const unusedByStatement = new Map<number, { statement: Node; unused: ImportedName[] }>();
    for (const offset of unusedOffsets(summaries, usedByString)) {
      const identifier = ctx.root.descendantForIndex(offset);
      const unused = identifier ? importedName(identifier) : undefined;
      const statement = unused?.item.parent;
      if (!unused || !statement) continue;
      const group = unusedByStatement.get(statement.id) ?? { statement, unused: [] };
      group.unused.push(unused);
      unusedByStatement.set(statement.id, group);
    }
    const starts = unusedByStatement.size > 0 ? lineStarts(ctx.source) : [];
    for (const { statement, unused } of unusedByStatement.values()) {
      const guarded = guardedByImportError(statement);
      const edits =
        guarded || ctx.file.isPackageInit ? null : removalEdits(statement, unused, ctx.source, starts);
      const title =
        unused.length === 1 ? `Remove unused import: \`${unused[0].qualified}\`` : 'Remove unused import';
      const fix = edits ? { title, safe: true, edits, isolation: blockIsolation(statement) } : null;
      for (const name of unused) {
        const hint = guarded
          ? '; consider using `importlib.util.find_spec` to test for availability'
          : ctx.file.isPackageInit
            ? '; consider removing, adding to `__all__`, or using a redundant alias'
            : '';
        ctx.reportInStatement(
          statement,
          reportedNode(name),
          `\`${name.qualified}\` imported but unused${hint}`,
          fix,
        );
      }
    }
  },
};

/**
 * What one top-level statement contributes, computed once per statement text (see unit-memo.ts):
 * offsets are relative to the statement's start.
 */
interface UnitSummary {
  /** The module-level bindings it makes, in source order. */
  readonly bindings: readonly BindingSite[];
  /** Its reads of names it does not bind in an inner scope (module-level names or builtins). */
  readonly reads: readonly ReadSite[];
  /** The bound identifiers of its unused imports inside functions (complete within the statement). */
  readonly unusedLocal: readonly number[];
}

interface BindingSite {
  readonly name: string;
  readonly offset: number;
  /** Set for an import. */
  readonly imported?: {
    readonly qualified: string;
    /** `import a` (module), `import a.b` (submodule), anything else (other). */
    readonly form: 'module' | 'submodule' | 'other';
    readonly flaggable: boolean;
    readonly statementEnd: number;
  };
}

interface ReadSite {
  readonly name: string;
  readonly offset: number;
  /** Inside a function, lambda or comprehension: it runs after the whole module has been bound. */
  readonly deferred: boolean;
  /** The dotted name the read starts (`a.b.c` for `a.b.c.d()`). */
  readonly chain: string;
}

function summarize(unit: Node): UnitSummary {
  const base = unit.startIndex;
  const model = statementScopeModel(unit);
  const bindings: BindingSite[] = [];
  const reads: ReadSite[] = [];
  // `name`: the node's name as the scope analysis read it (a binding's, or the unresolved read's).
  const read = (node: Node, name: string): void => {
    const offset = node.startIndex - base;
    reads.push({
      name,
      offset,
      deferred: isDeferred(node),
      chain: attributeChain(node),
    });
  };
  for (const binding of model.module.bindings.values()) {
    for (const definition of binding.definitions) bindings.push(bindingSite(binding.name, definition, base));
    for (const reference of binding.references) read(reference, binding.name);
  }
  bindings.sort((a, b) => a.offset - b.offset);
  const { unresolvedReads, unresolvedNames } = model;
  for (let i = 0; i < unresolvedReads.length; i++) read(unresolvedReads[i], unresolvedNames[i]);
  for (const declaration of model.unresolvedDeclarations) read(declaration, pythonName(declaration.text));
  const fallbackUses = classFallbackUses(model.scopes);
  for (const [scope, names] of fallbackUses) {
    if (scope !== model.module) continue;
    for (const name of names) reads.push({ name, offset: 0, deferred: true, chain: name });
  }
  const unusedLocal: number[] = [];
  for (const scope of model.scopes) {
    if (scope.kind === 'module' || scope.kind === 'class') continue;
    const extraUses = fallbackUses.get(scope) ?? new Set<string>();
    for (const binding of scope.bindings.values()) {
      if (!binding.kinds.has('import')) continue;
      for (const unused of unusedImportsOf(binding, extraUses))
        unusedLocal.push(unused.bound.startIndex - base);
    }
  }
  return { bindings, reads, unusedLocal };
}

function bindingSite(name: string, definition: Node, base: number): BindingSite {
  const offset = definition.startIndex - base;
  const imported = importedName(definition);
  const statement = imported?.item.parent;
  if (!imported || !statement) return { name, offset };
  const plainImport = statement.type === 'import_statement' && imported.item.type === 'dotted_name';
  const form = !plainImport ? 'other' : imported.item.namedChildCount === 1 ? 'module' : 'submodule';
  return {
    name,
    offset,
    imported: {
      qualified: imported.qualified,
      form,
      flaggable: isFlaggable(imported, name),
      statementEnd: statement.endIndex - base,
    },
  };
}

const COMPREHENSIONS = [
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
];

/** Inside a function, lambda or comprehension: code that runs after the module's statements (as Ruff treats them). */
function isDeferred(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (DEFERRING.has(n.type)) return true;
  return false;
}

const DEFERRING = new Set(['function_definition', 'lambda', ...COMPREHENSIONS]);

interface PlacedSummary {
  readonly base: number;
  readonly summary: UnitSummary;
}

/**
 * The offsets of the bound identifiers of every unused import of the module. `usedByString`: whether
 * a string annotation or `__all__` names a module-level name (asked only of imports otherwise unused).
 */
function unusedOffsets(units: readonly PlacedSummary[], usedByString: (name: string) => boolean): number[] {
  const unused: number[] = [];
  const bindings = new Map<string, BindingSite[]>();
  const reads = new Map<string, ReadSite[]>();
  // Only the bindings and reads of imported names are ever looked at (most names are not).
  const imported = new Set<string>();
  for (const { base, summary } of units) {
    for (const offset of summary.unusedLocal) unused.push(base + offset);
    for (const site of summary.bindings) if (site.imported) imported.add(site.name);
  }
  for (const { base, summary } of units) {
    for (const site of summary.bindings) {
      if (!imported.has(site.name)) continue;
      const sites = bindings.get(site.name) ?? [];
      sites.push({
        ...site,
        offset: base + site.offset,
        imported: site.imported && { ...site.imported, statementEnd: base + site.imported.statementEnd },
      });
      bindings.set(site.name, sites);
    }
  }
  for (const { base, summary } of units) {
    for (const site of summary.reads) {
      if (!imported.has(site.name)) continue;
      const sites = reads.get(site.name) ?? [];
      sites.push({ ...site, offset: base + site.offset });
      reads.set(site.name, sites);
    }
  }
  for (const [name, sites] of bindings) {
    const last = sites[sites.length - 1];
    if (!last?.imported) continue;
    const end = last.imported.statementEnd;
    const counted = (reads.get(name) ?? []).filter((r) => r.deferred || r.offset >= end);
    const found = sites.every((s) => s.imported && s.imported.form !== 'other')
      ? unusedModuleSites(sites, counted)
      : last.imported.flaggable && counted.length === 0
        ? [last.offset]
        : [];
    if (found.length > 0 && !usedByString(name)) unused.push(...found);
  }
  return unused;
}

/** `unusedModuleImports` for module-level bindings known by their summaries. */
function unusedModuleSites(sites: readonly BindingSite[], reads: readonly ReadSite[]): number[] {
  const plain = sites.filter((s) => s.imported?.form === 'module');
  const lastPlain = plain[plain.length - 1];
  const submodules = sites.filter((s) => s.imported?.form === 'submodule');
  const used = new Set<BindingSite>();
  for (const read of reads) {
    const user =
      submoduleUsedBy(read.chain, submodules, (s) => s.imported?.qualified ?? '') ??
      lastPlain ??
      submodules[0];
    if (user) used.add(user);
  }
  const candidates = lastPlain ? [lastPlain, ...submodules] : submodules;
  return candidates.filter((s) => !used.has(s)).map((s) => s.offset);
}

/** The submodule import with the longest dotted name that `chain` reads through. */
function submoduleUsedBy<T>(
  chain: string,
  submodules: readonly T[],
  qualified: (s: T) => string,
): T | undefined {
  const matches = submodules.filter((s) => chain === qualified(s) || chain.startsWith(`${qualified(s)}.`));
  return matches.sort((a, b) => qualified(b).length - qualified(a).length)[0];
}

/**
 * Names a class body reads before binding them itself (\`j = json\` then \`def json\`): Python
 * looks them up outside the class, so they use the enclosing scope's import.
 */
function classFallbackUses(scopes: readonly Scope[]): Map<Scope, Set<string>> {
  const uses = new Map<Scope, Set<string>>();
  for (const scope of scopes) {
    if (scope.kind !== 'class') continue;
    let outer = scope.parent;
    while (outer?.kind === 'class') outer = outer.parent;
    if (!outer) continue;
    for (const binding of scope.bindings.values()) {
      const first = Math.min(...binding.definitions.map((d) => d.startIndex));
      if (!binding.references.some((r) => r.startIndex < first)) continue;
      const names = uses.get(outer) ?? new Set<string>();
      names.add(binding.name);
      uses.set(outer, names);
    }
  }
  return uses;
}

/** The imports of `binding` that nothing uses, unless a later binding of another kind replaces them. */
function unusedImportsOf(binding: Binding, extraUses: ReadonlySet<string>): ImportedName[] {
  const definitions = [...binding.definitions].sort((a, b) => a.startIndex - b.startIndex);
  const imports = definitions.map(importedName);
  const last = imports[imports.length - 1];
  if (!last || extraUses.has(binding.name)) return [];
  const reads = binding.references.filter((reference) => !readBefore(reference, binding, last));
  if (
    imports.every((i) => i && i.item.type === 'dotted_name' && i.item.parent?.type === 'import_statement')
  ) {
    return unusedModuleImports(imports as ImportedName[], reads);
  }
  // Earlier bindings are replaced by the last (F811's business); only the last can be unused.
  if (!isFlaggable(last, binding.name) || reads.length > 0) return [];
  return [last];
}

/**
 * \`import a\`, \`import a.b\`, \`import a.c\` all bind \`a\`: as Ruff (preview) does, a read \`a.b.x\`
 * uses \`import a.b\`, any other read uses the last \`import a\`, or without one the first submodule
 * import. Of several \`import a\`, only the last can be unused.
 */
function unusedModuleImports(imports: readonly ImportedName[], reads: readonly Node[]): ImportedName[] {
  const plain = imports.filter((i) => i.item.namedChildCount === 1);
  const lastPlain = plain[plain.length - 1];
  const submodules = imports.filter((i) => i.item.namedChildCount > 1);
  const used = new Set<ImportedName>();
  for (const read of reads) {
    const user =
      submoduleUsedBy(attributeChain(read), submodules, (s) => s.qualified) ?? lastPlain ?? submodules[0];
    if (user) used.add(user);
  }
  const candidates = lastPlain ? [lastPlain, ...submodules] : submodules;
  return candidates.filter((i) => !used.has(i) && i.item.parent?.type === 'import_statement');
}

/** \`a.b.c\` for the \`a\` of \`a.b.c.d()\`: the dotted name a read starts. */
function attributeChain(read: Node): string {
  let chain = read.text;
  let node = read;
  while (node.parent?.type === 'attribute' && node.parent.childForFieldName('object')?.id === node.id) {
    const attribute = node.parent.childForFieldName('attribute');
    if (!attribute) break;
    chain += `.${attribute.text}`;
    node = node.parent;
  }
  return chain;
}

/** Not a \`__future__\` import, not an explicit re-export \`x as x\`. */
function isFlaggable(imported: ImportedName | undefined, name: string): imported is ImportedName {
  if (!imported || imported.item.parent?.type === 'future_import_statement') return false;
  if (imported.item.type !== 'aliased_import') return true;
  const original = imported.item.childForFieldName('name');
  return !original || pythonName(original.text) !== name;
}

/** A read in the binding's own scope (not a nested one) that runs before or inside the import. */
function readBefore(reference: Node, binding: Binding, last: ImportedName): boolean {
  const statement = last.item.parent;
  if (!statement || reference.startIndex >= statement.endIndex) return false;
  for (let node = reference.parent; node; node = node.parent) {
    if (node.id === binding.scope.node.id) return true;
    if (['function_definition', 'lambda', ...COMPREHENSIONS].includes(node.type)) return false;
  }
  return true;
}

function reportedNode(name: ImportedName): Node {
  return name.item.type === 'aliased_import' ? name.bound : name.item;
}

/** An import in the body of a `try` whose handlers catch `ImportError` or `ModuleNotFoundError`. */
function guardedByImportError(statement: Node): boolean {
  for (let node = statement.parent; node; node = node.parent) {
    if (node.type === 'function_definition' || node.type === 'class_definition') return false;
    if (node.type !== 'block' || node.parent?.type !== 'try_statement') continue;
    const tryStatement = node.parent;
    if (tryStatement.childForFieldName('body')?.id !== node.id) continue;
    for (const handler of tryStatement.namedChildren) {
      if (handler?.type !== 'except_clause') continue;
      const caught = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
      if (caught && /\b(ImportError|ModuleNotFoundError)\b/.test(caught.text)) return true;
    }
  }
  return false;
}

/**
 * Names read in string annotations and listed in `__all__`, in one top-level statement (kept per
 * statement text, apart from its summary).
 */
function stringUsesOf(unit: Node): string[] {
  const names = new Set<string>();
  const allStatement = /^__all__\s*(\+?=|\.(extend|append)\b)/.test(unit.text);
  // The statement's strings as a copy indexes them (see syntax-node.ts), not a walk of its nodes;
  // those inside code the parser could not read are not uses.
  for (const node of unit.descendantsOfType('string')) {
    if (!node || insideError(node, unit)) continue;
    // The content only of the strings that count (most are not in annotations).
    if (allStatement) names.add(stringContent(node));
    else if (inAnnotation(node))
      for (const word of stringContent(node).match(ANNOTATION_NAME) ?? []) names.add(word);
  }
  return [...names];
}

/** Whether `node` is within an `ERROR` node of `unit` (or `unit` is one). */
function insideError(node: Node, unit: Node): boolean {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'ERROR') return true;
    if (n.id === unit.id) return false;
  }
  return false;
}
/** A name in a string annotation: an identifier not after a dot. */
const ANNOTATION_NAME = /(?<![\w.])[A-Za-z_]\w*/g;

function stringContent(node: Node): string {
  return node.namedChildren
    .filter((c) => c?.type === 'string_content')
    .map((c) => c?.text ?? '')
    .join('');
}

/**
 * An annotation, or the slice of a typing generic outside one (`t.Union["Response", str]` in an
 * assignment), where Python's typing reads strings as forward references. The generic is told by
 * its name, not resolved through the imports: this summary is kept per statement text, and reading
 * a use too many only ever hides a finding.
 */
function inAnnotation(node: Node): boolean {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'type') return true;
    if (n.type === 'subscript' && child.startIndex !== n.childForFieldName('value')?.startIndex) {
      const generic = typingGenericName(n.childForFieldName('value'));
      if (generic === 'Literal') return false;
      // `Annotated[T, "metadata"]`: only `T` is a type.
      if (generic === 'Annotated') return isWithin(child, n.childrenForFieldName('subscript')[0]);
      if (generic !== undefined) return true;
    }
    if (n.type === 'call' || n.type === 'block' || n.type === 'module') return false;
  }
  return false;
}

function isWithin(node: Node, outer: Node | null | undefined): boolean {
  return (
    outer !== null &&
    outer !== undefined &&
    outer.startIndex <= node.startIndex &&
    node.endIndex <= outer.endIndex
  );
}

/** The last name of `X` or `mod.X` when it is one of the generics that typing reads as types. */
function typingGenericName(value: Node | null): string | undefined {
  const name = value?.type === 'attribute' ? value.childForFieldName('attribute')?.text : value?.text;
  return value &&
    (value.type === 'identifier' || value.type === 'attribute') &&
    name &&
    TYPING_GENERICS.has(name)
    ? name
    : undefined;
}

const TYPING_GENERICS: ReadonlySet<string> = new Set([
  ...['Union', 'Optional', 'List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type', 'Callable', 'Literal'],
  ...['Iterable', 'Iterator', 'Sequence', 'Mapping', 'MutableMapping', 'MutableSequence', 'MutableSet'],
  ...['Generator', 'AsyncGenerator', 'AsyncIterator', 'AsyncIterable', 'Awaitable', 'Coroutine'],
  ...['ClassVar', 'Final', 'Deque', 'DefaultDict', 'OrderedDict', 'Counter', 'ChainMap', 'Collection'],
  ...['AbstractSet', 'Container', 'Reversible', 'ContextManager', 'AsyncContextManager', 'TypeGuard'],
  ...['TypeIs', 'Required', 'NotRequired', 'ReadOnly', 'Unpack', 'Concatenate', 'Annotated'],
  ...['list', 'dict', 'set', 'frozenset', 'tuple', 'type'],
]);
