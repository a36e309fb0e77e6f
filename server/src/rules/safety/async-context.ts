import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { unparenthesize } from './syntax';

/**
 * Helpers for the ASYNC rules: whether a call runs in a coroutine, and what a local name was last
 * assigned, as Ruff's semantic model sees both.
 */

/**
 * The innermost enclosing function is an `async def` (a lambda or a nested `def`/`class` body is a
 * scope of its own; comprehensions are not).
 */
export function inAsyncFunction(ctx: UnitContext): boolean {
  const scope = ctx.scopes[ctx.scopes.length - 1];
  return scope?.type === 'function_definition' && scope.child(0)?.type === 'async';
}

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);
const TARGET_GROUPS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list']);

/**
 * The value last assigned to `name` in the innermost enclosing function before `use`
 * (`x = value`, `x: T = value`, `a, x = b, value`, `(x := value)`), as Ruff's
 * `find_assigned_value` gives it. Undefined when the last binding before `use` is of another kind
 * (a loop target, an augmented assignment, a `with ... as`) or there is none in the function:
 * module-level assignments are other statements, outside what a unit rule may read.
 */
export function assignedValue(name: Node, ctx: UnitContext): Node | undefined {
  const scope = ctx.scopes[ctx.scopes.length - 1];
  const body = scope?.childForFieldName('body');
  if (!body) return undefined;
  let last: { at: number; value: Node | undefined } | undefined;
  const consider = (at: number, value: Node | undefined) => {
    if (at < name.startIndex && (!last || at > last.at)) last = { at, value };
  };
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.startIndex >= name.startIndex) continue;
    if (NESTED_SCOPES.has(node.type)) continue;
    bindingsOf(node, name.text, consider);
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  return last?.value;
}

function bindingsOf(node: Node, name: string, consider: (at: number, value: Node | undefined) => void): void {
  switch (node.type) {
    case 'assignment': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left) matchTarget(left, right ?? undefined, name, consider);
      break;
    }
    case 'named_expression': {
      const target = node.childForFieldName('name');
      if (target?.text === name) consider(target.startIndex, node.childForFieldName('value') ?? undefined);
      break;
    }
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause': {
      const left = node.childForFieldName('left');
      if (left) markOtherBindings(left, name, consider);
      break;
    }
    case 'as_pattern_target':
      markOtherBindings(node, name, consider);
      break;
  }
}

/** Pairs the names of an assignment target with the parts of its value, as Ruff does for tuples. */
function matchTarget(
  target: Node,
  value: Node | undefined,
  name: string,
  consider: (at: number, value: Node | undefined) => void,
): void {
  const bare = unparenthesize(target);
  if (bare.type === 'identifier') {
    if (bare.text === name) consider(bare.startIndex, value);
    return;
  }
  if (!TARGET_GROUPS.has(bare.type)) return;
  const targets = bare.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const plain = value ? unparenthesize(value) : undefined;
  const values =
    plain && (plain.type === 'expression_list' || plain.type === 'tuple' || plain.type === 'list')
      ? plain.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment')
      : undefined;
  const paired = values && values.length === targets.length && !values.some((v) => v.type === 'list_splat');
  for (const [i, part] of targets.entries())
    matchTarget(part, paired ? values[i] : undefined, name, consider);
}

function markOtherBindings(
  target: Node,
  name: string,
  consider: (at: number, value: Node | undefined) => void,
): void {
  if (target.type === 'identifier') {
    if (target.text === name) consider(target.startIndex, undefined);
    return;
  }
  for (const child of target.namedChildren) if (child) markOtherBindings(child, name, consider);
}
