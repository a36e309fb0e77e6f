/**
 * LSP 3.17 notebook sync: `notebookDocument/didOpen|didChange|didSave|didClose` kept in the
 * notebook store (notebooks.ts), whose module document the scheduler analyses like any other, and
 * pushed diagnostics sent per cell.
 */
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features';
import type { DiagnosticsScheduler } from './diagnostics-scheduler';
import type { Guards } from './guards';
import type { NotebookStore } from './notebooks';

export interface NotebookSyncContext {
  connection: Connection;
  guards: Guards;
  notebooks: () => NotebookStore;
  scheduler: () => DiagnosticsScheduler;
  features: () => ClientFeatures;
  /** The document's settings and config are no longer needed. */
  forget(uri: string): void;
  /** The notebook's file is open in the editor now, or no longer: the workspace's findings of the file hand over. */
  fileOpened(notebookUri: string): void;
  fileClosed(notebookUri: string): void;
}

export function listenToNotebooks(context: NotebookSyncContext): void {
  const { connection, guards } = context;
  const sync = connection.notebooks.synchronization;
  sync.onDidOpenNotebookDocument((p) =>
    guards.notification('notebookDocument/didOpen', () => {
      context.fileOpened(p.notebookDocument.uri);
      context.scheduler().opened(context.notebooks().open(p));
    }),
  );
  sync.onDidChangeNotebookDocument((p) =>
    guards.notification('notebookDocument/didChange', () => {
      const changed = context.notebooks().change(p);
      if (!changed) return;
      // A notebook's diagnostics are pushed, to pulling clients too (see DiagnosticsScheduler.pushes).
      for (const uri of changed.removed) void connection.sendDiagnostics({ uri, diagnostics: [] });
      context.scheduler().changed(changed.notebook.moduleUri);
    }),
  );
  sync.onDidSaveNotebookDocument((p) =>
    guards.notification('notebookDocument/didSave', () => {
      const notebook = context.notebooks().get(p.notebookDocument.uri);
      if (notebook) context.scheduler().saved(notebook.moduleUri);
    }),
  );
  sync.onDidCloseNotebookDocument((p) =>
    guards.notification('notebookDocument/didClose', () => {
      const notebook = context.notebooks().get(p.notebookDocument.uri);
      if (!notebook) return;
      // Closed while still known, so that the cells' diagnostics are cleared.
      context.scheduler().closed(notebook.moduleUri);
      context.notebooks().close(notebook.uri);
      context.forget(notebook.moduleUri);
      context.fileClosed(notebook.uri);
    }),
  );
}

/**
 * Sends pushed diagnostics: a notebook module's to its cells, any other document's as they are.
 * Settles once the message is written (all of it handed to the transport).
 */
export function publishDiagnostics(
  connection: Connection,
  notebooks: NotebookStore | undefined,
  params: PublishDiagnosticsParams,
): Promise<void> {
  const perCell = notebooks?.cellDiagnostics(params);
  if (!perCell) return connection.sendDiagnostics(params);
  return Promise.all(perCell.map((cell) => connection.sendDiagnostics(cell))).then(() => undefined);
}
