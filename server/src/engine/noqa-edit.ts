/**
 * Where and how a `# noqa: CODES` directive goes: the editor's "Disable CODE for this line" quick
 * fix and the CLI's `--add-noqa` share this. Pure: a text's lines and its tree in, edits out.
 */
import type { Node, Point, Tree } from 'web-tree-sitter';
import { lineStarts } from './positions';
import { SYNTAX_ERROR_CODE } from './syntax-errors';
import type { Diagnostic, TextEdit } from './types';

/** The directive as the engine reads it (engine/noqa.ts): a blanket `# noqa`, or a list of codes. */
const NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;

/** A source as this module reads it: the smallest syntax node at a point, and its lines (without line ends). */
export interface NoqaSource {
  nodeAt(point: Point): Node | null;
  lineText(line: number): string;
}

/** A `NoqaSource` over a plain text and its tree. */
export function noqaSourceOf(text: string, tree: Tree): NoqaSource {
  const starts = lineStarts(text);
  return {
    nodeAt: (point) => tree.rootNode.descendantForPosition(point),
    lineText: (line) =>
      line >= starts.length
        ? ''
        : text
            .slice(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length)
            .replace(/\r?\n$|\r$/, ''),
  };
}

/**
 * The line whose noqa comment suppresses a diagnostic on `line`: the same line, or, inside a string
 * spanning several lines, the string's last line (the engine's rule).
 */
export function noqaLineFor(source: NoqaSource, line: number): number {
  const text = source.lineText(line);
  const lastChar = Math.max(0, text.trimEnd().length - 1);
  let node: Node | null = source.nodeAt({ row: line, column: lastChar });
  for (; node; node = node.parent) {
    if (node.type === 'string' && node.startPosition.row <= line && line < node.endPosition.row)
      return node.endPosition.row;
  }
  return line;
}

/** The comment ending the line, if any (a `#` inside a string is not one). */
function trailingComment(source: NoqaSource, line: number, text: string): Node | undefined {
  const end = text.trimEnd().length;
  if (end === 0) return undefined;
  const node = source.nodeAt({ row: line, column: end - 1 });
  return node?.type === 'comment' && node.startPosition.row === line ? node : undefined;
}

/**
 * The edit that adds `codes` to the noqa directive of the line suppressing a diagnostic on `line`:
 * `  # noqa: CODES` appended, or `, CODES` added to an existing list (codes already there are not
 * repeated). Undefined when nothing should change: a blanket `# noqa` (already suppresses
 * everything; never narrowed), every code already listed, a line ending in a `\` continuation (a
 * comment there is a syntax error), or a shebang.
 */
export function addNoqaEdit(
  source: NoqaSource,
  line: number,
  codes: readonly string[],
): TextEdit | undefined {
  const target = noqaLineFor(source, line);
  const text = source.lineText(target);
  const trimmed = text.trimEnd();
  const comment = trailingComment(source, target, text);
  // Words after a shebang become arguments of the interpreter line.
  if (target === 0 && text.startsWith('#!')) return undefined;
  if (comment) {
    const match = NOQA.exec(comment.text);
    if (match) {
      if (!match[1]) return undefined;
      const listed = new Set(match[1].split(/[\s,]+/).map((code) => code.toUpperCase()));
      const added = [...new Set(codes)].filter((code) => !listed.has(code));
      if (added.length === 0) return undefined;
      const at = comment.startPosition.column + match.index + match[0].length;
      return {
        range: { start: { line: target, character: at }, end: { line: target, character: at } },
        newText: `, ${added.join(', ')}`,
      };
    }
  } else if (trimmed.endsWith('\\')) {
    return undefined;
  }
  const at = { line: target, character: trimmed.length };
  const separator = trimmed.length === 0 ? '' : '  ';
  return {
    range: { start: at, end: { line: target, character: text.length } },
    newText: `${separator}# noqa: ${[...new Set(codes)].join(', ')}`,
  };
}

/**
 * `--add-noqa`: one edit per line that suppresses findings, adding every code reported there (in
 * code order), merged with the line's existing directive. Edits never overlap (one per line).
 */
export function noqaEditsFor(source: NoqaSource, diagnostics: readonly Diagnostic[]): TextEdit[] {
  const codesByLine = new Map<number, Set<string>>();
  for (const d of diagnostics) {
    // `# noqa` does not hide a syntax error (E999): no directive for one.
    if (d.code === SYNTAX_ERROR_CODE) continue;
    const target = noqaLineFor(source, d.range.start.line);
    let codes = codesByLine.get(target);
    if (!codes) {
      codes = new Set();
      codesByLine.set(target, codes);
    }
    codes.add(d.code);
  }
  const edits: TextEdit[] = [];
  for (const [line, codes] of [...codesByLine].sort((a, b) => a[0] - b[0])) {
    const edit = addNoqaEdit(source, line, [...codes].sort());
    if (edit) edits.push(edit);
  }
  return edits;
}
