import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { moduleSnapshot, type SnapshotNode, snapshotOf } from './syntax-node';

/** A method of a top-level class, analysed as a sub-unit (see `analyzeUnit` in analyze.ts). */
export interface Method {
  node: TreeSitterNode;
  /** The function's body block: left out of the class's shell. */
  body: TreeSitterNode;
}

interface UnitCopy {
  snapshot: SnapshotNode;
  /** The class the unit is or decorates, and its methods (none for other statements). */
  classNode?: TreeSitterNode;
  methods: readonly Method[];
}

/**
 * When a class's method bodies are copied: when first read (an analysis that reuses results: a
 * method whose result is reused is never copied), or with their class in the same cursor walk (an
 * analysis that reads every statement: one walk instead of one more per method).
 */
export type MethodBodies = 'when-read' | 'with-their-class';

/**
 * One snapshot per top-level statement of one analysis, built when first read and shared by the
 * module facts, the unit rules and the file rules' memo, so that a statement is copied out of wasm
 * once (a class's method bodies: see `MethodBodies`). Lives for one analysis: it holds the tree
 * and the text.
 */
export class UnitSnapshots {
  private readonly copies = new Map<number, UnitCopy>();
  private moduleCopy: SnapshotNode | undefined;

  /** @param view the text as tree-sitter read it (see `treeSitterView`) */
  constructor(
    private readonly view: string,
    private readonly methodBodies: MethodBodies = 'when-read',
  ) {}

  /** The snapshot of the top-level statement `unit`. */
  of(unit: TreeSitterNode): SnapshotNode {
    return this.copy(unit).snapshot;
  }

  /**
   * A snapshot of the whole module `root` built from its statements' snapshots (copying those not
   * read yet), made once. Their parents become the module's copy: ask for it once the unit rules are done.
   */
  module(root: TreeSitterNode): SnapshotNode {
    if (this.moduleCopy) return this.moduleCopy;
    const units: SnapshotNode[] = [];
    for (const unit of root.children) if (unit) units.push(this.of(unit));
    this.moduleCopy = moduleSnapshot(root, this.view, units);
    return this.moduleCopy;
  }

  /** The snapshot of `unit` if one was taken already. */
  existing(unit: TreeSitterNode): SnapshotNode | undefined {
    return this.copies.get(unit.id)?.snapshot;
  }

  /** The class `unit` is or decorates, with its methods and their snapshots. */
  classOf(unit: TreeSitterNode): { classNode: TreeSitterNode; methods: readonly Method[] } | undefined {
    const { classNode, methods } = this.copy(unit);
    return classNode ? { classNode, methods } : undefined;
  }

  /** The snapshot of a method of the class statement `unit` (found by id, so the copy is shared). */
  methodOf(unit: TreeSitterNode, method: TreeSitterNode): SnapshotNode {
    const classCopy = this.copy(unit).snapshot;
    const definition =
      classCopy.type === 'class_definition' ? classCopy : classCopy.childForFieldName('definition');
    for (const member of definition?.childForFieldName('body')?.namedChildren ?? [])
      if (member?.id === method.id) return member as SnapshotNode;
    throw new Error(`method ${method.id} is not in the class it was found in`);
  }

  private copy(unit: TreeSitterNode): UnitCopy {
    let copy = this.copies.get(unit.id);
    if (!copy) {
      const classNode = topLevelClass(unit);
      const methods = classNode ? methodsOf(classNode) : [];
      const lazy =
        this.methodBodies === 'when-read' ? new Set(methods.map((method) => method.body.id)) : NOTHING_LAZY;
      copy = { snapshot: snapshotOf(unit, this.view, lazy), classNode, methods };
      this.copies.set(unit.id, copy);
    }
    return copy;
  }
}

const NOTHING_LAZY: ReadonlySet<number> = new Set();

function topLevelClass(unit: TreeSitterNode): TreeSitterNode | undefined {
  if (unit.type === 'class_definition') return unit;
  if (unit.type !== 'decorated_definition') return undefined;
  const definition = unit.childForFieldName('definition');
  return definition?.type === 'class_definition' ? definition : undefined;
}

function methodsOf(classNode: TreeSitterNode): Method[] {
  const methods: Method[] = [];
  for (const node of classNode.childForFieldName('body')?.namedChildren ?? []) {
    if (!node) continue;
    const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (definition?.type !== 'function_definition') continue;
    const body = definition.childForFieldName('body');
    if (body) methods.push({ node, body });
  }
  return methods;
}
