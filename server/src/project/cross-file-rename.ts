/**
 * The edits of a rename across files: in every file the project index says reaches a module-level
 * name (project-index.ts `renameImpact`), with that file's own scope analysis. An unaliased
 * `from m import name` is renamed with every use in the importer; an aliased one only at its
 * `name` (`import computeTotal as ct` keeps `ct`); `m.name` through `import a.b as m`, `import a.b`
 * or `from a import b` is renamed at the attribute. `patch("a.b.name")` strings are a separate,
 * unsafe set of edits. Pure apart from the parser: the texts come from the caller.
 */
import type { Parser } from 'web-tree-sitter';
import { dottedChain, moduleReference, plainStringValue } from '../analysis/module-summary';
import { planImportedNameRename } from '../analysis/rename';
import { analyzeScopes, type Binding, type ScopeModel } from '../analysis/scopes';
import { nodeRange } from '../engine/positions';
import type { Node, TextEdit } from '../engine/types';
import { absoluteModule, type ModuleLocation } from './module-resolution';
import { readTree } from './read-tree';

export interface RenameTarget {
  /** The defining module and the modules re-exporting the name under its own name. */
  modules: ReadonlySet<string>;
  name: string;
  newName: string;
}

export interface FileRenameEdits {
  /** Imports, uses and `__all__` entries. */
  edits: TextEdit[];
  /** `patch("pkg.mod.name")` strings: applied only as the unsafe part. */
  patchEdits: TextEdit[];
}

/** Parses `text` (the importer's current text), computes its edits and deletes the tree; a string says why it cannot be renamed there. */
export function importerRenameEdits(
  parser: Parser,
  text: string,
  location: ModuleLocation,
  target: RenameTarget,
): FileRenameEdits | string {
  return readTree(parser, text, (root) => editsIn(root, location, target)) ?? 'the file could not be parsed';
}

function editsIn(root: Node, location: ModuleLocation, target: RenameTarget): FileRenameEdits | string {
  const model = analyzeScopes(root);
  const nodes = new Map<number, Node>();
  const edits: TextEdit[] = [];
  const renamed = new Set<Binding>();
  for (const statement of importStatementsOf(root)) {
    const outcome =
      statement.type === 'import_statement'
        ? moduleImportUses(model, statement, target)
        : fromImportEdits(model, statement, location, target, renamed);
    if (typeof outcome === 'string') return outcome;
    for (const node of outcome.nodes) nodes.set(node.id, node);
    edits.push(...outcome.edits);
  }
  for (const node of nodes.values()) edits.push({ range: nodeRange(node), newText: target.newName });
  return { edits: uniqueEdits(edits), patchEdits: patchStringEdits(root, target) };
}

function uniqueEdits(edits: readonly TextEdit[]): TextEdit[] {
  const byStart = new Map<string, TextEdit>();
  for (const edit of edits) byStart.set(`${edit.range.start.line}:${edit.range.start.character}`, edit);
  return [...byStart.values()].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function importStatementsOf(root: Node): Node[] {
  const found: Node[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      found.push(node);
      continue;
    }
    for (const child of node.namedChildren) if (child && child.type !== 'ERROR') pending.push(child);
  }
  return found;
}

interface Outcome {
  nodes: Node[];
  edits: TextEdit[];
}

/** `import a.b as m` / `import a.b`: the `name` attribute after a module of the target, through the bound name. */
function moduleImportUses(model: ScopeModel, statement: Node, target: RenameTarget): Outcome {
  const nodes: Node[] = [];
  for (const item of statement.childrenForFieldName('name')) {
    const dotted = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
    if (dotted?.type !== 'dotted_name') continue;
    const alias = item?.type === 'aliased_import' ? item.childForFieldName('alias') : null;
    const bound = alias ?? dotted.namedChild(0);
    const binding = bound ? model.bindingOf(bound) : undefined;
    if (!binding) continue;
    const module = dotted.text;
    const prefixes = alias ? new Map([[alias.text, module]]) : undefined;
    nodes.push(...attributeUses(binding, target, prefixes));
  }
  return { nodes, edits: [] };
}

/**
 * The `name` identifiers of `x.….name` read through `binding`, where `x.…` is a module of the
 * target; `aliases` maps a bound alias to the module it stands for.
 */
function attributeUses(
  binding: Binding,
  target: RenameTarget,
  aliases?: ReadonlyMap<string, string>,
): Node[] {
  const found: Node[] = [];
  for (const reference of binding.references) {
    let chain: Node = reference;
    while (chain.parent?.type === 'attribute' && chain.parent.childForFieldName('object')?.id === chain.id) {
      const attribute = chain.parent.childForFieldName('attribute');
      const dotted = dottedChain(chain.parent);
      if (!attribute || !dotted) break;
      const head = dotted.slice(0, dotted.length - attribute.text.length - 1);
      const [first, ...rest] = head.split('.');
      const module = aliases?.has(first!) ? [aliases.get(first!)!, ...rest].join('.') : head;
      if (attribute.text === target.name && target.modules.has(module)) {
        found.push(attribute);
        break;
      }
      chain = chain.parent;
    }
  }
  return found;
}

/** `from m import name [as alias]` of a target module, or `from a import b` of a target module `a.b`. */
function fromImportEdits(
  model: ScopeModel,
  statement: Node,
  location: ModuleLocation,
  target: RenameTarget,
  renamed: Set<Binding>,
): Outcome | string {
  const { module, level } = moduleReference(statement.childForFieldName('module_name'));
  const from = absoluteModule(location, module, level);
  const nodes: Node[] = [];
  const edits: TextEdit[] = [];
  if (from === undefined) return { nodes, edits };
  for (const item of statement.childrenForFieldName('name')) {
    const dotted = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
    const alias = item?.type === 'aliased_import' ? item.childForFieldName('alias') : null;
    if (dotted?.type !== 'dotted_name') continue;
    if (target.modules.has(`${from}.${dotted.text}`)) {
      const bound = alias ?? dotted.namedChild(0);
      const binding = bound ? model.bindingOf(bound) : undefined;
      if (binding)
        nodes.push(...attributeUses(binding, target, new Map([[bound!.text, `${from}.${dotted.text}`]])));
    }
    if (!target.modules.has(from) || dotted.text !== target.name) continue;
    if (alias) {
      nodes.push(dotted.namedChild(0)!);
      continue;
    }
    const binding = model.bindingOf(dotted.namedChild(0)!);
    if (!binding) continue;
    if (renamed.has(binding)) continue;
    const outcome = planImportedNameRename(model, binding, target.newName);
    if (!outcome.ok) return outcome.reason;
    renamed.add(binding);
    edits.push(...outcome.edits);
  }
  return { nodes, edits };
}

/** `patch("pkg.mod.name")` strings whose module is one of the target's. */
function patchStringEdits(root: Node, target: RenameTarget): TextEdit[] {
  const edits: TextEdit[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const child of node.namedChildren) if (child && child.type !== 'ERROR') pending.push(child);
    if (node.type !== 'call') continue;
    const callee = node.childForFieldName('function');
    const calleeName = callee?.type === 'identifier' ? callee.text : callee ? dottedChain(callee) : undefined;
    if (calleeName?.split('.').at(-1) !== 'patch') continue;
    const argument = node.childForFieldName('arguments')?.namedChild(0);
    const value = plainStringValue(argument);
    const content = argument?.namedChildren.find((c) => c?.type === 'string_content');
    if (!value || !content || content.startPosition.row !== content.endPosition.row) continue;
    const dot = value.lastIndexOf('.');
    if (value.slice(dot + 1) !== target.name || !target.modules.has(value.slice(0, dot))) continue;
    const start = { line: content.startPosition.row, character: content.startPosition.column + dot + 1 };
    edits.push({
      range: { start, end: { line: start.line, character: start.character + target.name.length } },
      newText: target.newName,
    });
  }
  return edits;
}
