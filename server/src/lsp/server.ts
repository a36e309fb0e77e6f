import {
  type CancellationToken,
  CodeActionRequest,
  CodeActionResolveRequest,
  CompletionRequest,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  ErrorCodes,
  HoverRequest,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  PrepareRenameRequest,
  RenameRequest,
  ResponseError,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { scopeModelOf } from '../analysis/scopes';
import { resolveFixes } from '../engine/resolve-fixes';
import type { Diagnostic as EngineDiagnostic } from '../engine/types';
import { createPythonParser } from '../parser/python';
import { SERVER_NAME, SERVER_VERSION, serverCapabilities } from './capabilities';
import { type ClientFeatures, clientFeatures, NO_CLIENT_FEATURES } from './client-features';
import { parseClientSettings } from './client-settings';
import { ConfigProblemReporter } from './config-problems';
import { DEBUG_DOCUMENT, DEBUG_ENV, type DebugEnvironment, debugDocument } from './debug-document';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { analyzeFresh, analyzeFreshResolvingFixes } from './document-analysis';
import { DocumentStore, type OpenDocument } from './documents';
import {
  type CodeActionEnvironment,
  isFixAllData,
  provideCodeActions,
  resolveFixAll,
} from './features/code-actions';
import { provideCompletion } from './features/completion';
import { provideHover } from './features/hover';
import { organizeImportsConfig } from './features/organize-imports';
import { prepareRename, rename } from './features/rename';
import { TemplateFiles } from './features/template-files';
import { docstringUpdateOptions } from './features/update-docstring';
import { Guards, type Registration } from './guards';
import { ServerLog } from './log';
import { ClientMessages } from './messages';
import { CONFIG_WATCH_GLOBS, PyprojectWatcher } from './pyproject-watcher';
import { SettingsSync } from './settings-sync';
import { fsPathOf } from './uris';

export { SERVER_NAME, SERVER_VERSION } from './capabilities';
export { DEBUG_DOCUMENT_METHOD, DEBUG_ENV } from './debug-document';
export { fsPathOf } from './uris';

/**
 * The protocol layer's wiring: handlers in, features out. When to analyse is the scheduler's
 * (diagnostics-scheduler.ts), which configuration applies is the settings sync's (settings-sync.ts),
 * what is wrong is the engine's.
 */
export class PyconvServer {
  private parser!: Parser;
  private documents!: DocumentStore;
  private scheduler!: DiagnosticsScheduler;
  private features: ClientFeatures = NO_CLIENT_FEATURES;
  private readonly messages: ClientMessages;
  private readonly templates: TemplateFiles;
  private readonly settings: SettingsSync;
  /** Our own file watching, for clients that cannot watch pyproject.toml for us. */
  private pyprojectWatcher?: PyprojectWatcher;
  private readonly guards: Guards;
  private readonly log: ServerLog;

  constructor(private readonly connection: Connection) {
    this.guards = new Guards(connection);
    this.messages = new ClientMessages(connection);
    this.log = new ServerLog(connection, () => this.settings.workspaceSettings().logLevel);
    this.templates = new TemplateFiles({
      warn: (message) => this.log.warn(message),
      showOnce: (message) => this.messages.showOnce(message),
    });
    const problems = new ConfigProblemReporter(connection, this.messages, this.log);
    this.settings = new SettingsSync(connection, problems, this.log, {
      configurationChanged: () => this.configurationChanged(),
      watch: (file) => this.pyprojectWatcher?.watch(file),
    });
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.guards.notification('initialized', () => this.initialized()));
    c.onDidOpenTextDocument((p) =>
      this.guards.notification('didOpen', () => {
        const { uri, languageId, version, text } = p.textDocument;
        this.documents.open(uri, languageId, version, text);
        this.scheduler.opened(uri);
      }),
    );
    c.onDidChangeTextDocument((p) =>
      this.guards.notification('didChange', () => {
        if (this.documents.change(p.textDocument.uri, p.textDocument.version, p.contentChanges))
          this.scheduler.changed(p.textDocument.uri);
      }),
    );
    c.onDidSaveTextDocument((p) =>
      this.guards.notification('didSave', () => this.scheduler.saved(p.textDocument.uri)),
    );
    c.onDidCloseTextDocument((p) =>
      this.guards.notification('didClose', () => {
        this.scheduler.closed(p.textDocument.uri);
        this.documents.close(p.textDocument.uri);
        this.settings.forget(p.textDocument.uri);
      }),
    );
    c.onDidChangeConfiguration((p) =>
      this.guards.notification('didChangeConfiguration', () => this.settings.pushed(p.settings)),
    );
    c.onDidChangeWatchedFiles((p) =>
      this.guards.notification('didChangeWatchedFiles', () => {
        this.settings.watchedFilesChanged(p.changes.map((change) => change.uri));
      }),
    );
    for (const register of this.handlers()) register(c);
    c.onShutdown(() => {
      this.log.info('shutting down, as the client asked');
      this.guards.shutdownReceived();
      this.scheduler?.dispose();
      this.pyprojectWatcher?.dispose();
    });
    c.listen();
  }

  /** Every request the server answers: method, then what answers it. */
  private handlers(): Registration[] {
    const table: Registration[] = [
      this.guards.request(DocumentDiagnosticRequest.type, async (p, token) => {
        this.openDocument(p.textDocument.uri, token);
        return this.scheduler.pull(p.textDocument.uri, p.previousResultId, token);
      }),
      this.guards.request(HoverRequest.type, (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        if (!document) return null;
        const diagnostics = this.scheduler.latestCompleteDiagnostics(document);
        return provideHover(document, diagnostics, document.clamp(p.position));
      }),
      this.guards.request(CodeActionRequest.type, (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? provideCodeActions(p, this.codeActionEnvironment(document, token)) : [];
      }),
      this.guards.request(CodeActionResolveRequest.type, (action, token) => {
        if (!isFixAllData(action.data)) return action;
        const document = this.openDocument(action.data.fixAll.uri, token);
        return document ? resolveFixAll(action, this.codeActionEnvironment(document, token)) : action;
      }),
      this.guards.request(CompletionRequest.type, (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        if (!document) return null;
        const config = this.settings.configFor(document);
        const docstring = config.fileConfig.config.options.docstring;
        return provideCompletion(p, {
          document,
          docstringStyle: this.settings.clientSettings(document.uri).docstringStyle,
          projectDocstringStyle: docstring?.style,
          projectDocstring: docstring,
          customTemplate: this.templates.load(docstring?.template, config.project.root),
          snippetSupport: this.features.completionSnippets,
        });
      }),
      this.guards.request(PrepareRenameRequest.type, (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? prepareRename(p, { document }) : null;
      }),
      this.guards.request(RenameRequest.type, (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? rename(p, { document }) : null;
      }),
    ];
    if (process.env[DEBUG_ENV] === '1')
      table.push(
        this.guards.request(DEBUG_DOCUMENT, (p, token) => debugDocument(p, token, this.debugEnvironment())),
      );
    return table;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    this.features = clientFeatures(params.capabilities);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    this.settings.initialize(parseClientSettings(options?.settings ?? options), params, this.features);
    try {
      this.parser = await createPythonParser();
    } catch (error) {
      const message = `pyconv: could not load the tree-sitter Python grammar: ${error instanceof Error ? error.message : String(error)}`;
      this.connection.console.error(message);
      throw new ResponseError(ErrorCodes.InternalError, message);
    }
    const folders = params.workspaceFolders?.map((folder) => fsPathOf(folder.uri) ?? folder.uri) ?? [];
    this.log.info(
      `server ${SERVER_VERSION} started (Node ${process.version}, pid ${process.pid}); ` +
        `workspace folders: ${folders.length > 0 ? folders.join(', ') : 'none'}`,
    );
    this.documents = new DocumentStore(this.parser);
    this.settings.setDocuments(this.documents);
    this.scheduler = new DiagnosticsScheduler({
      connection: this.connection,
      documents: this.documents,
      features: this.features,
      messages: this.messages,
      settingsFor: (uri) => this.settings.clientSettings(uri),
      settingsReady: () => this.settings.ready,
      configFor: (document) => this.settings.configFor(document),
      configKey: () => this.settings.configKey(),
    });
    return {
      capabilities: serverCapabilities(this.features),
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  }

  private initialized(): void {
    if (this.features.configurationRegistration) {
      void this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'pyconv' })
        .catch(this.guards.logFailure('register'));
    }
    if (this.features.watchedFilesRegistration) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: CONFIG_WATCH_GLOBS.map((globPattern) => ({ globPattern })),
        })
        .catch(this.guards.logFailure('register'));
    } else {
      this.pyprojectWatcher = new PyprojectWatcher((file) =>
        this.guards.notification('pyproject.toml changed', () => this.settings.pyprojectsChanged([file])),
      );
    }
    if (this.features.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) =>
        this.guards.notification('didChangeWorkspaceFolders', () => this.settings.foldersChanged(event)),
      );
    }
    this.settings.refresh();
  }

  /** Configuration changed (settings or a pyproject.toml): new diagnostics for every open document. */
  private configurationChanged(): void {
    this.scheduler?.configurationChanged();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** The open document, undefined when unknown; throws the LSP cancellation error when cancelled. */
  private openDocument(uri: string, token: CancellationToken): OpenDocument | undefined {
    if (token.isCancellationRequested)
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    if (typeof uri !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, 'pyconv: textDocument.uri must be a string');
    return this.documents?.get(uri);
  }

  private debugEnvironment(): DebugEnvironment {
    const { settings, scheduler, parser, messages } = this;
    return {
      openDocument: (uri, token) => this.openDocument(uri, token),
      settings,
      scheduler,
      parser,
      messages,
    };
  }

  private codeActionEnvironment(document: OpenDocument, token: CancellationToken): CodeActionEnvironment {
    const config = this.settings.configFor(document);
    const unsafeFixes = this.settings.clientSettings(document.uri).unsafeFixes;
    const scheduler = this.scheduler;
    let current: readonly EngineDiagnostic[] | undefined;
    return {
      document,
      // Analysed only when asked for: a request without pyconv diagnostics in its context needs none.
      get current() {
        current ??= scheduler.currentDiagnostics(document);
        return current;
      },
      unsafeFixes,
      docstringUpdate: docstringUpdateOptions(
        config.fileConfig.config.options,
        this.settings.clientSettings(document.uri),
      ),
      snippets: this.features.snippetEdits,
      disabledSupport: this.features.codeActionDisabled,
      resolveLazyFix: (fix, range) => {
        const [resolved] = resolveFixes(
          [{ fix, range }],
          document.tree.rootNode,
          scopeModelOf(document.tree),
        );
        return resolved.fix ?? fix;
      },
      resolveSupport: this.features.codeActionResolveEdit,
      analyzeImports: (text) => analyzeFresh(this.parser, text, organizeImportsConfig(config)),
      analyzeText: (text) => {
        // Fix-all re-analyses up to 10 times: stop between passes when the client gave up.
        if (token.isCancellationRequested)
          throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
        // Renames are unsafe: only then are they worth resolving.
        return unsafeFixes
          ? analyzeFreshResolvingFixes(this.parser, text, config)
          : analyzeFresh(this.parser, text, config);
      },
    };
  }
}
