/** Statement shapes that Ruff's N806/N815/N816 leave alone (pep8_naming/helpers.rs). */
import type { BaseContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import {
  anyQualifiedBase,
  assignedValue,
  calleeOf,
  isTypingMember,
  resolve,
  statementAssignment,
} from './syntax';

/** `X = namedtuple(...)` / `X = NamedTuple(...)`: the name is a class. */
export function isNamedTupleAssignment(site: Node, ctx: BaseContext): boolean {
  const assignment = statementAssignment(site);
  if (!assignment || assignment.childForFieldName('type')) return false;
  const qualified = resolve(ctx, calleeOf(assignedValue(assignment)));
  return qualified === 'collections.namedtuple' || isTypingMember(qualified, 'NamedTuple');
}

/** `X = TypedDict(...)`, `T = TypeVar(...)`, `X = NewType(...)`, `X: TypeAlias = ...`, `type X = ...`. */
export function isTypeDefinitionStatement(site: Node, ctx: BaseContext): boolean {
  if (site.type === 'type_alias_statement') return true;
  const assignment = statementAssignment(site);
  if (!assignment) return false;
  const annotation = assignment.childForFieldName('type');
  if (annotation) {
    const inner = annotation.namedChild(0);
    return isTypingMember(resolve(ctx, inner), 'TypeAlias');
  }
  const qualified = resolve(ctx, calleeOf(assignedValue(assignment)));
  return ['TypedDict', 'TypeVar', 'NewType'].some((member) => isTypingMember(qualified, member));
}

function stringValue(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const prefix = node.namedChild(0)?.text ?? '';
  if (/[bB]/.test(prefix)) return undefined;
  return node.namedChildren
    .filter((c) => c?.type === 'string_content')
    .map((c) => c!.text)
    .join('');
}

/**
 * `Model = apps.get_model("app", "Model")` and `Model = import_string("app.models.Model")`: Django
 * model classes fetched at run time keep their class name (Ruff's `is_django_model_import`).
 */
export function isDjangoModelImport(name: string, site: Node, ctx: BaseContext): boolean {
  const assignment = statementAssignment(site);
  const value = assignment ? assignedValue(assignment) : undefined;
  if (value?.type !== 'call') return false;
  const callee = calleeOf(value)!;
  const args = value.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return false;
  const items = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (items.length === 0) return false;
  const positional = items.filter(
    (c) => c.type !== 'keyword_argument' && c.type !== 'list_splat' && c.type !== 'dictionary_splat',
  );
  const keyword = (key: string) =>
    items
      .find((c) => c.type === 'keyword_argument' && c.childForFieldName('name')?.text === key)
      ?.childForFieldName('value');
  const lastSegment = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
  if (lastSegment === 'get_model' && (callee.type === 'identifier' || callee.type === 'attribute')) {
    const argument = keyword('model_name') ?? positional[Math.max(positional.length - 1, 0)];
    if (argument) {
      if (argument.type !== 'string') return true;
      const text = stringValue(argument);
      if (text === undefined || text === name) return true;
    }
  }
  if (resolve(ctx, callee) === 'django.utils.module_loading.import_string') {
    const argument = keyword('dotted_path') ?? positional[0];
    const text = argument ? stringValue(argument) : undefined;
    if (text?.includes('.') && text.slice(text.lastIndexOf('.') + 1) === name) return true;
  }
  return false;
}

/** A class with a `TypedDict` base (N815 skips its fields: they are keys, not attributes). */
export function isTypedDictClass(classNode: Node, ctx: BaseContext): boolean {
  return anyQualifiedBase(ctx, classNode, (qualified) => isTypingMember(qualified, 'TypedDict'));
}

/**
 * The function body declares `global name` (nested functions and classes have their own scopes).
 * Inside code the parser could not read (ERROR nodes), a `global` line naming it counts too, so
 * that a half-typed function does not flag its module names.
 */
export function declaresGlobal(functionNode: Node, name: string): boolean {
  const body = functionNode.childForFieldName('body');
  // Both ways of declaring need the keyword: most bodies have none, and need no walk.
  if (!body?.text.includes('global')) return false;
  const unreadable = new RegExp(`\\bglobal\\b[^\\n]*\\b${name.replace(/[^\p{L}\p{N}_]/gu, '')}\\b`, 'u');
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'global_statement') {
      if (node.namedChildren.some((c) => c?.type === 'identifier' && c.text === name)) return true;
      continue;
    }
    if (node.type === 'ERROR') {
      if (unreadable.test(node.text)) return true;
      continue;
    }
    for (const child of node.namedChildren) {
      if (
        !child ||
        child.type === 'function_definition' ||
        child.type === 'class_definition' ||
        child.type === 'decorated_definition'
      )
        continue;
      const nested = child.type.endsWith('statement') || child.type.endsWith('clause');
      if (nested || child.type === 'block' || child.type === 'ERROR') pending.push(child);
    }
  }
  return false;
}
