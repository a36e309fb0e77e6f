import type { PrepareRenameParams, Range, RenameParams, WorkspaceEdit } from 'vscode-languageserver';
import type { OpenDocument } from '../documents';

export interface RenameEnvironment {
  document: OpenDocument;
}

/**
 * Extension point for `textDocument/prepareRename`: the range of the renameable name under the
 * cursor (optionally with a placeholder), or null when nothing there can be renamed.
 */
export function prepareRename(
  _params: PrepareRenameParams,
  _env: RenameEnvironment,
): Range | { range: Range; placeholder: string } | null {
  return null;
}

/** Extension point for `textDocument/rename`: the edits, or null. Throw a `ResponseError` to explain a refusal. */
export function rename(_params: RenameParams, _env: RenameEnvironment): WorkspaceEdit | null {
  return null;
}
