import { type CodeAction, CodeActionKind, type Range } from 'vscode-languageserver';
import { CONVENTIONS, type Convention } from '../../docstrings/reading';
import { parseDocstringStyle } from '../../docstrings/template';
import { type UpdateOptions, updateDocstring } from '../../docstrings/update';
import { lineEndingOf, withLineEndings } from '../../engine/line-endings';
import { collectModuleFacts } from '../../engine/module-facts';
import type { Node } from '../../engine/types';
import type { OpenDocument } from '../documents';

export const UPDATE_DOCSTRING_TITLE = 'pyconv: Update docstring';

/**
 * "Update docstring" (refactor.rewrite) for the innermost function around the range's start that
 * has a docstring (Google, NumPy or Sphinx) out of line with its code; nothing when the docstring is already in line.
 */
export function updateDocstringAction(
  document: OpenDocument,
  range: Range,
  options: UpdateOptions = {},
): CodeAction | undefined {
  // Most places are in no function with a docstring: no need to bring the tree up to date.
  if (!mayUpdateDocstring(document, range)) return undefined;
  const root = document.tree.rootNode;
  const offset = document.text.offsetAt(range.start);
  let node: Node | null = root.descendantForIndex(offset, offset);
  while (node && node.type !== 'function_definition') node = node.parent;
  if (!node) return undefined;
  const source = document.text.getText();
  const { edit } = updateDocstring(node, source, collectModuleFacts(root), options);
  if (!edit) return undefined;
  // New lines follow the document's line ending (the docstring's own may be CRLF).
  const newText = withLineEndings(edit.newText, lineEndingOf(source));
  return {
    title: UPDATE_DOCSTRING_TITLE,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [document.uri]: [{ range: edit.range, newText }] } },
  };
}

/**
 * Whether the range may start in a function with a docstring: seen on the tree the editor's last
 * diagnostics came from (a window's, where one was published), without parsing the whole file.
 */
export function mayUpdateDocstring(document: OpenDocument, range: Range): boolean {
  // Without a current tree or a window, only a parse could tell: perhaps.
  if (!document.nodesAtHand) return true;
  return inFunctionWithDocstring(document.nodeAt({ row: range.start.line, column: range.start.character }));
}

/** Whether a function around `node` starts its body with a string: its shape only, no text read. */
function inFunctionWithDocstring(node: Node | null): boolean {
  for (let at = node; at; at = at.parent) {
    if (at.type !== 'function_definition') continue;
    const body = at.childForFieldName('body');
    const first = body?.namedChildren.find((child) => child?.type !== 'comment');
    const value = first?.type === 'expression_statement' ? first.namedChild(0) : null;
    if (value?.type === 'string' || value?.type === 'concatenated_string') return true;
  }
  return false;
}

/**
 * The convention (`[tool.pyconv.pydocstyle] convention`), the template style (the editor's
 * `pyconv.docstring.style`, else `[tool.pyconv.docstring] style`) and `includeTypes` (editor
 * settings merged in) an update writes with.
 */
export function docstringUpdateOptions(
  options: Record<string, Record<string, unknown> | undefined>,
  client: { docstringStyle?: string },
): UpdateOptions {
  const convention = options.pydocstyle?.convention;
  const includeTypes = options.docstring?.includeTypes;
  return {
    convention: CONVENTIONS.find((c): c is Convention => c === convention),
    includeTypes: typeof includeTypes === 'boolean' ? includeTypes : undefined,
    style: parseDocstringStyle(client.docstringStyle) ?? parseDocstringStyle(options.docstring?.style),
  };
}
