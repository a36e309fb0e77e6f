import type { AnalysisCache, LinesMoved, StatementKey } from '../engine/analyze';
import type { Rule } from '../engine/rule';
import type { Diagnostic, EngineConfig, FileInfo } from '../engine/types';
import {
  analyzeWindow,
  type FileLevelFindings,
  fileLevelFindings,
  type WindowPhases,
  withoutUnusedNoqa,
} from '../engine/window-analysis';
import type { OpenDocument } from './documents';

/** Smaller files are parsed whole at every keystroke: it costs little, and is exact at once. */
export const WINDOW_MIN_LINES = 1_000;
/**
 * The windows may span this many lines together, or a quarter of the file if that is more (see
 * `parseWindow`). Past it a keystroke gets a whole analysis, file rules and all (at 10k lines a
 * block of the event loop several times a quarter of the file's parse), so windows that add up
 * over edits far apart (not absorbed: see `OpenDocument.absorbWindows`) are let grow that far.
 */
const WINDOW_MAX_LINES = 800;
const WINDOW_FILE_FRACTION = 4;

export interface WindowAnalysisInput {
  config: EngineConfig;
  file: FileInfo;
  rules: readonly Rule[];
}

/** A window publish over windows far apart, whose edits are to be parsed into the tree. */
interface PublishedWindows {
  version: number;
  configKey: string;
  diagnostics: readonly Diagnostic[];
  rules: readonly Rule[];
  lineCount: number;
  statements: readonly StatementKey[];
  /** How many windows the publish had. */
  windows: number;
}

/**
 * One document's window publishes (see `engine/window-analysis.ts`): what they carry over from the
 * last whole analysis (or the last window publish whose edits the tree was parsed with: see
 * `OpenDocument.absorbWindows`), and the cache the windows since then share.
 */
export class WindowPublisher {
  /** The file-level findings the next windows carry, of the tree after `parses` parses of the document. */
  private fileLevel:
    | {
        parses: number;
        configKey: string;
        findings: FileLevelFindings;
        /** Their copies the windows carried (see `WindowInput.carriedCopies`). */
        carriedCopies: Map<Diagnostic, Diagnostic>;
      }
    | undefined;
  /** Lines of the text the cache the next window starts from (the last window's, else the whole one's) is of. */
  private analysedLines = 0;
  /**
   * The statements of the window analysis whose edits the document's tree was last parsed with
   * (`absorbWindows`): the next windows' statements outside them have these keys. Undefined: those
   * of the last whole analysis (the caller's cache).
   */
  private absorbedStatements: readonly StatementKey[] | undefined;
  /**
   * The last publish, of windows far apart, whose windows are to be parsed into the tree once it is
   * written (`absorbPublished`); still set at the next `analyze`, it was not (a change came first).
   */
  private absorbable: PublishedWindows | undefined;
  /**
   * How many windows the last publish had whose parse into the tree was abandoned (see
   * `OpenDocument.absorbWindows`): the same edits would cost the same again, so the next try waits
   * for more windows (edits at a new place). Undefined once one succeeds, or a whole analysis came.
   */
  private abandonedAt: number | undefined;
  /** The cache of the windows since the last whole analysis (the whole analysis's own is the caller's). */
  private cache: AnalysisCache | undefined;
  private unitConfig: { of: EngineConfig; config: EngineConfig } | undefined;
  /** Milliseconds per phase of the last window publish (the window's parse, then its analysis), for the keystroke profile. */
  lastPhases: ({ windowParse: number } & WindowPhases) | undefined;

  constructor(
    private readonly minLines = WINDOW_MIN_LINES,
    private readonly maxLines = WINDOW_MAX_LINES,
  ) {}

  /**
   * A complete analysis of the document's whole current tree, under `configKey`: the next windows
   * carry its file-level findings.
   */
  wholeAnalysed(
    document: OpenDocument,
    configKey: string,
    diagnostics: readonly Diagnostic[],
    rules: readonly Rule[],
  ): void {
    this.fileLevel = {
      parses: document.parses,
      configKey,
      findings: fileLevelFindings(diagnostics, rules, document.text.lineCount),
      carriedCopies: new Map(),
    };
    this.cache = undefined;
    this.absorbedStatements = undefined;
    this.absorbable = undefined;
    this.abandonedAt = undefined;
    this.analysedLines = document.text.lineCount;
  }

  /**
   * Every statement of the document's whole current tree was analysed under `configKey`, its file
   * rules not yet (the opening analysis, see `AnalysisResult.unitsComplete`): the next windows carry
   * no file-level findings (none is known yet), until a whole analysis.
   */
  unitsAnalysed(document: OpenDocument, configKey: string): void {
    this.wholeAnalysed(document, configKey, [], []);
  }

  /**
   * The diagnostics to publish at once for the document's current text, from a parse of the
   * statements around the edits only; undefined where that does not apply (a small file, no
   * whole or absorbed analysis of the tree the edits were made to, no sound windows): then the whole file is
   * parsed and analysed. `wholeCache` is the cache of the last whole analysis.
   */
  analyze(
    document: OpenDocument,
    configKey: string,
    input: WindowAnalysisInput,
    wholeCache: AnalysisCache | undefined,
  ): Diagnostic[] | undefined {
    const fileLevel = this.fileLevel;
    if (!fileLevel || fileLevel.parses !== document.parses || fileLevel.configKey !== configKey)
      return undefined;
    const lineCount = document.text.lineCount;
    if (lineCount < this.minLines) return undefined;
    const started = performance.now();
    const window = document.windowAroundEdits({
      maxLines: Math.max(this.maxLines, lineCount / WINDOW_FILE_FRACTION),
    });
    if (!window) return undefined;
    const windowParse = performance.now() - started;
    const reachesEnd = window.gaps[window.gaps.length - 1].nodes.length === 0;
    const last = window.windows.length - 1;
    const { diagnostics, cache, phases } = analyzeWindow(
      {
        source: document.text.getText(),
        view: document.treeSitterText(),
        lineCount,
        config: input.config,
        unitConfig: this.unitConfigOf(input.config),
        file: input.file,
        rules: input.rules,
        units: {
          gaps: window.gaps,
          windows: window.windows.map(({ tree, start, end }, index) => ({
            within: tree.rootNode,
            start: { line: start.row, character: 0 },
            end: index === last && reachesEnd ? undefined : { line: end.row, character: 0 },
          })),
          rootStartIndex: window.rootStartIndex,
          statementCount: window.statementCount,
        },
        fileLevel: fileLevel.findings,
        wholeStatements: this.absorbedStatements ?? wholeCache?.statements,
        moved: linesMoved(window.editedRows, lineCount - this.analysedLines),
        carriedCopies: fileLevel.carriedCopies,
      },
      this.startingCache(wholeCache),
    );
    this.cache = cache;
    this.analysedLines = lineCount;
    this.lastPhases = { windowParse, ...phases };
    // Edits far apart: their windows are parsed into the tree where that is cheap, so that the next
    // ones do not add up to the limit (a whole analysis); the findings published are the new base.
    // Once the publish is written (the scheduler calls `absorbPublished`), unless the last such
    // publish's were not (a change came first): then now, before this one.
    const missed = this.absorbable !== undefined;
    this.absorbable = undefined;
    const windows = window.windows.length;
    if (windows > Math.max(1, this.abandonedAt ?? 0) && cache.statements) {
      const published: PublishedWindows = {
        version: document.text.version,
        configKey,
        diagnostics,
        rules: input.rules,
        lineCount,
        statements: cache.statements,
        windows,
      };
      if (missed) this.absorb(document, published);
      else this.absorbable = published;
    }
    return diagnostics;
  }

  /** Whether the last publish's windows wait to be parsed into the tree (`absorbPublished`). */
  get absorbPending(): boolean {
    return this.absorbable !== undefined;
  }

  /**
   * Parses the windows of the last publish into the document's tree (`OpenDocument.absorbWindows`),
   * if it is still of that version: called once the publish is written, so that its parse (p50
   * 2.8 ms, p95 17 ms at 10k lines, in process) delays the next keystroke at most, not this one.
   */
  absorbPublished(document: OpenDocument): void {
    const published = this.absorbable;
    if (!published || published.version !== document.text.version) return;
    this.absorbable = undefined;
    this.absorb(document, published);
  }

  /** The tree parsed with `published`'s edits: its findings become the base of the next windows. */
  private absorb(document: OpenDocument, published: PublishedWindows): void {
    if (!document.absorbWindows()) {
      this.abandonedAt = published.windows;
      return;
    }
    this.abandonedAt = undefined;
    this.fileLevel = {
      parses: document.parses,
      configKey: published.configKey,
      findings: fileLevelFindings(published.diagnostics, published.rules, published.lineCount),
      carriedCopies: new Map(),
    };
    this.absorbedStatements = published.statements;
  }

  /**
   * The cache the next window starts from: the last window's since the last whole analysis, else
   * that analysis's (`wholeCache`). A seam for tests (test/window-splice.test.ts compares windows
   * made from the last one's statements and diagnostics with windows made without them).
   */
  protected startingCache(wholeCache: AnalysisCache | undefined): AnalysisCache | undefined {
    return this.cache ?? wholeCache;
  }

  /** One derived configuration per configuration, so that rules' caches keyed by it stay warm. */
  private unitConfigOf(config: EngineConfig): EngineConfig {
    if (this.unitConfig?.of !== config) this.unitConfig = { of: config, config: withoutUnusedNoqa(config) };
    return this.unitConfig.config;
  }
}

/** How lines moved from edits on lines `start` to `end` (now) that added `lines` lines. */
function linesMoved(edited: { start: number; end: number }, lines: number): LinesMoved {
  return { unchangedBefore: edited.start, movedAfter: edited.end - lines, lines };
}
