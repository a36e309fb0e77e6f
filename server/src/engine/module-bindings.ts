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
 * What one top-level statement binds, in source order, and the `__all__` parts it adds: no tree
 * nodes and no positions, so it can be kept while the statement's text is unchanged.
 */
export interface UnitBindings {
  readonly binds: ReadonlyArray<readonly [name: string, kind: GlobalBindingKind]>;
  /** The names of each `__all__` assignment or extension, in source order. */
  readonly exports: ReadonlyArray<readonly string[]>;
}

/**
 * Module-scope bindings and `__all__`, collected from top-level statements and the blocks of
 * module-level `if`/`try`/`with`/`for`/`while` (which Python runs in module scope).
 */
export function collectModuleBindings(root: Node): ModuleBindings {
  return combineModuleBindings(
    root.namedChildren.filter((unit): unit is Node => unit !== null).map(unitBindings),
  );
}

/** The bindings of one top-level statement, including those in its module-level blocks. */
export function unitBindings(unit: Node): UnitBindings {
  const binds: Array<readonly [string, GlobalBindingKind]> = [];
  const exports: string[][] = [];
  const bind = (name: string, kind: GlobalBindingKind) => binds.push([name, kind]);
  const pending: Node[] = [unit];
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
        if (name) bind(name.text, node.type === 'class_definition' ? 'class' : 'function');
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const name of node.childrenForFieldName('name')) {
          if (!name) continue;
          const bound = name.type === 'aliased_import' ? name.childForFieldName('alias') : name;
          if (bound) bind(bound.text.split('.')[0], 'import');
        }
        break;
      case 'expression_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          const names = exportNames(child);
          if (names) exports.push(names);
          if (child.type === 'assignment' || child.type === 'augmented_assignment') {
            bindTargets(child.childForFieldName('left'), bind);
          }
        }
        break;
      default:
        if (node.type === 'for_statement') bindTargets(node.childForFieldName('left'), bind);
        if (NESTED_BLOCKS.has(node.type)) {
          for (let i = node.namedChildCount - 1; i >= 0; i--) {
            const child = node.namedChild(i);
            if (child) pending.push(child);
          }
        }
    }
  }
  return { binds, exports };
}

/** The module's bindings from its top-level statements' bindings in source order: the last binding wins. */
export function combineModuleBindings(units: readonly UnitBindings[]): ModuleBindings {
  const bindings = new Map<string, GlobalBindingKind>();
  let dunderAll: string[] | undefined;
  for (const unit of units) {
    for (const [name, kind] of unit.binds) {
      // Re-inserted, so that the map iterates in the order of each name's last binding.
      bindings.delete(name);
      bindings.set(name, kind);
    }
    for (const names of unit.exports) dunderAll = [...(dunderAll ?? []), ...names];
  }
  // In the map's order, not sorted: sorting every name of the module was most of this at every
  // keystroke. Equal fingerprints still mean equal bindings (their order too, which a read of the
  // whole map sees anyway).
  let entries = '';
  for (const [name, kind] of bindings) entries += `${name}:${kind},`;
  return {
    dunderAll,
    globalBindings: bindings,
    fingerprint: `${dunderAll ? dunderAll.join(',') : '-'}|${entries}`,
  };
}

type Bind = (name: string, kind: GlobalBindingKind) => void;

const TARGET_LISTS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
]);

/** Binds the names an assignment or `for` target assigns, left to right (iterative: nesting is unbounded). */
function bindTargets(target: Node | null, bind: Bind): void {
  const pending: Array<Node | null> = [target];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) continue;
    if (node.type === 'identifier') bind(node.text, 'other');
    else if (TARGET_LISTS.has(node.type)) {
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    } else if (node.type === 'list_splat_pattern' || node.type === 'list_splat') {
      pending.push(node.namedChild(0));
    }
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
