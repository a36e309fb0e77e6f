// The comments of an import block, shared by the module scan (action comments) and the block
// splitter, neither of which should import the other.
import type { Node } from '../../../engine/types';

export interface CommentInfo {
  start: number;
  end: number;
  text: string;
}

/**
 * The comments in the offsets `[start, end)`, in source order (tree-sitter's comment text may end
 * with `\r` on CRLF files; that is not part of the comment). Read from the top-level statements the
 * range overlaps, each asked for its comments (a statement's copy indexes them: see syntax-node.ts),
 * rather than by a walk of the module bounded by positions.
 */
export function collectComments(root: Node, start: number, end: number): CommentInfo[] {
  const comments: CommentInfo[] = [];
  for (const unit of root.children) {
    if (!unit || unit.endIndex <= start) continue;
    if (unit.startIndex >= end) break;
    for (const node of unit.descendantsOfType('comment')) {
      if (!node || node.startIndex < start) continue;
      const body = node.text.replace(/\r$/, '');
      if (node.startIndex + body.length > end) continue;
      comments.push({ start: node.startIndex, end: node.startIndex + body.length, text: body });
    }
  }
  return comments;
}
