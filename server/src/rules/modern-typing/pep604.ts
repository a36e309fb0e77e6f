import type { UnitContext } from '../../engine/rule';
import type { Fix, Node, Range } from '../../engine/types';
import { atLeast, hasComment, importRemovalFor, visitTypingNodes } from './typing-fixes';
import {
  documentMapper,
  isInTypeDefinition,
  namedChildren,
  type RangeMapper,
  type SubscriptParts,
  scopedTypingMember,
  subscriptParts,
  type TypingContext,
  typingMember,
  unionMemberText,
  unwrapType,
} from './typing-syntax';

type Operator = 'Optional' | 'Union';

const SUBSCRIPTS = new Set(['subscript', 'generic_type']);

interface Pep604Finding {
  operator: Operator;
  range: Range;
  message: string;
  fix: Fix | null;
}

/**
 * Shared by UP045 (`Optional`) and UP007 (`Union`): Ruff's non-pep604-annotation. The node is
 * visited once for both (`ctx.shared`); each rule reports the findings of its operator.
 */
export function visitPep604(node: Node, ctx: UnitContext, operator: Operator): void {
  for (const found of ctx.shared(node, 'pep604', pep604Findings))
    if (found.operator === operator) ctx.report(found.range, found.message, found.fix);
}

function pep604Findings(node: Node, ctx: UnitContext): Pep604Finding[] {
  const findings: Pep604Finding[] = [];
  visitTypingNodes(
    node,
    ctx,
    SUBSCRIPTS,
    (target, context, mapper) => {
      const found = check(target, ctx, context, mapper);
      if (found) findings.push(found);
    },
    documentMapper,
  );
  return findings;
}

function check(
  node: Node,
  ctx: UnitContext,
  lazyContext: () => TypingContext,
  mapper: RangeMapper,
): Pep604Finding | undefined {
  // In a string whose text is not its value (escapes, concatenation) Ruff reports no PEP 604 rewrite.
  if (!mapper.exact) return undefined;
  const parts = subscriptParts(node);
  const operator = parts && scopedTypingMember(parts.value, ctx);
  if (!parts || (operator !== 'Optional' && operator !== 'Union')) return undefined;
  const context = lazyContext();
  // `Optional["Foo"]` would become `"Foo" | None`, which fails where Python evaluates it.
  if (
    !context.typingOnly &&
    parts.elements.some((e) => e.type === 'string' || e.type === 'concatenated_string')
  )
    return undefined;
  if (parts.elements.some((e) => e.type === 'list_splat' || e.type === 'splat_type')) return undefined;
  if (!applies(ctx, context)) return undefined;
  // `NamedTuple` is a type constructor, not a type; Ruff leaves such unions alone.
  if (parts.elements.some((e) => typingMember(e, ctx.module) === 'NamedTuple')) return undefined;
  const message =
    operator === 'Optional' ? 'Use `X | None` for type annotations' : 'Use `X | Y` for type annotations';
  return {
    operator,
    range: mapper.range(node),
    message,
    fix: buildFix(node, parts, ctx, context, mapper, operator),
  };
}

/** Python 3.10+, a stub, or a `__future__` annotation that Python never evaluates. */
function applies(ctx: UnitContext, context: TypingContext): boolean {
  if (atLeast(ctx, 10) || ctx.file.isStub) return true;
  return ctx.module.futureAnnotations && (context.annotation !== undefined || context.inString);
}

const NOT_IN_UNION = new Set([
  'constrained_type',
  'named_expression',
  'await',
  'lambda',
  'yield',
  'list_splat',
  'dictionary_splat',
  'slice',
  'splat_type',
]);

function buildFix(
  node: Node,
  parts: SubscriptParts,
  ctx: UnitContext,
  context: TypingContext,
  mapper: RangeMapper,
  operator: Operator,
): Fix | null {
  const inTypeDefinition =
    context.annotation !== undefined || context.inString || isInTypeDefinition(node, ctx);
  if (
    !inTypeDefinition ||
    !mapper.exact ||
    parts.isSlice ||
    parts.elements.some((e) => NOT_IN_UNION.has(e.type))
  )
    return null;
  const replacement = operator === 'Optional' ? optionalText(parts, ctx, mapper) : unionText(parts, mapper);
  if (replacement === undefined) return null;
  const edits = [{ range: mapper.range(node), newText: replacement }];
  const removal = importRemovalFor(parts.value, ctx);
  edits.push(...removal.edits);
  return {
    title: operator === 'Optional' ? 'Convert to `X | None`' : 'Convert to `X | Y`',
    safe: atLeast(ctx, 10) && !hasComment(node),
    edits,
    ...(removal.cleanup && { importCleanup: removal.cleanup }),
  };
}

function optionalText(parts: SubscriptParts, ctx: UnitContext, mapper: RangeMapper): string | undefined {
  if (parts.isTuple || parts.elements.length !== 1) return undefined;
  let inner = parts.elements[0];
  if (inner.type === 'none') return undefined;
  // `Optional[Optional[int]]` becomes `int | None`, once.
  for (let nested = subscriptParts(inner); nested; nested = subscriptParts(inner)) {
    if (
      typingMember(nested.value, ctx.module) !== 'Optional' ||
      nested.isTuple ||
      nested.elements.length !== 1
    )
      break;
    inner = nested.elements[0];
  }
  if (isBitOr(inner)) {
    const members = unionLeaves(inner).filter((leaf) => leaf.type !== 'none');
    if (members.length === 0) return undefined;
    return `${members.map((m) => unionMemberText(m, mapper)).join(' | ')} | None`;
  }
  return `${unionMemberText(inner, mapper)} | None`;
}

/**
 * The members joined with ` | `. Tuples among them are flattened as Ruff does (`Union[(str, int),
 * float]` is `str | int | float`; written as `(str, int) | float` it would raise TypeError), a tuple
 * inside one as a parenthesised union. Undefined when no union can be written: no members at all,
 * or an empty tuple (`Union[()]`).
 */
function unionText(parts: SubscriptParts, mapper: RangeMapper): string | undefined {
  if (!parts.isTuple && !tupleOf(parts.elements[0])) {
    const text = mapper.text(parts.elements[0]);
    return text.includes('\n') ? `(${text})` : text;
  }
  const members: string[] = [];
  for (const element of parts.elements) {
    const tuple = tupleOf(element);
    const texts = tuple ? tupleMembers(tuple, mapper) : [unionMemberText(element, mapper)];
    if (!texts) return undefined;
    members.push(...texts);
  }
  return members.length > 0 ? members.join(' | ') : undefined;
}

/** The members of a tuple in a union; undefined when it or a tuple inside it is empty. */
function tupleMembers(tuple: Node, mapper: RangeMapper): string[] | undefined {
  const members: string[] = [];
  for (const element of namedChildren(tuple).map(unwrapType)) {
    const nested = tupleOf(element);
    if (!nested) {
      members.push(unionMemberText(element, mapper));
      continue;
    }
    const inner = tupleMembers(nested, mapper);
    if (!inner) return undefined;
    members.push(inner.length === 1 ? inner[0] : `(${inner.join(' | ')})`);
  }
  return members.length > 0 ? members : undefined;
}

function tupleOf(node: Node): Node | undefined {
  let current = unwrapType(node);
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1)
    current = current.namedChild(0) as Node;
  return current.type === 'tuple' ? current : undefined;
}

function isBitOr(node: Node): boolean {
  return node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|';
}

function unionLeaves(node: Node): Node[] {
  const leaves: Node[] = [];
  const pending = [node];
  while (pending.length > 0) {
    const current = pending.pop() as Node;
    if (isBitOr(current)) {
      const right = current.childForFieldName('right');
      const left = current.childForFieldName('left');
      if (right) pending.push(right);
      if (left) pending.push(left);
    } else leaves.push(current);
  }
  return leaves;
}
