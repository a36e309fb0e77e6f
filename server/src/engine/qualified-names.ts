/**
 * Qualified names through imports, as Ruff's semantic model resolves them: an import in an
 * enclosing function or class body shadows the module's (`class A: from typing import overload`).
 * Shared by the naming and type-hint rules.
 */
import type { BaseContext } from './rule';
import { SnapshotNode } from './syntax-node';
import type { Node } from './types';

/**
 * The qualified name an expression refers to through imports (`typing.TypeVar`): imports in the
 * enclosing function and class bodies first (they shadow the module's), then the module's.
 */
export function resolve(ctx: BaseContext, expr: Node | null | undefined): string | undefined {
  if (!expr) return undefined;
  const segments: string[] = [];
  let head: Node | null = expr;
  while (head?.type === 'attribute') {
    segments.unshift(head.childForFieldName('attribute')?.text ?? '');
    head = head.childForFieldName('object');
  }
  if (head?.type !== 'identifier') return undefined;
  const local = localImport(head, ctx.source);
  if (local !== undefined) return [local, ...segments].join('.');
  return ctx.module.qualifiedName(expr);
}

const LOCAL_SCOPES = new Set(['function_definition', 'class_definition']);
const NESTED_DEFINITIONS = new Set([
  'function_definition',
  'class_definition',
  'decorated_definition',
  'lambda',
]);

/** What `name` is imported as by an import statement in an enclosing function or class body. */
function localImport(name: Node, source: string): string | undefined {
  for (let scope = name.parent; scope; scope = scope.parent) {
    if (!LOCAL_SCOPES.has(scope.type)) continue;
    const body = scope.childForFieldName('body');
    // Scanning every enclosing body for each name looked up is quadratic in a large function; most
    // bodies have no import at all, which the text tells at once.
    if (!body || !mentionsImport(source, body)) continue;
    const found = importIn(body, name.text);
    if (found !== undefined) return found;
  }
  return undefined;
}

const IMPORT_LISTS = /\bimport\s*\(([^)]*)\)|\bimport\s+([^\n;]+)/g;

/**
 * What the text of one top-level statement holds, read once per statement copy: the words of its
 * import lists, and where given words occur. Keyed by the statement's node, so that no work is
 * proportional to the file (a keystroke re-reads only the statements it changed).
 */
interface StatementText {
  importedWords?: Set<string>;
  offsets: Map<string, number[]>;
}

const statementTexts = new WeakMap<Node, StatementText>();

/**
 * The top-level statement holding `node` (a snapshot's root, whose parent would be a call into
 * wasm, counts as one: local imports and the bodies asked about are inside it).
 */
function statementOf(node: Node): Node {
  let top = node;
  for (;;) {
    const parent = top instanceof SnapshotNode ? top.parentNode : top.parent;
    if (!parent || parent.type === 'module') return top;
    top = parent;
  }
}

function statementText(node: Node): { statement: Node; text: StatementText } {
  const statement = statementOf(node);
  let text = statementTexts.get(statement);
  if (!text) {
    text = { offsets: new Map() };
    statementTexts.set(statement, text);
  }
  return { statement, text };
}

/**
 * Whether `name` is written in an import list (bound or aliased there) of the top-level statement
 * holding `node`: a cheap test before `resolve`, which walks the enclosing bodies for local imports.
 */
export function mayBeImported(node: Node, name: string, source: string): boolean {
  const { statement, text } = statementText(node);
  if (!text.importedWords) {
    const words = new Set<string>();
    const own = source.slice(statement.startIndex, statement.endIndex);
    for (const match of own.matchAll(IMPORT_LISTS)) {
      for (const word of (match[1] ?? match[2] ?? '').matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu))
        words.add(word[0]);
    }
    text.importedWords = words;
  }
  return text.importedWords.has(name);
}

/** Whether the word `import` occurs in `body`. */
function mentionsImport(source: string, body: Node): boolean {
  return mentions(source, 'import', body);
}

/**
 * Whether `word` occurs in the text of `node`: its top-level statement is scanned once per word,
 * so that asking for each of many nested bodies of a large statement stays cheap.
 */
export function mentions(source: string, word: string, node: Node): boolean {
  const { statement, text } = statementText(node);
  let offsets = text.offsets.get(word);
  if (!offsets) {
    offsets = [];
    const end = statement.endIndex;
    for (
      let at = source.indexOf(word, statement.startIndex);
      at >= 0 && at < end;
      at = source.indexOf(word, at + 1)
    )
      offsets.push(at);
    text.offsets.set(word, offsets);
  }
  const { startIndex: start, endIndex: end } = node;
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < start) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && offsets[low] < end;
}

/**
 * What each name is imported as by the import statements of `body` (not in nested definitions),
 * read once per body node: a large function with a local import is asked for each name it reads.
 * Where several statements bind a name, the one the walk reaches last wins.
 */
const bodyImports = new WeakMap<Node, Map<string, string>>();

function importIn(body: Node, wanted: string): string | undefined {
  let imports = bodyImports.get(body);
  if (!imports) {
    imports = importsOf(body);
    bodyImports.set(body, imports);
  }
  return imports.get(wanted);
}

function importsOf(body: Node): Map<string, string> {
  const imports = new Map<string, string>();
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      for (const [bound, imported] of importedNames(node)) imports.set(bound, imported);
      continue;
    }
    for (const child of node.namedChildren) {
      if (
        child &&
        !NESTED_DEFINITIONS.has(child.type) &&
        (child.type.endsWith('statement') || child.type.endsWith('clause') || child.type === 'block')
      ) {
        pending.push(child);
      }
    }
  }
  return imports;
}

/** Each name `statement` binds, with what it is imported as (the statement's first item binding it). */
function importedNames(statement: Node): Map<string, string> {
  const names = new Map<string, string>();
  const moduleName = statement.childForFieldName('module_name');
  if (statement.type === 'import_from_statement' && moduleName?.type !== 'dotted_name') return names;
  for (const name of statement.childrenForFieldName('name')) {
    if (!name) continue;
    const original = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
    const bound =
      name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text.split('.')[0];
    if (!original || bound === undefined || names.has(bound)) continue;
    if (statement.type === 'import_from_statement') names.set(bound, `${moduleName!.text}.${original.text}`);
    else names.set(bound, name.type === 'aliased_import' ? original.text : bound);
  }
  return names;
}

/** `typing.X`, `typing_extensions.X` or `_typeshed.X`, as Ruff's `match_typing_expr`. */
export function isTypingMember(qualified: string | undefined, member: string): boolean {
  return (
    qualified === `typing.${member}` ||
    qualified === `typing_extensions.${member}` ||
    qualified === `_typeshed.${member}`
  );
}
