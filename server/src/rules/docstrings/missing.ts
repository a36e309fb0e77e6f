/**
 * Which of D101-D107 Ruff reports for a class or function without a docstring (its
 * `not_missing` check), shared by the rule files of those codes.
 */

import {
  definitionKind,
  definitionScopes,
  hasIgnoredDecorator,
  hasTypingDecorator,
  isPublicDefinition,
} from '../../docstrings/definitions';
import { findDocstring } from '../../docstrings/google';
import { type DocstringStyle, docstringTemplate, type TemplateOptions } from '../../docstrings/template';
import { indentationAt } from '../../engine/indentation';
import { nodeRange } from '../../engine/positions';
import type { BaseContext, UnitContext } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { docstringOptions, pydocstyleOptions } from './options';

export type MissingDocstringCode = 'D101' | 'D102' | 'D103' | 'D105' | 'D106' | 'D107';

export function ignoredDecorators(ctx: BaseContext): string[] {
  return pydocstyleOptions.read(ctx)['ignore-decorators'];
}

export function missingDocstringCode(
  node: Node,
  scopes: readonly Node[],
  ctx: BaseContext,
): MissingDocstringCode | undefined {
  if (ctx.file.isStub || ctx.file.isPrivateModule) return undefined;
  if (node.hasError) return undefined;
  if (hasIgnoredDecorator(node, ctx.module, ignoredDecorators(ctx))) return undefined;
  if (findDocstring(node.childForFieldName('body'))) return undefined;
  if (!isPublicDefinition(node, scopes, ctx.module)) return undefined;
  const parents = definitionScopes(scopes);
  const kind = definitionKind(node, parents[parents.length - 1]);
  const name = node.childForFieldName('name')?.text ?? '';
  switch (kind) {
    case 'class':
      return 'D101';
    case 'nested-class':
      return 'D106';
    case 'function':
    case 'nested-function':
      return hasTypingDecorator(node, ctx.module, 'overload') ? undefined : 'D103';
    case 'method':
      if (
        hasTypingDecorator(node, ctx.module, 'overload') ||
        hasTypingDecorator(node, ctx.module, 'override')
      ) {
        return undefined;
      }
      if (name === '__init__') return 'D107';
      if (name === '__new__' || name === '__call__') return 'D102';
      if (name.startsWith('__') && name.endsWith('__')) return 'D105';
      return 'D102';
  }
}

const MESSAGES: Record<MissingDocstringCode, string> = {
  D101: 'Missing docstring in public class',
  D102: 'Missing docstring in public method',
  D103: 'Missing docstring in public function',
  D105: 'Missing docstring in magic method',
  D106: 'Missing docstring in public nested class',
  D107: 'Missing docstring in `__init__`',
};

/** The visit function of one D10x unit rule. */
export function reportMissing(code: MissingDocstringCode) {
  return (node: Node, ctx: UnitContext): void => {
    // One check per definition, shared by D101-D107: each reports only its own code.
    const missing = ctx.shared(node, 'missing-docstring', () => missingDocstringCode(node, ctx.scopes, ctx));
    if (missing !== code) return;
    const name = node.childForFieldName('name');
    if (name) ctx.report(name, MESSAGES[code], templateFix(node, ctx));
  };
}

/** `[tool.pyconv.docstring] style`, Google when unset. */
export function templateStyle(ctx: BaseContext): DocstringStyle {
  return docstringOptions.read(ctx).style;
}

/** The layout options of `[tool.pyconv.docstring]` for a fix's template: shape and quotes. */
export function templateLayout(ctx: BaseContext): Pick<TemplateOptions, 'shape' | 'quote'> {
  const { quoteStyle, ...shape } = docstringOptions.read(ctx);
  // A module fact, so that a cached statement's template follows a change elsewhere in the file.
  return { shape, quote: quoteStyle === 'file' ? ctx.module.docstringQuote : quoteStyle };
}

/**
 * Inserts the docstring template before the first statement of the body (a snippet with tab
 * stops), indented as that statement is (tabs stay tabs); none for a body on the definition's own
 * line. Unsafe: the placeholders need writing.
 */
export function templateFix(node: Node, ctx: BaseContext): Fix | null {
  const body = node.childForFieldName('body');
  const first = body?.namedChild(0);
  if (!body || !first || first.startPosition.row === node.startPosition.row) return null;
  const indent = indentationAt(ctx.source, first.startIndex);
  if (indent === undefined) return null;
  const at = { line: first.startPosition.row, character: first.startPosition.column };
  // The template is the costly part (it reads the whole definition): built only when read.
  const edits = ctx.fixEdits(() => {
    // DOC502 flags `Raises:` entries it cannot resolve: with it enabled, the template lists none.
    const raises = ctx.config.enabled.has('DOC502') ? 'resolved' : 'as-written';
    const template = docstringTemplate(node, templateStyle(ctx), {
      ...templateLayout(ctx),
      indent,
      module: ctx.module,
      raises,
    });
    return [{ range: { start: at, end: at }, newText: `${template.snippet}\n${indent}` }];
  });
  return {
    title: 'Insert a docstring template',
    safe: false,
    snippet: true,
    edits,
    // The template shows the signature's types: it waits while a fix rewrites them.
    renderedFrom: { start: nodeRange(node).start, end: nodeRange(body).start },
  };
}

/** The "Fix safety" paragraph of the rule docs that share this fix. */
export const DOCSTRING_TEMPLATE_FIX_SAFETY = `Unsafe fix: inserts a docstring template built from the code (arguments with types and
defaults, \`Returns:\`, \`Yields:\`, \`Raises:\`, or a class's \`Attributes:\`), as a snippet with tab
stops in editors. Unsafe because the placeholders have to be written by hand, so fix-all does not
apply it. No fix when the body is on the definition's own line. The style follows
\`[tool.pyconv.docstring] style\` (Google by default).`;
