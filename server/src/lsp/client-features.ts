import type { ClientCapabilities } from 'vscode-languageserver';
import type { SnippetSupport } from './features/code-actions';

/** What the client can do, read once from its capabilities at `initialize`. */
export interface ClientFeatures {
  /** The client pulls diagnostics (`textDocument/diagnostic`); otherwise the server pushes them. */
  pullDiagnostics: boolean;
  /** The client can be asked to pull diagnostics again (`workspace/diagnostic/refresh`). */
  diagnosticRefresh: boolean;
  /** The client answers `workspace/configuration`. */
  configurationRequests: boolean;
  /** `workspace/didChangeConfiguration` can be registered dynamically. */
  configurationRegistration: boolean;
  /** `workspace/didChangeWatchedFiles` can be registered dynamically (else the server watches pyproject.toml). */
  watchedFilesRegistration: boolean;
  workspaceFolders: boolean;
  /** The server may create work-done progress (`window/workDoneProgress/create`). */
  workDoneProgress: boolean;
  completionSnippets: boolean;
  /** Code actions may leave their edit to `codeAction/resolve`. */
  codeActionResolveEdit: boolean;
  codeActionDisabled: boolean;
  prepareRename: boolean;
  /** How snippet edits can be sent in a workspace edit. */
  snippetEdits: SnippetSupport;
  /** Workspace edits may use `documentChanges` (versioned); else `changes` (Neovim 0.7). */
  documentChanges: boolean;
  /** Workspace edits may rename files (`resourceOperations` includes `rename`). */
  renameFiles: boolean;
}

export function clientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const { textDocument, workspace, window } = capabilities;
  return {
    pullDiagnostics: textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    configurationRequests: workspace?.configuration === true,
    configurationRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    workDoneProgress: window?.workDoneProgress === true,
    completionSnippets: textDocument?.completion?.completionItem?.snippetSupport === true,
    codeActionResolveEdit: textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    codeActionDisabled: textDocument?.codeAction?.disabledSupport === true,
    prepareRename: textDocument?.rename?.prepareSupport === true,
    snippetEdits: snippetEdits(capabilities),
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    renameFiles:
      workspace?.workspaceEdit?.documentChanges === true &&
      workspace.workspaceEdit.resourceOperations?.includes('rename') === true,
  };
}

function snippetEdits(capabilities: ClientCapabilities): SnippetSupport {
  const workspaceEdit = capabilities.workspace?.workspaceEdit as
    | { snippetEditSupport?: boolean; documentChanges?: boolean }
    | undefined;
  if (workspaceEdit?.snippetEditSupport && workspaceEdit.documentChanges) return 'snippetTextEdit';
  const experimental = capabilities.experimental as { snippetTextEdit?: boolean } | undefined;
  if (experimental?.snippetTextEdit && workspaceEdit?.documentChanges) return 'rustAnalyzerStyle';
  return 'none';
}

/** Before `initialize`: nothing is assumed. */
export const NO_CLIENT_FEATURES: ClientFeatures = clientFeatures({});
