import type { TextEdit } from 'vscode-languageserver';
import type { Node } from '../../engine/types';
import type { OpenDocument } from '../documents';

/** The directive as the engine reads it (engine/noqa.ts): a blanket `# noqa`, or a list of codes. */
const NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;

function lineText(document: OpenDocument, line: number): string {
  const text = document.text.getText({
    start: { line, character: 0 },
    end: { line: line + 1, character: 0 },
  });
  return text.replace(/\r?\n$|\r$/, '');
}

/**
 * The line whose noqa comment suppresses a diagnostic on `line`: the same line, or, inside a string
 * spanning several lines, the string's last line (the engine's rule).
 */
export function noqaLineFor(document: OpenDocument, line: number): number {
  const text = lineText(document, line);
  const lastChar = Math.max(0, text.trimEnd().length - 1);
  let node: Node | null = document.tree.rootNode.descendantForPosition({ row: line, column: lastChar });
  for (; node; node = node.parent) {
    if (node.type === 'string' && node.startPosition.row <= line && line < node.endPosition.row)
      return node.endPosition.row;
  }
  return line;
}

/** The comment ending the line, if any (a `#` inside a string is not one). */
function trailingComment(document: OpenDocument, line: number, text: string): Node | undefined {
  const end = text.trimEnd().length;
  if (end === 0) return undefined;
  const node = document.tree.rootNode.descendantForPosition({ row: line, column: end - 1 });
  return node?.type === 'comment' && node.startPosition.row === line ? node : undefined;
}

/**
 * The edit that adds `code` to the noqa directive of the line suppressing a diagnostic on `line`:
 * `  # noqa: CODE` appended, or `, CODE` added to an existing list. Undefined when nothing should
 * change: a blanket `# noqa` (already suppresses everything; never narrowed), the code already
 * listed, a line ending in a `\` continuation (a comment there is a syntax error), or a shebang.
 */
export function addNoqaEdit(document: OpenDocument, line: number, code: string): TextEdit | undefined {
  const target = noqaLineFor(document, line);
  const text = lineText(document, target);
  const trimmed = text.trimEnd();
  const comment = trailingComment(document, target, text);
  // Words after a shebang become arguments of the interpreter line.
  if (target === 0 && text.startsWith('#!')) return undefined;
  if (comment) {
    const match = NOQA.exec(comment.text);
    if (match) {
      if (!match[1]) return undefined;
      const codes = match[1].split(/[\s,]+/);
      if (codes.includes(code)) return undefined;
      const at = comment.startPosition.column + match.index + match[0].length;
      return {
        range: { start: { line: target, character: at }, end: { line: target, character: at } },
        newText: `, ${code}`,
      };
    }
  } else if (trimmed.endsWith('\\')) {
    return undefined;
  }
  const at = { line: target, character: trimmed.length };
  const separator = trimmed.length === 0 ? '' : '  ';
  return {
    range: { start: at, end: { line: target, character: text.length } },
    newText: `${separator}# noqa: ${code}`,
  };
}
