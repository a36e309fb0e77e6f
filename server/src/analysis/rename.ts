/**
 * Renaming a name everywhere it means the same thing in one file, or saying why not. Shared by the
 * naming rules' rename fixes (resolved lazily, see engine/resolve-fixes.ts) and `textDocument/rename`.
 */
import { statementExpression } from '../docstrings/google';
import { nodeRange } from '../engine/positions';
import type { Node, TextEdit } from '../engine/types';
import {
  attributeSitesNamed,
  classFamily,
  parameterKeywordUses,
  planMemberRename,
  valueClassOf,
} from './members';
import { PYTHON_BUILTINS, PYTHON_KEYWORDS } from './python-names';
import { type Binding, lookupPath, pythonName, type Scope, type ScopeModel } from './scopes';

export { PYTHON_BUILTINS, PYTHON_KEYWORDS };

/** Python's identifier syntax (PEP 3131), checked on the NFKC form as CPython's tokenizer does. */
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** Why `name` cannot be a Python name, or undefined when it can. */
export function invalidNameReason(name: string): string | undefined {
  const normalised = pythonName(name);
  if (!IDENTIFIER.test(name.normalize('NFKC')) || !IDENTIFIER.test(normalised))
    return `\`${name}\` is not a valid Python identifier`;
  const spelled = normalised === name ? '' : ` (Python reads it as \`${normalised}\`)`;
  if (PYTHON_KEYWORDS.has(normalised)) return `\`${name}\` is a Python keyword${spelled}`;
  if (normalised === '__debug__') return `\`${name}\` cannot be assigned to${spelled}`;
  return undefined;
}

export type RenameOutcome = { ok: true; edits: TextEdit[]; binding: Binding } | { ok: false; reason: string };

function refuse(reason: string): RenameOutcome {
  return { ok: false, reason };
}

function describeScope(scope: Scope): string {
  if (scope.kind === 'module') return 'this module';
  const name = scope.node.childForFieldName('name')?.text;
  if (scope.kind === 'class') return `class \`${name}\``;
  if (scope.kind === 'function') return `function \`${name}\``;
  if (scope.kind === 'type-parameters') return `the type parameters of \`${parameterisedName(scope.node)}\``;
  return `this ${scope.kind}`;
}

/** The name of the function, class or type alias a PEP 695 `[T]` list belongs to. */
function parameterisedName(list: Node): string | undefined {
  let node: Node | null = list.parent;
  while (node && !['function_definition', 'class_definition', 'type_alias_statement'].includes(node.type))
    node = node.parent;
  if (node?.type !== 'type_alias_statement') return node?.childForFieldName('name')?.text;
  const left = node.childForFieldName('left')?.namedChild(0);
  return (left?.type === 'generic_type' ? left.namedChild(0) : left)?.text;
}

/** Whether the binding can be renamed at all, independent of the new name. */
export function renameableReason(binding: Binding): string | undefined {
  if (binding.kinds.has('import')) {
    const aliasesOnly = binding.definitions.every(
      (d) => d.parent?.type === 'aliased_import' && d.parent.childForFieldName('alias')?.id === d.id,
    );
    if (!aliasesOnly) return `\`${binding.name}\` is imported; rename it where it is defined`;
  }
  if (binding.scope.node.hasError) {
    return `${describeScope(binding.scope)} has syntax errors; references to \`${binding.name}\` may be missed`;
  }
  if (binding.scope.starImport) return `a \`*\` import in ${describeScope(binding.scope)} may rebind names`;
  return undefined;
}

/** Every occurrence of the binding in the file: definitions, reads, keyword and attribute uses. */
export function occurrencesOf(binding: Binding): Node[] {
  const seen = new Map<number, Node>();
  for (const list of [binding.definitions, binding.references, binding.keywordUses, binding.attributeUses]) {
    for (const node of list) seen.set(node.id, node);
  }
  return [...seen.values()].sort((a, b) => a.startIndex - b.startIndex);
}

/**
 * The edits that rename `binding` to `newName`, or why that would change what some name means:
 * the new name is a keyword, already bound where the binding lives, bound in a scope between a
 * use and the binding, or used (a builtin, a global) where the binding would now capture it. A
 * class member is renamed with its whole family (members.ts). Names are compared as Python
 * compares them, after NFKC normalisation.
 */
export function planRename(model: ScopeModel, binding: Binding, newName: string): RenameOutcome {
  const accepted = acceptRename(model, binding, newName);
  if (typeof accepted === 'string') return refuse(accepted);
  return { ok: true, edits: renameEdits(model, accepted, newName), binding };
}

/** The bindings a rename accepted by `acceptRename` renames, and the uses it renames besides theirs. */
export interface AcceptedRename {
  binding: Binding;
  bindings: readonly Binding[];
  extra: readonly Node[];
}

/**
 * Whether `planRename` would rename `binding` to `newName`: what it renames, or why not. Cheaper
 * than `planRename` where only the answer is wanted (the CLI's text output marks fixable findings).
 */
export function acceptRename(model: ScopeModel, binding: Binding, newName: string): AcceptedRename | string {
  const invalid = invalidNameReason(newName);
  if (invalid) return invalid;
  const key = pythonName(newName);
  if (key === binding.name) return `the name is already \`${binding.name}\``;
  let bindings = [binding];
  const extra: Node[] = [];
  if (binding.scope.kind === 'class') {
    const member = planMemberRename(model, binding);
    if (typeof member === 'string') return member;
    bindings = member.family;
    extra.push(...member.uses);
    const taken = memberConflict(model, binding, key);
    if (taken) return taken;
  }
  const parameterUses = parameterKeywordUses(model, binding);
  if (typeof parameterUses === 'string') return parameterUses;
  extra.push(...parameterUses);
  for (const each of bindings) {
    const notRenameable = renameableReason(each);
    if (notRenameable) return notRenameable;
    const conflict = conflictOf(model, each, key);
    if (conflict) return conflict;
  }
  return { binding, bindings, extra };
}

/** The edits of a rename `acceptRename` accepted, in document order. */
function renameEdits(
  model: ScopeModel,
  { binding, bindings, extra }: AcceptedRename,
  newName: string,
): TextEdit[] {
  const nodes = new Map<number, Node>();
  for (const node of [...bindings.flatMap(occurrencesOf), ...extra, ...dunderAllEntries(model, binding)])
    nodes.set(node.id, node);
  const edits = [...nodes.values()].map((node) => ({ range: nodeRange(node), newText: newName }));
  if (binding.scope === model.module) edits.push(...stringAnnotationEdits(model, binding.name, newName));
  edits.push(...docstringEntryEdits(docstringsMentioning(model, binding), binding.name, newName));
  edits.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return edits;
}

/**
 * The edits that rename a name bound by `from m import name` (no alias) together with the import,
 * from the importing file's side of a rename across files (project/cross-file-rename.ts): every
 * use, `__all__` entries and string annotations; refused as `planRename` refuses (a conflict, a
 * `*` import, syntax errors around it).
 */
export function planImportedNameRename(model: ScopeModel, binding: Binding, newName: string): RenameOutcome {
  const invalid = invalidNameReason(newName);
  if (invalid) return refuse(invalid);
  if (binding.scope.node.hasError)
    return refuse(
      `${describeScope(binding.scope)} has syntax errors; references to \`${binding.name}\` may be missed`,
    );
  if (binding.scope.starImport)
    return refuse(`a \`*\` import in ${describeScope(binding.scope)} may rebind names`);
  const conflict = conflictOf(model, binding, pythonName(newName));
  if (conflict) return refuse(conflict);
  const nodes = new Map<number, Node>();
  for (const node of [...occurrencesOf(binding), ...dunderAllEntries(model, binding)])
    nodes.set(node.id, node);
  const edits = [...nodes.values()].map((node) => ({ range: nodeRange(node), newText: newName }));
  if (binding.scope === model.module) edits.push(...stringAnnotationEdits(model, binding.name, newName));
  return { ok: true, edits, binding };
}

/** `key` already an attribute of a class of the member's family (bound, or used through a value of it). */
function memberConflict(model: ScopeModel, binding: Binding, key: string): string | undefined {
  const family = classFamily(binding.scope);
  for (const scope of family) {
    if (scope.attributeNames.has(key) || scope.bindings.has(key))
      return `\`${key}\` is already an attribute of ${describeScope(scope)}`;
  }
  for (const { object, scope } of attributeSitesNamed(model, key)) {
    const value = valueClassOf(model, object, scope);
    if (value.kind === 'class' && family.includes(value.scope))
      return `\`${key}\` is already an attribute of ${describeScope(value.scope)}`;
  }
  return undefined;
}

function conflictOf(model: ScopeModel, binding: Binding, key: string): string | undefined {
  const home = binding.scope;
  if (home.bindings.has(key) || home.globals.has(key) || home.nonlocals.has(key)) {
    return `\`${key}\` already exists in ${describeScope(home)}`;
  }
  // A read of the old name must still reach the binding after the rename.
  for (const use of model.uses) {
    if (use.binding !== binding) continue;
    for (const scope of lookupPath(use.scope, binding.name)) {
      if (scope === home) break;
      if (scope.bindings.has(key) || scope.globals.has(key) || scope.nonlocals.has(key)) {
        return `\`${key}\` already exists in ${describeScope(scope)}, where \`${binding.name}\` is used`;
      }
    }
  }
  // A read of the new name must not be captured by the renamed binding.
  for (const use of model.uses) {
    if (pythonName(use.node.text) !== key) continue;
    if (!lookupPath(use.scope, key).includes(home)) continue;
    const what = use.binding ? `\`${key}\` of ${describeScope(use.binding.scope)}` : builtinOrUndefined(key);
    return `${describeScope(use.scope)} uses ${what}, which the renamed name would hide`;
  }
  return undefined;
}

function builtinOrUndefined(name: string): string {
  return PYTHON_BUILTINS.has(name) ? `the builtin \`${name}\`` : `the undefined name \`${name}\``;
}

/**
 * Forward references in string annotations (`def f() -> "Engine"`, `x: "list[Engine]"`) name
 * module-level classes and aliases: the name inside them is renamed too (not after a `.`).
 */
function stringAnnotationEdits(model: ScopeModel, name: string, newName: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // Most annotations do not hold the name at all: the pattern (costly to compile) only for those that do.
  const holding = stringAnnotationsOf(model).filter(({ text }) => text.includes(name));
  if (holding.length === 0) return edits;
  const word = new RegExp(`(?<![\\p{L}\\p{N}_.])${name}(?![\\p{L}\\p{N}_])`, 'gu');
  for (const { text, line, character } of holding) {
    for (const match of text.matchAll(word)) {
      const start = { line, character: character + match.index };
      const end = { line, character: start.character + name.length };
      edits.push({ range: { start, end }, newText: newName });
    }
  }
  return edits;
}

/**
 * The children of a node of a type expression that are type expressions themselves: none of
 * `Literal[...]` (its strings are values) and only the first of `Annotated[T, ...]` (the rest is
 * metadata).
 */
function typeExpressionParts(node: Node): readonly (Node | null)[] {
  let head: Node | null = null;
  let parameters: readonly (Node | null)[] = [];
  if (node.type === 'generic_type') {
    head = node.namedChild(0);
    parameters = node.namedChildren.find((c) => c?.type === 'type_parameter')?.namedChildren ?? [];
  } else if (node.type === 'subscript') {
    head = node.childForFieldName('value');
    parameters = node.childrenForFieldName('subscript');
  }
  const special = head?.text.split('.').at(-1);
  if (special === 'Literal') return [head];
  if (special === 'Annotated') return [head, parameters[0] ?? null];
  return node.namedChildren;
}

/** A forward reference's text with the quoted strings inside it blanked: those are `Literal` values or metadata. */
function withoutNestedStrings(text: string): string {
  return text.replace(/(['"])(?:(?!\1).)*\1/g, (quoted) => ' '.repeat(quoted.length));
}

/** The last part of a call's callee: `cast` for `typing.cast(...)`. */
function calleeName(call: Node | null | undefined): string | undefined {
  return call?.type === 'call' ? call.childForFieldName('function')?.text.split('.').at(-1) : undefined;
}

/** String arguments that are type expressions: `cast("T", x)`'s first, `TypeVar("T", bound="B")`'s bound. */
function isTypeArgument(node: Node): boolean {
  if (node.type !== 'string') return false;
  const parent = node.parent;
  if (parent?.type === 'keyword_argument')
    return (
      parent.childForFieldName('name')?.text === 'bound' && calleeName(parent.parent?.parent) === 'TypeVar'
    );
  return (
    parent?.type === 'argument_list' &&
    parent.namedChild(0)?.id === node.id &&
    calleeName(parent.parent) === 'cast'
  );
}

interface StringAnnotation {
  text: string;
  line: number;
  character: number;
}

/** Collected once per scope model: a file's many module-level renames each read them. */
const stringAnnotations = new WeakMap<ScopeModel, StringAnnotation[]>();

function stringAnnotationsOf(model: ScopeModel): StringAnnotation[] {
  const known = stringAnnotations.get(model);
  if (known) return known;
  const found: StringAnnotation[] = [];
  const stack: Array<{ node: Node; inAnnotation: boolean }> = [
    { node: model.module.node, inAnnotation: false },
  ];
  while (stack.length > 0) {
    const { node, inAnnotation } = stack.pop()!;
    const annotation = inAnnotation || node.type === 'type' || isTypeArgument(node);
    if (annotation && node.type === 'string_content') {
      // Single-line contents only: a column offset is then a character offset.
      if (node.startPosition.row === node.endPosition.row)
        found.push({
          text: withoutNestedStrings(node.text),
          line: node.startPosition.row,
          character: node.startPosition.column,
        });
      continue;
    }
    const children = annotation ? typeExpressionParts(node) : node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && child.type !== 'ERROR') stack.push({ node: child, inAnnotation: annotation });
    }
  }
  stringAnnotations.set(model, found);
  return found;
}

/**
 * The docstrings whose entries may name the binding: a parameter's function docstring (`Args:`),
 * every docstring of the file for a module-level class (`Raises:`), so that docstring rules do not
 * report the renamed name as undocumented.
 */
function docstringsMentioning(model: ScopeModel, binding: Binding): readonly Node[] {
  if (binding.kinds.has('parameter') && binding.scope.kind === 'function') {
    const doc = docstringOf(binding.scope.node.childForFieldName('body'));
    return doc ? [doc] : [];
  }
  if (binding.scope !== model.module || !binding.kinds.has('class')) return [];
  return moduleDocstringsOf(model);
}

/** Collected once per scope model: each module-level class renamed reads them all. */
const moduleDocstrings = new WeakMap<ScopeModel, Node[]>();

/** The docstrings of the module and of every definition in it. */
function moduleDocstringsOf(model: ScopeModel): readonly Node[] {
  const known = moduleDocstrings.get(model);
  if (known) return known;
  const docs: Node[] = [];
  const stack: Node[] = [model.module.node];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const doc = docstringOf(node.type === 'module' ? node : node.childForFieldName('body'));
    if (doc && (node.type === 'module' || node.type.endsWith('_definition'))) docs.push(doc);
    for (const child of node.namedChildren) if (child && child.type !== 'ERROR') stack.push(child);
  }
  moduleDocstrings.set(model, docs);
  return docs;
}

function docstringOf(body: Node | null): Node | undefined {
  const first = body?.namedChildren.find((c) => c?.type !== 'comment');
  const string = first ? statementExpression(first) : undefined;
  return string?.type === 'string' ? string : undefined;
}

/** `name:` / `name (type):` / `*name:` entry heads and Sphinx `:param name:` / `:raises name:` in docstrings. */
function docstringEntryEdits(docs: readonly Node[], name: string, newName: string): TextEdit[] {
  const edits: TextEdit[] = [];
  if (docs.length === 0) return edits;
  const entry = new RegExp(
    `^([ \\t]*\\*{0,2})${name}(?=[ \\t]*[:(])|(:(?:param|raises?|type)[ \\t]+(?:[^:\\s]+[ \\t]+)?)${name}(?=:)`,
    'gu',
  );
  for (const doc of docs) {
    for (const content of doc.namedChildren) {
      if (content?.type !== 'string_content') continue;
      content.text.split('\n').forEach((line, index) => {
        for (const match of line.matchAll(entry)) {
          const lead = (match[1] ?? match[2] ?? '').length;
          const column = (index === 0 ? content.startPosition.column : 0) + match.index + lead;
          const start = { line: content.startPosition.row + index, character: column };
          const end = { line: start.line, character: column + name.length };
          edits.push({ range: { start, end }, newText: newName });
        }
      });
    }
  }
  return edits;
}

/** `"oldName"` entries of a module-level `__all__`, renamed with the module binding. */
function dunderAllEntries(model: ScopeModel, binding: Binding): Node[] {
  if (binding.scope !== model.module) return [];
  const found: Node[] = [];
  for (const statement of model.module.node.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') continue;
    if (assignment.childForFieldName('left')?.text !== '__all__') continue;
    const pending: Node[] = [];
    const right = assignment.childForFieldName('right');
    if (right) pending.push(right);
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'string') {
        const parts = node.namedChildren.filter((c) => c?.type === 'string_content');
        if (parts.length === 1 && parts[0]!.text === binding.name && node.namedChildCount === 3)
          found.push(parts[0]!);
        continue;
      }
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
  }
  return found;
}
