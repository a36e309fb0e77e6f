/**
 * What one Python file tells the project index (project/project-index.ts) about names crossing
 * module boundaries: its imports, its `__all__`, the dotted attribute chains read through imported
 * names, and the names it reaches by string (`getattr(m, "name")`, `mock.patch("a.b.name")`).
 * Plain JSON, without positions or module names, so that it can be cached by content hash: where a
 * relative import leads depends on where the file lies, which the project layer decides.
 */
import type { Node, NodeCursor } from '../engine/syntax-types';

export interface ImportedName {
  name: string;
  alias?: string;
}

export type ImportFact =
  /** `from .a.b import x as y`: `level` dots (0 = absolute), then `module` (may be ''). */
  | { kind: 'from'; module: string; level: number; names: ImportedName[] }
  | { kind: 'star'; module: string; level: number }
  /** `import a.b` (binds `a`) or `import a.b as m` (binds `m`). */
  | { kind: 'import'; module: string; alias?: string };

export interface DunderAll {
  names: string[];
  /** Built by code pyconv cannot read (`+= other.__all__`, a comprehension, a call): its entries are unknown. */
  dynamic: boolean;
}

export interface ModuleSummary {
  imports: ImportFact[];
  all?: DunderAll;
  /** `a.b.c` chains of plain names whose head is a name some import binds, each once. */
  attributeChains: string[];
  /** Names given as strings to `getattr`/`hasattr`/`setattr`/`delattr` and `patch.object`. */
  namesAsStrings: string[];
  /** Dotted targets of `patch("a.b.name")` calls (`mock.patch`, `mocker.patch`, ...). */
  patchTargets: string[];
}

const ATTRIBUTE_BY_STRING = new Set(['getattr', 'hasattr', 'setattr', 'delattr']);
const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)+$/u;

/**
 * The summary of a module's tree (the whole file). One cursor walk that materialises only the nodes
 * it reads (imports, attributes, calls, module-level statements): on a tree-sitter tree, every node
 * object is a call into WebAssembly, so the index reads closed files without a snapshot. Iterative:
 * deep nesting cannot overflow.
 */
export function summarizeModule(root: Node): ModuleSummary {
  const imports: ImportFact[] = [];
  const chains = new Set<string>();
  const namesAsStrings = new Set<string>();
  const patchTargets = new Set<string>();
  let all: DunderAll | undefined;
  /** Reads the node under the cursor; whether to walk into it. */
  const visit = (cursor: NodeCursor, depth: number): boolean => {
    switch (cursor.nodeType) {
      case 'ERROR':
        return false;
      case 'import_statement':
      case 'import_from_statement':
        imports.push(...importFactsOf(cursor.currentNode));
        return false;
      case 'attribute': {
        const chain = dottedChain(cursor.currentNode);
        if (chain) chains.add(chain);
        return !chain;
      }
      case 'call':
        readStringCall(cursor.currentNode, namesAsStrings, patchTargets);
        return true;
      case 'expression_statement':
        if (depth === 1) all = readDunderAll(cursor.currentNode, all);
        return true;
      default:
        return true;
    }
  };
  const cursor = root.walk();
  try {
    let depth = 0;
    let descend = true;
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        depth++;
      } else {
        while (!cursor.gotoNextSibling()) {
          if (depth === 0 || !cursor.gotoParent()) break;
          depth--;
        }
        if (depth === 0) break;
      }
      descend = visit(cursor, depth);
    }
  } finally {
    cursor.delete();
  }
  const heads = new Set(imports.flatMap(boundNamesOf));
  return {
    imports,
    ...(all ? { all } : {}),
    attributeChains: [...chains].filter((chain) => heads.has(chain.split('.')[0]!)).sort(),
    namesAsStrings: [...namesAsStrings].sort(),
    patchTargets: [...patchTargets].sort(),
  };
}

/** The local names an import binds. */
export function boundNamesOf(fact: ImportFact): string[] {
  if (fact.kind === 'star') return [];
  if (fact.kind === 'import') return [fact.alias ?? fact.module.split('.')[0]!];
  return fact.names.map((n) => n.alias ?? n.name);
}

/** `a.b.c` when the attribute is a chain of plain names, else undefined. */
export function dottedChain(node: Node): string | undefined {
  const parts: string[] = [];
  let current: Node | null = node;
  while (current?.type === 'attribute') {
    const attribute = current.childForFieldName('attribute');
    if (!attribute) return undefined;
    parts.push(attribute.text);
    current = current.childForFieldName('object');
  }
  if (current?.type !== 'identifier') return undefined;
  parts.push(current.text);
  return parts.reverse().join('.');
}

/** `.a.b` → level 1, module `a.b`. */
export function moduleReference(node: Node | null): { module: string; level: number } {
  if (!node) return { module: '', level: 0 };
  if (node.type !== 'relative_import') return { module: node.text, level: 0 };
  const prefix = node.namedChildren.find((c) => c?.type === 'import_prefix');
  const dotted = node.namedChildren.find((c) => c?.type === 'dotted_name');
  return { module: dotted?.text ?? '', level: prefix?.text.length ?? 0 };
}

function importFactsOf(node: Node): ImportFact[] {
  if (node.type === 'import_statement') {
    return node.childrenForFieldName('name').flatMap((name): ImportFact[] => {
      if (name?.type === 'dotted_name') return [{ kind: 'import', module: name.text }];
      const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : null;
      const alias = name?.childForFieldName('alias')?.text;
      return dotted ? [{ kind: 'import', module: dotted.text, ...(alias ? { alias } : {}) }] : [];
    });
  }
  const { module, level } = moduleReference(node.childForFieldName('module_name'));
  if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) return [{ kind: 'star', module, level }];
  const names: ImportedName[] = [];
  for (const name of node.childrenForFieldName('name')) {
    if (name?.type === 'dotted_name') names.push({ name: name.text });
    else if (name?.type === 'aliased_import') {
      const imported = name.childForFieldName('name')?.text;
      const alias = name.childForFieldName('alias')?.text;
      if (imported) names.push({ name: imported, ...(alias ? { alias } : {}) });
    }
  }
  return [{ kind: 'from', module, level, names }];
}

/** The text of a plain string literal (no f-string, no concatenation), else undefined. */
export function plainStringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const contents = node.namedChildren.filter((c) => c?.type === 'string_content');
  if (contents.length > 1) return undefined;
  return contents[0]?.text ?? '';
}

function readStringCall(call: Node, namesAsStrings: Set<string>, patchTargets: Set<string>): void {
  const callee = call.childForFieldName('function');
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const calleeName = callee?.type === 'identifier' ? callee.text : callee ? dottedChain(callee) : undefined;
  if (!calleeName) return;
  const last = calleeName.split('.').at(-1);
  if (ATTRIBUTE_BY_STRING.has(calleeName) || calleeName.endsWith('patch.object')) {
    const name = plainStringValue(args[1]);
    if (name) namesAsStrings.add(name);
  } else if (last === 'patch') {
    const target = plainStringValue(args[0]);
    if (target && DOTTED.test(target)) patchTargets.add(target);
  }
}

/** `__all__ = [...]`, `__all__ += [...]`, `__all__.extend([...])`, `__all__.append("x")`. */
function readDunderAll(statement: Node, before: DunderAll | undefined): DunderAll | undefined {
  const expression = statement.namedChild(0);
  if (!expression) return before;
  const current = before ?? { names: [], dynamic: false };
  if (expression.type === 'assignment' || expression.type === 'augmented_assignment') {
    if (expression.childForFieldName('left')?.text !== '__all__') return before;
    const names = staticNames(expression.childForFieldName('right'));
    const kept = expression.type === 'assignment' ? [] : current.names;
    if (!names) return { names: kept, dynamic: true };
    return {
      names: [...kept, ...names],
      dynamic: expression.type === 'assignment' ? false : current.dynamic,
    };
  }
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    const chain = callee ? dottedChain(callee) : undefined;
    if (chain !== '__all__.extend' && chain !== '__all__.append') return before;
    const argument = expression.childForFieldName('arguments')?.namedChild(0) ?? null;
    const names = chain === '__all__.append' ? singleName(argument) : staticNames(argument);
    return names ? { ...current, names: [...current.names, ...names] } : { ...current, dynamic: true };
  }
  return before;
}

function singleName(node: Node | null): string[] | undefined {
  const value = plainStringValue(node);
  return value === undefined ? undefined : [value];
}

/** The strings of a list or tuple of plain strings (also `[...] + [...]`), else undefined. */
function staticNames(node: Node | null): string[] | undefined {
  if (!node) return undefined;
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'parenthesized_expression') {
    const names: string[] = [];
    for (const child of node.namedChildren) {
      if (child?.type === 'comment') continue;
      const value = plainStringValue(child) ?? staticNames(child);
      if (value === undefined) return undefined;
      names.push(...(typeof value === 'string' ? [value] : value));
    }
    return names;
  }
  if (node.type === 'binary_operator' && node.child(1)?.type === '+') {
    const left = staticNames(node.childForFieldName('left'));
    const right = staticNames(node.childForFieldName('right'));
    return left && right ? [...left, ...right] : undefined;
  }
  return undefined;
}
