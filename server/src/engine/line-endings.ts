/**
 * Inserted lines follow the file's line ending. Rules write their fixes with `\n`; the engine
 * rewrites every line break of a fix's new text to the file's own before the fix leaves it, so a
 * CRLF file stays CRLF whatever fixes are applied (quick fix, fix-all, `--fix`).
 */
import type { Fix } from './types';

export type LineEnding = '\n' | '\r\n' | '\r';

/** The file's first line terminator, as Ruff's stylist detects it; `\n` when there is none. */
export function lineEndingOf(text: string): LineEnding {
  const match = /\r\n|\n|\r/.exec(text);
  return (match?.[0] as LineEnding | undefined) ?? '\n';
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** The text with every line break written as `eol`. */
export function withLineEndings(text: string, eol: LineEnding): string {
  return text.replace(LINE_BREAK, eol);
}

/** The fix with its new text's line breaks written as `eol` (the same object when nothing changes). */
export function fixWithLineEnding(fix: Fix | null, eol: LineEnding): Fix | null {
  if (!fix?.edits.some((edit) => needsRewrite(edit.newText, eol))) return fix;
  return {
    ...fix,
    edits: fix.edits.map((edit) => ({ range: edit.range, newText: withLineEndings(edit.newText, eol) })),
  };
}

function needsRewrite(text: string, eol: LineEnding): boolean {
  if (eol === '\n') return text.includes('\r');
  if (eol === '\r') return text.includes('\n');
  return /\r(?!\n)|(?<!\r)\n/.test(text);
}
