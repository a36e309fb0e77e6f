import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isCapWords } from './case';
import { RENAME_FIX_SAFETY, renameFix, toCapWords } from './rename-fix';
import { assignedValue, bindingScope, calleeOf, isTypingMember, resolve } from './syntax';
import { annotationHead } from './values';

/** Builtins that are generic in annotations (`dict[str, int]`). */
const BUILTIN_GENERICS = new Set(['dict', 'list', 'set', 'frozenset', 'tuple', 'type']);
/** Modules whose subscripted members are types. */
const TYPE_MODULES = ['typing.', 'typing_extensions.', 'collections.abc.'];

/** `dict[str, int]`, `Optional[int]`, `t.Callable[..., None]`: a subscripted type, i.e. an implicit alias. */
function isSubscriptedType(ctx: UnitContext, value: Node): boolean {
  if (value.type !== 'subscript') return false;
  const head = value.childForFieldName('value');
  if (!head) return false;
  if (head.type === 'identifier' && BUILTIN_GENERICS.has(head.text)) {
    return !ctx.module.imports.has(head.text) && !ctx.module.globalBindings.has(head.text);
  }
  const qualified = resolve(ctx, head);
  return qualified !== undefined && TYPE_MODULES.some((prefix) => qualified.startsWith(prefix));
}

/** The alias name when `node` defines a type alias, explicitly anywhere or implicitly at module level. */
function aliasName(ctx: UnitContext, node: Node): Node | undefined {
  if (node.type === 'type_alias_statement') {
    const inner = node.childForFieldName('left')?.namedChild(0);
    const name = inner?.type === 'generic_type' ? inner.namedChild(0) : inner;
    return name?.type === 'identifier' ? name : undefined;
  }
  if (node.parent?.type === 'assignment') return undefined;
  const left = node.childForFieldName('left');
  if (left?.type !== 'identifier') return undefined;
  const annotation = node.childForFieldName('type');
  if (annotation)
    return isTypingMember(resolve(ctx, annotationHead(annotation)), 'TypeAlias') ? left : undefined;
  const value = assignedValue(node);
  if (!value) return undefined;
  if (isTypingMember(resolve(ctx, calleeOf(value)), 'NewType')) return left;
  return bindingScope(node).kind === 'module' && isSubscriptedType(ctx, value) ? left : undefined;
}

export const typeAliasCase: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV103',
    name: 'type-alias-case',
    summary: 'Type aliases are CapWords.',
    seeds: ['001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags type aliases whose name is not CapWords (leading underscores allowed): \`X: TypeAlias = ...\`,
\`type X = ...\` and \`X = NewType("X", ...)\` anywhere, and at module level the implicit aliases
\`X = dict[str, int]\`, \`X = Optional[Session]\`, \`X = collections.abc.Callable[..., None]\` (a
subscripted builtin generic or a subscripted member of \`typing\`, \`typing_extensions\` or
\`collections.abc\`). Unions written with \`|\` are not recognised as implicit aliases, since
\`a | b\` is also ordinary arithmetic.

## Why
The style guides 001 and 004 name type aliases like classes (\`SessionId = str\`,
\`VerbosityType = Literal[...]\`): they are used where classes are used, in annotations.

## Example
\`\`\`python
session_mapping = Dict[SessionId, Session]
\`\`\`

## Use instead
\`\`\`python
SessionMapping = Dict[SessionId, Session]
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: ['assignment', 'type_alias_statement'],
  visit(node, ctx) {
    const name = aliasName(ctx, node);
    if (!name || isCapWords(name.text)) return;
    ctx.report(
      name,
      `Type alias \`${name.text}\` should use CapWords`,
      renameFix(name.text, toCapWords(name.text), isCapWords),
    );
  },
};
