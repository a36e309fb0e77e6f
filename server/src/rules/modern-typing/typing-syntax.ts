import { Parser } from 'web-tree-sitter';
import type { ModuleFacts } from '../../engine/module-facts';
import { nodeRange } from '../../engine/positions';
import type { FileInfo, Node, Range } from '../../engine/types';
import { loadedPython } from '../../parser/python';

/**
 * Typing syntax shared by the type-hint (ANN, PCV201) and modern-typing (UP) rules: subscripts in
 * both of tree-sitter's shapes, typing names through the imports, where an annotation is and
 * whether Python evaluates it, and string annotations parsed into a tree of their own.
 */

const TYPING_MODULES = new Set(['typing', 'typing_extensions']);

/** `type` wrappers hold one expression; this is that expression. */
export function unwrapType(node: Node): Node {
  let current = node;
  while (current.type === 'type' && current.namedChildCount === 1) current = current.namedChild(0) as Node;
  return current;
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

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

/** `Optional` for `Optional`, `typing.Optional`, `t.Optional`, `typing_extensions.Optional`. */
export function typingMember(node: Node, module: ModuleFacts): string | undefined {
  const qualified = module.qualifiedName(node);
  if (!qualified) return undefined;
  const dot = qualified.lastIndexOf('.');
  return TYPING_MODULES.has(qualified.slice(0, dot)) ? qualified.slice(dot + 1) : undefined;
}

export type AnnotationKind = 'parameter' | 'return' | 'variable';

export interface TypingContext {
  /** Inside a parameter, return or variable annotation (Ruff's `in_annotation`). */
  annotation: AnnotationKind | undefined;
  /** Python never evaluates it: `__future__` annotations, local variable annotations, strings, `TYPE_CHECKING`, stubs. */
  typingOnly: boolean;
  /** Inside a string annotation. */
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

function annotationSlot(type: Node, parent: Node): AnnotationKind | undefined {
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

/** Maps positions of a node (possibly inside a parsed string annotation) to document ranges. */
export interface RangeMapper {
  range(node: Node): Range;
  /** The document text of the node. */
  text(node: Node): string;
}

export const documentMapper: RangeMapper = { range: nodeRange, text: (node) => node.text };

let stringParser: Parser | undefined;

/**
 * If `node` is a plain one-line string annotation (no prefix, no escapes, not concatenated), parses
 * its content and calls `visit` with the inner expression and a mapper to document positions. The
 * inner tree lives only during the call.
 */
export function withStringAnnotation(node: Node, visit: (inner: Node, mapper: RangeMapper) => void): void {
  const content = simpleStringContent(node);
  if (!content) return;
  const language = loadedPython();
  if (!language) return;
  stringParser ??= new Parser();
  stringParser.setLanguage(language);
  const tree = stringParser.parse(content.text);
  if (!tree) return;
  try {
    const statement = tree.rootNode.namedChild(0);
    const expression = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (!expression || tree.rootNode.hasError || tree.rootNode.namedChildCount !== 1) return;
    const line = content.start.line;
    const offset = content.start.character;
    const mapper: RangeMapper = {
      range: (inner) => ({
        start: { line, character: offset + inner.startPosition.column },
        end: { line, character: offset + inner.endPosition.column },
      }),
      text: (inner) => inner.text,
    };
    visit(expression, mapper);
  } finally {
    tree.delete();
  }
}

function simpleStringContent(node: Node): { text: string; start: Range['start'] } | undefined {
  if (node.type !== 'string' || node.startPosition.row !== node.endPosition.row) return undefined;
  const parts = namedChildren(node);
  const start = parts[0];
  if (parts.length !== 3 || start?.type !== 'string_start' || parts[1].type !== 'string_content')
    return undefined;
  if (start.text !== '"' && start.text !== "'") return undefined;
  const content = parts[1];
  if (content.text.includes('\\') || content.text.trim() === '') return undefined;
  return { text: content.text, start: nodeRange(content).start };
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

/** A string node that is (part of) an annotation and would be read as a forward reference. */
export function isAnnotationString(node: Node, module: ModuleFacts): boolean {
  if (node.type !== 'string') return false;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (child.type === 'type' && annotationSlot(child, parent))
      return !isInsideLiteralOrMetadata(node, module);
    if (
      !['type', 'type_parameter', 'generic_type', 'subscript', 'binary_operator', 'tuple', 'list'].includes(
        parent.type,
      )
    ) {
      return false;
    }
  }
  return false;
}

/** Expressions that bind looser than `|` and need parentheses as a union member. */
const LOOSE_EXPRESSIONS = new Set([
  'conditional_expression',
  'boolean_operator',
  'not_operator',
  'comparison_operator',
  'lambda',
  'named_expression',
]);

/** Source text of a union member, parenthesised where `|` would otherwise bind it differently. */
export function unionMemberText(node: Node, mapper: RangeMapper): string {
  const text = oneLine(mapper.text(node));
  if (LOOSE_EXPRESSIONS.has(node.type) || text.includes('\n')) return `(${text})`;
  return text;
}

/**
 * A bracketed expression spread over lines, on one line as Ruff's generator writes it
 * (`Callable[[int], str]`). Text with comments or multi-line strings keeps its lines.
 */
export function oneLine(text: string): string {
  if (!text.includes('\n') || text.includes('#') || /'''|"""|\\\n/.test(text)) return text;
  return (
    text
      .replace(/\s*\n\s*/g, ' ')
      .replace(/([[(])\s+/g, '$1')
      .replace(/\s+([\])])/g, '$1')
      // A trailing comma is dropped in brackets only: in `(a,)` it makes the tuple.
      .replace(/,\]/g, ']')
  );
}

const BUILTIN_GENERICS = new Set(['list', 'dict', 'set', 'frozenset', 'tuple', 'type']);

/**
 * Outside annotations, Ruff still reads some expressions as types: the slice of a typing special
 * form (`Callable[[], Optional[int]]`, `Tuple[Union[a, b], c]`), the first argument of `cast`, the
 * constraints and `bound=` of `TypeVar`, and the second argument of `NewType`.
 */
export function isInTypeDefinition(node: Node, module: ModuleFacts): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'subscript' || parent.type === 'generic_type' || parent.type === 'type_parameter') {
      const holder = parent.type === 'type_parameter' ? parent.parent : parent;
      const parts = holder ? subscriptParts(holder) : undefined;
      if (!parts || parts.value.startIndex === child.startIndex) continue;
      const member = typingMember(parts.value, module);
      if (member === 'Literal' || member === 'Annotated') return false;
      if (member !== undefined || BUILTIN_GENERICS.has(parts.value.text)) return true;
    } else if (parent.type === 'argument_list') {
      return isTypeArgument(parent, child, module);
    } else if (
      ['function_definition', 'class_definition', 'lambda', 'block', 'module'].includes(parent.type)
    ) {
      return false;
    }
  }
  return false;
}

function isTypeArgument(argumentList: Node, child: Node, module: ModuleFacts): boolean {
  const call = argumentList.parent;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  const member = callee ? typingMember(callee, module) : undefined;
  if (child.type === 'keyword_argument') {
    // The walk reached the argument list from the keyword argument itself: only `bound=` is a type.
    return member === 'TypeVar' && child.childForFieldName('name')?.text === 'bound';
  }
  const position = namedChildren(argumentList).findIndex(
    (argument) => argument.startIndex === child.startIndex,
  );
  if (member === 'cast') return position === 0;
  if (member === 'TypeVar') return position > 0;
  if (member === 'NewType') return position === 1;
  return false;
}
