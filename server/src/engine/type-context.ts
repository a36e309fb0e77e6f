import { Parser } from 'web-tree-sitter';
import { loadedPython } from '../parser/python';
import { detachedString } from './detach';
import type { ModuleFacts } from './module-facts';
import { nodeRange } from './positions';
import { mayBeImported, resolve } from './qualified-names';
import type { UnitContext } from './rule';
import { snapshotOf } from './syntax-node';
import type { EngineConfig, FileInfo, Node, Position, Range } from './types';

/** What the type positions depend on: the imports, and the target version (`TypedDict` keywords). */
export interface TypeScope {
  module: ModuleFacts;
  config: Pick<EngineConfig, 'targetVersion'>;
}

/**
 * Where Python reads an expression as a type, as Ruff's semantic model knows it: annotations,
 * `TypeAlias` values and `type` statements, the type arguments of `cast`, `TypeVar`, `NewType`, the
 * field types of functional `NamedTuple`/`TypedDict`, the slices of typing generics, and strings in
 * any of those places, parsed as type expressions themselves (nested strings too). Shared by the
 * rules that read types (UP006/UP007/UP045, ANN401, TID251): one model, not one per rule.
 */

const TYPING_MODULES = new Set(['typing', 'typing_extensions']);

/** `Optional` for `Optional`, `typing.Optional`, `t.Optional`, `typing_extensions.Optional`. */
export function typingMember(node: Node, module: ModuleFacts): string | undefined {
  const qualified = module.qualifiedName(node);
  if (!qualified) return undefined;
  const dot = qualified.lastIndexOf('.');
  return TYPING_MODULES.has(qualified.slice(0, dot)) ? qualified.slice(dot + 1) : undefined;
}

/**
 * The qualified name of `node` as the rules that read types see it: inside a class or function,
 * an import in its body comes first (`class K: from typing import Optional as Opt`), as Ruff.
 */
export function qualifiedTypeName(node: Node, ctx: UnitContext): string | undefined {
  const global = ctx.module.qualifiedName(node);
  // A module-level import is taken as is (a local import shadowing it is left out: looking for one
  // walks the enclosing bodies, for every name). Only names written in some import list can be
  // local imports.
  if (global !== undefined || ctx.scopes.length === 0) return global;
  const head = headIdentifier(node);
  return head && mayBeImported(node, head, ctx.source) ? resolve(ctx, node) : undefined;
}

function headIdentifier(node: Node): string | undefined {
  let head: Node | null = node;
  while (head?.type === 'attribute') head = head.childForFieldName('object');
  return head?.type === 'identifier' ? head.text : undefined;
}

/** `typingMember` through `qualifiedTypeName`. */
export function scopedTypingMember(node: Node, ctx: UnitContext): string | undefined {
  const qualified = qualifiedTypeName(node, ctx);
  if (!qualified) return undefined;
  const dot = qualified.lastIndexOf('.');
  return TYPING_MODULES.has(qualified.slice(0, dot)) ? qualified.slice(dot + 1) : undefined;
}

/** `type` wrappers hold one expression; this is that expression. */
export function unwrapType(node: Node): Node {
  let current = node;
  while (current.type === 'type' && current.namedChildCount === 1) current = current.namedChild(0) as Node;
  return current;
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

export interface SubscriptParts {
  value: Node;
  /** The expressions inside the brackets (a tuple slice gives several). */
  elements: Node[];
  /** `X[a, b]` (or `X[(a, b)]`) as opposed to `X[a]`. */
  isTuple: boolean;
  /** A slice such as `X[1:2]`: never a type. */
  isSlice: boolean;
}

/**
 * `Optional[int]` parses as `subscript` in expressions and as `generic_type` in annotations whose
 * value is a plain name; both come out the same here.
 */
export function subscriptParts(node: Node): SubscriptParts | undefined {
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    const slices = node.childrenForFieldName('subscript').filter((n): n is Node => n !== null);
    if (!value || slices.length === 0) return undefined;
    if (slices.length === 1 && slices[0].type === 'tuple') {
      return { value, elements: namedChildren(slices[0]), isTuple: true, isSlice: false };
    }
    return {
      value,
      elements: slices,
      isTuple: slices.length > 1,
      isSlice: slices.some((s) => s.type === 'slice'),
    };
  }
  if (node.type === 'generic_type') {
    const value = node.namedChild(0);
    const parameter = node.namedChild(1);
    if (!value || parameter?.type !== 'type_parameter') return undefined;
    const elements = namedChildren(parameter).map(unwrapType);
    if (elements.length === 1 && elements[0].type === 'tuple') {
      return { value, elements: namedChildren(elements[0]), isTuple: true, isSlice: false };
    }
    return { value, elements, isTuple: elements.length > 1, isSlice: false };
  }
  return undefined;
}

export type AnnotationKind = 'parameter' | 'return' | 'variable';

export interface TypingContext {
  /** Inside a parameter, return or variable annotation (Ruff's `in_annotation`). */
  annotation: AnnotationKind | undefined;
  /** Python never evaluates it: `__future__` annotations, local variable annotations, strings, `TYPE_CHECKING`, stubs. */
  typingOnly: boolean;
  /** Inside a string parsed as a type expression. */
  inString: boolean;
}

/** Where `node` stands: which annotation (if any) and whether it is evaluated at runtime. */
export function typingContext(node: Node, module: ModuleFacts, file: FileInfo): TypingContext {
  let annotation: AnnotationKind | undefined;
  let local = false;
  let scopeDecided = false;
  let checkingBlock = false;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (child.type === 'type' && !annotation) annotation = annotationSlot(child, parent);
    // A variable annotation in a function body is never evaluated; at class or module level it is.
    if (annotation === 'variable' && !scopeDecided && isDefinition(parent) && isInBody(child, parent)) {
      scopeDecided = true;
      local = parent.type === 'function_definition';
    }
    if (parent.type === 'if_statement' && isTypeCheckingGuard(parent, child, module)) checkingBlock = true;
  }
  const typingOnly =
    file.isStub ||
    checkingBlock ||
    (annotation !== undefined && (module.futureAnnotations || (annotation === 'variable' && local)));
  return { annotation, typingOnly, inString: false };
}

function isDefinition(node: Node): boolean {
  return node.type === 'function_definition' || node.type === 'class_definition';
}

export function annotationSlot(type: Node, parent: Node): AnnotationKind | undefined {
  const isField = (field: string): boolean => parent.childForFieldName(field)?.startIndex === type.startIndex;
  switch (parent.type) {
    case 'typed_parameter':
    case 'typed_default_parameter':
      return isField('type') ? 'parameter' : undefined;
    case 'function_definition':
      return isField('return_type') ? 'return' : undefined;
    case 'assignment':
      return isField('type') ? 'variable' : undefined;
    default:
      return undefined;
  }
}

function isInBody(child: Node, definition: Node): boolean {
  return definition.childForFieldName('body')?.startIndex === child.startIndex && child.type === 'block';
}

function isTypeCheckingGuard(ifStatement: Node, child: Node, module: ModuleFacts): boolean {
  if (
    ifStatement.childForFieldName('consequence')?.startIndex !== child.startIndex ||
    child.type !== 'block'
  ) {
    return false;
  }
  const condition = ifStatement.childForFieldName('condition');
  if (!condition) return false;
  return condition.text === 'TYPE_CHECKING' || typingMember(condition, module) === 'TYPE_CHECKING';
}

/** Inside `Literal[...]` or the metadata of `Annotated[T, ...]`: strings there are values, not types. */
export function isInsideLiteralOrMetadata(node: Node, module: ModuleFacts): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'type_parameter' || parent.type === 'subscript') {
      const holder = parent.type === 'type_parameter' ? parent.parent : parent;
      const parts = holder ? subscriptParts(holder) : undefined;
      if (!parts || parts.value.startIndex === child.startIndex) continue;
      const member = typingMember(parts.value, module);
      if (member === 'Literal') return true;
      if (member === 'Annotated' && parts.elements[0] && !contains(parts.elements[0], node)) return true;
    }
    if (
      parent.type === 'type' &&
      !['type', 'type_parameter', 'generic_type'].includes(parent.parent?.type ?? '')
    )
      break;
  }
  return false;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

const BUILTIN_GENERICS = new Set(['list', 'dict', 'set', 'frozenset', 'tuple', 'type']);
const SCOPE_OR_STATEMENT = new Set([
  'function_definition',
  'class_definition',
  'lambda',
  'block',
  'module',
  'expression_statement',
]);

/**
 * Whether Python reads `node` as (part of) a type: an annotation, the value of a `TypeAlias`
 * assignment (the annotation under any import name) or of a `type` statement, the slice of a
 * typing generic (`Callable[[], Optional[int]]`), the type arguments of `cast`, `TypeVar`,
 * `NewType`, and the field types of functional `NamedTuple`/`TypedDict`. Strings in these places
 * are parsed as type expressions (`withTypeString`).
 */
export function isInTypeDefinition(node: Node, scope: TypeScope): boolean {
  return typeDefinitionVerdict(node, scope) === true;
}

/**
 * True or false once a position decides it; undefined when the walk reaches a statement (or the
 * root of a parsed string) without meeting one.
 */
function typeDefinitionVerdict(node: Node, scope: TypeScope): boolean | undefined {
  const module = scope.module;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (child.type === 'type' && annotationSlot(child, parent)) return true;
    switch (parent.type) {
      case 'subscript':
      case 'generic_type':
      case 'type_parameter': {
        const verdict = subscriptVerdict(parent, child, node, module);
        if (verdict !== undefined) return verdict;
        break;
      }
      case 'argument_list':
        return isTypeArgument(parent, child, node, scope);
      case 'assignment':
        if (parent.childForFieldName('right')?.startIndex === child.startIndex)
          return isTypeAliasAnnotation(parent.childForFieldName('type'), module);
        return false;
      case 'type_alias_statement':
        return parent.lastNamedChild?.startIndex === child.startIndex;
      case 'call':
        return false;
      default:
        if (SCOPE_OR_STATEMENT.has(parent.type)) return undefined;
    }
  }
  return undefined;
}

function subscriptVerdict(parent: Node, child: Node, node: Node, module: ModuleFacts): boolean | undefined {
  const holder = parent.type === 'type_parameter' ? parent.parent : parent;
  const parts = holder ? subscriptParts(holder) : undefined;
  if (!parts || parts.value.startIndex === child.startIndex) return undefined;
  const member = typingMember(parts.value, module);
  if (member === 'Literal') return false;
  if (member === 'Annotated') return parts.elements[0] !== undefined && contains(parts.elements[0], node);
  if (member !== undefined || BUILTIN_GENERICS.has(parts.value.text)) return true;
  return undefined;
}

function isTypeAliasAnnotation(type: Node | null, module: ModuleFacts): boolean {
  const annotation = type ? unwrapType(type) : null;
  return annotation !== null && typingMember(annotation, module) === 'TypeAlias';
}

function isTypeArgument(argumentList: Node, child: Node, node: Node, scope: TypeScope): boolean {
  const module = scope.module;
  const call = argumentList.parent;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  const member = callee ? typingMember(callee, module) : undefined;
  if (member === undefined) return false;
  if (child.type === 'keyword_argument') {
    const keyword = child.childForFieldName('name')?.text;
    const value = child.childForFieldName('value');
    if (!value || !contains(value, node)) return false;
    if (member === 'cast') return keyword === 'typ';
    if (member === 'TypeVar') return keyword === 'bound' || keyword === 'default';
    if (member === 'TypedDict') return keyword !== 'total' && isBefore(scope, 13);
    return member === 'NamedTuple';
  }
  const position = namedChildren(argumentList).findIndex(
    (argument) => argument.startIndex === child.startIndex,
  );
  switch (member) {
    case 'cast':
      return position === 0;
    case 'TypeVar':
      return position > 0;
    case 'NewType':
      return position === 1;
    case 'NamedTuple':
      return position === 1 && isNamedTupleFieldType(child, node);
    case 'TypedDict':
      return position === 1 && isTypedDictFieldType(child, node);
    default:
      return false;
  }
}

/** Ruff reads `TypedDict("T", a=int)`'s keywords as fields only where Python still accepts them (before 3.13). */
function isBefore(scope: TypeScope, minor: number): boolean {
  const [major, targetMinor] = scope.config.targetVersion;
  return major < 3 || (major === 3 && targetMinor < minor);
}

/** `[("port", <type>), ...]` or a tuple of such pairs: the second item of each pair. */
function isNamedTupleFieldType(fields: Node, node: Node): boolean {
  if (fields.type !== 'list' && fields.type !== 'tuple') return false;
  const pair = namedChildren(fields).find((field) => contains(field, node));
  if (pair?.type !== 'tuple') return false;
  const type = namedChildren(pair)[1];
  return type !== undefined && contains(type, node);
}

/** `{"a": <type>, ...}`: the values. */
function isTypedDictFieldType(fields: Node, node: Node): boolean {
  if (fields.type !== 'dictionary') return false;
  const pair = namedChildren(fields).find((field) => contains(field, node));
  const value = pair?.type === 'pair' ? pair.childForFieldName('value') : null;
  return value !== null && value !== undefined && contains(value, node);
}

/** A string (or implicit concatenation) that Python's typing reads as a type expression. */
export function isTypeDefinitionString(node: Node, scope: TypeScope): boolean {
  if (!isStringLiteral(node)) return false;
  return isInTypeDefinition(node, scope) && !isInsideLiteralOrMetadata(node, scope.module);
}

function isStringLiteral(node: Node): boolean {
  if (node.type === 'concatenated_string') return true;
  return node.type === 'string' && node.parent?.type !== 'concatenated_string';
}

/** Maps positions of a node (possibly inside a parsed string type) to document ranges. */
export interface RangeMapper {
  range(node: Node): Range;
  /** The text of the node (inside a string: of the type expression read from it). */
  text(node: Node): string;
  /**
   * Positions map one to one. False inside a string whose text is not its value (escapes,
   * implicit concatenation): every range is the whole string's and, as in Ruff, nothing is fixed.
   */
  exact: boolean;
}

export const documentMapper: RangeMapper = { range: nodeRange, text: (node) => node.text, exact: true };

let stringParser: Parser | undefined;

/**
 * Type expressions read from strings, by the string's value, each parsed and copied out of
 * tree-sitter once (UP006, UP007, UP045, ANN401 and TID251 read the same strings, and a string type
 * such as `"Node"` recurs). A pure function's memo, bounded; null for a value that is no expression.
 */
const parsedTypeStrings = new Map<string, Node | null>();
const PARSED_TYPE_STRINGS_KEPT = 2000;

/**
 * If `node` is a string literal holding a type expression, parses its value and calls `visit` with
 * the expression and a mapper to document positions; strings inside it that are types again are
 * visited too (`"List['int']"`), as Ruff does. The expression is a copy (see `snapshotOf`), whose
 * root has no parent.
 */
export function withTypeString(
  node: Node,
  visit: (inner: Node, mapper: RangeMapper) => void,
  outer: RangeMapper = documentMapper,
): void {
  const source = typeStringSource(node, outer);
  if (!source) return;
  const expression = parsedTypeString(source.value);
  if (expression) visit(expression, source.mapper);
}

function parsedTypeString(sliced: string): Node | null {
  const known = parsedTypeStrings.get(sliced);
  if (known !== undefined) return known;
  // The value is cut from the document's text (a view of it): kept as the memo's key and as the
  // text of the copied expression, it would keep that whole text alive (measured: a dozen old texts
  // of a 50k-line file, 40 MB, after 150 keystrokes).
  const value = detachedString(sliced);
  const language = loadedPython();
  if (!language) return null;
  stringParser ??= new Parser();
  stringParser.setLanguage(language);
  const tree = stringParser.parse(value);
  if (!tree) return null;
  let expression: Node | null = null;
  try {
    const root = tree.rootNode;
    const statement = root.namedChild(0);
    if (statement?.type === 'expression_statement' && !root.hasError && root.namedChildCount === 1) {
      const copy = snapshotOf(root, value);
      // The tree is deleted below: nothing may reach it through the copy's root.
      copy.origin = null;
      expression = copy.namedChild(0)?.namedChild(0) ?? null;
    }
  } finally {
    tree.delete();
  }
  if (parsedTypeStrings.size >= PARSED_TYPE_STRINGS_KEPT) {
    const oldest = parsedTypeStrings.keys().next().value;
    if (oldest !== undefined) parsedTypeStrings.delete(oldest);
  }
  parsedTypeStrings.set(value, expression);
  return expression;
}

/** The strings inside a parsed type expression that are types again (not `Literal` values). */
export function isNestedTypeString(node: Node, scope: TypeScope): boolean {
  if (!isStringLiteral(node)) return false;
  return typeDefinitionVerdict(node, scope) !== false && !isInsideLiteralOrMetadata(node, scope.module);
}

interface TypeStringSource {
  value: string;
  mapper: RangeMapper;
}

function typeStringSource(node: Node, outer: RangeMapper): TypeStringSource | undefined {
  const parts = node.type === 'concatenated_string' ? namedChildren(node) : [node];
  const literals = parts.map(stringLiteral);
  if (literals.some((literal) => literal === undefined)) return undefined;
  const checked = literals as StringLiteral[];
  const value = checked.map((literal) => literal.value).join('');
  if (value.trim() === '') return undefined;
  const only = checked.length === 1 ? checked[0] : undefined;
  if (only?.verbatim && outer.exact) {
    const contentStart = node.startIndex + only.prefixLength;
    const at = (offset: number): Position => outer.range(pointAt(node, contentStart + offset)).start;
    const mapper: RangeMapper = {
      range: (inner) => ({ start: at(inner.startIndex), end: at(inner.endIndex) }),
      text: (inner) => inner.text,
      exact: true,
    };
    return { value, mapper };
  }
  const whole = outer.range(node);
  return { value, mapper: { range: () => whole, text: (inner) => inner.text, exact: false } };
}

/**
 * A zero-width stand-in for the place `offset` characters into the text that holds `node`, so an
 * outer mapper can place it: in the document, a position computed from the node's own text.
 */
function pointAt(node: Node, offset: number): Node {
  const before = node.text.slice(0, offset - node.startIndex);
  const lastBreak = before.lastIndexOf('\n');
  const row = node.startPosition.row + countBreaks(before);
  const column = lastBreak < 0 ? node.startPosition.column + before.length : before.length - lastBreak - 1;
  const position = { row, column };
  return { startIndex: offset, endIndex: offset, startPosition: position, endPosition: position } as Node;
}

function countBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

interface StringLiteral {
  value: string;
  /** The source between the quotes is the value itself (raw, or no backslash). */
  verbatim: boolean;
  /** Prefix and opening quotes. */
  prefixLength: number;
}

/** A `str` literal's value (no f-, t- or bytes strings), undefined when it cannot be read. */
function stringLiteral(node: Node): StringLiteral | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.namedChild(0);
  const end = node.lastNamedChild;
  if (start?.type !== 'string_start' || end?.type !== 'string_end') return undefined;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  if (/[bft]/.test(prefix) || node.descendantsOfType('interpolation').length > 0) return undefined;
  const body = node.text.slice(start.text.length, node.text.length - end.text.length);
  const raw = prefix.includes('r');
  if (raw || !body.includes('\\')) return { value: body, verbatim: true, prefixLength: start.text.length };
  const value = decodeEscapes(body);
  return value === undefined ? undefined : { value, verbatim: false, prefixLength: start.text.length };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|\r\n|[\s\S])/g;

/** The value of a non-raw string body; undefined for `\N{...}` (names are not known here). */
function decodeEscapes(body: string): string | undefined {
  let unknown = false;
  const value = body.replace(ESCAPE, (sequence, code: string) => {
    if (code in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[code];
    if (code === '\r\n') return '';
    if (/^[xuU]/.test(code)) return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCodePoint(Number.parseInt(code, 8));
    if (code.startsWith('N{')) unknown = true;
    return sequence;
  });
  return unknown ? undefined : value;
}

/** Every named node of a subtree, iteratively (string annotations are small, but nesting is unbounded). */
export function forEachNode(root: Node, visit: (node: Node) => void): void {
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    visit(node);
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) pending.push(child);
    }
  }
}
