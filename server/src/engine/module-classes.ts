import type { Node } from './types';

/**
 * The positional bases of module-level classes, as source text (`ast.NodeVisitor`, `Base[T]`), so
 * that unit rules can follow a local class's ancestry to an imported base the way Ruff's
 * `any_base_class` does (`class Sub(Visitor)` where `class Visitor(ast.NodeVisitor)`).
 */
export interface ModuleClasses {
  /** Class name -> base expressions of its last module-level definition. */
  readonly bases: ReadonlyMap<string, readonly string[]>;
  readonly fingerprint: string;
}

/** What one top-level statement defines: its classes in source order (no nodes, no positions). */
export type UnitClasses = ReadonlyArray<readonly [name: string, bases: readonly string[]]>;

const MODULE_BLOCKS = new Set([
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'finally_clause',
  'with_statement',
  'block',
  'decorated_definition',
]);

const NOT_POSITIONAL = new Set(['keyword_argument', 'dictionary_splat', 'list_splat', 'comment']);

export function collectModuleClasses(root: Node): ModuleClasses {
  return combineModuleClasses(
    root.namedChildren.filter((unit): unit is Node => unit !== null).map(unitClasses),
  );
}

/** The classes a top-level statement defines, including in its module-level blocks. */
export function unitClasses(unit: Node): UnitClasses {
  const classes: Array<readonly [string, readonly string[]]> = [];
  const pending: Node[] = [unit];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'class_definition') {
      const name = node.childForFieldName('name');
      const list = node.childForFieldName('superclasses');
      if (!name) continue;
      const positional = (list?.namedChildren ?? []).filter(
        (c): c is Node => c !== null && !NOT_POSITIONAL.has(c.type),
      );
      classes.push([name.text, positional.map((b) => b.text)]);
    } else if (MODULE_BLOCKS.has(node.type)) {
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child) pending.push(child);
      }
    }
  }
  return classes;
}

/** The module's classes from its top-level statements' classes in source order: the last definition wins. */
export function combineModuleClasses(units: readonly UnitClasses[]): ModuleClasses {
  const bases = new Map<string, readonly string[]>();
  for (const classes of units) {
    for (const [name, list] of classes) bases.set(name, list);
  }
  const fingerprint = [...bases].map(([name, list]) => `${name}(${list.join(',')})`).join(';');
  return { bases, fingerprint };
}
