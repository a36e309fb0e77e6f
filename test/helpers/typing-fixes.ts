import { applyFixes } from '../../server/src/engine/fixes';
import type { Diagnostic } from '../../server/src/engine/types';
import { type CheckOptions, check } from './analyze';
import { applyFix } from './apply-fix';

/** The `index`-th diagnostic of `code`, which must have a fix. */
export async function fixOf(
  source: string,
  code: string,
  index = 0,
  opts: CheckOptions = {},
): Promise<Diagnostic> {
  const diagnostic = (await check(source, [code], opts))[index];
  if (!diagnostic?.fix) throw new Error(`no fix for ${code} #${index}`);
  return diagnostic;
}

/** The source after the fix: as an editor with snippets sees it, and as plain text (CLI, no snippets). */
export async function fixedBoth(
  source: string,
  code: string,
  index = 0,
  opts: CheckOptions = {},
): Promise<{ snippet: string; plain: string; safe: boolean }> {
  const diagnostic = await fixOf(source, code, index, opts);
  const fix = diagnostic.fix as NonNullable<Diagnostic['fix']>;
  return { snippet: applyFix(source, fix), plain: applyFixes(source, [fix]).text, safe: fix.safe };
}
