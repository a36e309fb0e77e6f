import type { Node } from '../engine/types';

/**
 * The indices of the top-level statements (`units`, the module's children in source order) whose
 * text contains `word`, found by searching the source rather than asking the tree about every
 * statement (each node access is a call into WebAssembly). A hit between two statements counts for
 * the one before it. With `wholeWord`, a hit must not touch an ASCII letter, digit or `_` (as `\b`).
 * File rules use it to read only the statements that can matter on every keystroke.
 */
export function statementsMentioning(
  units: readonly Node[],
  source: string,
  word: string,
  wholeWord = false,
): number[] {
  const found: number[] = [];
  let unit = 0;
  for (let at = source.indexOf(word); at >= 0; at = source.indexOf(word, at + word.length)) {
    if (
      wholeWord &&
      (isWordCode(source.charCodeAt(at - 1)) || isWordCode(source.charCodeAt(at + word.length)))
    )
      continue;
    while (unit + 1 < units.length && units[unit + 1].startIndex <= at) unit++;
    if (units[unit]?.startIndex <= at && found[found.length - 1] !== unit) found.push(unit);
  }
  return found;
}

/** A character `\b` counts as part of a word (NaN, off the text, is not). */
export function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}
