import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticReport,
  type ExecuteCommandParams,
  FileChangeType,
  type FileEvent,
  LSPErrorCodes,
  ResponseError,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { checkBatch } from '../cli/batch-check';
import { cacheRootForFolder, openProjectCache } from '../cli/cache';
import type { FileReport } from '../cli/check-file';
import { collectFiles } from '../cli/walk';
import { SYNTAX_ERROR_CODE } from '../engine/syntax-errors';
import { ConfigCache, type ConfigCacheOptions, isNotebookPath } from '../project/config';
import type { ClientFeatures } from './client-features';
import type { ClientSettings } from './client-settings';
import { toLspDiagnostic } from './convert';
import type { DocumentStore } from './documents';
import { describe } from './guards';
import type { ServerLog } from './log';
import { fsPathOf } from './uris';
import { handedOverReport, notebookFileDiagnostics } from './workspace-notebooks';
import {
  cancelledError,
  clearedReport,
  combined,
  fileReport,
  NEVER_CANCELLED,
  ProgressCounter,
  previousResultIds,
  type ReportedFindings,
  ReportStream,
} from './workspace-reports';

/** What the workspace diagnostics read from the server; all resolved at `initialize`. */
export interface WorkspaceContext {
  connection: Connection;
  features: ClientFeatures;
  documents: DocumentStore;
  parser: Parser;
  log: ServerLog;
  /** The workspace folders' URIs. */
  folders(): readonly string[];
  settingsFor(uri: string): ClientSettings;
  workspaceSettings(): ClientSettings;
  settingsReady(): Promise<void>;
}

/** The findings of one closed file, as the client was (or will be) sent them. */
interface FileFindings extends ReportedFindings {
  /** `JSON.stringify(diagnostics)`, made when first compared: a recheck with the same findings keeps its result id. */
  key?: string;
  /** The result id last pushed (push clients); undefined: the client shows something else. */
  published?: string;
}

/** A folder of one sync: its settings and the configurations its files read (editor settings over the files). */
interface FolderRun {
  root: string;
  settings: ClientSettings;
  configs: ConfigCache;
  configOptions: ConfigCacheOptions;
}

/** Told of each file whose findings a sync changed (undefined: the file is gone or no longer checked). */
type FileListener = (uri: string, findings: FileFindings | undefined) => void;

const PROGRESS_TITLE = 'pyconv: checking the workspace';
/**
 * Worker threads of a workspace check at most (each about 100 MB): the server stays under 500 MB on
 * any machine, and cores are left for the editor and the open documents' analysis.
 */
const MAX_WORKERS = 3;
/** Changes are pushed to push clients this long after the first of them. */
const PUSH_AFTER_MS = 150;

/**
 * Findings for the files of the workspace folders that are not open: walked with the CLI's rules
 * (`cli/walk.ts`: exclude, extend-exclude, .gitignore, each folder's configuration), checked on
 * worker threads through the findings cache shared with the CLI (`cli/batch-check.ts`), kept as
 * findings only (no text, no tree). Pull clients get them from `workspace/diagnostic` (result ids:
 * an unchanged file is reported `unchanged`); push clients from `pyconv.checkWorkspace` and, with
 * `pyconv.diagnosticsScope: "workspace"`, from the start. Open documents are the scheduler's.
 */
export class WorkspaceDiagnostics {
  /** By URI. */
  private readonly files = new Map<string, FileFindings>();
  /** The next sync walks the folders again (start, configuration, folders, created files). */
  private stale = true;
  /** The paths of the open documents (see `isOpen`). */
  private readonly openFiles = new Set<string>();
  /** Known files changed on disk or just closed: the next sync checks them again. */
  private readonly changed = new Set<string>();
  /** `pyconv.checkWorkspace` was run: the workspace's findings are kept whatever the scope setting. */
  private requested = false;
  /** A push sync waits in the queue (see `pushWithProgress`). */
  private pushQueued = false;
  /** The push of changes waits PUSH_AFTER_MS for others that come with them. */
  private pushTimer?: NodeJS.Timeout;
  /** Syncs run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly session = randomBytes(4).toString('hex');
  private results = 0;
  /** The result id of an open notebook's empty report on its file (see `handedOverReport`). */
  private readonly handedOverId = `ws-${this.session}-open`;

  constructor(private readonly context: WorkspaceContext) {}

  /** Whether the workspace's findings are wanted: the scope setting, or the command was run. */
  private active(): boolean {
    return this.requested || this.context.workspaceSettings().diagnosticsScope === 'workspace';
  }

  /** After `initialized`: push clients with `diagnosticsScope: "workspace"` get every file's findings. */
  async started(): Promise<void> {
    await this.context.settingsReady();
    if (!this.context.features.pullDiagnostics && this.active() && this.stale)
      await this.pushWithProgress(undefined);
  }

  // ---- pull ---------------------------------------------------------------------------------------

  /** `workspace/diagnostic`: every closed file's report, streamed as partial results when asked. */
  async pull(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport> {
    await this.context.settingsReady();
    const previous = previousResultIds(params.previousResultIds);
    const stream = new ReportStream(this.context.connection, params.partialResultToken);
    if (!this.active()) {
      // The scope went back to open files: what the client was told of closed files is withdrawn once.
      for (const uri of [...previous.keys()]) if (!this.isOpen(uri)) stream.add(clearedReport(uri));
      this.files.clear();
      this.stale = true;
      return stream.finish();
    }
    // VS Code pulls without a progress token, again every 2 s: a walk shows progress of the server's own.
    const progress =
      params.workDoneToken === undefined && this.stale
        ? await this.progressFor(undefined)
        : this.context.connection.window.attachWorkDoneProgress(params.workDoneToken);
    const reported = new Set<string>();
    const report = (uri: string, findings: FileFindings | undefined) => {
      if (this.isOpen(uri)) {
        // An open notebook's findings are its cells': the file's own are withdrawn (no duplicates).
        if (!isNotebookUri(uri)) return;
        reported.add(uri);
        stream.add(handedOverReport(uri, this.handedOverId, previous.get(uri)));
        return;
      }
      reported.add(uri);
      stream.add(findings ? fileReport(findings, previous.get(uri)) : clearedReport(uri));
    };
    await this.serialized(() => this.sync(progress, combined(token, progress), report));
    for (const [uri, findings] of this.files) if (!reported.has(uri)) report(uri, findings);
    // Files the client knows and we do not (deleted, excluded, outside the folders now): cleared.
    for (const uri of previous.keys()) if (!reported.has(uri) && !this.files.has(uri)) report(uri, undefined);
    return stream.finish();
  }

  /**
   * `textDocument/diagnostic` for a closed file (VS Code pulls a document once more as it closes
   * it, then relies on the workspace's reports): its findings on disk, so that closing does not
   * clear them until the next workspace pull. Undefined when the workspace's findings are not wanted.
   */
  async closedDocumentReport(
    uri: string,
    previousResultId: string | undefined,
  ): Promise<DocumentDiagnosticReport | undefined> {
    const file = fsPathOf(uri);
    if (!file || this.isOpen(uri) || !this.active() || !this.inFolder(file)) return undefined;
    // The close queued the file for a check (a walk if it was unknown): done now, mostly from the cache.
    const quiet = this.context.connection.window.attachWorkDoneProgress(undefined);
    await this.serialized(() => this.sync(quiet, NEVER_CANCELLED, () => {}));
    const findings = this.files.get(uriOf(file));
    if (!findings) return { kind: 'full', items: [] };
    const { resultId, diagnostics } = findings;
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: diagnostics };
  }

  // ---- push ---------------------------------------------------------------------------------------

  /** `pyconv.checkWorkspace`: every file's findings (pushed, or pulled after a refresh), with progress. */
  async checkWorkspace(params: ExecuteCommandParams, token: CancellationToken): Promise<{ files: number }> {
    await this.context.settingsReady();
    this.requested = true;
    // Asked for by the user: the folders are walked again (clients that cannot watch files rely on it).
    this.stale = true;
    if (this.context.features.pullDiagnostics) {
      const progress = await this.progressFor(params.workDoneToken);
      await this.serialized(() => this.sync(progress, combined(token, progress), () => {}));
      if (this.context.features.diagnosticRefresh) this.context.connection.languages.diagnostics.refresh();
    } else await this.pushWithProgress(params.workDoneToken, token);
    return { files: this.files.size };
  }

  private async pushWithProgress(workDoneToken: string | number | undefined, token?: CancellationToken) {
    // Changes that come while a push waits its turn are taken by it: one more is enough.
    if (this.pushQueued && !token) return;
    this.pushQueued = true;
    try {
      await this.serialized(async () => {
        this.pushQueued = false;
        // An automatic push with nothing changed since the last sync shows no progress at all.
        if (!token && !this.stale && this.changed.size === 0) return;
        const progress = await this.progressFor(workDoneToken);
        await this.sync(progress, combined(token, progress), (uri) => this.publish(uri));
      });
    } catch (error) {
      if (!(error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled))
        this.context.log.error(`checking the workspace failed: ${describe(error)}`);
      if (token) throw error;
    }
  }

  /** The client's progress token if it gave one, else one the server creates (when the client can show it). */
  private async progressFor(workDoneToken: string | number | undefined): Promise<WorkDoneProgressReporter> {
    const window = this.context.connection.window;
    if (workDoneToken !== undefined) return window.attachWorkDoneProgress(workDoneToken);
    // A client that refuses to create one: the check goes on without progress.
    return window.createWorkDoneProgress().catch(() => window.attachWorkDoneProgress(undefined));
  }

  private publish(uri: string): void {
    if (this.isOpen(uri)) return;
    const findings = this.files.get(uri);
    if (findings?.published === findings?.resultId && findings) return;
    if (findings) findings.published = findings.resultId;
    void this.context.connection.sendDiagnostics({ uri, diagnostics: findings?.diagnostics ?? [] });
  }

  /** Push clients: what changed is checked and published (a no-op unless the workspace's findings are wanted). */
  private pushChanges(): void {
    if (this.context.features.pullDiagnostics) return;
    if (this.active()) {
      // Changes that come within PUSH_AFTER_MS of the first (a checkout, a formatter over the tree) are one sync.
      this.pushTimer ??= setTimeout(() => {
        this.pushTimer = undefined;
        void this.pushWithProgress(undefined);
      }, PUSH_AFTER_MS);
      return;
    }
    // The scope went back to open files: closed files' findings are withdrawn.
    for (const [uri, findings] of this.files) {
      if (findings.published !== undefined && !this.isOpen(uri))
        void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.files.clear();
    this.stale = true;
  }

  /** `shutdown`: no push starts any more. */
  dispose(): void {
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
  }

  // ---- keeping up to date -------------------------------------------------------------------------

  /** `workspace/didChangeWatchedFiles`: Python files changed, created or deleted on disk. */
  watchedFilesChanged(changes: readonly FileEvent[]): void {
    let any = false;
    for (const change of changes) {
      const file = fsPathOf(change.uri);
      if (!file || !isWatchedSource(file)) continue;
      any = true;
      // A created file may be excluded or ignored: only a walk says; a deleted one is cleared by it.
      if (change.type === FileChangeType.Changed && this.files.has(uriOf(file))) this.changed.add(file);
      else this.stale = true;
    }
    if (any) this.pushChanges();
  }

  /** Settings, a configuration file or the folders changed: everything is walked and checked again (mostly from the cache). */
  configurationChanged(): void {
    this.stale = true;
    this.pushChanges();
  }

  /**
   * A document or a notebook opened: the scheduler's live findings replace ours (same findings for a
   * saved file). A notebook's go to its cells' URIs, not the file's: push clients are told the
   * file has none (pull clients at the next workspace pull, `handedOverReport`).
   */
  opened(uri: string): void {
    const file = fsPathOf(uri);
    if (!file) return;
    this.openFiles.add(file);
    const findings = this.files.get(uriOf(file));
    if (!findings) return;
    if (isNotebookPath(file) && findings.published !== undefined)
      void this.context.connection.sendDiagnostics({ uri: findings.uri, diagnostics: [] });
    findings.published = undefined;
  }

  /**
   * A document or a notebook closed: whether its findings on disk take over from the live ones (the
   * file is in a workspace folder and the workspace's findings are wanted). Then push clients keep
   * what they show until the file's findings from disk replace it (no clearing in between; a
   * notebook's cells are cleared by the scheduler, its file gets its findings from disk).
   */
  closed(uri: string): boolean {
    const file = fsPathOf(uri);
    if (file) this.openFiles.delete(file);
    if (!file || !this.active() || !this.inFolder(file)) return false;
    const known = this.files.get(uriOf(file));
    if (known) {
      // The client dropped or replaced what it had: the next report of the file is in full.
      known.resultId = this.nextResultId();
      known.published = undefined;
      this.changed.add(file);
    } else this.stale = true;
    this.pushChanges();
    return true;
  }

  // ---- the sync -----------------------------------------------------------------------------------

  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Brings `files` up to date: walks the folders when stale (clearing files no longer found), else
   * checks the changed files; `onFile` is told of each file checked or cleared. Cancelled by `token`
   * between files (the next sync starts again from a walk, mostly from the cache).
   */
  private async sync(progress: WorkDoneProgressReporter, token: CancellationToken, onFile: FileListener) {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort(cancelledError()));
    const walk = this.stale;
    this.stale = false;
    const recheck = [...this.changed];
    this.changed.clear();
    progress.begin(PROGRESS_TITLE, 0, walk ? 'listing files' : `${recheck.length} changed files`, true);
    try {
      const walkStarted = performance.now();
      const folders = this.folderRuns();
      const work = walk ? this.walkFolders(folders, onFile) : this.changedFiles(folders, recheck);
      const walkMs = Math.round(performance.now() - walkStarted);
      const total = work.reduce((sum, [, files]) => sum + files.length, 0);
      const counter = new ProgressCounter(progress, total);
      const started = performance.now();
      let fromCache = 0;
      for (const [folder, files] of work) {
        if (token.isCancellationRequested) throw cancelledError();
        await this.checkFolderFiles(folder, files, controller.signal, (report, cached) => {
          const uri = uriOf(report.path);
          onFile(uri, this.record(uri, report, folder.settings));
          if (cached) fromCache++;
          counter.done();
        });
      }
      counter.finish();
      const ms = Math.round(performance.now() - started);
      this.context.log.info(
        `workspace: checked ${total} files, ${fromCache} from the cache (${ms} ms; ${walk ? `walk ${walkMs} ms` : 'no walk'})`,
      );
    } catch (error) {
      this.stale = true;
      if (controller.signal.aborted || token.isCancellationRequested) throw cancelledError();
      throw error;
    } finally {
      subscription.dispose();
      progress.done();
    }
  }

  /** Each enabled folder with its settings and configurations, the innermost folder first. */
  private folderRuns(): FolderRun[] {
    const runs: FolderRun[] = [];
    for (const uri of this.context.folders()) {
      const root = fsPathOf(uri);
      if (!root) continue;
      const settings = this.context.settingsFor(`${uri.replace(/\/+$/, '')}/`);
      if (!settings.enable) continue;
      // The same options as the open documents' configurations (project-configs.ts) and the workers';
      // the folder roots its files that no configuration governs, as `pyconv check` run there does.
      const configOptions: ConfigCacheOptions = {
        overrides: settings.overrides,
        preference: settings.configurationPreference,
        fallbackRoots: [root],
      };
      runs.push({ root, settings, configs: new ConfigCache(configOptions), configOptions });
    }
    return runs.sort((a, b) => b.root.length - a.root.length);
  }

  /** The files of every folder, each in its innermost folder only; known files not found are cleared. */
  private walkFolders(folders: readonly FolderRun[], onFile: FileListener): Array<[FolderRun, string[]]> {
    const seen = new Set<string>();
    const work: Array<[FolderRun, string[]]> = [];
    for (const folder of folders) {
      // Notebooks too: a closed one's findings are shown on its file (workspace-notebooks.ts).
      const { files, errors } = collectFiles([folder.root], folder.configs);
      for (const error of errors) this.context.log.warn(`workspace: ${error}`);
      const own = files.filter((file) => !seen.has(file) && !this.isOpen(uriOf(file)));
      for (const file of files) seen.add(file);
      work.push([folder, own]);
    }
    for (const uri of [...this.files.keys()]) {
      const file = fsPathOf(uri);
      if (file && seen.has(file)) continue;
      this.files.delete(uri);
      onFile(uri, undefined);
    }
    return work;
  }

  /** The changed files, by the innermost folder holding them. */
  private changedFiles(
    folders: readonly FolderRun[],
    files: readonly string[],
  ): Array<[FolderRun, string[]]> {
    return folders.map((folder) => [
      folder,
      files.filter(
        (file) => !this.isOpen(uriOf(file)) && folders.find((f) => isInside(file, f.root)) === folder,
      ),
    ]);
  }

  private async checkFolderFiles(
    folder: FolderRun,
    files: readonly string[],
    signal: AbortSignal,
    onReport: (report: FileReport, fromCache: boolean) => void,
  ): Promise<void> {
    if (files.length === 0) return;
    const cache = this.openCache(folder);
    try {
      await checkBatch({
        files,
        configs: folder.configs,
        configOptions: folder.configOptions,
        cache,
        parser: this.context.parser,
        maxWorkers: MAX_WORKERS,
        signal,
        onReport,
      });
    } finally {
      const problem = cache?.save();
      if (problem) this.context.log.warn(`workspace: ${problem}`);
    }
  }

  private openCache(folder: FolderRun) {
    try {
      return openProjectCache(cacheRootForFolder(folder.root, folder.configs), folder.configs);
    } catch (error) {
      this.context.log.warn(`workspace: no findings cache (${describe(error)})`);
      return undefined;
    }
  }

  /** Stores a file's report; a new result id only when its findings changed. */
  private record(uri: string, report: FileReport, settings: ClientSettings): FileFindings {
    if (report.error) this.context.log.warn(`workspace: ${report.path}: ${report.error}`);
    const shown = settings.showSyntaxErrors
      ? report.diagnostics
      : report.diagnostics.filter((d) => d.code !== SYNTAX_ERROR_CODE);
    const diagnostics = isNotebookPath(report.path)
      ? notebookFileDiagnostics(report, shown)
      : shown.map(toLspDiagnostic);
    const known = this.files.get(uri);
    // Compared only when the file was known (a first walk of a large workspace stringifies nothing).
    if (known) {
      const key = JSON.stringify(diagnostics);
      known.key ??= JSON.stringify(known.diagnostics);
      if (known.key === key) return known;
    }
    const findings: FileFindings = { uri, diagnostics, resultId: this.nextResultId() };
    this.files.set(uri, findings);
    return findings;
  }

  private nextResultId(): string {
    return `ws-${this.session}-${++this.results}`;
  }

  /** By path: the client's URI of a file may be spelled otherwise than ours (`%40` or `@`). */
  private isOpen(uri: string): boolean {
    if (this.context.documents.get(uri) !== undefined) return true;
    const file = fsPathOf(uri);
    return file !== undefined && this.openFiles.has(file);
  }

  private inFolder(file: string): boolean {
    return this.context.folders().some((uri) => {
      const root = fsPathOf(uri);
      return root !== undefined && isInside(file, root);
    });
  }
}

function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

function isInside(file: string, root: string): boolean {
  return file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Files whose change on disk changes the workspace's findings (configuration files go through settings-sync). */
export function isWatchedSource(file: string): boolean {
  return /\.(py|pyi|ipynb)$/i.test(file);
}

function isNotebookUri(uri: string): boolean {
  const file = fsPathOf(uri);
  return file !== undefined && isNotebookPath(file);
}

/** The globs registered for `workspace/didChangeWatchedFiles` besides the configuration files'. */
export const SOURCE_WATCH_GLOBS = ['**/*.py', '**/*.pyi', '**/*.ipynb'];
