import type { Node } from './types';

/** What the last module-level binding of a name is; Ruff resolves names through it. */
export type GlobalBindingKind = 'class' | 'function' | 'import' | 'other';

export interface ModuleBindings {
  /** The names listed in `__all__` (every module-level binding folded), or undefined without `__all__`. */
  readonly dunderAll: readonly string[] | undefined;
  /** Name -> kind of its last module-level binding (definitions, imports, assignment targets). */
  readonly globalBindings: ReadonlyMap<string, GlobalBindingKind>;
  readonly fingerprint: string;
}

const NESTED_BLOCKS = new Set([
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'with_statement',
  'for_statement',
  'while_statement',
  'block',
]);

/**
 * Module-scope bindings and `__all__`, collected from top-level statements and the blocks of
 * module-level `if`/`try`/`with`/`for`/`while` (which Python runs in module scope).
 */
export function collectModuleBindings(root: Node): ModuleBindings {
  const bindings = new Map<string, GlobalBindingKind>();
  let dunderAll: string[] | undefined;
  const pending: Node[] = [...root.namedChildren].reverse() as Node[];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        if (definition) pending.push(definition);
        break;
      }
      case 'class_definition':
      case 'function_definition': {
        const name = node.childForFieldName('name');
        if (name) bind(bindings, name.text, node.type === 'class_definition' ? 'class' : 'function');
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          const bound = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
          if (bound) bind(bindings, bound.text.split('.')[0], 'import');
        }
        break;
      case 'expression_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          const names = exportNames(child);
          if (names) dunderAll = [...(dunderAll ?? []), ...names];
          if (child.type === 'assignment' || child.type === 'augmented_assignment') {
            bindTargets(child.childForFieldName('left'), bindings);
          }
        }
        break;
      default:
        if (node.type === 'for_statement') bindTargets(node.childForFieldName('left'), bindings);
        if (NESTED_BLOCKS.has(node.type)) {
          for (let i = node.namedChildCount - 1; i >= 0; i--) {
            const child = node.namedChild(i);
            if (child) pending.push(child);
          }
        }
    }
  }
  const entries = [...bindings].map(([name, kind]) => `${name}:${kind}`).sort();
  return {
    dunderAll,
    globalBindings: bindings,
    fingerprint: `${dunderAll ? dunderAll.join(',') : '-'}|${entries.join(',')}`,
  };
}

function bind(bindings: Map<string, GlobalBindingKind>, name: string, kind: GlobalBindingKind): void {
  bindings.delete(name);
  bindings.set(name, kind);
}

function bindTargets(target: Node | null, bindings: Map<string, GlobalBindingKind>): void {
  if (!target) return;
  if (target.type === 'identifier') {
    bind(bindings, target.text, 'other');
    return;
  }
  if (
    ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(
      target.type,
    )
  ) {
    for (const child of target.namedChildren) bindTargets(child, bindings);
  } else if (target.type === 'list_splat_pattern' || target.type === 'list_splat') {
    bindTargets(target.namedChild(0), bindings);
  }
}

/** `__all__ = [...]`, `__all__ += (...)`, `__all__: list[str] = [...]`, `[...] + [...]`: the string names. */
function exportNames(statement: Node): string[] | undefined {
  if (statement.type !== 'assignment' && statement.type !== 'augmented_assignment') return undefined;
  const left = statement.childForFieldName('left');
  if (left?.type !== 'identifier' || left.text !== '__all__') return undefined;
  const names: string[] = [];
  const right = statement.childForFieldName('right');
  const pending: Node[] = right ? [right] : [];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value.type === 'binary_operator') {
      const l = value.childForFieldName('left');
      const r = value.childForFieldName('right');
      if (r) pending.push(r);
      if (l) pending.push(l);
    } else if (['list', 'tuple', 'set', 'parenthesized_expression'].includes(value.type)) {
      for (const element of value.namedChildren) {
        if (element?.type === 'string') {
          const text = stringValue(element);
          if (text !== undefined) names.push(text);
        }
      }
    } else if (value.type === 'call') {
      const args = value.childForFieldName('arguments');
      const first = args?.namedChild(0);
      if (first && ['list', 'tuple', 'set'].includes(first.type)) pending.push(first);
    }
  }
  return names;
}

function stringValue(node: Node): string | undefined {
  const content = node.namedChildren.filter((c) => c?.type === 'string_content');
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return content.map((c) => c!.text).join('');
}
