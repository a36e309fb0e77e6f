import { findDocstring } from '../../docstrings/google';
import type { FileContext } from '../../engine/rule';

/** D100/D104: a public module (or package `__init__`) without a docstring; reported at 0:0 as Ruff does. */
export function checkModuleDocstring(ctx: FileContext, packageInit: boolean, message: string): void {
  if (ctx.file.isStub || ctx.file.isPrivateModule || ctx.file.isPackageInit !== packageInit) return;
  if (findDocstring(ctx.root)) return;
  ctx.report({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message);
}
