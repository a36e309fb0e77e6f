/**
 * Renaming a name everywhere it means the same thing in one file, or saying why not. Shared by the
 * naming rules' rename fixes (resolved lazily, see engine/resolve-fixes.ts) and `textDocument/rename`.
 */
import { nodeRange } from '../engine/positions';
import type { Node, TextEdit } from '../engine/types';
import { type Binding, lookupPath, type Scope, type ScopeModel } from './scopes';

export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Python's builtin names (3.12), without the exception classes' long tail that nobody shadows by accident. */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile ' +
    'complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format ' +
    'frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license ' +
    'list locals map max memoryview min next object oct open ord pow print property quit range repr ' +
    'reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ ' +
    '__name__ __file__ __doc__ __package__ __spec__ __loader__ __builtins__ __debug__ Ellipsis ' +
    'NotImplemented BaseException BaseExceptionGroup Exception ExceptionGroup ArithmeticError ' +
    'AssertionError AttributeError BlockingIOError BrokenPipeError BufferError ChildProcessError ' +
    'ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError EOFError ' +
    'EnvironmentError FileExistsError FileNotFoundError FloatingPointError GeneratorExit IOError ImportError ' +
    'IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError ' +
    'MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError OverflowError ' +
    'PermissionError ProcessLookupError RecursionError ReferenceError RuntimeError StopAsyncIteration ' +
    'StopIteration SyntaxError SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError ' +
    'UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ValueError ZeroDivisionError ' +
    'Warning UserWarning DeprecationWarning PendingDeprecationWarning SyntaxWarning RuntimeWarning ' +
    'FutureWarning ImportWarning UnicodeWarning BytesWarning ResourceWarning EncodingWarning'
  ).split(' '),
);

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** Why `name` cannot be a Python name, or undefined when it can. */
export function invalidNameReason(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `\`${name}\` is not a valid Python identifier`;
  if (PYTHON_KEYWORDS.has(name)) return `\`${name}\` is a Python keyword`;
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
  return `this ${scope.kind}`;
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
 * use and the binding, or used (a builtin, a global) where the binding would now capture it.
 */
export function planRename(model: ScopeModel, binding: Binding, newName: string): RenameOutcome {
  const invalid = invalidNameReason(newName);
  if (invalid) return refuse(invalid);
  if (newName === binding.name) return refuse(`the name is already \`${newName}\``);
  const notRenameable = renameableReason(binding);
  if (notRenameable) return refuse(notRenameable);
  const conflict = conflictOf(model, binding, newName);
  if (conflict) return refuse(conflict);
  const nodes = [...occurrencesOf(binding), ...dunderAllEntries(model, binding)].sort(
    (a, b) => a.startIndex - b.startIndex,
  );
  const edits = nodes.map((node) => ({ range: nodeRange(node), newText: newName }));
  if (binding.scope === model.module) edits.push(...stringAnnotationEdits(model, binding.name, newName));
  edits.push(...docstringEntryEdits(docstringsMentioning(model, binding), binding.name, newName));
  edits.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { ok: true, edits, binding };
}

function conflictOf(model: ScopeModel, binding: Binding, newName: string): string | undefined {
  const home = binding.scope;
  if (home.bindings.has(newName) || home.globals.has(newName) || home.nonlocals.has(newName)) {
    return `\`${newName}\` already exists in ${describeScope(home)}`;
  }
  if (home.kind === 'class') {
    const overridden = ancestors(home).find((scope) => scope.bindings.has(binding.name));
    if (overridden)
      return `it overrides \`${binding.name}\` of ${describeScope(overridden)}; rename both together by hand`;
    for (const scope of classFamily(home)) {
      if (scope.attributeNames.has(newName) || (scope !== home && scope.bindings.has(newName))) {
        return `\`${newName}\` is already an attribute of ${describeScope(scope)}`;
      }
      if (scope !== home && scope.bindings.has(binding.name)) {
        return `${describeScope(scope)} overrides \`${binding.name}\`; rename both together by hand`;
      }
    }
  }
  // A read of the old name must still reach the binding after the rename.
  for (const use of model.uses) {
    if (use.binding !== binding) continue;
    for (const scope of lookupPath(use.scope, binding.name)) {
      if (scope === home) break;
      if (scope.bindings.has(newName) || scope.globals.has(newName) || scope.nonlocals.has(newName)) {
        return `\`${newName}\` already exists in ${describeScope(scope)}, where \`${binding.name}\` is used`;
      }
    }
  }
  // A read of the new name must not be captured by the renamed binding.
  for (const use of model.uses) {
    if (use.node.text !== newName) continue;
    if (!lookupPath(use.scope, newName).includes(home)) continue;
    const what = use.binding
      ? `\`${newName}\` of ${describeScope(use.binding.scope)}`
      : builtinOrUndefined(newName);
    return `${describeScope(use.scope)} uses ${what}, which the renamed name would hide`;
  }
  return undefined;
}

/** The classes of this file a class derives from, transitively. */
function ancestors(home: Scope): Scope[] {
  const found: Scope[] = [];
  const pending = [...home.bases];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    if (found.includes(scope) || scope === home) continue;
    found.push(scope);
    pending.push(...scope.bases);
  }
  return found;
}

/** A class with its subclasses in this file, transitively: they share its members. */
function classFamily(home: Scope): Scope[] {
  const family: Scope[] = [];
  const pending = [home];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    if (family.includes(scope)) continue;
    family.push(scope);
    pending.push(...scope.subclasses);
  }
  return family;
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
  const word = new RegExp(`(?<![\\p{L}\\p{N}_.])${name}(?![\\p{L}\\p{N}_])`, 'gu');
  for (const { text, line, character } of stringAnnotationsOf(model)) {
    for (const match of text.matchAll(word)) {
      const start = { line, character: character + match.index };
      const end = { line, character: start.character + name.length };
      edits.push({ range: { start, end }, newText: newName });
    }
  }
  return edits;
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
    const annotation = inAnnotation || node.type === 'type';
    if (annotation && node.type === 'string_content') {
      // Single-line contents only: a column offset is then a character offset.
      if (node.startPosition.row === node.endPosition.row)
        found.push({ text: node.text, line: node.startPosition.row, character: node.startPosition.column });
      continue;
    }
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
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
function docstringsMentioning(model: ScopeModel, binding: Binding): Node[] {
  if (binding.kinds.has('parameter') && binding.scope.kind === 'function') {
    const doc = docstringOf(binding.scope.node.childForFieldName('body'));
    return doc ? [doc] : [];
  }
  if (binding.scope !== model.module || !binding.kinds.has('class')) return [];
  const docs: Node[] = [];
  const stack: Node[] = [model.module.node];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const doc = docstringOf(node.type === 'module' ? node : node.childForFieldName('body'));
    if (doc && (node.type === 'module' || node.type.endsWith('_definition'))) docs.push(doc);
    for (const child of node.namedChildren) if (child && child.type !== 'ERROR') stack.push(child);
  }
  return docs;
}

function docstringOf(body: Node | null): Node | undefined {
  const first = body?.namedChildren.find((c) => c?.type !== 'comment');
  const string = first?.type === 'expression_statement' ? first.namedChild(0) : null;
  return string?.type === 'string' ? string : undefined;
}

/** `name:` / `name (type):` / `*name:` entry heads and Sphinx `:param name:` / `:raises name:` in docstrings. */
function docstringEntryEdits(docs: readonly Node[], name: string, newName: string): TextEdit[] {
  const edits: TextEdit[] = [];
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
