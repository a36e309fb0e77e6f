// What changed between two texts, as one replacement: minimal edits (lsp/features/minimal-edit.ts),
// a notebook's module document and its cells' trees (lsp/notebooks.ts, notebook/cell-trees.ts).

/**
 * The span of `before` (UTF-16 offsets) between the common prefix and suffix of the two texts, and
 * what replaces it; never splitting a surrogate pair or a CRLF.
 */
export function changedSpan(before: string, after: string): { start: number; end: number; newText: string } {
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
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

function isSplitPoint(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  const surrogate = previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return surrogate || (previous === 13 && next === 10);
}
