import { lineStarts, offsetAt } from '../../server/src/engine/positions';
import type { Fix } from '../../server/src/engine/types';
import { check } from './analyze';

/** Applies a fix's edits to the source (last edit first, so earlier offsets stay valid). */
export function applyFix(source: string, fix: Fix): string {
  const starts = lineStarts(source);
  const edits = fix.edits
    .map((edit) => ({
      start: offsetAt(starts, source, edit.range.start),
      end: offsetAt(starts, source, edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = source;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The source after applying the fix of the `index`-th diagnostic of `code`; throws when it has none. */
export async function fixed(source: string, code: string, index = 0): Promise<string> {
  const diagnostic = (await check(source, [code]))[index];
  if (!diagnostic?.fix) throw new Error(`no fix for ${code} #${index}`);
  return applyFix(source, diagnostic.fix);
}
