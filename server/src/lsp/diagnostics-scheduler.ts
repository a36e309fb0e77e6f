import {
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticReport,
  LSPErrorCodes,
  type PublishDiagnosticsParams,
  ResponseError,
} from 'vscode-languageserver';
import { type AnalysisCache, analyze } from '../engine/analyze';
import { SYNTAX_ERROR_CODE } from '../engine/syntax-errors';
import type { Diagnostic as EngineDiagnostic } from '../engine/types';
import { allRules } from '../rules/registry';
import type { ClientFeatures } from './client-features';
import type { ClientSettings } from './client-settings';
import { type LspConversion, toLspDiagnosticsAfter } from './convert';
import { shouldAnalyze } from './document-analysis';
import { type DocumentStore, type OpenDocument, RECONCILE_AFTER_MS } from './documents';
import { describe } from './guards';
import { fitHeapToUse, IdleCollector } from './idle-gc';
import type { ServerLog } from './log';
import type { ClientMessages } from './messages';
import type { DocumentConfig } from './project-configs';
import { WINDOW_MIN_LINES, WindowPublisher } from './window-publish';

/**
 * One slice of analysis: the engine stops starting new top-level statements past it, and the
 * scheduler lets the event loop serve requests before the next slice.
 */
const SLICE_MS = 8;
/**
 * The first analysis of a file longer than this many lines publishes what it found in its first
 * `FIRST_LOOK_MS` of statements (those from the top, after the per-file work), then goes on until
 * the file is done.
 */
const FIRST_LOOK_LINES = 2_000;
const FIRST_LOOK_MS = 60;
/**
 * A keystroke made while the opening analysis goes on is published after one short step of its
 * version: the statements analysed so far, the edited one, and more statements for as long as the
 * step's per-file work took (module facts, placing the cached results: ~5 ms at 10k lines, ~40 ms
 * at 50k), at most this long. Where that work is small a keystroke costs little; where it is large
 * every keystroke of the opening pays it, so the opening moves on by as much at each, and ends
 * after fewer of them (measured at 50k lines under load: with one statement a step, three times
 * as many keystrokes landed in the opening, each paying the per-file work).
 */
const QUICK_LOOK_MAX_MS = 20;
/** Quiet time after the last analysis before a full garbage collection. */
const IDLE_GC_AFTER_MS = 2_000;

/**
 * The deadlines of one analysis done in slices. A call of the engine that starts an analysis of a
 * tree has a cost proportional to the file (module facts, placing the cached results) on top of the
 * statements it analyses; the statements get at least as long as that, so that an analysis in
 * slices costs at most about twice an uninterrupted one (measured at 50k lines: 8 ms of statements
 * after ~60 ms of per-file work made the first analysis cost several uninterrupted ones, and the
 * first keystroke wait for it). A call that continues the last one's partial analysis of the same
 * tree and text (`Continuation` in engine/analyze.ts) has no such cost: it gets `SLICE_MS`, so that
 * a keystroke or request arriving meanwhile does not wait behind a slice as long as the per-file
 * work of the call before (measured at 10k lines under load: 40-95 ms slices after a keystroke's
 * quick look, each delaying the next keystroke by as much).
 */
export class AnalysisSlices {
  /** What the last call that started an analysis spent outside the statements. */
  private perCallMs = 0;

  get overheadMs(): number {
    return this.perCallMs;
  }

  /** The deadline of a call started at `start` that starts an analysis of its tree. */
  deadline(start: number): number {
    return start + this.perCallMs + Math.max(SLICE_MS, this.perCallMs);
  }

  /** The deadline of a call started at `start` that continues the last one's partial analysis. */
  continuedDeadline(start: number): number {
    return start + SLICE_MS;
  }

  /** A call that started an analysis took `elapsedMs`, of which `unitsMs` in statements. */
  measured(elapsedMs: number, unitsMs: number): void {
    this.perCallMs = Math.max(0, elapsedMs - unitsMs);
  }
}

/** An analysis of a document, tagged with what it was computed from. */
export interface AnalysisSnapshot {
  version: number;
  /** Which configuration (project and editor settings generations) it used. */
  configKey: string;
  /** Which tree of the version: `OpenDocument.reconciles` when it was analysed. */
  reconciles: number;
  diagnostics: EngineDiagnostic[];
  /** Not every statement was analysed yet: the diagnostics found so far; analysing again continues. */
  partial?: boolean;
  /** Partial, every statement analysed: only the file rules are left (one block, see `run`). */
  fileRulesLeft?: true;
  /** Milliseconds the analysis spent in statements (the rest was per-file work). */
  unitsMs?: number;
  /** The findings cache's answer for the opened text (cached-findings.ts), not an analysis: no fixes. */
  fromCache?: true;
}

/**
 * Whether `next` says what `published` said, about the same version: a reconciled tree (see
 * `OpenDocument.reconcile`) that changes nothing is not published again.
 */
export function sameResult(published: AnalysisSnapshot | undefined, next: AnalysisSnapshot): boolean {
  return (
    published !== undefined &&
    published.version === next.version &&
    published.configKey === next.configKey &&
    !published.partial &&
    !next.partial &&
    shownKey(published.diagnostics) === shownKey(next.diagnostics)
  );
}

/** What the client is shown of diagnostics (no fixes: they never travel, see `toLspDiagnostic`). */
function shownKey(diagnostics: readonly EngineDiagnostic[]): string {
  return JSON.stringify(
    diagnostics.map(({ code, message, severity, range: { start, end } }) => [
      code,
      message,
      severity,
      start.line,
      start.character,
      end.line,
      end.character,
    ]),
  );
}

/** A complete report's result id (`pull`): a cached answer's differs from its analysis's. */
function resultIdOf(snapshot: AnalysisSnapshot): string {
  const source = snapshot.fromCache ? '|cache' : '';
  return `${snapshot.version}|${snapshot.configKey}|${snapshot.reconciles}${source}`;
}

/** Whether `snapshot` is the complete analysis of this version, configuration and tree. */
function isCompleteFor(
  snapshot: AnalysisSnapshot | undefined,
  version: number,
  configKey: string,
  reconciles: number,
): snapshot is AnalysisSnapshot {
  return (
    snapshot !== undefined &&
    snapshot.version === version &&
    snapshot.configKey === configKey &&
    snapshot.reconciles === reconciles &&
    !snapshot.partial
  );
}

/** What the scheduler knows about one open document. */
interface DocumentAnalysis {
  /** The engine's cache, reused by the next analysis whatever its version. */
  cache?: AnalysisCache;
  /** The latest analysis, complete or partial. */
  latest?: AnalysisSnapshot;
  /** The latest complete analysis, of this version or an earlier one. */
  complete?: AnalysisSnapshot;
  /** The analysis last pushed to the client, so that the same result is not sent twice. */
  published?: AnalysisSnapshot;
  /** The debounce timer of the next run. */
  timer?: NodeJS.Timeout;
  /** The current run; an older run stops at its next slice. */
  run?: object;
  /**
   * `pyconv.run: "onSave"`: the version opened or last saved, the one whose findings are shown,
   * and its complete analysis once made (what a pull answers while the text changes after it).
   */
  saved?: { version: number; snapshot?: AnalysisSnapshot };
  /** Publishes at once from the statements around an edit, until the pause's whole analysis. */
  windows: WindowPublisher;
  /** The version just opened, whose findings the findings cache may hold (asked once, see `cachedAnswer`). */
  opening?: number;
  /** The findings cache's answer for the opened version, shown until its own analysis is complete. */
  fromCache?: AnalysisSnapshot;
  /** When the document last changed (`performance.now()`); undefined until a change. */
  changedAt?: number;
  /** When its diagnostics were last pushed. */
  pushedAt?: number;
  /** What the last call of the engine that started an analysis of a tree spent outside the statements. */
  perFileMs?: number;
  /** The diagnostics last shown and their published forms, which the next share mostly (see `toLspDiagnosticsAfter`). */
  shown?: LspConversion;
}

/** What the scheduler reads from the server; all resolved at `initialize`. */
export interface SchedulerContext {
  connection: Connection;
  /** Whether messages were read that are not dispatched yet (see message-reader.ts): they go first. */
  messagesWaiting(): boolean;
  /**
   * Whether the client has sent anything not dispatched yet, read or not (read now, without waiting:
   * see message-reader.ts); true where the transport cannot tell. Unlike `messagesWaiting`, a
   * system call.
   */
  inputWaiting(): boolean;
  documents: DocumentStore;
  features: ClientFeatures;
  messages: ClientMessages;
  settingsFor(uri: string): ClientSettings;
  /** Settles when the client's settings have arrived (or it took too long to answer). */
  settingsReady(): Promise<void>;
  configFor(document: OpenDocument): DocumentConfig;
  /** Changes whenever the project configuration or the editor settings change. */
  configKey(): string;
  /**
   * Sends pushed diagnostics (a notebook's module document's go to its cells: lsp/notebooks.ts);
   * settles once they are written.
   */
  publish(params: PublishDiagnosticsParams): Promise<void>;
  /** Documents whose diagnostics are pushed to pulling clients too (notebooks' module documents). */
  alwaysPushed(uri: string): boolean;
  /** The findings of the opened text as the findings cache holds them, if it does (cached-findings.ts). */
  cachedFindings(
    document: OpenDocument,
    config: DocumentConfig,
    settings: ClientSettings,
  ): EngineDiagnostic[] | undefined;
  log: ServerLog;
}

const turnOfEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * Most event-loop turns a yield waits for the messages read to be dispatched: a few per message
 * read together (vscode-jsonrpc dispatches one per turn), a bound where a count went wrong.
 */
const MAX_TURNS_FOR_MESSAGES = 16;

/**
 * When documents are analysed and what reaches the client: debounce, push or pull, analysis in
 * slices that let requests through, and the per-document analysis state. Only complete results are
 * pushed, except a large file's first look and a run past `pyconv.timeBudgetMs`.
 */
export class DiagnosticsScheduler {
  private readonly analyses = new Map<string, DocumentAnalysis>();
  /** Gives memory back after bursts of analyses (see idle-gc.ts). */
  private readonly idleCollector = new IdleCollector(IDLE_GC_AFTER_MS);
  private partialResults = 0;
  /** When an analysis last ran (`performance.now()`), for `quiet`. */
  private lastAnalysedAt = 0;

  constructor(private readonly context: SchedulerContext) {}

  /**
   * A document just opened: its diagnostics at once. A large file's come from the findings cache
   * when it holds this very text (see `cachedAnswer`); its analysis follows in the background.
   */
  opened(uri: string): void {
    this.markSaved(uri);
    const document = this.context.documents.get(uri);
    if (document && document.text.lineCount > FIRST_LOOK_LINES)
      this.analysisOf(uri).opening = document.text.version;
    this.analyzeNow(uri);
  }

  /**
   * The document changed: with `pyconv.run: "onType"`, new diagnostics once the debounce has
   * passed without another change; with `"onSave"`, none until it is saved.
   */
  changed(uri: string): void {
    this.analysisOf(uri).changedAt = performance.now();
    if (this.context.settingsFor(uri).run === 'onSave') this.stop(uri);
    else this.analyzeAfterDebounce(uri);
  }

  /** `didSave`: with `pyconv.run: "onSave"`, the saved version's diagnostics (pushed, or pulled again). */
  saved(uri: string): void {
    if (this.context.settingsFor(uri).run !== 'onSave') return;
    this.markSaved(uri);
    if (this.pushes(uri)) this.analyzeNow(uri);
    if (!this.context.features.pullDiagnostics) return;
    if (this.context.features.diagnosticRefresh) this.context.connection.languages.diagnostics.refresh();
  }

  private markSaved(uri: string): void {
    const document = this.context.documents.get(uri);
    if (document) this.analysisOf(uri).saved = { version: document.text.version };
  }

  /** The configuration changed: push its diagnostics at once. */
  analyzeNow(uri: string): void {
    this.schedule(uri, this.context.settingsFor(uri), 0);
  }

  /** The document changed: push its diagnostics once the debounce has passed without another change. */
  analyzeAfterDebounce(uri: string): void {
    const settings = this.context.settingsFor(uri);
    this.schedule(uri, settings, settings.debounceMs);
  }

  /** The configuration changed: pushed diagnostics are redone, pulling clients asked to pull again. */
  configurationChanged(): void {
    // With `run: "onSave"` too, new settings show at once, for the text as it is now.
    for (const document of this.context.documents.all())
      if (this.context.settingsFor(document.uri).run === 'onSave') this.markSaved(document.uri);
    for (const document of this.context.documents.all())
      if (this.pushes(document.uri)) this.analyzeNow(document.uri);
    if (this.context.features.pullDiagnostics && this.context.features.diagnosticRefresh) {
      this.context.connection.languages.diagnostics.refresh();
    }
  }

  /** A document closed: push clients' diagnostics of it are cleared. */
  closed(uri: string): void {
    this.forget(uri);
    if (this.pushes(uri)) this.context.publish({ uri, diagnostics: [] });
  }

  /** A document closed whose findings on disk take over (workspace-diagnostics.ts): nothing is cleared. */
  forget(uri: string): void {
    this.stop(uri);
    this.analyses.delete(uri);
  }

  /**
   * Resolves once no analysis has run or been waiting for `quietMs` (checked every `quietMs`):
   * background work started then (the project index) does not compete with a document's first
   * diagnostics or the analyses of someone typing.
   */
  async quiet(quietMs: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const busy = [...this.analyses.values()].some((analysis) => analysis.run || analysis.timer);
      if (!busy && performance.now() - this.lastAnalysedAt >= quietMs) return;
    }
  }

  dispose(): void {
    for (const uri of this.analyses.keys()) this.stop(uri);
  }

  /**
   * Documents nobody used for a while, past the last few used (see `DocumentStore.releaseIdleTrees`),
   * let go of their analysis caches: what a statement's results, memo slots and module facts hold
   * is most of an open file's memory (measured: about 8 MB of a 10k-line file's 10; twenty such
   * files open took 430 MB). Their results stay (pulls, hover, code actions); the next change to one
   * analyses it afresh, as on opening, in slices. Then, as after trees let go, the garbage is
   * collected once the server is idle.
   */
  releaseCaches(uris: readonly string[]): void {
    for (const uri of uris) {
      const analysis = this.analyses.get(uri);
      if (!analysis || analysis.run || analysis.timer) continue;
      analysis.cache = undefined;
      analysis.windows = new WindowPublisher();
    }
    this.idleCollector.poke();
  }

  /** The diagnostics of the current version, analysed now unless known (code actions, debugging). */
  currentDiagnostics(document: OpenDocument): readonly EngineDiagnostic[] {
    const settings = this.context.settingsFor(document.uri);
    // A window of the edits answers at once where one applies, as it would be published.
    const windowed = this.windowStep(document, settings);
    if (windowed) return windowed.diagnostics;
    const deadline = performance.now() + settings.timeBudgetMs;
    let snapshot = this.step(document, settings, deadline);
    // A first analysis leaves its file rules (of unknown cost) to a call of their own: made at once.
    while (snapshot.partial && performance.now() < deadline)
      snapshot = this.step(document, settings, deadline);
    if (snapshot.partial) this.warnPartial(document.uri, settings);
    return snapshot.diagnostics;
  }

  /**
   * The diagnostics of the current text for its code actions, without waiting for a whole analysis
   * where one is known: a complete analysis of this version and configuration (of a tree since
   * reconciled too: the text, so every fix's edits, are the same), else a window of the edits, else
   * the whole analysis now (a small file, or no window applies).
   */
  diagnosticsForActions(document: OpenDocument): readonly EngineDiagnostic[] {
    return this.knownDiagnostics(document) ?? this.currentDiagnostics(document);
  }

  /**
   * The diagnostics of the current text for the light bulb's automatic requests (sent as the cursor
   * moves, so while someone types): in a file large enough to be published by windows, only what
   * is known without analysing (see `knownDiagnostics`), else undefined, so that the answer never
   * waits for an analysis or a parse. The version's actions are offered once its diagnostics are
   * published: the client asks again when its diagnostics change (VS Code's light bulb does).
   */
  diagnosticsForLightBulb(document: OpenDocument): readonly EngineDiagnostic[] | undefined {
    if (document.text.lineCount < WINDOW_MIN_LINES) return this.diagnosticsForActions(document);
    return this.knownDiagnostics(document);
  }

  /**
   * The diagnostics of the current text known without analysing: a complete analysis of this version
   * and configuration (a window publish, or of a tree since reconciled too: the text, so every fix's
   * edits, are the same), else during the opening analysis what is known of the version.
   */
  private knownDiagnostics(document: OpenDocument): readonly EngineDiagnostic[] | undefined {
    const complete = this.analyses.get(document.uri)?.complete;
    if (complete?.version === document.text.version && complete.configKey === this.context.configKey())
      return complete.diagnostics;
    return this.openingLook(document)?.diagnostics;
  }

  /**
   * During the opening analysis of a large document (see `inOpeningAnalysis`), the latest analysis of its current version, partial or not: a code action is answered from what
   * is known rather than after the whole file (`prepareForActions` makes one).
   */
  private openingLook(document: OpenDocument): AnalysisSnapshot | undefined {
    const latest = this.analyses.get(document.uri)?.latest;
    if (!latest || !this.inOpeningAnalysis(document)) return undefined;
    if (latest.version !== document.text.version || latest.configKey !== this.context.configKey())
      return undefined;
    return latest.reconciles === document.reconciles ? latest : undefined;
  }

  /**
   * Whether the document is a large one (it gets a first look) with no complete analysis of any
   * version yet, nor the findings cache's complete answer shown (its fixes are the real analysis's).
   */
  private inOpeningAnalysis(document: OpenDocument): boolean {
    const analysis = this.analyses.get(document.uri);
    return (
      document.text.lineCount > FIRST_LOOK_LINES &&
      analysis !== undefined &&
      !analysis.complete &&
      !analysis.fromCache
    );
  }

  /**
   * Makes `diagnosticsForActions` of the document's current version cheap without holding up other
   * requests: where neither a complete analysis of the version nor a window of its edits is at hand
   * in a large file, the version is analysed in slices, yielding between them, as the scheduler's
   * runs do. Follows newer versions until one is analysed, or the request is cancelled.
   */
  async prepareForActions(uri: string, token: CancellationToken): Promise<void> {
    await this.context.settingsReady();
    const slices = new AnalysisSlices();
    for (;;) {
      if (token.isCancellationRequested)
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      const document = this.context.documents.get(uri);
      if (!document || document.text.lineCount < WINDOW_MIN_LINES) return;
      const complete = this.analyses.get(uri)?.complete;
      if (complete?.version === document.text.version && complete.configKey === this.context.configKey())
        return;
      const settings = this.context.settingsFor(uri);
      if (this.windowStep(document, settings) || this.openingLook(document)) return;
      if (this.parsedInSlice(document, settings)) {
        // While the opening analysis goes on, the fixes of what is known (see `openingLook`).
        if (this.inOpeningAnalysis(document)) {
          this.step(document, settings, performance.now());
          return;
        }
        if (!this.sliceStep(document, settings, slices).partial) return;
      }
      await this.yieldToEventLoop();
    }
  }

  /** Brings the document's tree up to date in slices, yielding between them (a request that reads the tree). */
  async parsedInSlices(uri: string, token: CancellationToken): Promise<void> {
    for (;;) {
      if (token.isCancellationRequested)
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      const document = this.context.documents.get(uri);
      if (!document || document.parseInSlice(performance.now() + SLICE_MS)) return;
      await this.yieldToEventLoop();
    }
  }

  /**
   * What the client was last shown (hover): the latest complete diagnostics, perhaps of an earlier
   * version. Never a whole analysis of a large file, which would keep the answer waiting for it:
   * before its first complete analysis, the findings cache's answer if it gave one, else the
   * findings so far; a small file is analysed now.
   */
  shownDiagnostics(document: OpenDocument): readonly EngineDiagnostic[] {
    const analysis = this.analyses.get(document.uri);
    if (analysis?.complete) return analysis.complete.diagnostics;
    if (analysis?.fromCache) return analysis.fromCache.diagnostics;
    if (document.text.lineCount > FIRST_LOOK_LINES) return analysis?.latest?.diagnostics ?? [];
    return this.currentDiagnostics(document);
  }

  /** `textDocument/diagnostic`: analysed in slices; past the time budget, a partial report. */
  async pull(
    uri: string,
    previousResultId: string | undefined,
    token: CancellationToken,
  ): Promise<DocumentDiagnosticReport> {
    await this.context.settingsReady();
    const settings = this.context.settingsFor(uri);
    const startedAt = performance.now();
    const slices = new AnalysisSlices();
    for (;;) {
      if (token.isCancellationRequested)
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      const document = this.context.documents.get(uri);
      if (!document) return { kind: 'full', items: [] };
      const saved = settings.run === 'onSave' ? this.analyses.get(uri)?.saved : undefined;
      if (saved?.snapshot && saved.version !== document.text.version)
        return this.report(uri, saved.snapshot, previousResultId);
      const cached = this.cachedAnswer(document, settings);
      if (cached && !this.completeFor(document)) return this.report(uri, cached, previousResultId);
      const windowed = this.windowStep(document, settings);
      if (windowed) {
        this.reconcileWhenQuiet(document);
        return this.report(uri, windowed, previousResultId);
      }
      if (!this.parsedInSlice(document, settings)) {
        await this.yieldToEventLoop();
        continue;
      }
      const snapshot = this.sliceStep(document, settings, slices);
      const overBudget = performance.now() - startedAt >= settings.timeBudgetMs;
      if (snapshot.partial && !overBudget) {
        await this.yieldToEventLoop();
        continue;
      }
      if (snapshot.partial) this.warnPartial(uri, settings);
      else if (saved?.version === snapshot.version) saved.snapshot = snapshot;
      this.reconcileWhenQuiet(document);
      return this.report(uri, snapshot, previousResultId);
    }
  }

  /** Once the user pauses, a tree parsed through syntax errors or published by window is made exact (see reconcile). */
  private reconcileWhenQuiet(document: OpenDocument): void {
    document.reconcileWhenQuiet(RECONCILE_AFTER_MS, () => {
      if (this.context.features.diagnosticRefresh) this.context.connection.languages.diagnostics.refresh();
    });
  }

  private report(
    uri: string,
    snapshot: AnalysisSnapshot,
    previousResultId: string | undefined,
  ): DocumentDiagnosticReport {
    // A partial result is never "unchanged": the next pull continues the analysis.
    const partial = snapshot.partial ? `|partial${++this.partialResults}` : '';
    const resultId = `${resultIdOf(snapshot)}${partial}`;
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    // The analysis confirmed the findings cache's answer: the client keeps what it has.
    const cached = this.analyses.get(uri)?.fromCache;
    if (cached && previousResultId === resultIdOf(cached) && sameResult(cached, snapshot))
      return { kind: 'unchanged', resultId: previousResultId };
    return { kind: 'full', resultId, items: this.shown(uri, snapshot.diagnostics) };
  }

  /**
   * Whether the document's diagnostics are pushed: for push clients, and for notebooks always
   * (vscode-languageclient pulls only for documents it opened with `textDocument/didOpen`, never
   * for notebook cells).
   */
  private pushes(uri: string): boolean {
    return !this.context.features.pullDiagnostics || this.context.alwaysPushed(uri);
  }

  private analysisOf(uri: string): DocumentAnalysis {
    let analysis = this.analyses.get(uri);
    if (!analysis) {
      analysis = { windows: new WindowPublisher() };
      this.analyses.set(uri, analysis);
    }
    return analysis;
  }

  private stop(uri: string): void {
    const analysis = this.analyses.get(uri);
    if (!analysis) return;
    clearTimeout(analysis.timer);
    analysis.timer = undefined;
    analysis.run = undefined;
  }

  private schedule(uri: string, settings: ClientSettings, delayMs: number): void {
    // A pulling client's documents are analysed by its pulls; one just opened may be answered from
    // the findings cache, and then its analysis goes on in the background (see `run`).
    if (!this.pushes(uri) && this.analyses.get(uri)?.opening === undefined) return;
    const document = this.context.documents.get(uri);
    if (!document) return;
    this.stop(uri);
    const version = document.text.version;
    const analysis = this.analysisOf(uri);
    const run = {};
    analysis.run = run;
    if (delayMs <= 0) {
      void this.run(uri, version, settings, run);
      return;
    }
    // Timers run before the event loop reads input: a request sent just before the debounce ends is
    // read, and answered, before the run (which starts with a window publish or a slice).
    analysis.timer = setTimeout(() => {
      analysis.timer = undefined;
      void this.yieldToEventLoop().then(() => this.run(uri, version, settings, run));
    }, delayMs);
  }

  /**
   * Analyses one version in slices, yielding between them, and pushes the complete result. A run is
   * abandoned when a newer change or configuration starts another; its work stays in the cache.
   */
  private async run(uri: string, version: number, settings: ClientSettings, run: object): Promise<void> {
    const analysis = this.analysisOf(uri);
    const current = () => {
      const document = this.context.documents.get(uri);
      return document && document.text.version === version && analysis.run === run ? document : undefined;
    };
    try {
      await this.context.settingsReady();
      const opened = current();
      if (!opened) return;
      const cached = this.cachedAnswer(opened, settings);
      if (cached && this.pushes(uri)) this.push(uri, cached);
      else if (cached) analysis.published = cached;
      else if (!this.pushes(uri)) return;
      const windowed = this.windowStep(opened, settings);
      if (windowed) {
        // A request sent while the window was analysed is answered before the publish, rather than
        // after its conversion, serialisation and writing (the whole file's diagnostics: 335 kB at
        // 10k lines), and its response reaches the client first, which would otherwise decode the
        // publish before it. A newer version publishes its own. Only then: a turn of the event loop
        // runs what V8 queued meanwhile (garbage collection and compilation tasks) before the
        // publish, not after it (measured at 2k lines under load: p90 from the window's end to the
        // publish 3.6-4.8 ms with the turn, 0.2 without).
        if (this.context.inputWaiting()) {
          await this.yieldToEventLoop();
          if (!current()) return;
        }
        const written = this.push(uri, windowed);
        // Windows far apart are parsed into the tree once the publish is out (see
        // `WindowPublisher.absorbPublished`): after its writing, not before (a 10k-line tree's
        // incremental parse, p50 2.8 ms, p95 17 ms, measured in process, would delay the publish).
        if (analysis.windows.absorbPending) void written.then(() => this.absorbPublished(uri, version));
        return;
      }
      // A large file just opened shows its first diagnostics at once, silently; the rest follows
      // within the time budget, or is shown as found so far, with a message, once past it. Until
      // its first complete analysis, every version gets such a first look: a keystroke made while
      // the opening analysis goes on (which it continues, from the cache) is not made to wait for
      // the whole file.
      // The findings cache answered: the complete findings are shown, no first look or warning is due.
      const opening = !analysis.complete;
      let firstLook = !cached && opening && opened.text.lineCount > FIRST_LOOK_LINES;
      // A keystroke made while the opening analysis goes on is published at once from what is known:
      // the statements analysed so far (the edited one again, where they reach it), without the
      // file rules; the opening analysis then goes on from the cache, on this version.
      let quickLook = firstLook && analysis.latest !== undefined;
      if (quickLook) firstLook = false;
      let budgetShown = cached !== undefined;
      let budgetFrom = 0;
      let spent = 0;
      const slices = new AnalysisSlices();
      for (let document = opened; ; ) {
        fitHeapToUse();
        // The parse goes in slices too: a fresh one in steps (see `OpenDocument.parseInSlice`).
        if (!this.parsedInSlice(document, settings)) {
          await this.yieldToEventLoop();
          const next = current();
          if (!next) return;
          document = next;
          continue;
        }
        const typingFor = this.openingFileRulesWait(document);
        if (typingFor > 0) {
          this.schedule(uri, settings, typingFor);
          return;
        }
        // A quick look analyses the edited statement, where the opening analysis reached it, and on.
        const quickLookMs = quickLook ? Math.min(QUICK_LOOK_MAX_MS, analysis.perFileMs ?? 0) : undefined;
        const snapshot = this.sliceStep(document, settings, slices, quickLookMs);
        if (!snapshot.partial) {
          if (cached) this.confirm(uri, cached, snapshot);
          this.push(uri, snapshot);
          if (opening) this.idleCollector.pokeAfterOpening();
          return;
        }
        if (quickLook) {
          quickLook = false;
          this.push(uri, snapshot);
        }
        // The budget counts what one uninterrupted analysis would have cost: the statements, once the per-file work.
        spent += snapshot.unitsMs ?? 0;
        const elapsed = spent + slices.overheadMs - budgetFrom;
        // The first look is of statements: counted with the per-file work, it was published after
        // the first slice's one statement (measured at 10k lines under load: empty).
        if (firstLook && spent >= Math.min(settings.timeBudgetMs, FIRST_LOOK_MS)) {
          firstLook = false;
          budgetFrom = spent;
          this.push(uri, snapshot);
        } else if (!firstLook && !budgetShown && elapsed >= settings.timeBudgetMs) {
          budgetShown = true;
          this.warnPartial(uri, settings);
          this.push(uri, snapshot);
        }
        await this.yieldToEventLoop();
        const next = current();
        if (!next) return;
        document = next;
      }
    } catch (error) {
      this.context.connection.console.error(`pyconv: analysing ${uri} failed: ${describe(error)}`);
    } finally {
      if (analysis.run === run) analysis.run = undefined;
    }
  }

  /**
   * Whether the next `step` of the document continues the latest analysis's work: a partial one of
   * the same version, configuration and tree (see `AnalysisSlices`).
   */
  private continues(document: OpenDocument): boolean {
    const latest = this.analyses.get(document.uri)?.latest;
    return (
      latest?.partial === true &&
      latest.version === document.text.version &&
      latest.configKey === this.context.configKey() &&
      latest.reconciles === document.reconciles
    );
  }

  /**
   * How long the opening analysis's file rules wait: they are one block (at 10k lines about 200 ms,
   * at 50k about a second under load) that a keystroke arriving meanwhile would wait behind, so
   * while someone types (a change less than `RECONCILE_AFTER_MS` ago) they are left to the pause,
   * as a window-published text's are (see `reconcile`): the keystrokes until then are published from
   * windows (see `WindowPublisher.unitsAnalysed`). Not before a first change (a file just opened is
   * analysed to the end at once). Quiet is counted from the last change or push, whichever came later: on a loaded machine a keystroke's own publish may take longer than that,
   * and the next keystroke is sent once it has arrived. 0 where they run now.
   */
  private openingFileRulesWait(document: OpenDocument): number {
    const analysis = this.analyses.get(document.uri);
    if (!analysis?.latest?.fileRulesLeft || analysis.changedAt === undefined) return 0;
    if (!this.continues(document) || !this.inOpeningAnalysis(document)) return 0;
    const quietFor = performance.now() - Math.max(analysis.changedAt, analysis.pushedAt ?? 0);
    return Math.max(0, RECONCILE_AFTER_MS - quietFor);
  }

  /**
   * One slice of the analysis of the document's current version (see `AnalysisSlices`), or a quick
   * look of `quickLookMs` where given. A partial call that started an analysis measures the per-file
   * work, for the slices that follow and the next quick look.
   */
  private sliceStep(
    document: OpenDocument,
    settings: ClientSettings,
    slices: AnalysisSlices,
    quickLookMs?: number,
  ): AnalysisSnapshot {
    const continued = this.continues(document);
    const sliceStart = performance.now();
    const deadline =
      quickLookMs !== undefined
        ? sliceStart + quickLookMs
        : continued
          ? slices.continuedDeadline(sliceStart)
          : slices.deadline(sliceStart);
    const snapshot = this.step(document, settings, deadline);
    if (!continued && snapshot.partial) {
      slices.measured(performance.now() - sliceStart, snapshot.unitsMs ?? 0);
      this.analysisOf(document.uri).perFileMs = slices.overheadMs;
    }
    return snapshot;
  }

  /** Analyses the document's current version until `deadline`, continuing from what is known. */
  private step(document: OpenDocument, settings: ClientSettings, deadline: number): AnalysisSnapshot {
    const analysis = this.analysisOf(document.uri);
    const config = this.context.configFor(document);
    const configKey = this.context.configKey();
    const version = document.text.version;
    const reconciles = document.reconciles;
    const last = analysis.latest;
    if (isCompleteFor(last, version, configKey, reconciles)) return last;
    const snapshot: AnalysisSnapshot = { version, configKey, reconciles, diagnostics: [] };
    if (shouldAnalyze(document, config, settings, this.context.messages)) {
      const { fileConfig } = config;
      const result = analyze(
        {
          source: document.text.getText(),
          tree: document.tree,
          rules: allRules,
          config: fileConfig.config,
          file: fileConfig.file,
          deadline,
        },
        analysis.cache,
      );
      analysis.cache = result.cache;
      snapshot.diagnostics = result.diagnostics;
      if (!result.partial) analysis.windows.wholeAnalysed(document, configKey, result.diagnostics, allRules);
      else snapshot.partial = true;
      // Every statement of the opening analysis is analysed, its file rules not yet: a keystroke
      // from now on is published from a window, without file-level findings until the pause's whole
      // analysis (rather than waiting for the file rules, the one block of the analysis).
      if (result.partial && result.unitsComplete) {
        snapshot.fileRulesLeft = true;
        if (!analysis.complete) analysis.windows.unitsAnalysed(document, configKey);
      }
      snapshot.unitsMs = result.stats.phases.units;
    }
    analysis.latest = snapshot;
    if (!snapshot.partial) analysis.complete = snapshot;
    this.analysed();
    return snapshot;
  }

  /**
   * Parses the windows of the version just published into its tree (see
   * `WindowPublisher.absorbPublished`), unless a newer change came meanwhile or the client's next
   * message is already waiting: the next window step absorbs them then, before its own publish.
   */
  private absorbPublished(uri: string, version: number): void {
    const document = this.context.documents.get(uri);
    if (!document || document.text.version !== version || this.context.inputWaiting()) return;
    this.analyses.get(uri)?.windows.absorbPublished(document);
  }

  /**
   * The diagnostics of the current version from a parse and analysis of the statements around the
   * edits only (see window-publish.ts), or undefined where the whole file is to be parsed.
   */
  private windowStep(document: OpenDocument, settings: ClientSettings): AnalysisSnapshot | undefined {
    const analysis = this.analysisOf(document.uri);
    const config = this.context.configFor(document);
    const configKey = this.context.configKey();
    const version = document.text.version;
    const reconciles = document.reconciles;
    if (isCompleteFor(analysis.latest, version, configKey, reconciles)) return analysis.latest;
    if (!shouldAnalyze(document, config, settings, this.context.messages)) return undefined;
    const { fileConfig } = config;
    const diagnostics = analysis.windows.analyze(
      document,
      configKey,
      { config: fileConfig.config, file: fileConfig.file, rules: allRules },
      analysis.cache,
    );
    if (!diagnostics) return undefined;
    const snapshot: AnalysisSnapshot = { version, configKey, reconciles, diagnostics };
    analysis.latest = snapshot;
    analysis.complete = snapshot;
    this.analysed();
    return snapshot;
  }

  /**
   * Lets the event loop read input and dispatch what it read before the next step: a request that
   * arrived during a slice or a publish is answered before the next one, not after it. (A
   * `setImmediate` of ours queued before the connection's, which dispatches one message a turn,
   * would otherwise run first.)
   */
  private async yieldToEventLoop(): Promise<void> {
    await turnOfEventLoop();
    for (let turn = 0; turn < MAX_TURNS_FOR_MESSAGES && this.context.messagesWaiting(); turn++)
      await turnOfEventLoop();
  }

  private analysed(): void {
    this.lastAnalysedAt = performance.now();
    this.idleCollector.poke();
  }

  /** Parses a slice of what an analysis of the document needs; true when nothing (more) is to be parsed. */
  private parsedInSlice(document: OpenDocument, settings: ClientSettings): boolean {
    const config = this.context.configFor(document);
    if (!shouldAnalyze(document, config, settings, this.context.messages)) return true;
    return document.parseInSlice(performance.now() + SLICE_MS);
  }

  /**
   * The findings cache's answer for the opened text, once its lookup is done (the first run or pull
   * of the version opened), while it is of the document's current version, configuration and tree.
   */
  private cachedAnswer(document: OpenDocument, settings: ClientSettings): AnalysisSnapshot | undefined {
    const analysis = this.analysisOf(document.uri);
    const version = document.text.version;
    const configKey = this.context.configKey();
    const reconciles = document.reconciles;
    if (analysis.opening !== undefined) {
      const opening = analysis.opening;
      analysis.opening = undefined;
      const config = this.context.configFor(document);
      const diagnostics =
        opening === version && shouldAnalyze(document, config, settings, this.context.messages)
          ? this.context.cachedFindings(document, config, settings)
          : undefined;
      if (diagnostics) {
        analysis.fromCache = { version, configKey, reconciles, diagnostics, fromCache: true };
        this.context.log.info(
          `${document.uri}: ${diagnostics.length} findings from the findings cache; analysing in the background`,
        );
      }
    }
    const cached = analysis.fromCache;
    if (
      cached &&
      cached.version === version &&
      cached.configKey === configKey &&
      cached.reconciles === reconciles
    )
      return cached;
    return undefined;
  }

  /** Whether the document's current version and configuration have a complete analysis. */
  private completeFor(document: OpenDocument): boolean {
    const complete = this.analyses.get(document.uri)?.complete;
    return complete?.version === document.text.version && complete.configKey === this.context.configKey();
  }

  /**
   * The analysis of the version the findings cache answered for is complete: it should say the
   * same (same build, configuration and text). Logged either way; a difference is then published
   * (push), or pulled again (`report` gives it another result id).
   */
  private confirm(uri: string, cached: AnalysisSnapshot, analysed: AnalysisSnapshot): void {
    if (sameResult(cached, analysed)) {
      this.context.log.info(`${uri}: the analysis agrees with the findings cache`);
      return;
    }
    this.context.log.warn(
      `${uri}: the analysis differs from the findings cache's answer; publishing the analysis`,
    );
    if (!this.pushes(uri) && this.context.features.diagnosticRefresh)
      this.context.connection.languages.diagnostics.refresh();
  }

  /** Publishes `snapshot`; settles once it is written (at once when nothing is sent). */
  private push(uri: string, snapshot: AnalysisSnapshot): Promise<void> {
    const analysis = this.analysisOf(uri);
    if (analysis.published === snapshot) return Promise.resolve();
    const unchanged = sameResult(analysis.published, snapshot);
    analysis.published = snapshot;
    analysis.pushedAt = performance.now();
    // Once the user pauses, a tree parsed through syntax errors is made exact (see reconcile), even
    // when this result is the one shown: a reconciled tree parsed afresh in slices may need another.
    // A cached answer has no tree of its own (its analysis that follows has).
    if (!snapshot.fromCache)
      this.context.documents.get(uri)?.reconcileWhenQuiet(RECONCILE_AFTER_MS, () => this.analyzeNow(uri));
    if (unchanged || !this.pushes(uri)) return Promise.resolve();
    return this.context.publish({
      uri,
      version: snapshot.version,
      diagnostics: this.shown(uri, snapshot.diagnostics),
    });
  }

  /** What the editor is sent: syntax errors only with `pyconv.showSyntaxErrors` (the default). */
  private shown(uri: string, diagnostics: readonly EngineDiagnostic[]) {
    const shown = this.context.settingsFor(uri).showSyntaxErrors
      ? diagnostics
      : diagnostics.filter((d) => d.code !== SYNTAX_ERROR_CODE);
    const analysis = this.analysisOf(uri);
    analysis.shown = toLspDiagnosticsAfter(shown, analysis.shown);
    return analysis.shown.converted;
  }

  private warnPartial(uri: string, settings: ClientSettings): void {
    this.context.messages.showOnce(
      `pyconv: checking ${uri} takes longer than pyconv.timeBudgetMs (${settings.timeBudgetMs} ms); its diagnostics are partial until the rest is checked, in steps.`,
    );
  }
}
