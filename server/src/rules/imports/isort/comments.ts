// The comments of an import block, shared by the module scan (action comments) and the block
// splitter, neither of which should import the other.
import type { Node, Position } from '../../../engine/types';

export interface CommentInfo {
  start: number;
  end: number;
  text: string;
}

/**
 * The comments in the offsets `[start, end)`, at positions `from` and `to`, in source order
 * (tree-sitter's comment text may end with `\r` on CRLF files; that is not part of the comment).
 */
export function collectComments(
  root: Node,
  start: number,
  end: number,
  from: Position,
  to: Position,
): CommentInfo[] {
  const nodes = root.descendantsOfType(
    'comment',
    { row: from.line, column: from.character },
    { row: to.line, column: to.character },
  );
  const comments: CommentInfo[] = [];
  for (const node of nodes) {
    if (!node || node.startIndex < start) continue;
    const body = node.text.replace(/\r$/, '');
    if (node.startIndex + body.length > end) continue;
    comments.push({ start: node.startIndex, end: node.startIndex + body.length, text: body });
  }
  return comments;
}
