/**
 * Syntax helpers of the naming rules: which names a construct binds, and in which of Ruff's scopes
 * (module, class, function, lambda, comprehension) the binding happens.
 */
import { resolve } from '../../engine/qualified-names';
import type { BaseContext, UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';

export { isTypingMember, mentions, resolve } from '../../engine/qualified-names';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export interface Scope {
  kind: ScopeKind;
  /** The defining node; undefined for the module. */
  node?: Node;
}

const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

function isField(parent: Node, field: string, child: Node): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

/**
 * The scope a name bound at `node` lands in, as Ruff's semantic model sees it: a function's
 * defaults, annotations and decorators belong to the enclosing scope, only its body to its own;
 * a comprehension's first iterable is evaluated outside it (and a walrus inside a comprehension
 * stays in the comprehension's scope, as Ruff treats it).
 */
export function bindingScope(node: Node): Scope {
  let child = node;
  let parent = node.parent;
  let previous: Node | undefined;
  while (parent) {
    switch (parent.type) {
      case 'function_definition':
        if (isField(parent, 'body', child)) return { kind: 'function', node: parent };
        break;
      case 'class_definition':
        if (isField(parent, 'body', child)) return { kind: 'class', node: parent };
        break;
      case 'lambda':
        if (isField(parent, 'body', child)) return { kind: 'lambda', node: parent };
        break;
      default:
        if (COMPREHENSIONS.has(parent.type)) {
          const firstClause = parent.namedChildren.find((c) => c?.type === 'for_in_clause');
          const inFirstIterable =
            firstClause?.id === child.id && previous !== undefined && isField(child, 'right', previous);
          if (!inFirstIterable) return { kind: 'comprehension', node: parent };
        }
    }
    previous = child;
    child = parent;
    parent = parent.parent;
  }
  return { kind: 'module' };
}

const DESTRUCTURING = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
  'expression_list',
  'list_splat_pattern',
  'list_splat',
  'as_pattern_target',
]);

/** The plain names an assignment target binds (`a`, `a, *b`, `(a, [b])`); attributes and subscripts bind none. */
export function targetNames(target: Node): Node[] {
  const names: Node[] = [];
  const pending = [target];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'identifier') names.push(node);
    else if (DESTRUCTURING.has(node.type)) {
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child) pending.push(child);
      }
    }
  }
  return names;
}

/** A bare name in a `case` pattern (`case [x, *rest]`), which captures; `_` does not. */
function captureName(node: Node): Node | undefined {
  if (node.type === 'dotted_name') {
    const parent = node.parent;
    if (!parent || parent.type === 'class_pattern' || node.namedChildCount !== 1) return undefined;
    if (!PATTERN_PARENTS.has(parent.type)) return undefined;
    const name = node.namedChild(0);
    return name?.type === 'identifier' && name.text !== '_' ? name : undefined;
  }
  return undefined;
}

const PATTERN_PARENTS = new Set([
  'case_pattern',
  'union_pattern',
  'keyword_pattern',
  'dict_pattern',
  'list_pattern',
  'tuple_pattern',
]);

/** The node types whose names `boundNames` reads: every construct that binds a name in Ruff's `Store` context. */
export const BINDING_SITES: readonly string[] = [
  'assignment',
  'augmented_assignment',
  'for_statement',
  'as_pattern',
  'named_expression',
  'type_alias_statement',
  'splat_pattern',
  'dotted_name',
  'expression_statement',
];

/**
 * The names a binding site binds and the scope they land in, or undefined when it binds none:
 * worked out once per site for N806, N815 and N816, which visit the same sites.
 */
export function bindingSiteNames(site: Node, ctx: UnitContext): { names: Node[]; scope: Scope } | undefined {
  return ctx.shared(site, 'binding-site-names', () => {
    const names = boundNames(site);
    return names.length === 0 ? undefined : { names, scope: bindingScope(site) };
  });
}

/**
 * The names a binding site binds. Not bound here (as in Ruff's Store context): `except ... as e`,
 * imports, `def`/`class` names, parameters, comprehension targets (they never reach a rule's scope).
 */
export function boundNames(site: Node): Node[] {
  switch (site.type) {
    case 'assignment': {
      const left = site.childForFieldName('left');
      return left ? targetNames(left) : [];
    }
    case 'augmented_assignment': {
      const left = site.childForFieldName('left');
      return left?.type === 'identifier' ? [left] : [];
    }
    case 'for_statement': {
      const left = site.childForFieldName('left');
      return left ? targetNames(left) : [];
    }
    case 'as_pattern': {
      const alias = site.childForFieldName('alias');
      if (alias) return site.parent?.type === 'with_item' ? targetNames(alias) : [];
      // `case <pattern> as name`: the capture is the last named child.
      const last = site.namedChild(site.namedChildCount - 1);
      return last?.type === 'identifier' && last.text !== '_' ? [last] : [];
    }
    case 'named_expression': {
      const name = site.childForFieldName('name');
      return name?.type === 'identifier' ? [name] : [];
    }
    case 'type_alias_statement': {
      const left = site.childForFieldName('left');
      const inner = left?.namedChild(0);
      const name = inner?.type === 'generic_type' ? inner.namedChild(0) : inner;
      return name?.type === 'identifier' ? [name] : [];
    }
    case 'splat_pattern': {
      const name = site.namedChild(0);
      return name?.type === 'identifier' && name.text !== '_' ? [name] : [];
    }
    case 'dotted_name': {
      const name = captureName(site);
      return name ? [name] : [];
    }
    case 'expression_statement':
      return recoveredStarredTargets(site);
    default:
      return [];
  }
}

/** Everything a target list holds: names, commas, stars, brackets (no calls, no attributes). */
const PLAIN_TARGET_LIST = /^[\p{L}\p{N}_\s,*()[\]]+$/u;

/**
 * `a, *[b] = ...` is valid Python that tree-sitter-python cannot parse (a starred list or tuple
 * target): the statement holds an ERROR. Its targets are the names before the first `=`, when
 * everything before it is a plain target list with such a starred part.
 */
function recoveredStarredTargets(statement: Node): Node[] {
  if (!statement.children.some((child) => child?.type === 'ERROR')) return [];
  const tokens = tokensOf(statement);
  const equals = tokens.find((token) => token.type === '=');
  if (!equals) return [];
  const before = statement.text.slice(0, equals.startIndex - statement.startIndex);
  if (!/\*\s*[[(]/.test(before) || !PLAIN_TARGET_LIST.test(before)) return [];
  return tokens.filter((token) => token.type === 'identifier' && token.endIndex <= equals.startIndex);
}

/** The leaves of a subtree in source order (a statement: short). */
function tokensOf(root: Node): Node[] {
  const tokens: Node[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.childCount === 0 || node.type === 'identifier') tokens.push(node);
    else
      for (let i = node.childCount - 1; i >= 0; i--) {
        const child = node.child(i);
        if (child) pending.push(child);
      }
  }
  return tokens;
}

/** For a site inside `x = value` / `x: T = value` statements: the statement's outermost assignment. */
export function statementAssignment(site: Node): Node | undefined {
  let node: Node | null = site;
  while (node && node.type !== 'expression_statement') {
    if (
      node.type === 'block' ||
      node.type === 'module' ||
      node.type.endsWith('_statement') ||
      node.type.endsWith('_clause')
    ) {
      return undefined;
    }
    node = node.parent;
  }
  const first = node?.namedChild(0);
  return first?.type === 'assignment' ? first : undefined;
}

/** The value of a (possibly chained: `a = b = v`) assignment. */
export function assignedValue(assignment: Node): Node | undefined {
  let value = assignment.childForFieldName('right');
  while (value?.type === 'assignment') value = value.childForFieldName('right');
  return value ?? undefined;
}

/** The callee of `value` when it is a call. */
export function calleeOf(value: Node | undefined): Node | undefined {
  if (value?.type !== 'call') return undefined;
  return value.childForFieldName('function') ?? undefined;
}

/** The decorator expressions of a function or class definition. */
export function decoratorsOf(definition: Node): Node[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren
    .filter((c): c is Node => c?.type === 'decorator')
    .map((d) => d.namedChild(0))
    .filter((e): e is Node => e !== null);
}

/** The class whose body directly holds this definition (Ruff's "parent statement is a class"). */
export function directClassOf(definition: Node): Node | undefined {
  const statement = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
  const block = statement.parent;
  const owner = block?.type === 'block' ? block.parent : undefined;
  return owner?.type === 'class_definition' ? owner : undefined;
}

/** A class's positional base expressions (keywords such as `metaclass=` are not bases). */
export function basesOf(classNode: Node): Node[] {
  const list = classNode.childForFieldName('superclasses');
  if (!list) return [];
  return list.namedChildren.filter(
    (c): c is Node =>
      c !== null && c.type !== 'keyword_argument' && c.type !== 'dictionary_splat' && c.type !== 'comment',
  );
}

/** `Base[T]` refers to `Base` (Ruff's `map_subscript`). */
export function withoutSubscript(expr: Node): Node {
  if (expr.type === 'subscript') return expr.childForFieldName('value') ?? expr;
  if (expr.type === 'generic_type') return expr.namedChild(0) ?? expr;
  return expr;
}

/** Resolves dotted source text (`ast.NodeVisitor`, `Base[T]`) through the module's imports. */
function resolveText(ctx: BaseContext, text: string): string | undefined {
  const dotted = text.replace(/\[[\s\S]*$/, '').trim();
  if (!/^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u.test(dotted)) return undefined;
  const [head, ...tail] = dotted.split('.');
  const base = ctx.module.imports.get(head);
  return base === undefined ? undefined : [base, ...tail].join('.');
}

/**
 * Whether a class, or a module-level class it derives from (followed through plain-name bases, as
 * Ruff's `any_base_class`), has a base whose qualified name satisfies `test`.
 */
export function anyQualifiedBase(
  ctx: BaseContext,
  classNode: Node,
  test: (qualified: string) => boolean,
): boolean {
  const seen = new Set<string>();
  const pending: string[] = [];
  for (const base of basesOf(classNode)) {
    const target = withoutSubscript(base);
    const qualified = resolve(ctx, target);
    if (qualified !== undefined && test(qualified)) return true;
    if (target.type === 'identifier') pending.push(target.text);
  }
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name) || ctx.module.globalBindings.get(name) !== 'class') continue;
    seen.add(name);
    for (const text of ctx.module.classBases.get(name) ?? []) {
      const qualified = resolveText(ctx, text);
      if (qualified !== undefined && test(qualified)) return true;
      const plain = text.replace(/\[[\s\S]*$/, '').trim();
      if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(plain)) pending.push(plain);
    }
  }
  return false;
}
