import type { ModuleFacts } from '../../engine/module-facts';
import { annotationSlot, isInsideLiteralOrMetadata, type RangeMapper } from '../../engine/type-context';
import type { Node } from '../../engine/types';

export {
  type AnnotationKind,
  annotationSlot,
  documentMapper,
  forEachNode,
  isInsideLiteralOrMetadata,
  isInTypeDefinition,
  isNestedTypeString,
  isTypeDefinitionString,
  namedChildren,
  qualifiedTypeName,
  type RangeMapper,
  type SubscriptParts,
  scopedTypingMember,
  subscriptParts,
  type TypingContext,
  typingContext,
  typingMember,
  unwrapType,
  withTypeString,
} from '../../engine/type-context';

/**
 * Typing syntax shared by the type-hint (ANN, PCV201) and modern-typing (UP) rules. Where Python
 * reads a type (annotations, typing calls, string types) is modelled once in
 * `engine/type-context.ts` and re-exported here; the text helpers of the rewrites live here.
 */

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
