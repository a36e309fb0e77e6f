import { CodeActionKind, type ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features';
import { FIX_ALL_KIND } from './features/code-actions';
import { COMPLETION_TRIGGER_CHARACTERS } from './features/completion';

export const SERVER_NAME = 'pyconv';
export const SERVER_VERSION = '0.1.0';

/** What the server announces at `initialize`, given what the client can do. */
export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
      resolveProvider: true,
    },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
    renameProvider: features.prepareRename ? { prepareProvider: true } : true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    ...(features.pullDiagnostics
      ? {
          diagnosticProvider: {
            identifier: SERVER_NAME,
            interFileDependencies: false,
            workspaceDiagnostics: false,
          },
        }
      : {}),
  };
}
