import { findDocstring } from '../../docstrings/google';
import { docstringTemplate } from '../../docstrings/template';
import type { FileContext } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { templateLayout, templateStyle } from './missing';

/** D100/D104: a public module (or package `__init__`) without a docstring; reported at 0:0 as Ruff does. */
export function checkModuleDocstring(ctx: FileContext, packageInit: boolean, message: string): void {
  if (ctx.file.isStub || ctx.file.isPrivateModule || ctx.file.isPackageInit !== packageInit) return;
  if (findDocstring(ctx.root)) return;
  ctx.report({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, moduleFix(ctx));
}

/** Inserts the module template before the first statement (after leading comments such as a shebang). */
function moduleFix(ctx: FileContext): Fix | null {
  if (ctx.root.hasError) return null;
  const children = ctx.root.namedChildren;
  const first = children.find((c) => c?.type !== 'comment');
  const lastComment = [...children].reverse().find((c) => c?.type === 'comment');
  const line = first ? first.startPosition.row : lastComment ? lastComment.endPosition.row + 1 : 0;
  if (first && first.startPosition.column !== 0) return null;
  const template = docstringTemplate(ctx.root, templateStyle(ctx), {
    ...templateLayout(ctx),
    indent: '',
    module: ctx.module,
  });
  const at = { line, character: 0 };
  const needsNewline = !first && lastComment !== undefined && !ctx.source.endsWith('\n');
  return {
    title: 'Insert a docstring template',
    safe: false,
    snippet: true,
    edits: [{ range: { start: at, end: at }, newText: `${needsNewline ? '\n' : ''}${template.snippet}\n` }],
  };
}

/** The "Fix safety" paragraph of the rule docs that share this fix. */
export const MODULE_DOCSTRING_FIX_SAFETY = `Unsafe fix: inserts a module docstring template (a one-line summary placeholder, as a snippet
in editors) before the first statement, after leading comments. Unsafe because the placeholder has
to be written by hand, so fix-all does not apply it. The style follows \`[tool.pyconv.docstring] style\`.`;
