import type { TextEdit } from 'vscode-languageserver';
import type { OpenDocument } from '../documents';

/** One edit replacing only the span between the common prefix and suffix of the two texts. */
export function minimalEdit(document: OpenDocument, before: string, after: string): TextEdit {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair or a CRLF between the kept and the replaced part.
  while (prefix > 0 && isSplitPoint(before, prefix)) prefix--;
  while (suffix > 0 && isSplitPoint(before, before.length - suffix)) suffix--;
  return {
    range: { start: document.text.positionAt(prefix), end: document.text.positionAt(before.length - suffix) },
    newText: after.slice(prefix, after.length - suffix),
  };
}

function isSplitPoint(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  const surrogate = previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return surrogate || (previous === 13 && next === 10);
}
