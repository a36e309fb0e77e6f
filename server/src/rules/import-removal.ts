import { nodeRange } from '../engine/positions';
import type { Node, TextEdit } from '../engine/types';
import { deleteStatement } from './statement-removal';

/** One imported name of an import statement. */
export interface ImportedName {
  /** The `dotted_name` or `aliased_import` child of the statement. */
  readonly item: Node;
  /** The identifier that binds the name. */
  readonly bound: Node;
  /** Ruff's name for it: `a.b.c`, `m.x` (`from m import x`), `.m.x` for relative imports. */
  readonly qualified: string;
}

/** The imported name an identifier binds, if it is an import alias or the first part of `import a.b`. */
export function importedName(identifier: Node): ImportedName | undefined {
  const parent = identifier.parent;
  if (!parent) return undefined;
  const item = parent.type === 'aliased_import' ? parent : parent.type === 'dotted_name' ? parent : undefined;
  const statement = item?.parent;
  if (!item || !statement) return undefined;
  if (!['import_statement', 'import_from_statement', 'future_import_statement'].includes(statement.type)) {
    return undefined;
  }
  const dotted = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
  if (!dotted) return undefined;
  if (statement.type === 'import_statement') return { item, bound: identifier, qualified: dotted.text };
  const module = statement.childForFieldName('module_name');
  if (module?.id === item.id) return undefined; // the module of `from m import x`
  const prefix = module ? module.text.replace(/\s+/g, '') : '';
  const qualified = prefix.endsWith('.') ? `${prefix}${dotted.text}` : `${prefix}.${dotted.text}`;
  return { item, bound: identifier, qualified };
}

/** The edits that remove `unused` from `statement`, or undefined when there is no safe layout. */
export function removalEdits(
  statement: Node,
  unused: readonly ImportedName[],
  source: string,
  starts: readonly number[],
): TextEdit[] | undefined {
  const items = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  const removed = new Set(unused.map((u) => u.item.id));
  const kept = items.filter((item) => !removed.has(item.id));
  if (kept.length === 0) return [deleteStatement(statement, source, starts)];
  const range = nodeRange(statement);
  if (statement.type === 'import_statement') {
    return [{ range, newText: `import ${kept.map((k) => k.text).join(', ')}` }];
  }
  const module = statement.childForFieldName('module_name');
  if (!module) return undefined;
  const head = source.slice(statement.startIndex, module.endIndex);
  const parenthesised = statement.children.some((c) => c?.type === '(');
  if (!parenthesised || !onePerLine(statement, items)) {
    const list = kept.map((k) => k.text).join(', ');
    return [{ range, newText: `${head} import ${parenthesised ? `(${list})` : list}` }];
  }
  // Ruff rewrites the statement: the removed names' lines go, the others stay as written.
  const removedRows = new Set(
    unused.map((name) => name.item.startPosition.row - statement.startPosition.row),
  );
  const lines = statement.text.split('\n').filter((_, row) => !removedRows.has(row));
  return [{ range, newText: lines.join('\n') }];
}

/** `from m import (` with each name on a line of its own, nothing but a comma and comment after it. */
function onePerLine(statement: Node, items: readonly Node[]): boolean {
  const rows = new Set(items.map((i) => i.startPosition.row));
  if (rows.size !== items.length) return false;
  return items.every(
    (i) => i.startPosition.row > statement.startPosition.row && i.endPosition.row < statement.endPosition.row,
  );
}
