import { nodeRange, positionAt } from '../engine/positions';
import type { Node, Range, TextEdit } from '../engine/types';

/** Removes a whole statement: its line(s) when alone there, `pass` when alone in its block. */
export function deleteStatement(statement: Node, source: string, starts: readonly number[]): TextEdit {
  const range = nodeRange(statement);
  const block = statement.parent;
  if (block?.type === 'block' && block.namedChildren.filter((c) => c && c.type !== 'comment').length === 1) {
    return { range, newText: 'pass' };
  }
  const after = source.slice(statement.endIndex).match(/^[ \t]*;[ \t]*/);
  if (after)
    return {
      range: { start: range.start, end: positionAt(starts, statement.endIndex + after[0].length) },
      newText: '',
    };
  const lineStart = starts[range.start.line];
  const before = source.slice(lineStart, statement.startIndex);
  if (before.trim() !== '') return { range, newText: '' };
  const endLine = range.end.line;
  const end =
    endLine + 1 < starts.length ? { line: endLine + 1, character: 0 } : positionAt(starts, source.length);
  return { range: { start: { line: range.start.line, character: 0 }, end }, newText: '' };
}

/**
 * The isolation range of a fix that may remove `node`'s statement (`Fix.isolation`): its enclosing
 * block, so that removals in one block go one per pass and the last one leaves `pass`. None at
 * module level, where an empty module is valid.
 */
export function blockIsolation(node: Node): Range | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'block') return nodeRange(current);
  }
  return undefined;
}
