import {
  type Position,
  TextDocument,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-textdocument';
import { Edit, type Language, type Node, Parser, type Point, type Tree } from 'web-tree-sitter';
import { forgetPerTreeValuesOf } from '../analysis/per-tree';
import {
  type ParseModule,
  parsePython,
  parseView,
  readCurrentText,
  textPieces,
  treeSitterView,
} from '../parser/python';
import { TopLevelNodes } from '../parser/top-level-nodes';
import {
  continuesStatement,
  type EditedSpan,
  parseWindow,
  type StatementWindow,
  type TextSpan,
  type WindowLimits,
} from '../parser/window-parse';
import { pointAt, type TreeEditSpec, treeEditFor } from './tree-edit';

/**
 * Quiet time after a document's last change before its tree is reconciled with a fresh parse (see
 * `OpenDocument.reconcile`): longer than the pause between two keystrokes of someone typing.
 */
export const RECONCILE_AFTER_MS = 400;

/**
 * What the incremental parse that absorbs published windows is given through syntax errors (see
 * `OpenDocument.absorbWindows`): this share of the document's last fresh parse, at least
 * `ABSORB_THROUGH_ERRORS_MS`. Measured at 10k lines under load, such parses took 2-25 ms (about
 * what they take without errors); not absorbing let the windows add up to 18 and then to a whole
 * analysis at a keystroke (about a second under load).
 */
const ABSORB_FRESH_PARSE_SHARE = 0.5;
const ABSORB_THROUGH_ERRORS_MS = 4;

/** The least time an incremental parse is given before a fresh parse replaces it (see `parseIncrementally`). */
const MIN_PARSE_BUDGET_MS = 5;

/**
 * How long an incremental parse in a slice may go on past the slice's deadline when the tree it
 * starts from has no syntax errors (see `OpenDocument.parseInSlice`). Such a parse reads the edited
 * statements only, unless the edit opens a string or bracket that runs on: measured over the
 * bench's valid edits, a one-character change took p50 7.6 ms, p95 14 ms, max 29 ms at 50k lines
 * (1.1, 4.4 and 12.5 ms at 10k). Cut at an 8 ms slice, half of them at 50k lines were dropped for a
 * fresh parse in steps (about 470 ms in 40 slices, the longest up to 39 ms): every keystroke made
 * while a 50k-line file's opening analysis went on waited 500-750 ms.
 */
const VALID_TREE_PARSE_MS = 32;

/**
 * How much further each step of a fresh parse in slices reads (see `OpenDocument.growInSlice`), in
 * characters: about 2 ms of parsing (a whole 10k-line file, about 400,000 characters, in 49 ms).
 */
const GROWTH_STEP_CHARS = 16_384;
/** How many steps further a step cut inside a string reads when made again (see `growInSlice`). */
const GROWTH_RETRY_STEPS = 4;

/**
 * The documents last used (changed, or their tree read) keep their trees however long they are idle;
 * any other lets go of its tree once unused for `RELEASE_TREE_AFTER_MS` (see `releaseTree`).
 */
const TREES_KEPT = 3;
/**
 * The documents last used keep their analyses' caches too, idle or not; any other lets go of its
 * cache once unused for `RELEASE_TREE_AFTER_MS` (see `DocumentStore.releaseIdleTrees`). More than
 * trees: a cache rebuilt costs a whole analysis (seconds at 10k lines under load, at the first
 * keystroke in a file come back to), a tree a parse.
 */
export const ANALYSES_KEPT = 8;
export const RELEASE_TREE_AFTER_MS = 5_000;
/** The shortest wait between two looks for trees to release. */
const MIN_RELEASE_DELAY_MS = 100;

/**
 * An open document: its text and the one syntax tree kept current with it (its analysis state is
 * the diagnostics scheduler's).
 * Changes edit the tree at once (`tree.edit`); the parse that brings it up to date happens when the
 * tree is next read, so a burst of notifications before an analysis costs one incremental parse.
 *
 * Keystrokes are parsed incrementally, syntax errors or not (afresh only where the incremental parse
 * would cost more: see `parseIncrementally`). Tree-sitter's error recovery can end differently when it reuses
 * old subtrees (found by fuzzing: a pure insertion before an ERROR), so a tree that had errors on the
 * way may differ from a fresh parse of the same text; `reconcile`, called once the user pauses,
 * replaces it with a fresh parse. The settled state equals a fresh analysis.
 *
 * A parse is never suspended and resumed: tree-sitter can resume a parse its progress callback
 * cancelled, but the resumed parse may pick another reading where the grammar is ambiguous, without
 * any syntax error (found by fuzzing, seed 10015: `from ._core import (…)` with its commas read as
 * imported names; `g(*print(a))` read as a call of `*print`). Measured with a parse cancelled at every
 * k-th progress callback and resumed, k = 1 to 24, over the 334 files of the corpus: 6 of 8,016
 * trees differ from a whole parse, none of them with a syntax error. Nothing tells such a tree
 * from an exact one, so its results would be cached as exact. A parse is cancelled only to be
 * dropped (an incremental one over its budget or past its slice's deadline, an absorbing one past
 * its own); a fresh parse in slices is made of whole parses of ever longer parts of the text
 * (`growInSlice`).
 */
export class OpenDocument {
  text: TextDocument;
  /** How the tree was last brought up to date (for tests and benchmarks). */
  lastParse: 'full' | 'incremental' = 'full';
  /** Parses so far: one when the tree is first read, then at most one per notification. */
  parses = 0;
  /** How many times `reconcile` replaced the tree (part of pulled diagnostics' result ids). */
  reconciles = 0;
  /** How another text of this document is parsed (fix-all passes, the debug request's fresh analysis). */
  readonly parseModule: ParseModule = parsePython;
  private current: Tree | undefined;
  /** The edited old tree waiting for its incremental parse; undefined after a full replacement. */
  private stale: Tree | undefined;
  /**
   * The text tree-sitter reads (of `source`, the current text), while a window is published or a
   * fresh parse goes on in slices, and how many lone `\r` the text has (see `treeSitterView`).
   */
  private view: { source: string; text: string; loneReturns: number } | undefined;
  /** A fresh parse under way in slices (see `growInSlice`). */
  private growing: GrowingParse | undefined;
  /** How much further each step of a fresh parse in slices reads (the fuzzer cuts files into many steps). */
  growthStepChars = GROWTH_STEP_CHARS;
  /** Whether the tree last parsed has syntax errors (read once per parse). */
  private currentHasError = false;
  /**
   * Since the last fresh parse, an incremental parse started from or ended in a tree with syntax
   * errors: the tree may differ from a fresh parse until `reconcile`.
   */
  private uncertain = false;
  private reconcileTimer: NodeJS.Timeout | undefined;
  /**
   * The spans of text edited since the tree was last parsed (in the current text, in order, apart),
   * while it waits to be: edits far apart get windows of their own (see `windowAroundEdits`).
   */
  private edited: EditedSpan[] | undefined;
  /** The text edited since the last window was given (or the last parse), in the current text. */
  private editedSinceWindow: TextSpan | undefined;
  /** A window of the edited tree was published (`windowAroundEdits`): the tree waits for `reconcile`. */
  private windowed = false;
  /**
   * The tree was parsed with the edits of published windows (`absorbWindows`) and analysed from
   * windows since: it is exact, but the findings file rules and RUF100 give are not, until a whole
   * analysis (`reconcile` asks for one).
   */
  private wholeAnalysisOwed = false;
  /** `reconcile` asked for a fresh parse of a window-published text; a new change withdraws it. */
  private freshRequested = false;
  /** The last windows given, while the text is as it was then (requests read their trees: `nodeAt`). */
  private window: StatementWindow | undefined;
  /**
   * The trees of the last windows given, edited (`tree.edit`) with every change since: the next
   * window that starts where one of them does is parsed incrementally from it (see `parseWindow`).
   * Kept from a change to the next window or parse only.
   */
  private reusable: Tree[] = [];
  /** The parser of `windowAroundEdits`, made on first use. */
  private windowParser: Parser | undefined;
  /** The edited tree's top-level statements, kept from one window to the next (see `TopLevelNodes`). */
  private readonly topLevel = new TopLevelNodes();
  /** What the last fresh parse of this document cost: the budget of an incremental one. */
  private freshParseMs = 0;
  /** When the document was last changed or its tree read (`performance.now()`). */
  lastUsed = performance.now();

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
    private readonly parser: Parser,
    /** Told of every change and tree read (the store releases the trees of documents nobody uses). */
    private readonly onUse: () => void = () => {},
  ) {
    this.text = TextDocument.create(uri, languageId, version, content);
    // Parsed when first read: a file too large to check (max-file-size) is never parsed.
  }

  /** The tree of the current text, parsed now if changes are pending. */
  get tree(): Tree {
    this.used();
    if (!this.current) this.parseWhole();
    return this.current as Tree;
  }

  /** Whether the document holds a tree (or an edited one waiting for its parse). */
  get holdsTree(): boolean {
    return this.current !== undefined || this.stale !== undefined;
  }

  /**
   * Lets go of the tree and the parsers of a document nobody uses (measured: a 10k-line file's tree
   * is 6 MB of WebAssembly memory, and twenty open files kept twenty); the next read parses afresh,
   * and the next change is parsed whole rather than incrementally (no window publish for it). Only a
   * settled tree is let go: nothing pending, nothing to reconcile, so a fresh parse gives it again
   * and every analysis of it stays valid. Returns whether the tree was let go.
   */
  releaseTree(): boolean {
    if (!this.current || this.stale || this.growing || this.needsReconcile) return false;
    forgetPerTreeValuesOf(this.current);
    this.current.delete();
    this.current = undefined;
    this.dropWindow();
    this.view = undefined;
    this.windowParser?.delete();
    this.windowParser = undefined;
    return true;
  }

  /** The store told that this document's analysis may let go of its cache, and it was not used since. */
  analysisReleased = false;

  private used(): void {
    this.analysisReleased = false;
    this.lastUsed = performance.now();
    this.onUse();
  }

  /**
   * Brings the tree up to date until `deadline` (`performance.now()`); true once it is current. An
   * incremental parse (at 10k lines about 1.5 ms without syntax errors) is dropped at the deadline
   * (from a tree without errors, later: see `incrementalStop`), as it could not be resumed (see the
   * class comment): a fresh parse replaces it, in steps (see
   * `growInSlice`; a whole parse takes 49 ms at 10k lines, 260 ms at 50k), so that no slice is one
   * parse through an unclosed string to the end of a large file.
   */
  parseInSlice(deadline: number): boolean {
    this.used();
    if (this.current) return true;
    if (this.incrementalPossible() && this.parseIncrementally(this.incrementalStop(deadline))) return true;
    return this.growInSlice(deadline);
  }

  /**
   * Where an incremental parse in a slice ending at `deadline` is dropped: there, through syntax
   * errors (where it may read to the end of the text); from a tree without any, not before
   * `VALID_TREE_PARSE_MS`, as it is almost always done by then and a fresh parse in steps costs
   * the time of many.
   */
  private incrementalStop(deadline: number): number {
    if (this.currentHasError) return deadline;
    return Math.max(deadline, performance.now() + VALID_TREE_PARSE_MS);
  }

  /** Parses so far, for the debug request: of the whole text, and of notebook cells (NotebookModuleDocument). */
  parseCounts(): { parses: number; cellParses?: number } {
    return { parses: this.parses };
  }

  /** The grammar, without reading (so without bringing up to date) the tree. */
  get language(): Language {
    const language = this.parser.language;
    if (!language) throw new Error('the document parser has no language');
    return language;
  }

  /** Whether the tree may differ from a fresh parse of the text (see `reconcile`). */
  get needsReconcile(): boolean {
    return this.uncertain || this.windowed || this.wholeAnalysisOwed;
  }

  /**
   * The top-level statements around the text edited since the last parse, parsed alone (see
   * `parseWindow`), the tree edited but not parsed again; undefined where there is no such tree or
   * the window would be unsound. Once a window is given, the document needs reconciling: its settled
   * state is a fresh parse of the whole text. The window's tree is the document's: it lives until
   * the next change or parse.
   */
  windowAroundEdits(limits: WindowLimits): DocumentWindow | undefined {
    this.used();
    if (this.current || !this.stale || !this.edited?.length || this.freshRequested || this.growing)
      return undefined;
    if (!this.windowParser) {
      this.windowParser = new Parser();
      this.windowParser.setLanguage(this.parser.language);
    }
    const content = this.text.getText();
    const view = this.viewOf(content);
    this.deleteWindow();
    const window = parseWindow(
      this.windowParser,
      view,
      this.stale,
      this.topLevel.of(this.stale),
      this.edited,
      (offset) => pointAt(this.text, offset),
      limits,
      this.reusable,
    );
    this.dropReusable();
    if (!window) return undefined;
    this.windowed = true;
    this.window = window;
    const since = this.editedSinceWindow ?? {
      start: this.edited[0].start,
      end: this.edited[this.edited.length - 1].end,
    };
    this.editedSinceWindow = undefined;
    const editedRows = { start: pointAt(this.text, since.start).row, end: pointAt(this.text, since.end).row };
    return { ...window, editedRows };
  }

  /**
   * Parses the edited tree once windows were published for it, where that is cheap, so that the
   * next edits get windows of their own from it rather than windows that add up to the limit (then
   * a whole analysis, file rules and all, at a keystroke). Without syntax errors (in the last parse
   * and every window) an incremental parse reads the edited statements only (1.5 ms at 10k lines),
   * almost always: it is given `VALID_TREE_PARSE_MS` (found in the bench's 50k-line file: `None`
   * typed on to `None_tmp` on one line made tree-sitter read on to the end of the text, 240-364 ms
   * for each of the eight edits there, more than a fresh parse; that absorb held up the next
   * keystroke). Through syntax errors it may read much more (an unclosed bracket or string), so it
   * is given half a fresh parse's time. Past either, it is abandoned, the windows left as they are
   * (see `WindowPublisher`, which does not try again until the edits reach a new place). A tree parsed
   * through errors may differ from a fresh parse: it is reconciled at the pause, as every such tree
   * is. The analysis of the windows stays the document's: a whole one is owed (see `reconcile`).
   * Returns whether the tree was parsed.
   */
  absorbWindows(): boolean {
    const window = this.window;
    if (!window || !this.stale || this.current || this.growing) return false;
    const budget = this.windowsThroughErrors()
      ? Math.max(ABSORB_THROUGH_ERRORS_MS, this.freshParseMs * ABSORB_FRESH_PARSE_SHARE)
      : VALID_TREE_PARSE_MS;
    if (!this.parseIncrementally(performance.now() + budget)) return false;
    this.wholeAnalysisOwed = true;
    return true;
  }

  /** Whether the last parse or a window published since has syntax errors. */
  private windowsThroughErrors(): boolean {
    return this.currentHasError || (this.window?.windows.some(({ tree }) => tree.rootNode.hasError) ?? false);
  }

  /**
   * The smallest node at `point`, read without bringing the whole tree up to date where windows were
   * published for this text: a window's tree on its lines, the edited tree (unchanged text there)
   * elsewhere.
   */
  nodeAt(point: Point): Node | null {
    this.used();
    const window = this.window;
    if (this.current || !window || !this.stale) return this.tree.rootNode.descendantForPosition(point);
    const last = window.windows.length - 1;
    const holding = window.windows.find(
      ({ start, end }, index) =>
        point.row >= start.row &&
        (point.row < end.row || (index === last && window.gaps[last + 1].nodes.length === 0)),
    );
    return (holding?.tree ?? this.stale).rootNode.descendantForPosition(point);
  }

  /** Whether the tree is that of the current text (reading `tree` does not parse). */
  get parsed(): boolean {
    return this.current !== undefined;
  }

  /** Whether `nodeAt` answers without parsing: the tree is current, or a window was published for this text. */
  get nodesAtHand(): boolean {
    return this.current !== undefined || (this.window !== undefined && this.stale !== undefined);
  }

  /** Deletes the edited tree, with what was kept of it. */
  private dropStale(): void {
    this.stale?.delete();
    this.stale = undefined;
    this.topLevel.forget();
  }

  /** Deletes the last windows' trees, and those kept for the next windows. */
  private dropWindow(): void {
    this.deleteWindow();
    this.dropReusable();
  }

  private deleteWindow(): void {
    for (const { tree } of this.window?.windows ?? []) tree.delete();
    this.window = undefined;
  }

  private dropReusable(): void {
    for (const tree of this.reusable) tree.delete();
    this.reusable = [];
  }

  /**
   * A change came: the last windows' trees are kept to parse the next windows from (see
   * `reusable`), where they were read without syntax errors (from one with errors, an incremental
   * parse may read more than a fresh one, and recover otherwise).
   */
  private keepWindowsForReuse(): void {
    const windows = this.window?.windows ?? [];
    this.window = undefined;
    this.dropReusable();
    for (const { tree } of windows) {
      if (tree.rootNode.hasError) tree.delete();
      else this.reusable.push(tree);
    }
  }

  /**
   * Makes the tree what a fresh parse of the text gives, where error recovery may have made them
   * differ (see the class comment). Returns true when the tree was replaced (`reconciles` counts it,
   * so that an analysis of the old tree is not taken for one of the new): analysing again (with the
   * cache, so mostly reused) gives the settled result.
   */
  reconcile(): boolean {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    // Not parsed yet, or a full replacement pending: the next read parses afresh anyway.
    if (this.current === undefined && this.stale === undefined) return false;
    // Without syntax errors, now or since the last fresh parse, the edited tree's incremental parse
    // is exact and reads the edited statements only: a fresh parse beside the edited tree grew the
    // WebAssembly memory by a second tree (50k lines: 38 -> 66 MB, never given back).
    if (this.windowed && !this.uncertain && !this.windowsThroughErrors()) this.absorbWindows();
    if (this.windowed) {
      this.dropWindow();
      // Parsing the edited tree again could cost several fresh parses (through an unclosed `"""`):
      // the next read parses afresh, in slices when the scheduler reads it. The edited tree is kept
      // until then: a keystroke before that parse ends withdraws it and publishes from a window again.
      this.freshRequested = true;
      this.wholeAnalysisOwed = false;
      this.reconciles++;
      return true;
    }
    const incremental = this.tree;
    const owed = this.wholeAnalysisOwed;
    this.wholeAnalysisOwed = false;
    if (!this.uncertain) {
      // The tree is exact: a new count makes the scheduler analyse it whole.
      if (owed) this.reconciles++;
      return owed;
    }
    this.current = undefined;
    // Let go of the incremental tree before the fresh parse, not after: two trees of a large file at
    // once grow the WebAssembly memory, which never shrinks (a 50k-line file's tree is about 30 MB).
    forgetPerTreeValuesOf(incremental);
    incremental.delete();
    this.parseFresh();
    this.reconciles++;
    return true;
  }

  /**
   * Reconciles (see `reconcile`) once the document has gone `quietMs` without a change, and calls
   * `onReplaced` if the tree was replaced. Any change cancels it; nothing is scheduled for a tree
   * that needs no reconciling.
   */
  reconcileWhenQuiet(quietMs: number, onReplaced: () => void): void {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    if (!this.needsReconcile) return;
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = undefined;
      if (this.reconcile()) onReplaced();
    }, quietMs);
  }

  /** Applies one notification's content changes to the text and edits the tree to match. */
  /** A position past the end of a line or of the document, moved to the nearest real one. */
  clamp(position: Position): Position {
    const line = Math.max(0, Math.min(position.line, this.text.lineCount - 1));
    return this.text.positionAt(this.text.offsetAt({ line, character: Math.max(0, position.character) }));
  }

  applyChanges(version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    this.used();
    if (this.growing) this.settleGrowingParse(changes);
    this.keepWindowsForReuse();
    this.freshRequested = false;
    this.cancelReconcile();
    if (this.current) {
      forgetPerTreeValuesOf(this.current);
      this.stale = this.current;
      this.current = undefined;
      this.edited = undefined;
      this.editedSinceWindow = undefined;
    }
    for (const change of changes) {
      if ('range' in change && change.range) {
        const edit = treeEditFor(this.text, change.range, change.text);
        const treeEdit = new Edit(edit);
        if (this.stale) {
          this.stale.edit(treeEdit);
          this.topLevel.edited(this.stale, treeEdit);
        }
        for (const tree of this.reusable) tree.edit(treeEdit);
        this.edited = this.stale ? withEdit(this.edited ?? [], edit) : undefined;
        this.editedSinceWindow = this.stale ? widenedBy(this.editedSinceWindow, edit) : undefined;
        const before = this.text.getText();
        const view = this.view?.source === before ? this.view : undefined;
        TextDocument.update(this.text, [change], version);
        // The view follows the text edit by edit, and so does its count of lone `\r`: without any
        // (the usual case) the view is the text itself, not a copy of it made at every keystroke.
        const content = this.text.getText();
        if (view) {
          const loneReturns = view.loneReturns + loneReturnsEdited(before, content, edit);
          const text = loneReturns === 0 ? content : editedView(view.text, content, edit);
          this.view = { source: content, text, loneReturns };
        }
      } else {
        // A full replacement: nothing of the old tree can be reused.
        this.dropReusable();
        this.dropStale();
        this.edited = undefined;
        this.editedSinceWindow = undefined;
        this.windowed = false;
        TextDocument.update(this.text, [{ text: change.text }], version);
      }
    }
    // Keep the version even for an empty change list, so stale analyses are recognised.
    if (changes.length === 0) TextDocument.update(this.text, [], version);
  }

  /** A change cancels the reconcile waiting for a pause. */
  protected cancelReconcile(): void {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
  }

  /** The text tree-sitter reads of the current text (see `treeSitterView`), made once per text. */
  treeSitterText(): string {
    return this.viewOf(this.text.getText());
  }

  /** The tree-sitter view of `content`, the current text (made once per text). */
  private viewOf(content: string): string {
    if (this.view?.source !== content) {
      const loneReturns = content.includes('\r') ? loneReturnsIn(content, 0, content.length) : 0;
      this.view = {
        source: content,
        text: loneReturns === 0 ? content : treeSitterView(content),
        loneReturns,
      };
    }
    return this.view.text;
  }

  dispose(): void {
    this.abandonGrowingParse();
    this.dropWindow();
    this.windowParser?.delete();
    this.windowParser = undefined;
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    if (this.current) forgetPerTreeValuesOf(this.current);
    this.current?.delete();
    this.dropStale();
    this.current = undefined;
  }

  /** Whether the edited tree can be parsed incrementally (not while a fresh parse was asked for or is under way). */
  private incrementalPossible(): boolean {
    return this.stale !== undefined && !this.freshRequested && !this.growing;
  }

  /** Brings the tree up to date in one go: incrementally where it can, else afresh (finishing a parse begun in slices). */
  private parseWhole(): void {
    if (this.incrementalPossible() && this.parseIncrementally(undefined)) return;
    if (this.growing) this.growInSlice(undefined);
    else this.parseFresh();
  }

  /**
   * Parses the edited tree incrementally (through syntax errors too), dropping the parse once it has
   * taken what the last fresh parse of this document took (at least `MIN_PARSE_BUDGET_MS`), or past
   * `stopAt`; false when dropped. Measured: through an opened docstring in a 10k-line file, an
   * incremental parse can cost several fresh ones at every keystroke. Tree-sitter reads the view
   * (lone `\r` read as `\n`), so tree rows are LSP lines.
   */
  private parseIncrementally(stopAt: number | undefined): boolean {
    const previous = this.stale;
    if (!previous) return false;
    const view = this.viewOf(this.text.getText());
    const started = performance.now();
    const budget = Math.max(MIN_PARSE_BUDGET_MS, this.freshParseMs);
    const progressCallback = () => {
      const now = performance.now();
      return now - started > budget || (stopAt !== undefined && now > stopAt);
    };
    const tree = parseView(this.parser, view, previous, { progressCallback });
    if (!tree) {
      // Cancelled: tree-sitter would resume this parse at the next call (see the class comment).
      this.parser.reset();
      return false;
    }
    const startedWithError = this.currentHasError;
    this.install(tree, 'incremental');
    // Exact only without syntax errors, before and after.
    if (startedWithError || this.currentHasError) this.uncertain = true;
    return true;
  }

  /** A fresh parse of the whole text, in one go: exact. */
  private parseFresh(): void {
    const started = performance.now();
    const tree = parseView(this.parser, this.viewOf(this.text.getText()));
    if (!tree) throw new Error('tree-sitter returned no tree');
    this.freshParseMs = performance.now() - started;
    this.install(tree, 'full');
    this.uncertain = false;
  }

  /**
   * A fresh parse in steps until `deadline` (none: to the end); true once the tree is current. Each
   * step parses the text up to the start of a later top-level statement (`GROWTH_STEP_CHARS` further
   * on), incrementally from the last step's tree with the new text inserted at its end: a whole parse
   * each time, which reads again only the last statement before the cut, and walks the tree parsed
   * so far to reuse it. Measured in 8 ms slices, three runs each, against one whole parse: 10k lines,
   * 61-72 ms in 7 slices (the longest 10-13 ms) against 45-48 ms; 50k lines, 456-489 ms in about 40
   * slices (the longest 21-39 ms) against 230-260 ms. Steps a share of the text parsed so far long
   * took fewer slices at 50k, but slices of up to 91 ms. A cut inside a string of several lines
   * leaves a syntax error: that step is made again further on, once; a step after the first that
   * starts from or ends in a tree with syntax errors makes the tree uncertain, reconciled at the
   * pause as any tree parsed incrementally through errors.
   */
  private growInSlice(deadline: number | undefined): boolean {
    const view = this.viewOf(this.text.getText());
    for (;;) {
      const last = this.growing;
      const from = last?.end ?? 0;
      const stepChars = this.growthStepChars;
      let end = deadline === undefined ? view.length : statementStartAfter(view, from + stepChars);
      const started = performance.now();
      let tree = this.grownTree(view, last, end);
      // A cut inside a string of several lines leaves the text parsed so far with a syntax error:
      // the step is made again once, reading further (past that, the error is taken as the text's).
      if (tree.rootNode.hasError && !last?.hasError && end < view.length) {
        tree.delete();
        end = statementStartAfter(view, end + GROWTH_RETRY_STEPS * stepChars);
        tree = this.grownTree(view, last, end);
      }
      last?.tree.delete();
      const hasError = tree.rootNode.hasError;
      const step: GrowingParse = {
        tree,
        end,
        hasError,
        // The first step is a fresh parse: exact; the others are incremental (see `parseIncrementally`).
        throughErrors: last !== undefined && (last.throughErrors || last.hasError || hasError),
        spentMs: (last?.spentMs ?? 0) + performance.now() - started,
      };
      if (end < view.length) {
        this.growing = step;
        if (deadline !== undefined && performance.now() > deadline) return false;
        continue;
      }
      this.growing = undefined;
      readCurrentText(tree, view);
      this.freshParseMs = step.spentMs;
      this.install(tree, 'full');
      this.uncertain = step.throughErrors;
      return true;
    }
  }

  /** The tree of the text up to `end`: parsed afresh, or incrementally from a copy of `last`'s tree. */
  private grownTree(view: string, last: GrowingParse | undefined, end: number): Tree {
    const base = last ? last.tree.copy() : null;
    if (last && base) base.edit(new Edit(this.insertionAt(last.end, end)));
    const tree = this.parser.parse(textPieces(view, end), base);
    base?.delete();
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /** The tree edit of text put in at `from` up to `end`, where the text parsed so far ends. */
  private insertionAt(from: number, end: number): TreeEditSpec {
    const startPosition = pointAt(this.text, from);
    return {
      startIndex: from,
      oldEndIndex: from,
      newEndIndex: end,
      startPosition,
      oldEndPosition: startPosition,
      newEndPosition: pointAt(this.text, end),
    };
  }

  /**
   * Changes arrive while a fresh parse goes on in slices. One that has an edited tree to start from
   * (the fresh parse a reconcile asked for) is abandoned: that tree takes the new edits too. One with
   * no tree at all (the opening, or a tree let go) is finished first, on the text it began with, and
   * the changes then edit its tree: abandoned, it would start again from nothing at every keystroke,
   * and a file typed into while it opens would have no tree to parse incrementally until the user
   * paused. A whole replacement of the text reuses nothing: the parse is abandoned.
   */
  private settleGrowingParse(changes: readonly TextDocumentContentChangeEvent[]): void {
    const editsOnly = changes.every((change) => 'range' in change && change.range);
    if (!this.stale && editsOnly) this.growInSlice(undefined);
    else this.abandonGrowingParse();
  }

  private abandonGrowingParse(): void {
    this.growing?.tree.delete();
    this.growing = undefined;
  }

  /** Makes `tree` the document's, of the current text; the edited tree it came from is let go. */
  private install(tree: Tree, kind: 'full' | 'incremental'): void {
    this.view = undefined;
    this.parses++;
    this.lastParse = kind;
    this.currentHasError = tree.rootNode.hasError;
    this.current = tree;
    this.dropStale();
    this.edited = undefined;
    this.editedSinceWindow = undefined;
    this.windowed = false;
    this.freshRequested = false;
    this.dropWindow();
  }
}

/** A fresh parse made in slices: the tree of the text's first `end` characters (see `OpenDocument.growInSlice`). */
interface GrowingParse {
  tree: Tree;
  end: number;
  hasError: boolean;
  /** Whether a step after the first started from or ended in a tree with syntax errors: the last tree may then differ from a fresh parse. */
  throughErrors: boolean;
  spentMs: number;
}

/**
 * Where the first top-level statement starting at or after `from` in `view` starts (a line that
 * starts with a name, a keyword or a decorator, and does not go on with the statement before it),
 * or the end of the text.
 */
function statementStartAfter(view: string, from: number): number {
  if (from >= view.length) return view.length;
  for (let at = view.indexOf('\n', from - 1); at >= 0; at = view.indexOf('\n', at + 1)) {
    const start = at + 1;
    if (startsStatement(view.charCodeAt(start)) && !continuesStatement(view.slice(start, start + 9)))
      return start;
  }
  return view.length;
}

/** Whether a line starting with this character code starts a statement at column 0 (a name or `@`). */
function startsStatement(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 64;
}

/** How many lone `\r` (see `treeSitterView`) `text` has from `start` to `end`. */
function loneReturnsIn(text: string, start: number, end: number): number {
  let count = 0;
  // Over the span only (`indexOf` would search on past its end to the next `\r` of the file).
  for (let at = start; at < end; at++)
    if (text.charCodeAt(at) === CARRIAGE_RETURN && text.charCodeAt(at + 1) !== LINE_FEED) count++;
  return count;
}

/**
 * How many lone `\r` `edit` added (negative: took away), from the text before it and after it.
 * Only the replaced characters can change: whether a `\r` is lone depends on the character after
 * it, and `treeEditFor` starts an edit before a `\r` that precedes it.
 */
function loneReturnsEdited(before: string, after: string, edit: TreeEditSpec): number {
  const { startIndex, oldEndIndex, newEndIndex } = edit;
  return loneReturnsIn(after, startIndex, newEndIndex) - loneReturnsIn(before, startIndex, oldEndIndex);
}

/**
 * The tree-sitter view of `content` made from `view`, that of the text before `edit`: only the
 * replaced characters are read again (see `loneReturnsEdited`).
 */
function editedView(view: string, content: string, edit: TreeEditSpec): string {
  const { startIndex, oldEndIndex, newEndIndex } = edit;
  const replaced = treeSitterView(content.slice(startIndex, newEndIndex + 1)).slice(
    0,
    newEndIndex - startIndex,
  );
  return view.slice(0, startIndex) + replaced + view.slice(oldEndIndex);
}

const CARRIAGE_RETURN = 13;
const LINE_FEED = 10;

/** The text edited so far (`span`, in the text before `edit`) and `edit`, in the text after it. */
export function widenedBy(span: TextSpan | undefined, edit: TreeEditSpec): TextSpan {
  if (!span) return { start: edit.startIndex, end: edit.newEndIndex };
  const delta = edit.newEndIndex - edit.oldEndIndex;
  let end = span.end;
  if (end >= edit.oldEndIndex) end += delta;
  else if (end > edit.startIndex) end = edit.newEndIndex;
  return { start: Math.min(span.start, edit.startIndex), end: Math.max(end, edit.newEndIndex) };
}

/**
 * The spans edited so far (`spans`, in the text before `edit`, in order and apart) and `edit`, in
 * the text after it: spans the edit overlaps or touches become one with it.
 */
export function withEdit(spans: readonly EditedSpan[], edit: TreeEditSpec): EditedSpan[] {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const lines = edit.newEndPosition.row - edit.oldEndPosition.row;
  const result: EditedSpan[] = [];
  let joined: EditedSpan = { start: edit.startIndex, end: edit.newEndIndex, lines };
  let placed = false;
  for (const span of spans) {
    if (span.end < edit.startIndex) result.push(span);
    else if (span.start > edit.oldEndIndex) {
      if (!placed) result.push(joined);
      placed = true;
      result.push({ start: span.start + delta, end: span.end + delta, lines: span.lines });
    } else {
      const { start, end } = widenedBy(span, edit);
      joined = {
        start: Math.min(start, joined.start),
        end: Math.max(end, joined.end),
        lines: joined.lines + span.lines,
      };
    }
  }
  if (!placed) result.push(joined);
  return result;
}

/**
 * A window of the document (see `windowAroundEdits`), with the lines edited since the last window
 * was given (or the last parse): before `start` the text is as the last window's analysis (or the
 * last whole one) read it, after `end` it only moved.
 */
export interface DocumentWindow extends StatementWindow {
  editedRows: { start: number; end: number };
}

/** Open documents by URI. */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  /** The next look for trees to release (see `releaseIdleTrees`), while one is due. */
  private releaseTimer: NodeJS.Timeout | undefined;
  /** When the first document that `releaseIdleTrees` found waiting is due (`performance.now()`). */
  private nextReleaseAt = Number.POSITIVE_INFINITY;

  /**
   * @param onReleased told when idle trees were let go, with the documents whose analyses may let
   * go of their caches now (see `releaseIdleTrees`): what only they kept alive is garbage then
   */
  constructor(
    private readonly parser: Parser,
    private readonly onReleased: (analysesToRelease: readonly OpenDocument[]) => void = () => {},
  ) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  open(uri: string, languageId: string, version: number, content: string): OpenDocument {
    return this.openWith(
      uri,
      (parser, onUse) => new OpenDocument(uri, languageId, version, content, parser, onUse),
    );
  }

  /**
   * Opens a document made by `create` (given the store's parser, and what to call when it is used:
   * see `releaseIdleTrees`): a notebook module, say.
   */
  openWith(uri: string, create: (parser: Parser, onUse: () => void) => OpenDocument): OpenDocument {
    this.close(uri);
    const document = create(this.parser, () => this.releaseLater());
    this.documents.set(uri, document);
    return document;
  }

  /** Applies a `didChange`; returns undefined for a document that is not open. */
  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
  ): OpenDocument | undefined {
    const document = this.documents.get(uri);
    document?.applyChanges(version, changes);
    return document;
  }

  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
  }

  dispose(): void {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    for (const uri of [...this.documents.keys()]) this.close(uri);
  }

  /**
   * Releases the trees of documents not among the `TREES_KEPT` last used and unused for
   * `RELEASE_TREE_AFTER_MS` at `now` (see `OpenDocument.releaseTree`), and tells `onReleased` of
   * those past the `ANALYSES_KEPT` last used, settled and so unused, whose analyses may let go of
   * their caches (once each until used again); true while some other such document, used more
   * recently, waits to be. A document being analysed is in use: it keeps its tree.
   */
  releaseIdleTrees(now = performance.now()): boolean {
    const byUse = [...this.documents.values()].sort((a, b) => b.lastUsed - a.lastUsed);
    let waiting = false;
    let released = false;
    const analyses: OpenDocument[] = [];
    this.nextReleaseAt = Number.POSITIVE_INFINITY;
    byUse.forEach((document, rank) => {
      const analysisHeld = rank >= ANALYSES_KEPT && !document.analysisReleased;
      if (rank < TREES_KEPT || (!document.holdsTree && !analysisHeld)) return;
      if (now - document.lastUsed < RELEASE_TREE_AFTER_MS) {
        waiting = true;
        this.nextReleaseAt = Math.min(this.nextReleaseAt, document.lastUsed + RELEASE_TREE_AFTER_MS);
        return;
      }
      // A tree that cannot be released yet (a parse or a reconcile pending) is used again before long.
      if (document.holdsTree && !document.releaseTree()) return;
      released = true;
      if (!analysisHeld) return;
      document.analysisReleased = true;
      analyses.push(document);
    });
    if (released) this.onReleased(analyses);
    return waiting;
  }

  /** Looks for trees to release after `delayMs`, unless a look is due already. */
  private releaseLater(delayMs = RELEASE_TREE_AFTER_MS): void {
    if (this.releaseTimer || this.documents.size <= TREES_KEPT) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      // The next look when the first of the documents waiting is due, not a whole period later.
      if (this.releaseIdleTrees())
        this.releaseLater(Math.max(MIN_RELEASE_DELAY_MS, this.nextReleaseAt - performance.now()));
    }, delayMs);
    this.releaseTimer.unref();
  }
}
