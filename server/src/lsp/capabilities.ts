import { CodeActionKind, type ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features';
import { FIX_ALL_KIND } from './features/code-actions';
import { COMPLETION_TRIGGER_CHARACTERS } from './features/completion';
import { NOTEBOOK_FIX_ALL_KIND } from './features/notebook-cells';
import { ORGANIZE_IMPORTS_KIND } from './features/organize-imports';

export const SERVER_NAME = 'pyconv';
export const SERVER_VERSION = '0.1.0';
/** `workspace/executeCommand`: publish every file's findings (workspace-diagnostics.ts). */
export const CHECK_WORKSPACE_COMMAND = 'pyconv.checkWorkspace';

/** Every kind of code action the server returns (test/lsp/code-action-kinds.test.ts holds it to that). */
export const CODE_ACTION_KINDS = [
  CodeActionKind.QuickFix,
  CodeActionKind.RefactorRewrite,
  FIX_ALL_KIND,
  NOTEBOOK_FIX_ALL_KIND,
  ORGANIZE_IMPORTS_KIND,
];

/** What the server announces at `initialize`, given what the client can do. */
export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    // `save`: `pyconv.run: "onSave"` analyses on didSave; the text is the server's already.
    textDocumentSync: {
      openClose: true,
      change: TextDocumentSyncKind.Incremental,
      save: { includeText: false },
    },
    // Jupyter notebooks (any notebook type) with Python code cells: lsp/notebooks.ts.
    notebookDocumentSync: {
      notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }],
      save: true,
    },
    hoverProvider: true,
    codeActionProvider: {
      codeActionKinds: CODE_ACTION_KINDS,
      resolveProvider: true,
    },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
    renameProvider: features.prepareRename ? { prepareProvider: true } : true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    executeCommandProvider: { commands: [CHECK_WORKSPACE_COMMAND] },
    ...(features.pullDiagnostics
      ? {
          diagnosticProvider: {
            identifier: SERVER_NAME,
            interFileDependencies: false,
            workspaceDiagnostics: true,
          },
        }
      : {}),
  };
}
