/**
 * The VS Code extension: starts the pyconv language server (dist/server.js) over Node IPC and adds a few
 * commands around it. Every check, fix and completion comes from the server; nothing here knows a rule.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

const clientId = 'pyconv';
const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('pyconv');

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;
let outputChannel: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  outputChannel = vscode.window.createOutputChannel('pyconv');
  statusItem = vscode.window.createStatusBarItem('pyconv.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'pyconv';
  statusItem.command = 'pyconv.showOutput';
  context.subscriptions.push(
    outputChannel,
    statusItem,
    vscode.commands.registerCommand('pyconv.fixAll', fixAllInActiveEditor),
    vscode.commands.registerCommand('pyconv.restart', () => restartServer(context)),
    vscode.commands.registerCommand('pyconv.showRuleDoc', () => showRuleDoc(context)),
    vscode.commands.registerCommand('pyconv.showOutput', () => outputChannel?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pyconv.enable')) void restartServer(context);
    }),
  );
  if (isEnabled()) await startServer(context);
}

export async function deactivate(): Promise<void> {
  await stopServer();
}

/** The `pyconv` settings as plain JSON (a WorkspaceConfiguration also carries methods). */
function plainSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('pyconv')));
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('pyconv').get<boolean>('enable', true);
}

async function startServer(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    synchronize: { configurationSection: 'pyconv' },
    // The server reads the same settings through workspace/configuration; these only cover the first
    // analysis. It treats null (our "unset" defaults) and empty lists as not set.
    initializationOptions: { settings: plainSettings() },
    outputChannel,
  };
  const newClient = new LanguageClient(clientId, 'pyconv', serverOptions, clientOptions);
  newClient.onDidChangeState((event) => {
    // A client we already let go of reports its own stop; only the current one speaks for the status.
    if (client === newClient) showState(event.newState);
  });
  client = newClient;
  showState(State.Starting);
  try {
    await newClient.start();
  } catch (error) {
    outputChannel?.appendLine(`pyconv: the server did not start: ${describe(error)}`);
    showFailed();
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) return;
  try {
    await running.stop();
  } catch (error) {
    outputChannel?.appendLine(`pyconv: stopping the server failed: ${describe(error)}`);
  }
}

async function restartServer(context: vscode.ExtensionContext): Promise<void> {
  await stopServer();
  statusItem?.hide();
  if (isEnabled()) await startServer(context);
}

function showState(state: State): void {
  if (!statusItem) return;
  if (state === State.Starting) {
    statusItem.text = '$(sync~spin) pyconv';
    statusItem.tooltip = 'pyconv: the language server is starting';
    statusItem.backgroundColor = undefined;
    statusItem.show();
  } else if (state === State.Running) {
    statusItem.hide();
  } else {
    // Stopped while it is still the current client: it died rather than being stopped by us.
    showFailed();
  }
}

function showFailed(): void {
  if (!statusItem) return;
  statusItem.text = '$(error) pyconv';
  statusItem.tooltip =
    'pyconv: the language server failed; click for its output, or run "pyconv: Restart Server"';
  statusItem.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  statusItem.show();
}

async function fixAllInActiveEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('pyconv: open a Python file to fix.');
    return;
  }
  const document = editor.document;
  const wholeDocument = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    wholeDocument,
    fixAllKind.value,
    1,
  );
  const fixAll = actions?.find((action) => action.kind && fixAllKind.contains(action.kind));
  if (!fixAll || (!fixAll.edit && !fixAll.command)) {
    void vscode.window.showInformationMessage('pyconv: nothing to fix.');
    return;
  }
  if (fixAll.edit) await vscode.workspace.applyEdit(fixAll.edit);
  if (fixAll.command)
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
}

/** The rule docs are generated into dist/docs/rules/<CODE>.md at build time. */
async function showRuleDoc(context: vscode.ExtensionContext): Promise<void> {
  const docsFolder = vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules');
  let files: string[];
  try {
    files = (await readdir(docsFolder.fsPath)).filter((name) => name.endsWith('.md')).sort();
  } catch {
    void vscode.window.showWarningMessage(`pyconv: no rule docs found in ${docsFolder.fsPath}.`);
    return;
  }
  const items = await Promise.all(
    files.map(async (name) => {
      const uri = vscode.Uri.joinPath(docsFolder, name);
      return { label: name.replace(/\.md$/, ''), description: await summaryOf(uri.fsPath), uri };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Rule code',
    matchOnDescription: true,
  });
  if (!picked) return;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', picked.uri);
  } catch {
    await vscode.window.showTextDocument(picked.uri, { preview: true });
  }
}

/** The doc's summary (its first line of prose), shown beside the code in the quick pick. */
async function summaryOf(file: string): Promise<string> {
  try {
    const lines = (await readFile(file, 'utf8')).split('\n');
    return lines.find((line) => line.trim() !== '' && !line.startsWith('#'))?.trim() ?? '';
  } catch {
    return '';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
