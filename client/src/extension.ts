/**
 * The VS Code extension: starts the pyconv language server (dist/server.js) over Node IPC and adds a few
 * commands around it. Every check, fix and completion comes from the server; nothing here knows a rule.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
  State,
  type vsdiag,
} from 'vscode-languageclient/node';
import {
  keepShownWhenCancelled,
  rewriteRuleLinks,
  ruleCodeOfDocUri,
  ruleCodeOfLink,
  ruleLink,
} from './rule-links';

const clientId = 'pyconv';
const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('pyconv');

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;
let outputChannel: vscode.OutputChannel | undefined;
/** Server processes we are stopping on purpose: their exit is reported as such, not as a failure. */
const stopping = new WeakSet<ChildProcess>();
let serverProcess: ChildProcess | undefined;

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
    vscode.commands.registerCommand('pyconv.showRuleDoc', (code?: unknown) =>
      typeof code === 'string' ? openRuleDoc(context, code) : showRuleDoc(context),
    ),
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        const code = ruleCodeOfLink(uri.path, uri.query);
        if (code) void openRuleDoc(context, code);
      },
    }),
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

/**
 * The server over stdio, in a process we start ourselves: vscode-languageclient reports every exit
 * of a process it started as an error ("Server process exited with code 0"), a requested restart
 * too; here a stop we asked for is logged as one.
 */
function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const debug = context.extensionMode === vscode.ExtensionMode.Development;
  return async () => {
    const child = fork(serverModule, ['--stdio', `--clientProcessId=${process.pid}`], {
      silent: true,
      execArgv: debug ? ['--nolazy', '--inspect=6011'] : [],
    });
    serverProcess = child;
    child.on('exit', (code, signal) => {
      if (stopping.has(child)) outputChannel?.appendLine('pyconv: the server stopped.');
      else
        outputChannel?.appendLine(
          `pyconv: the server exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}).`,
        );
    });
    return child;
  };
}

/** The client's own links to rendered rule pages instead of the server's links to their markdown source. */
function ruleLinkMiddleware(context: vscode.ExtensionContext): Middleware {
  const link = (code: string) => ruleLink(vscode.env.uriScheme, context.extension.id, code);
  const showRuleDocCommand = (code: string) =>
    `command:pyconv.showRuleDoc?${encodeURIComponent(JSON.stringify([code]))}`;
  const relink = (diagnostics: vscode.Diagnostic[]) => {
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      if (typeof code !== 'object' || !code) continue;
      const rule = ruleCodeOfDocUri(code.target.toString(true));
      if (rule) diagnostic.code = { value: code.value, target: vscode.Uri.parse(link(rule)) };
    }
    return diagnostics;
  };
  return {
    handleDiagnostics: (uri, diagnostics, next) => next(uri, relink(diagnostics)),
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const report = await keepShownWhenCancelled(
        async () => (await next(document, previousResultId, token)) ?? undefined,
        previousResultId,
        () => token.isCancellationRequested,
      );
      if (report?.kind === 'full') relink((report as vsdiag.FullDocumentDiagnosticReport).items);
      return report as vsdiag.DocumentDiagnosticReport | undefined;
    },
    provideHover: async (document, position, token, next) => {
      const hover = await next(document, position, token);
      if (!hover) return hover;
      const contents = hover.contents.map((content) => {
        if (!(content instanceof vscode.MarkdownString)) return content;
        // A command link, trusted for this one command: markdown in a hover keeps it, and runs it.
        const rewritten = new vscode.MarkdownString(rewriteRuleLinks(content.value, showRuleDocCommand));
        rewritten.isTrusted = { enabledCommands: ['pyconv.showRuleDoc'] };
        rewritten.supportHtml = content.supportHtml;
        return rewritten;
      });
      return new vscode.Hover(contents, hover.range);
    },
  };
}

async function startServer(context: vscode.ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // The Python cells of notebooks (Jupyter's and any other type), synchronised as notebooks.
      { notebook: '*', language: 'python' },
    ],
    synchronize: { configurationSection: 'pyconv' },
    // The server reads the same settings through workspace/configuration; these only cover the first
    // analysis. It treats null (our "unset" defaults) and empty lists as not set.
    initializationOptions: { settings: plainSettings() },
    outputChannel,
    middleware: ruleLinkMiddleware(context),
  };
  const newClient = new LanguageClient(clientId, 'pyconv', serverOptions(context), clientOptions);
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
  const child = serverProcess;
  if (child) stopping.add(child);
  try {
    await running.stop();
  } catch (error) {
    outputChannel?.appendLine(`pyconv: stopping the server failed: ${describe(error)}`);
  }
  // A server that ignored shutdown and exit: vscode-languageclient only ends processes it started.
  if (child && child.exitCode === null && child.signalCode === null)
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill(), 2000).unref();
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
  if (picked) await openRuleDoc(context, picked.label);
}

/** A rule's page, rendered (markdown preview); its source when the preview is not available. */
async function openRuleDoc(context: vscode.ExtensionContext, code: string): Promise<void> {
  const page = vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules', `${code}.md`);
  if (!existsSync(page.fsPath)) {
    void vscode.window.showWarningMessage(`pyconv: no documentation for ${code}.`);
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true });
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
