import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type ClientCapabilities,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  MessageType,
  type Position,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { scopeModelOf } from '../analysis/scopes';
import { analyze } from '../engine/analyze';
import type { FixPassAnalysis } from '../engine/fix-loop';
import { resolveFixes } from '../engine/resolve-fixes';
import type { Diagnostic as EngineDiagnostic } from '../engine/types';
import { createPythonParser, parsePython } from '../parser/python';
import type { ConfigProblem } from '../project/settings';
import { allRules } from '../rules/registry';
import {
  DEFAULT_CLIENT_SETTINGS,
  parseClientSettings,
  pyconvSection,
  WorkspaceSettings,
} from './client-settings';
import { SOURCE, toLspDiagnostic } from './convert';
import { type AnalysisSnapshot, DocumentStore, type OpenDocument } from './documents';
import {
  type CodeActionEnvironment,
  FIX_ALL_KIND,
  isFixAllData,
  provideCodeActions,
  resolveFixAll,
  type SnippetSupport,
} from './features/code-actions';
import { COMPLETION_TRIGGER_CHARACTERS, provideCompletion } from './features/completion';
import { provideHover } from './features/hover';
import { prepareRename, rename } from './features/rename';
import { IdleCollector } from './idle-gc';
import { type DocumentConfig, ProjectConfigs } from './project-configs';
import { PyprojectWatcher } from './pyproject-watcher';

export const SERVER_NAME = 'pyconv';
export const SERVER_VERSION = '0.1.0';
const PYPROJECT_GLOB = '**/pyproject.toml';
const SETTINGS_TIMEOUT_MS = 2000;
/** Pause between the steps of an analysis that ran past its time budget. */
const CONTINUE_AFTER_MS = 10;
/**
 * The first analysis of a file longer than this many lines publishes what it found within
 * `FIRST_LOOK_MS` (the statements from the top), then goes on in steps until the file is done.
 */
const FIRST_LOOK_LINES = 2_000;
const FIRST_LOOK_MS = 60;
/** Quiet time after the last analysis before a full garbage collection. */
const IDLE_GC_AFTER_MS = 2_000;
/** Environment variable enabling the debug requests (`PYCONV_DEBUG=1`). */
export const DEBUG_ENV = 'PYCONV_DEBUG';
export const DEBUG_DOCUMENT_METHOD = 'pyconv/debugDocument';

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** `file:` URIs to paths; other schemes (untitled buffers) have none. */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function isPython(document: OpenDocument): boolean {
  return document.languageId === 'python' || /\.pyi?$/i.test(document.uri);
}

/**
 * The protocol layer: documents in, diagnostics, hovers and code actions out. All analysis is the
 * engine's; this class decides when to run it, with which configuration, and how to answer.
 */
export class PyconvServer {
  private parser!: Parser;
  private documents!: DocumentStore;
  private readonly configs = new ProjectConfigs();
  private capabilities: ClientCapabilities = {};
  private pullDiagnostics = false;
  private readonly settings = new WorkspaceSettings(DEFAULT_CLIENT_SETTINGS);
  private folders: string[] = [];
  private settingsGeneration = 0;
  private settingsReady: Promise<void> = Promise.resolve();
  private fallbackFolder = process.cwd();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Gives memory back after bursts of analyses (see idle-gc.ts). */
  private readonly idleCollector = new IdleCollector(IDLE_GC_AFTER_MS);
  private readonly documentConfigs = new Map<string, { key: string; config: DocumentConfig }>();
  /** Configuration problems per pyproject.toml as last published, keyed by their text. */
  private readonly publishedProblems = new Map<string, string>();
  private readonly shownMessages = new Set<string>();
  private partialResults = 0;
  /** Our own file watching, for clients that cannot watch pyproject.toml for us. */
  private pyprojectWatcher?: PyprojectWatcher;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.notification('initialized', () => this.initialized()));
    this.listenToDocuments();
    this.listenToWorkspace();
    this.listenForFeatures();
    c.onShutdown(() => {
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
      this.pyprojectWatcher?.dispose();
    });
    c.listen();
  }

  private listenToDocuments(): void {
    const c = this.connection;
    c.onDidOpenTextDocument((p) =>
      this.notification('didOpen', () => {
        const { uri, languageId, version, text } = p.textDocument;
        this.documents.open(uri, languageId, version, text);
        this.schedule(uri, true);
      }),
    );
    c.onDidChangeTextDocument((p) =>
      this.notification('didChange', () => {
        if (this.documents.change(p.textDocument.uri, p.textDocument.version, p.contentChanges))
          this.schedule(p.textDocument.uri);
      }),
    );
    c.onDidCloseTextDocument((p) =>
      this.notification('didClose', () => this.closeDocument(p.textDocument.uri)),
    );
  }

  private closeDocument(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.documents.close(uri);
    this.documentConfigs.delete(uri);
    if (!this.pullDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private listenToWorkspace(): void {
    const c = this.connection;
    c.onDidChangeConfiguration((p) =>
      this.notification('didChangeConfiguration', () => this.configurationChanged(p.settings)),
    );
    c.onDidChangeWatchedFiles((p) =>
      this.notification('didChangeWatchedFiles', () => {
        const pyprojects = p.changes
          .map((change) => change.uri)
          .filter((uri) => uri.endsWith('pyproject.toml'));
        if (pyprojects.length === 0) return;
        for (const uri of pyprojects) this.configs.invalidate(fsPathOf(uri));
        this.reanalyzeAll();
      }),
    );
  }

  private listenForFeatures(): void {
    const c = this.connection;
    if (process.env[DEBUG_ENV] === '1') this.listenForDebugging();
    c.languages.diagnostics.on(
      this.request('textDocument/diagnostic', (p, token) =>
        this.pullDiagnosticsFor(p.textDocument.uri, p.previousResultId, token),
      ),
    );
    c.onHover(
      this.request('textDocument/hover', (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        if (!document) return null;
        return provideHover(document, this.currentDiagnostics(document), this.clamp(document, p.position));
      }),
    );
    c.onCodeAction(
      this.request('textDocument/codeAction', (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? provideCodeActions(p, this.codeActionEnvironment(document, token)) : [];
      }),
    );
    c.onCodeActionResolve(
      this.request('codeAction/resolve', (action, token) => {
        if (!isFixAllData(action.data)) return action;
        const document = this.openDocument(action.data.fixAll.uri, token);
        return document ? resolveFixAll(action, this.codeActionEnvironment(document, token)) : action;
      }),
    );
    c.onCompletion(
      this.request('textDocument/completion', (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        if (!document) return null;
        const snippetSupport =
          this.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
        return provideCompletion(p, {
          document,
          docstringStyle: this.settings.for(document.uri).docstringStyle,
          projectDocstringStyle: this.configFor(document).fileConfig.config.options.docstring?.style,
          snippetSupport,
        });
      }),
    );
    c.onPrepareRename(
      this.request('textDocument/prepareRename', (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? prepareRename(p, { document }) : null;
      }),
    );
    c.onRenameRequest(
      this.request('textDocument/rename', (p, token) => {
        const document = this.openDocument(p.textDocument.uri, token);
        return document ? rename(p, { document }) : null;
      }),
    );
  }

  /**
   * `pyconv/debugDocument` `{ uri }` → the server's text and version of an open document, its
   * current (cached, incremental) diagnostics and those of a fresh parse and analysis of the same
   * text. Only with `PYCONV_DEBUG=1` in the environment: for the protocol-level fuzzer and tests.
   */
  private listenForDebugging(): void {
    this.connection.onRequest(
      DEBUG_DOCUMENT_METHOD,
      this.request(DEBUG_DOCUMENT_METHOD, (params: unknown, token) => {
        const uri = (params as { uri?: unknown } | null)?.uri;
        if (typeof uri !== 'string')
          throw new ResponseError(ErrorCodes.InvalidParams, `${DEBUG_DOCUMENT_METHOD} needs { uri: string }`);
        const document = this.openDocument(uri, token);
        if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
        const text = document.text.getText();
        const config = this.configFor(document);
        const analyzed = this.shouldAnalyze(document, config);
        return {
          version: document.text.version,
          text,
          diagnostics: this.currentDiagnostics(document).map(toLspDiagnostic),
          fresh: analyzed ? (this.analyzeText(text, config)?.diagnostics ?? []).map(toLspDiagnostic) : [],
        };
      }),
    );
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    this.capabilities = params.capabilities;
    this.pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    this.settings.setInitial(parseClientSettings(options?.settings ?? options));
    this.folders = params.workspaceFolders?.map((folder) => folder.uri) ?? [];
    this.settings.setFolders(this.folders);
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.fallbackFolder = (folder && fsPathOf(folder)) ?? params.rootPath ?? process.cwd();
    try {
      this.parser = await createPythonParser();
    } catch (error) {
      const message = `pyconv: could not load the tree-sitter Python grammar: ${error instanceof Error ? error.message : String(error)}`;
      this.connection.console.error(message);
      throw new ResponseError(ErrorCodes.InternalError, message);
    }
    this.documents = new DocumentStore(this.parser);
    const prepareSupport = params.capabilities.textDocument?.rename?.prepareSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
          resolveProvider: true,
        },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
        renameProvider: prepareSupport ? { prepareProvider: true } : true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(this.pullDiagnostics
          ? {
              diagnosticProvider: {
                identifier: SERVER_NAME,
                interFileDependencies: false,
                workspaceDiagnostics: false,
              },
            }
          : {}),
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  }

  private initialized(): void {
    const workspace = this.capabilities.workspace;
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      void this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'pyconv' })
        .catch(this.logFailure('register'));
    }
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: PYPROJECT_GLOB }] })
        .catch(this.logFailure('register'));
    } else {
      this.pyprojectWatcher = new PyprojectWatcher((file) =>
        this.notification('pyproject.toml changed', () => {
          this.configs.invalidate(file);
          this.reanalyzeAll();
        }),
      );
    }

    if (workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) =>
        this.notification('didChangeWorkspaceFolders', () => {
          this.folders = [
            ...this.folders.filter((uri) => !event.removed.some((removed) => removed.uri === uri)),
            ...event.added.map((added) => added.uri),
          ];
          this.settings.setFolders(this.folders);
          this.refreshSettings();
        }),
      );
    }
    this.refreshSettings();
  }

  // ---- settings and configuration ---------------------------------------------------------------

  /** Asks the client for the `pyconv` section when it can answer; documents wait for the answer. */
  private refreshSettings(pushed?: unknown): void {
    if (!this.capabilities.workspace?.configuration) {
      if (pushed !== undefined) {
        this.settings.applyPushed(pushed);
        this.settingsApplied();
      }
      return;
    }
    const answer = this.connection.workspace
      .getConfiguration(this.settings.requestItems())
      .then((raw: unknown[]) => {
        this.settings.applyAnswer(raw);
        this.settingsApplied();
      })
      .catch((error) => this.connection.console.error(`pyconv: could not read settings: ${describe(error)}`));
    // A client that never answers must not hold diagnostics back: go on with what we have.
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SETTINGS_TIMEOUT_MS);
    });
    this.settingsReady = Promise.race([answer, patience]).finally(() => clearTimeout(timer));
  }

  private settingsApplied(): void {
    this.settingsGeneration++;
    this.reanalyzeAll();
  }

  private configurationChanged(settings: unknown): void {
    this.refreshSettings(pyconvSection(settings) ?? {});
  }

  private configKey(): string {
    return `${this.configs.generation}:${this.settingsGeneration}`;
  }

  private configFor(document: OpenDocument): DocumentConfig {
    const key = this.configKey();
    const cached = this.documentConfigs.get(document.uri);
    if (cached?.key === key) return cached.config;
    const overrides = this.settings.for(document.uri).overrides;
    const config = this.configs.forFile(fsPathOf(document.uri), this.fallbackFolder, overrides);
    this.documentConfigs.set(document.uri, { key, config });
    if (this.pyprojectWatcher) {
      if (config.project.pyprojectPath) this.pyprojectWatcher.watch(config.project.pyprojectPath);
      for (const problem of config.problems) if (problem.file) this.pyprojectWatcher.watch(problem.file);
    }
    this.reportProblems(config.problems);
    return config;
  }

  /** Configuration changed: new configs (and their problems) for every open document, then new diagnostics. */
  private reanalyzeAll(): void {
    if (!this.documents) return;
    this.documentConfigs.clear();
    const stillBroken = new Set<string>();
    for (const document of this.documents.all()) {
      for (const problem of this.configFor(document).problems)
        if (problem.file) stillBroken.add(problem.file);
    }
    for (const file of [...this.publishedProblems.keys()]) {
      if (stillBroken.has(file)) continue;
      this.publishedProblems.delete(file);
      void this.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
    }
    if (this.pullDiagnostics) {
      if (this.capabilities.workspace?.diagnostics?.refreshSupport) {
        this.connection.languages.diagnostics.refresh();
      }
      return;
    }
    for (const document of this.documents.all()) this.schedule(document.uri, true);
  }

  /**
   * Problems in a pyproject.toml: diagnostics on that file and one warning message; problems
   * without a file (editor settings): a warning message once.
   */
  private reportProblems(problems: readonly ConfigProblem[]): void {
    const byFile = new Map<string, ConfigProblem[]>();
    for (const problem of problems) {
      if (!problem.file) {
        this.showOnce(`pyconv: ${problem.message} (defaults apply)`);
        continue;
      }
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
    }
    for (const [file, list] of byFile) {
      const key = JSON.stringify(list);
      if (this.publishedProblems.get(file) === key) continue;
      this.publishedProblems.set(file, key);
      const diagnostics: Diagnostic[] = list.map((problem) => ({
        range: problem.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: problem.message,
      }));
      void this.connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
      const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
      this.showMessage(
        `pyconv: ${file}: ${list[0].message}${more}. The defaults apply where the configuration is wrong.`,
      );
    }
  }

  private showOnce(message: string): void {
    if (this.shownMessages.has(message)) return;
    this.shownMessages.add(message);
    this.showMessage(message);
  }

  private showMessage(message: string, type: MessageType = MessageType.Warning): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  // ---- analysis ----------------------------------------------------------------------------------

  /** The diagnostics of the document's current version, analysed now unless already known. */
  private analyzeDocument(document: OpenDocument): AnalysisSnapshot {
    const config = this.configFor(document);
    const configKey = this.configKey();
    const last = document.lastAnalysis;
    if (last && last.version === document.text.version && last.configKey === configKey && !last.partial)
      return last;
    const snapshot: AnalysisSnapshot = { version: document.text.version, configKey, diagnostics: [] };
    if (this.shouldAnalyze(document, config)) {
      const { fileConfig } = config;
      const budget = this.settings.for(document.uri).timeBudgetMs;
      // A large file just opened shows its first diagnostics at once; the rest follows in steps.
      const firstLook = !document.analysisCache && document.text.lineCount > FIRST_LOOK_LINES;
      const result = analyze(
        {
          source: document.text.getText(),
          tree: document.tree,
          rules: allRules,
          config: fileConfig.config,
          file: fileConfig.file,
          deadline: performance.now() + (firstLook ? Math.min(budget, FIRST_LOOK_MS) : budget),
        },
        document.analysisCache,
      );
      document.analysisCache = result.cache;
      snapshot.diagnostics = result.diagnostics;
      if (result.partial) snapshot.partial = true;
      if (result.partial && !firstLook) {
        this.showOnce(
          `pyconv: checking ${document.uri} takes longer than pyconv.timeBudgetMs (${budget} ms); its diagnostics are partial until the rest is checked, in steps.`,
        );
      }
    }
    document.lastAnalysis = snapshot;
    this.idleCollector.poke();
    return snapshot;
  }

  private shouldAnalyze(document: OpenDocument, config: DocumentConfig): boolean {
    if (!this.settings.for(document.uri).enable || !isPython(document) || config.fileConfig.excluded)
      return false;
    const limit = config.fileConfig.maxFileSize;
    const text = document.text.getText();
    // UTF-16 length is a lower bound of the UTF-8 size: measure exactly only near the limit.
    if (limit !== undefined && text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit) {
      this.showOnce(
        `pyconv: ${document.uri} is larger than max-file-size (${limit} bytes); it is not checked.`,
      );
      return false;
    }
    return true;
  }

  private currentDiagnostics(document: OpenDocument): readonly EngineDiagnostic[] {
    return this.analyzeDocument(document).diagnostics;
  }

  /**
   * A throwaway analysis of another text with the document's configuration (fix-all passes); with
   * `resolve`, lazy fixes (renames) get their edits while the tree exists.
   */
  private analyzeText(text: string, config: DocumentConfig, resolve = false): FixPassAnalysis | undefined {
    const tree = parsePython(this.parser, text);
    if (!tree) return undefined;
    try {
      const { fileConfig } = config;
      const { diagnostics } = analyze({
        rules: allRules,
        source: text,
        tree,
        config: fileConfig.config,
        file: fileConfig.file,
      });
      const resolved = resolve ? resolveFixes(diagnostics, tree.rootNode) : diagnostics;
      return { diagnostics: resolved, hasSyntaxError: tree.rootNode.hasError };
    } finally {
      tree.delete();
    }
  }

  /** Push mode: analyse after the debounce (at once for `immediate` or a debounce of 0), publish unless stale. */
  private schedule(uri: string, immediate = false): void {
    if (this.pullDiagnostics) return;
    const document = this.documents.get(uri);
    if (!document) return;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const version = document.text.version;
    const delay = immediate ? 0 : this.settings.for(uri).debounceMs;
    if (delay <= 0) {
      void this.publish(uri, version);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri, version);
      }, delay),
    );
  }

  private async publish(uri: string, version: number, continuing = false): Promise<void> {
    try {
      await this.settingsReady;
      const document = this.documents.get(uri);
      // A newer change has its own schedule: this result would be stale.
      if (!document || document.text.version !== version) return;
      // A partial result just went out: its continuation is scheduled, after the message is sent.
      if (!continuing && document.published?.partial && this.timers.has(uri)) return;
      const snapshot = this.analyzeDocument(document);
      if (this.documents.get(uri) !== document || document.text.version !== snapshot.version) return;
      if (document.published === snapshot) return;
      document.published = snapshot;
      if (snapshot.partial) this.continueLater(uri, version);
      await this.connection.sendDiagnostics({
        uri,
        version,
        diagnostics: snapshot.diagnostics.map(toLspDiagnostic),
      });
    } catch (error) {
      this.connection.console.error(`pyconv: analysing ${uri} failed: ${describe(error)}`);
    }
  }

  /** A partial analysis goes on after a pause, so that requests and changes are served in between. */
  private continueLater(uri: string, version: number): void {
    if (this.timers.has(uri)) return;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri, version, true);
      }, CONTINUE_AFTER_MS),
    );
  }

  private async pullDiagnosticsFor(
    uri: string,
    previousResultId: string | undefined,
    token: CancellationToken,
  ): Promise<DocumentDiagnosticReport> {
    await this.settingsReady;
    const document = this.openDocument(uri, token);
    if (!document) return { kind: 'full', items: [] };
    const snapshot = this.analyzeDocument(document);
    // A partial result is never "unchanged": the next pull continues the analysis.
    const partial = snapshot.partial ? `|partial${++this.partialResults}` : '';
    const resultId = `${snapshot.version}|${snapshot.configKey}${partial}`;
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: snapshot.diagnostics.map(toLspDiagnostic) };
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

  /** A position past the end of a line or of the document, moved to the nearest real one. */
  private clamp(document: OpenDocument, position: Position): Position {
    const line = Math.max(0, Math.min(position.line, document.text.lineCount - 1));
    return document.text.positionAt(
      document.text.offsetAt({ line, character: Math.max(0, position.character) }),
    );
  }

  private codeActionEnvironment(document: OpenDocument, token: CancellationToken): CodeActionEnvironment {
    const config = this.configFor(document);
    const resolveProperties = this.capabilities.textDocument?.codeAction?.resolveSupport?.properties ?? [];
    const unsafeFixes = this.settings.for(document.uri).unsafeFixes;
    return {
      document,
      current: this.currentDiagnostics(document),
      unsafeFixes,
      snippets: this.snippetSupport(),
      disabledSupport: this.capabilities.textDocument?.codeAction?.disabledSupport === true,
      resolveLazyFix: (fix, range) => {
        const [resolved] = resolveFixes(
          [{ fix, range }],
          document.tree.rootNode,
          scopeModelOf(document.tree),
        );
        return resolved.fix ?? fix;
      },
      resolveSupport: resolveProperties.includes('edit'),
      analyzeText: (text) => {
        // Fix-all re-analyses up to 10 times: stop between passes when the client gave up.
        if (token.isCancellationRequested)
          throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
        // Renames are unsafe: only then are they worth resolving.
        return this.analyzeText(text, config, unsafeFixes);
      },
    };
  }

  private snippetSupport(): SnippetSupport {
    const workspaceEdit = this.capabilities.workspace?.workspaceEdit as
      | { snippetEditSupport?: boolean; documentChanges?: boolean }
      | undefined;
    if (workspaceEdit?.snippetEditSupport && workspaceEdit.documentChanges) return 'snippetTextEdit';
    const experimental = this.capabilities.experimental as { snippetTextEdit?: boolean } | undefined;
    if (experimental?.snippetTextEdit && workspaceEdit?.documentChanges) return 'rustAnalyzerStyle';
    return 'none';
  }

  /** Wraps a request handler: an exception is logged and answered with an error; the server keeps serving. */
  private request<P, R, E = void>(
    method: string,
    handler: (params: P, token: CancellationToken) => R | Promise<R>,
  ): (params: P, token: CancellationToken) => Promise<R | ResponseError<E>> {
    return async (params, token) => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) return error;
        this.connection.console.error(`pyconv: ${method} failed: ${describe(error)}`);
        return new ResponseError<E>(
          ErrorCodes.InternalError,
          `pyconv: ${method} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
  }

  private notification(method: string, handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.connection.console.error(`pyconv: ${method} failed: ${describe(error)}`);
    }
  }

  private logFailure(what: string): (error: unknown) => void {
    return (error) => this.connection.console.error(`pyconv: ${what} failed: ${describe(error)}`);
  }
}
