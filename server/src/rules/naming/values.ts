/** What kind of value an expression is, for the PCV naming rules. */
import type { BaseContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isTypingMember, resolve } from './syntax';

const LITERALS = new Set(['integer', 'float', 'concatenated_string']);

/**
 * A literal, or a value built only from literals that cannot change: `3`, `-1.5`, `"text"`,
 * `60 * 60`, `1 << 20`, `("a", "b")`, `frozenset({1, 2})`. Not `None` or `...` (placeholders and
 * sentinels), not `True`/`False` (a lowercase module-level flag is usually state that is switched),
 * not f-strings with fields, not lists, dicts or sets (mutable).
 */
export function isFrozenLiteral(node: Node): boolean {
  const pending = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (LITERALS.has(current.type)) continue;
    switch (current.type) {
      case 'string':
        if (current.namedChildren.some((c) => c?.type === 'interpolation')) return false;
        continue;
      case 'unary_operator':
      case 'binary_operator':
      case 'parenthesized_expression':
      case 'tuple':
        for (const child of current.namedChildren) if (child && child.type !== 'comment') pending.push(child);
        continue;
      case 'call': {
        const callee = current.childForFieldName('function');
        const args = current.childForFieldName('arguments');
        if (callee?.type !== 'identifier' || callee.text !== 'frozenset' || args?.type !== 'argument_list')
          return false;
        const items = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
        if (items.length > 1) return false;
        for (const item of items) {
          if (item.type !== 'set' && item.type !== 'list' && item.type !== 'tuple') return false;
          for (const element of item.namedChildren)
            if (element && element.type !== 'comment') pending.push(element);
        }
        continue;
      }
      default:
        return false;
    }
  }
  return true;
}

/** The expression an annotation names, `Final` for `Final[int]`. */
export function annotationHead(annotation: Node): Node | undefined {
  let node: Node | null = annotation.type === 'type' ? annotation.namedChild(0) : annotation;
  if (node?.type === 'generic_type') node = node.namedChild(0);
  if (node?.type === 'subscript') node = node.childForFieldName('value');
  return node ?? undefined;
}

/** `x: Final = ...` / `x: Final[int] = ...` (typing or typing_extensions). */
export function isFinalAnnotation(ctx: BaseContext, annotation: Node | null | undefined): boolean {
  if (!annotation) return false;
  return isTypingMember(resolve(ctx, annotationHead(annotation)), 'Final');
}

/** The text of a plain string literal (no f-string fields, no bytes), or undefined. */
export function plainString(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const start = node.namedChild(0)?.text ?? '';
  if (/[bBfF]/.test(start.replace(/["']/g, ''))) return undefined;
  return node.namedChildren
    .filter((c) => c?.type === 'string_content')
    .map((c) => c!.text)
    .join('');
}
