import {
  type CancellationToken,
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeActionTriggerKind,
  type CompletionParams,
  CompletionRequest,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  ErrorCodes,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  MessageType,
  PrepareRenameRequest,
  RenameRequest,
  ResponseError,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { scopeModelOf } from '../analysis/scopes';
import { resolveFixes } from '../engine/resolve-fixes';
import type { Diagnostic as EngineDiagnostic } from '../engine/types';
import { createPythonParser } from '../parser/python';
import { cachedFindings } from './cached-findings';
import { CHECK_WORKSPACE_COMMAND, SERVER_NAME, SERVER_VERSION, serverCapabilities } from './capabilities';
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
  wantsCurrentDiagnostics,
  wantsUpdateDocstring,
} from './features/code-actions';
import { provideCompletion } from './features/completion';
import {
  acrossFilesFix,
  type CrossFileEnvironment,
  withImportsOthersNeedIn,
  withoutRenamesOthersNeed,
} from './features/cross-file-rename';
import { provideHover } from './features/hover';
import { moduleRenameAction } from './features/module-rename';
import {
  cellActionEnvironment,
  cellReport,
  codeActionsInCell,
  completionInCell,
  hoverInCell,
  inModule,
  prepareRenameInCell,
  renameInCells,
  toModulePosition,
} from './features/notebook-cells';
import { organizeImportsConfig } from './features/organize-imports';
import { prepareRename, type RenameEnvironment, rename } from './features/rename';
import { TemplateFiles } from './features/template-files';
import { docstringUpdateOptions, mayUpdateDocstring } from './features/update-docstring';
import { Guards, type Registration } from './guards';
import { ServerLog } from './log';
import type { IncomingMessages } from './message-reader';
import { ClientMessages } from './messages';
import { listenToNotebooks, publishDiagnostics } from './notebook-sync';
import { type CellTarget, NotebookStore } from './notebooks';
import { ProjectIndexService } from './project-index-service';
import { CONFIG_WATCH_GLOBS, PyprojectWatcher } from './pyproject-watcher';
import { SettingsSync } from './settings-sync';
import { fsPathOf } from './uris';
import { SOURCE_WATCH_GLOBS, WorkspaceDiagnostics } from './workspace-diagnostics';

export { SERVER_NAME, SERVER_VERSION } from './capabilities';

export { DEBUG_DOCUMENT_METHOD, DEBUG_ENV } from './debug-document';
export { fsPathOf } from './uris';

/** The project index is built once the documents' analyses have paused this long (see `indexProject`). */
const INDEX_AFTER_QUIET_MS = 300;

/**
 * The protocol layer's wiring: handlers in, features out. When to analyse is the scheduler's
 * (diagnostics-scheduler.ts), which configuration applies is the settings sync's (settings-sync.ts),
 * what is wrong is the engine's.
 */
export class PyconvServer {
  private parser!: Parser;
  private documents!: DocumentStore;
  private notebooks!: NotebookStore;
  private scheduler!: DiagnosticsScheduler;
  private workspace!: WorkspaceDiagnostics;
  private features: ClientFeatures = NO_CLIENT_FEATURES;
  private readonly messages: ClientMessages;
  private readonly templates: TemplateFiles;
  private readonly settings: SettingsSync;
  /** Our own file watching, for clients that cannot watch pyproject.toml for us. */
  private pyprojectWatcher?: PyprojectWatcher;
  private readonly guards: Guards;
  private readonly log: ServerLog;
  /** Modules, imports and exports of the workspace's Python files: renames across files. */
  private projectIndex!: ProjectIndexService;

  constructor(
    private readonly connection: Connection,
    /** Messages read but not yet dispatched (stdio only): analysis steps let them through first. */
    private readonly incoming?: IncomingMessages,
  ) {
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
        this.workspace.opened(uri);
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
        const { uri } = p.textDocument;
        this.documents.close(uri);
        // In a workspace whose findings are shown, the file's findings on disk replace the live ones.
        if (this.workspace.closed(uri)) this.scheduler.forget(uri);
        else this.scheduler.closed(uri);
        this.settings.forget(uri);
        this.projectIndex.closed(uri);
      }),
    );
    c.onDidChangeConfiguration((p) =>
      this.guards.notification('didChangeConfiguration', () => this.settings.pushed(p.settings)),
    );
    c.onDidChangeWatchedFiles((p) =>
      this.guards.notification('didChangeWatchedFiles', () => {
        this.settings.watchedFilesChanged(p.changes.map((change) => change.uri));
        for (const change of p.changes)
          this.projectIndex.fileChanged(
            change.uri,
            change.type === FileChangeType.Deleted ? 'deleted' : undefined,
          );
        // A configuration file may move the source roots (`src`): index again.
        if (p.changes.some((change) => change.uri.endsWith('.toml'))) this.indexProject();
        this.workspace.watchedFilesChanged(p.changes);
      }),
    );
    listenToNotebooks({
      connection: c,
      guards: this.guards,
      notebooks: () => this.notebooks,
      scheduler: () => this.scheduler,
      features: () => this.features,
      forget: (uri) => this.settings.forget(uri),
      // The notebook's file in the workspace's findings: withdrawn while open, from disk again once closed.
      fileOpened: (uri) => this.workspace.opened(uri),
      fileClosed: (uri) => void this.workspace.closed(uri),
    });
    for (const register of this.handlers()) register(c);
    c.onShutdown(() => {
      this.log.info('shutting down, as the client asked');
      this.guards.shutdownReceived();
      this.scheduler?.dispose();
      this.workspace?.dispose();
      this.pyprojectWatcher?.dispose();
    });
    c.listen();
  }

  /** Every request the server answers: method, then what answers it. */
  private handlers(): Registration[] {
    const table: Registration[] = [
      this.guards.request(DocumentDiagnosticRequest.type, async (p, token) => {
        const cell = this.cellTarget(p.textDocument.uri, token);
        if (cell) {
          const report = await this.scheduler.pull(cell.module.uri, undefined, token);
          return cellReport(this.cellTarget(p.textDocument.uri, token) ?? cell, report, p.previousResultId);
        }
        const document = this.openDocument(p.textDocument.uri, token);
        // A closed file in a workspace whose findings are shown keeps them (VS Code pulls it as it closes).
        const fromDisk = document
          ? undefined
          : await this.workspace.closedDocumentReport(p.textDocument.uri, p.previousResultId);
        return fromDisk ?? this.scheduler.pull(p.textDocument.uri, p.previousResultId, token);
      }),
      this.guards.request(WorkspaceDiagnosticRequest.type, (p, token) => this.workspace.pull(p, token)),
      this.guards.request(ExecuteCommandRequest.type, (p, token) => {
        if (p.command !== CHECK_WORKSPACE_COMMAND)
          throw new ResponseError(ErrorCodes.InvalidParams, `pyconv: unknown command ${p.command}`);
        return this.workspace.checkWorkspace(p, token);
      }),
      this.guards.request(HoverRequest.type, (p, token) => {
        const cell = this.cellTarget(p.textDocument.uri, token);
        const document = cell?.module ?? this.openDocument(p.textDocument.uri, token);
        if (!document) return null;
        const diagnostics = this.scheduler.shownDiagnostics(document);
        if (cell)
          return hoverInCell(cell, provideHover(document, diagnostics, toModulePosition(cell, p.position)));
        return provideHover(document, diagnostics, document.clamp(p.position));
      }),
      this.guards.request(CodeActionRequest.type, async (p, token) => {
        // "Update docstring" reads the whole tree: brought up to date in slices first, except for the
        // light bulb's automatic requests while typing (offered there once the tree is up to date).
        const explicit = p.context.triggerKind !== CodeActionTriggerKind.Automatic;
        const cell = this.cellTarget(p.textDocument.uri, token);
        if (cell) {
          if (wantsUpdateDocstring(p) && explicit)
            await this.scheduler.parsedInSlices(cell.module.uri, token);
          return codeActionsInCell(cell, p, (q) => {
            const env = this.notebookActionEnvironment(cell, token);
            env.updatesDocstrings = explicit || cell.module.parsed;
            return provideCodeActions(q, env);
          });
        }
        const document = this.openDocument(p.textDocument.uri, token);
        if (!document) return [];
        // The light bulb's requests while typing are answered from what is known (see
        // `diagnosticsForLightBulb`): nothing yet where the version is not analysed in a large file.
        const lightBulb = !explicit && p.context.only === undefined && wantsCurrentDiagnostics(p);
        if (lightBulb && !this.scheduler.diagnosticsForLightBulb(document)) return [];
        if (wantsCurrentDiagnostics(p)) {
          // Renames across files and F401's kept imports read the project index: its first build is
          // waited for (started now if it was left for a quiet moment), as a rename waits for it.
          await this.projectIndex.whenReady();
          // The fixes are those of the current version: analysed in slices if need be, not at once.
          if (!lightBulb) await this.scheduler.prepareForActions(document.uri, token);
        }
        if (wantsUpdateDocstring(p) && explicit && mayUpdateDocstring(document, p.range))
          await this.scheduler.parsedInSlices(document.uri, token);
        // Of the version now (a change may have come while the index was waited for).
        const known = lightBulb ? this.scheduler.diagnosticsForLightBulb(document) : undefined;
        if (lightBulb && !known) return [];
        const env = known
          ? this.codeActionEnvironment(document, token, () => known)
          : this.codeActionEnvironment(document, token);
        env.updatesDocstrings = explicit || document.parsed;
        return provideCodeActions(p, env);
      }),
      this.guards.request(CodeActionResolveRequest.type, (action, token) => {
        if (!isFixAllData(action.data)) return action;
        const document = this.openDocument(action.data.fixAll.uri, token);
        return document ? resolveFixAll(action, this.codeActionEnvironment(document, token)) : action;
      }),
      this.guards.request(CompletionRequest.type, (p, token) => {
        const cell = this.cellTarget(p.textDocument.uri, token);
        if (cell) {
          return completionInCell(cell, this.completion(cell.module, inModule(cell, p)));
        }
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? this.completion(document, p) : null;
      }),
      this.guards.request(PrepareRenameRequest.type, async (p, token) => {
        await this.projectIndex.whenReady();
        const cell = this.cellTarget(p.textDocument.uri, token);
        if (cell) {
          return prepareRenameInCell(cell, prepareRename(inModule(cell, p), { document: cell.module }));
        }
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? prepareRename(p, this.renameEnvironment(document)) : null;
      }),
      this.guards.request(RenameRequest.type, async (p, token) => {
        await this.projectIndex.whenReady();
        const cell = this.cellTarget(p.textDocument.uri, token);
        if (cell) {
          return renameInCells(cell, rename(inModule(cell, p), { document: cell.module }));
        }
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? rename(p, this.renameEnvironment(document)) : null;
      }),
    ];
    if (process.env[DEBUG_ENV] === '1')
      table.push(
        this.guards.request(DEBUG_DOCUMENT, (p, token) => debugDocument(p, token, this.debugEnvironment())),
      );
    return table;
  }

  private completion(document: OpenDocument, p: CompletionParams) {
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
    this.documents = new DocumentStore(this.parser, (idle) =>
      this.scheduler.releaseCaches(idle.map((document) => document.uri)),
    );
    this.projectIndex = new ProjectIndexService(this.connection, this.parser, this.documents, this.log);
    this.notebooks = new NotebookStore(this.documents);
    this.settings.setDocuments(this.documents);
    this.scheduler = new DiagnosticsScheduler({
      connection: this.connection,
      messagesWaiting: () => this.incoming?.waiting === true,
      // Other transports than stdio cannot tell: as if input were waiting (the scheduler yields).
      inputWaiting: () => this.incoming?.inputWaiting() ?? true,
      documents: this.documents,
      features: this.features,
      messages: this.messages,
      settingsFor: (uri) => this.settings.clientSettings(uri),
      settingsReady: () => this.settings.ready,
      configFor: (document) => this.settings.configFor(document),
      configKey: () => this.settings.configKey(),
      publish: (params) => publishDiagnostics(this.connection, this.notebooks, params),
      alwaysPushed: (uri) => this.notebooks.ofModule(uri) !== undefined,
      cachedFindings: (document, config, settings) =>
        cachedFindings(document.uri, document.text.getText(), config, settings, this.settings.folderUris()),
      log: this.log,
    });
    this.workspace = new WorkspaceDiagnostics({
      connection: this.connection,
      features: this.features,
      documents: this.documents,
      parser: this.parser,
      log: this.log,
      folders: () => this.settings.folderUris(),
      settingsFor: (uri) => this.settings.clientSettings(uri),
      workspaceSettings: () => this.settings.workspaceSettings(),
      settingsReady: () => this.settings.ready,
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
          watchers: [...CONFIG_WATCH_GLOBS, ...SOURCE_WATCH_GLOBS].map((globPattern) => ({ globPattern })),
        })
        .catch(this.guards.logFailure('register'));
    } else {
      this.pyprojectWatcher = new PyprojectWatcher((file) =>
        this.guards.notification('pyproject.toml changed', () => this.settings.pyprojectsChanged([file])),
      );
    }
    if (this.features.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) =>
        this.guards.notification('didChangeWorkspaceFolders', () => {
          this.settings.foldersChanged(event);
          this.indexProject();
          // Files of removed folders are cleared, those of added ones checked (when the workspace's findings are shown).
          this.workspace.configurationChanged();
        }),
      );
    }
    this.settings.refresh();
    this.indexProject();
    void this.workspace.started();
  }

  /**
   * Builds the project index of the workspace folders again, in the background, once the open
   * documents' analyses have paused: opening a file shows its diagnostics before the index is built.
   */
  private indexProject(): void {
    void this.projectIndex
      .start(this.settings.folderUris(), this.scheduler.quiet(INDEX_AFTER_QUIET_MS))
      .catch(this.guards.logFailure('project index'));
  }

  /** Configuration changed (settings or a pyproject.toml): new diagnostics for every open document. */
  private configurationChanged(): void {
    this.scheduler?.configurationChanged();
    this.workspace?.configurationChanged();
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

  /** What a rename needs: the document, and for module-level names the project index (built by now). */
  private renameEnvironment(document: OpenDocument): RenameEnvironment {
    return {
      document,
      across: this.crossFileEnvironment(),
      notify: (message) => this.messages.show(message, MessageType.Info),
    };
  }

  private crossFileEnvironment(): CrossFileEnvironment {
    return {
      service: this.projectIndex,
      parser: this.parser,
      documentChanges: this.features.documentChanges,
    };
  }

  /** The notebook cell a request is about (its module document analysed), or undefined for a document. */
  private cellTarget(uri: string, token: CancellationToken): CellTarget | undefined {
    if (token.isCancellationRequested)
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return typeof uri === 'string' ? this.notebooks?.cellTarget(uri) : undefined;
  }

  private notebookActionEnvironment(target: CellTarget, token: CancellationToken): CodeActionEnvironment {
    return cellActionEnvironment(
      this.codeActionEnvironment(target.module, token),
      target.module.text.getText(),
    );
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

  private codeActionEnvironment(
    document: OpenDocument,
    token: CancellationToken,
    diagnosticsOf: (document: OpenDocument) => readonly EngineDiagnostic[] = (d) =>
      this.scheduler.diagnosticsForActions(d),
  ): CodeActionEnvironment {
    const config = this.settings.configFor(document);
    const unsafeFixes = this.settings.clientSettings(document.uri).unsafeFixes;
    let current: readonly EngineDiagnostic[] | undefined;
    const across = this.crossFileEnvironment();
    // F401 keeps the imports other modules import from this one (features/cross-file-rename.ts).
    const keepImports = <T extends { diagnostics: EngineDiagnostic[] }>(
      analysis: T | undefined,
      text: string,
    ) =>
      analysis && {
        ...analysis,
        diagnostics: [...withImportsOthersNeedIn(across, document.uri, analysis.diagnostics, text)],
      };
    return {
      document,
      // Analysed only when asked for: a request without pyconv diagnostics in its context needs none.
      get current() {
        current ??= withImportsOthersNeedIn(
          across,
          document.uri,
          diagnosticsOf(document),
          document.text.getText(),
        );
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
      acrossFiles: (fix, range) => acrossFilesFix(this.crossFileEnvironment(), document, fix, range),
      moduleRename: (diagnostic) =>
        moduleRenameAction(
          { ...this.crossFileEnvironment(), renameFiles: this.features.renameFiles },
          document,
          diagnostic,
        ),
      analyzeImports: (text) =>
        analyzeFresh(this.parser, text, organizeImportsConfig(config), document.parseModule),
      analyzeText: (text) => {
        // Fix-all re-analyses up to 10 times: stop between passes when the client gave up.
        if (token.isCancellationRequested)
          throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
        // Renames are unsafe: only then are they worth resolving.
        return keepImports(
          unsafeFixes
            ? withoutRenamesOthersNeed(
                across,
                document.uri,
                analyzeFreshResolvingFixes(this.parser, text, config, document.parseModule),
              )
            : analyzeFresh(this.parser, text, config, document.parseModule),
          text,
        );
      },
    };
  }
}
