import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { type ScopeModel, scopeModelOf } from '../analysis/scopes';
import { treeSitterView } from '../parser/python';
import { lineStart, nextLineStart } from '../parser/window-parse';
import { Detacher } from './detach';
import {
  changedReads,
  depsHold,
  type FactDeps,
  futureAnnotationsReadHolds,
  movedDeps,
  readsAny,
  trackedFacts,
} from './fact-deps';
import { fixWithLineEnding, type LineEnding, lineEndingOf } from './line-endings';
import { collectModuleFacts, type ModuleFacts } from './module-facts';
import {
  type LineSpan,
  type NoqaComment,
  type NoqaDirective,
  type RangeComment,
  recordSuppressionComment,
  Suppressions,
} from './noqa';
import { comparePositions, isRange, nodeRange, sameRange, shiftLines } from './positions';
import { RecentUnits } from './recent-units';
import type { FileContext, FileRule, Rule, UnitContext, UnitRule } from './rule';
import {
  blockIndentationErrors,
  emptyBlockError,
  SYNTAX_ERROR_CODE,
  syntaxErrorsIn,
  tryWithoutHandlerError,
  unexpectedIndentation,
} from './syntax-errors';
import { SnapshotNode } from './syntax-node';
import type {
  Diagnostic,
  EngineConfig,
  FileInfo,
  Finding,
  Fix,
  FixDetail,
  ImportCleanup,
  Node,
  Position,
  Range,
  SyntaxTree,
  TextEdit,
  Tree,
} from './types';
import { UnitMemo } from './unit-memo';
import { type Method, type MethodBodies, UnitSnapshots } from './unit-snapshots';
import { type UnitLookup, UnitTable } from './unit-table';
import { type WalkOptions, walkSubtree } from './walk';
import { copyCursor } from './wasm-cursor';

export interface AnalysisInput {
  source: string;
  tree: Tree;
  config: EngineConfig;
  file: FileInfo;
  /** The rules to run, those the configuration enables (the caller passes the registry: the engine knows no rule). */
  rules: readonly Rule[];
  /**
   * A `performance.now()` time budget: once past it, units not in the cache are left out (at least
   * one is analysed per call, so repeated calls with the returned cache complete the file), file
   * rules are skipped and the result is `partial`. Where the file rules would end past it (their
   * cost as last measured; unknown the first time), a call that analysed units leaves them to the
   * next call (`unitsComplete`): they run as one block, so they start a slice
   * of their own.
   */
  deadline?: number;
  /**
   * Lines on which no syntax error is reported: the hook for a notebook cell's IPython magics
   * (`%timeit`, `!ls`, `obj?`), which are not Python. Notebooks are not checked yet; their layer
   * will list the magic lines of each cell here.
   */
  magicLines?: ReadonlySet<number>;
  /**
   * The tree's top-level statements with their cache keys and starts, where the caller knows them
   * already (a window publish: the statements outside the window are those of the last whole
   * analysis, see window-analysis.ts); read from the tree otherwise. Giving the stored keys spares
   * copying and hashing the text of every statement at every keystroke.
   */
  units?: readonly TopLevelUnit[];
  /** The text as tree-sitter reads it (see `treeSitterView`), where the caller keeps it: made from `source` otherwise. */
  view?: string;
  /**
   * How the text's lines moved since the analysis of the cache given (a window publish: the edits
   * since the last one). A cached statement whose module-fact reads changed only by that move (an
   * import below the edit, one line further down) is reused with its positions moved, rather than
   * analysed again: typing a line break above a file's imports changed them for every statement.
   */
  moved?: LinesMoved;
  /**
   * What the consumer reads of the fixes (see `FixDetail`); `'edits'` when unset. Only a one-shot
   * analysis may be asked for less: a kept result (the server's cache) must serve code actions.
   */
  fixDetail?: FixDetail;
}

/** Lines before `unchangedBefore` are as they were; those after `movedAfter` (then) moved by `lines`. */
export interface LinesMoved {
  unchangedBefore: number;
  movedAfter: number;
  lines: number;
}

/** What one top-level statement produced, with positions relative to the statement's start. */
interface UnitResult {
  findings: Finding[];
  noqa: NoqaComment[];
  /** Range suppressions (`# pyconv: disable[…]`/`enable[…]`), see noqa.ts. */
  ranges: RangeComment[];
  /** Multi-line strings: a finding on any of their lines is suppressed by a noqa on the last one. */
  multilineStrings: LineSpan[];
  fileExemptions: Array<NoqaDirective>;
  /** The module facts the analysis read and what they were: the result holds while they do. */
  deps: FactDeps;
  /**
   * Set when a fix inserts exactly at the unit's start, at the start of its first line or at the
   * start of the line after it: such an edit may be the unit's own or a module-fact position such as
   * the import line, so the result holds at this line only (see `isAnchoringEdit`).
   */
  anchoredLine?: number;
  /** A class analysed member by member: its shell (see `analyzeUnit`) and its methods' results by key. */
  shell?: string;
  members?: ReadonlyMap<string, UnitResult>;
  /** The cache key this result is stored under, copied once (see detach.ts). */
  storedKey?: string;
  /** The findings and comments placed at the unit's last position, reused while the unit stays where it is. */
  placed?: PlacedResult;
  /** Whether every finding lies on the statement's lines (see `contained`), once asked. */
  contained?: boolean;
  /** Whether every position of its findings moves with its lines (see `movesWithLines`), once asked. */
  movesWithLines?: boolean;
}

/** A unit's result placed at `line` and `character` (its start): what goes into the file's lists. */
interface PlacedResult {
  line: number;
  character: number;
  findings: readonly Finding[];
  noqa: readonly NoqaComment[];
  ranges: readonly RangeComment[];
  multilineStrings: readonly LineSpan[];
}

/** Reused between analyses of the same document; opaque to callers. */
export interface AnalysisCache {
  readonly contextKey: string;
  readonly units: UnitLookup<UnitResult>;
  readonly memo: UnitMemo;
  /** The module facts' fingerprint: while it is unchanged, every cached unit's fact reads hold. */
  readonly factsFingerprint: string;
  /** The module facts themselves: what changed since is what cached units' reads are checked for. */
  readonly facts: ModuleFacts;
  /**
   * Results of statements of earlier versions that are not in this one (see recent-units.ts). Shared
   * from one analysis of the document to the next; their fact reads are always checked again.
   */
  readonly recent: RecentUnits<UnitResult>;
  /** The results in `units` of classes analysed member by member, in the same order (see `PreviousMembers`). */
  readonly classes: readonly UnitResult[];
  /**
   * The top-level statements of the analysed tree in order, with their stored keys (undefined for a
   * partial analysis): a window publish takes those it leaves unchanged from here.
   */
  readonly statements?: readonly StatementKey[];
  /** The statements' placed results and diagnostics, for the next window publish (see `Assembly`). */
  readonly assembly?: Assembly;
  /** The diagnostic made of each finding kept (see `DiagnosticsMade`). */
  readonly diagnostics: DiagnosticsMade;
  /** What the file rules last cost, in milliseconds (undefined: not run yet), for `deadline`. */
  readonly fileRulesMs?: number;
  /** A partial analysis's per-text work, for the call that continues it (see `Continuation`). */
  readonly continuation?: Continuation;
  /** The long strings the cache holds, for the next analysis to share rather than copy (see `Detacher`). */
  readonly longStrings?: readonly string[];
}

/**
 * What a partial analysis read of its tree and text, carried to the next call on the same tree and
 * text (an analysis in slices): its statements, the module facts, the statements' snapshots and the
 * memo, still open. Without it each slice read every statement of the tree again and collected the
 * module facts again (measured at 10k lines: twice an uninterrupted analysis), and the file rules of
 * the last slice read through wasm the statements earlier slices had copied.
 */
interface Continuation {
  readonly tree: Tree;
  readonly source: string;
  readonly topLevel: readonly TopLevelUnit[];
  readonly snapshots: UnitSnapshots;
  readonly memo: UnitMemo;
  readonly module: ModuleFacts;
  /** The file rules run so far, where the deadline came between two of them. */
  readonly fileRules?: FileRulesRun;
}

/**
 * The file rules of one analysis, run one after another, each call of an analysis in slices going
 * on with those left: a keystroke or request arriving meanwhile waits for one file rule, not for
 * all of them (at 10k lines, ~200 ms at the opening, ~150 ms at a pause).
 */
interface FileRulesRun extends FileRun {
  /** How many of the enabled file rules have run. */
  done: number;
  /** How many top-level statements the next rule has been prepared for (see `FileRule.prepare`). */
  prepared: number;
  /**
   * The `prepare` functions run over every statement: a family of rules shares one (the binding
   * rules' `prepareFlow`), whose values the next of them finds already made.
   */
  readonly preparedBy: Set<FilePrepare>;
  /** The top-level statements of `tree`, once a rule was prepared. */
  units?: readonly Node[];
  readonly findings: Finding[];
  /** Their time so far, over every call. */
  ms: number;
}

/**
 * The diagnostic made of each finding, in text with line ending `eol`: a statement that did not
 * move keeps its placed findings (see `placedFindings`), hence its diagnostics, from one analysis
 * to the next, instead of every diagnostic of the file being made again at every keystroke.
 */
interface DiagnosticsMade {
  readonly eol: LineEnding;
  readonly of: WeakMap<Finding, Diagnostic>;
}

/** A top-level statement as the engine knew it: its cache key and where it started. */
export interface StatementKey {
  readonly key: string;
  readonly start: { readonly row: number; readonly column: number };
}

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  cache: AnalysisCache;
  stats: AnalysisStats;
  /** The deadline passed before the analysis was done: these are the diagnostics found so far. */
  partial: boolean;
  /** Every unit was analysed (`cache.statements` is given), the analysis partial or not. */
  unitsComplete: boolean;
}

/** What `analyzeOnce` gives besides: read it while the tree lives. */
export interface OneShotAnalysis extends AnalysisResult {
  /** A snapshot of the whole module, made of the statements' snapshots the analysis took (for `resolveFixes`). */
  moduleSnapshot(): SnapshotNode;
  /** The scope model of that snapshot, computed when first asked (for `resolveFixes`). */
  scopeModel(): ScopeModel;
}

export interface AnalysisStats {
  units: number;
  reusedUnits: number;
  /** Lines of the units analysed in this call (not reused). */
  analysedLines: number;
  /** Milliseconds per phase, for the keystroke profile (tools/keystroke-profile.ts). */
  phases: { moduleFacts: number; units: number; fileRules: number; diagnostics: number };
}

/**
 * The engine: text, tree and configuration in, diagnostics out. No file system, no LSP. With a
 * `previous` cache, top-level statements whose text and module context are unchanged are not
 * re-analysed; their findings are shifted to where the statement now stands.
 */
export function analyze(input: AnalysisInput, previous?: AnalysisCache): AnalysisResult {
  // The snapshots are let go: the cache must not hold this version of the text.
  const detacher = new Detacher(previous?.longStrings);
  return analyzeKeeping(input, previous, {
    keep: (value) => detacher.value(value),
    longStrings: () => detacher.carried(),
    facts: trackedFacts,
    // Only the statements this call analysed (what its deadline allowed: those a keystroke changed)
    // have a copy; the others' memo computations read the tree, rather than copy the whole file.
    unitCopy: (snapshots, unit) => snapshots.existing(unit as TreeSitterNode) ?? unit,
    // The same tree object as the server's requests see, so that values shared per tree are too.
    fileTree: (_snapshots, tree) => tree,
    methodBodies: 'when-read',
  }).result;
}

/**
 * One analysis whose cache nobody keeps (the command line, throwaway passes): the same result as
 * `analyze` without a previous cache, without copying what a kept cache must not share with the text.
 */
export function analyzeOnce(input: AnalysisInput): OneShotAnalysis {
  // The module's snapshot, made of the statements' (see `UnitSnapshots.module`), as a tree: one
  // object, so that the file rules and `scopeModel` share what they compute per tree.
  let moduleTree: { rootNode: SnapshotNode } | undefined;
  const moduleTreeOf = (snapshots: UnitSnapshots) =>
    (moduleTree ??= { rootNode: snapshots.module(input.tree.rootNode) });
  // Nothing is reused, so nothing needs to know which module facts a unit read.
  const { result, snapshots } = analyzeKeeping(input, undefined, {
    keep: <T>(value: T) => value,
    longStrings: () => undefined,
    facts: (module) => module,
    // Every statement is analysed: its copy is taken once, by whoever reads it first.
    unitCopy: (snapshots, unit) =>
      unit instanceof SnapshotNode ? unit : snapshots.of(unit as TreeSitterNode),
    // Every statement has a copy by the time the file rules run: they read the module's, made of them.
    fileTree: moduleTreeOf,
    // Every method is analysed: its body is copied in its class's walk.
    methodBodies: 'with-their-class',
  });
  return {
    ...result,
    moduleSnapshot: () => moduleTreeOf(snapshots).rootNode,
    scopeModel: () => scopeModelOf(moduleTreeOf(snapshots)),
  };
}

/** How a value that goes into the cache is kept: detached (see detach.ts) when the cache outlives this text. */
type Keep = <T>(value: T) => T;

/**
 * How a result is kept (see `Keep`), the module facts a unit's rules read (see `trackedFacts`),
 * and what the memo computations read of a statement (see `UnitMemo`).
 */
interface Keeping {
  keep: Keep;
  /** What the cache hands to the next analysis's `keep` (see `AnalysisCache.longStrings`). */
  longStrings: () => readonly string[] | undefined;
  facts: (module: ModuleFacts, deps: FactDeps) => ModuleFacts;
  /** What the module facts' and file rules' memo computations read of a top-level statement. */
  unitCopy: (snapshots: UnitSnapshots, unit: Node) => Node;
  /** The tree the file rules read (called once the unit rules are done). */
  fileTree: (snapshots: UnitSnapshots, tree: Tree) => SyntaxTree;
  /** When the methods' bodies are copied (see `MethodBodies`). */
  methodBodies: MethodBodies;
}

function analyzeKeeping(
  input: AnalysisInput,
  previous: AnalysisCache | undefined,
  { keep, longStrings, facts, unitCopy, fileTree, methodBodies }: Keeping,
): { result: AnalysisResult; snapshots: UnitSnapshots } {
  const { source, tree, config, file, rules } = input;
  const root = tree.rootNode;
  const started = performance.now();
  // Module facts are not part of the key: each unit records the facts it read (see fact-deps.ts).
  const contextKey = [config.fingerprint, fileKey(file)].join('\u0000');
  const sameContext = previous && previous.contextKey === contextKey ? previous : undefined;
  const reusable = sameContext?.units;
  const recent = sameContext?.recent ?? new RecentUnits<UnitResult>(classShell);
  const carried = continuationFor(sameContext, input);
  const topLevel = carried?.topLevel ?? input.units ?? topLevelUnits(root, source);
  const view = input.view ?? treeSitterView(source);
  const snapshots = carried?.snapshots ?? new UnitSnapshots(view, methodBodies);
  const memo =
    carried?.memo ??
    new UnitMemo(unitKeysById(topLevel), sameContext?.memo, keep, (unit) => unitCopy(snapshots, unit));
  // Closed once the analysis is complete, or when the next call does not continue it.
  if (!carried && sameContext?.continuation) sameContext.continuation.memo.close();
  // A window publish: the statements it shares with the last analysis give their contributions.
  const lastStatements = !carried && input.units && sameContext?.statements;
  const module =
    carried?.module ??
    collectModuleFacts(
      root,
      memo,
      lastStatements
        ? { facts: sameContext.facts, ...sharedEnds(lastStatements, topLevel, undefined) }
        : undefined,
    );
  const factsDone = performance.now();
  const { fileRules: enabledFileRules, dispatch } = enabledRules(rules, config);

  const units = new Map<string, UnitResult>();
  const factsUnchanged = sameContext?.factsFingerprint === module.fingerprint;
  // The reads that differ from the last analysis's facts: a cached unit that made none of them holds.
  const changed = sameContext && !factsUnchanged ? changedReads(sameContext.facts, module) : undefined;
  const factsAt = moduleViews(module);
  let membersByShell: Map<string, PreviousMembers> | undefined;
  const previousMembers = () => {
    if (!membersByShell) {
      membersByShell = new Map();
      for (const [shell, unit] of recent.latestOfGroups())
        if (unit.members) membersByShell.set(shell, { members: unit.members, checkedInFull: true });
      for (const unit of sameContext?.classes ?? []) {
        if (unit.shell && unit.members)
          membersByShell.set(unit.shell, { members: unit.members, checkedInFull: false });
      }
    }
    return membersByShell;
  };
  let reusedUnits = 0;
  /** How many of the last analysis's statements (`reusable`'s keys) this one has too. */
  let previousKept = 0;
  const classes: UnitResult[] = [];
  // Whether a result's module-fact reads hold under the facts a statement sees (a result of any analysis).
  const holdsIn = (deps: FactDeps, view: ModuleView) => depsHold(deps, view.facts, view.memo);
  // The same for a result of the last analysis: only the reads that changed since are checked. Under
  // a late `from __future__ import annotations`, statements of the same text on its two sides share
  // one result by key, and a statement may now stand on its other side: the views differ in
  // `futureAnnotations` alone, and that read is checked against the statement's view.
  const previousDepsValid = (deps: FactDeps, view: ModuleView) =>
    ((factsUnchanged || (changed !== undefined && !readsAny(deps, changed))) &&
      futureAnnotationsReadHolds(deps, view.facts)) ||
    holdsIn(deps, view);
  const counter = { lines: 0 };
  // Below a typed line break every statement reads the same moved values (a binding's position, a
  // whole field's JSON): each is moved once per analysis, not once per statement that read it.
  const movedValues = input.moved ? new MovedValues(input.moved) : undefined;

  let analysedNow = 0;
  let partial = false;
  // When tree-sitter cannot read the file as a module at all, the root is the ERROR and the units
  // are its fragments: the root's own error is reported once here, indentation not at all.
  const brokenRoot = root.type === 'ERROR';
  /** The syntax error of statement `index`'s indentation, if any (never cached, see below). */
  const indentationOf = (index: number): Finding | undefined => {
    const { node, start } = topLevel[index];
    // Depends on the text before the statement: never cached (and, at column 0, no wasm call at
    // all). After a statement with an error, an indented line is that error's consequence.
    if (start.column === 0 || brokenRoot || (index > 0 && topLevel[index - 1].node.hasError))
      return undefined;
    return unexpectedIndentation(node, start.column, source);
  };
  /** The result of statement `index`: reused where it holds, else analysed; undefined once past the deadline. */
  const resultOf = (index: number): UnitResult | undefined => {
    const { node: unit, key, start } = topLevel[index];
    const unitModule = factsAt(unit.startIndex);
    // A unit of the same text earlier in this analysis may have seen other facts (a late `__future__`).
    let result = reusableAt(units.get(key), start.row);
    if (result && !holdsIn(result.deps, unitModule)) result = undefined;
    // A result of this very text whose fact reads no longer hold: kept among the recent ones, as
    // the facts often come back (a definition's name vanishes while the line it is on is edited,
    // and returns; each statement reading it would be analysed again both times).
    let outdated: UnitResult | undefined;
    if (!result) {
      const cached = reusableAt(reusable?.get(key), start.row);
      if (cached && previousDepsValid(cached.deps, unitModule)) result = cached;
      else if (cached && movedValues) result = movedResult(cached, unitModule, movedValues);
      if (!result) outdated = cached;
    }
    if (!result) {
      const earlier = reusableAt(recent.take(key), start.row);
      // Recent results were computed against older module facts: their reads are always checked.
      if (earlier && holdsIn(earlier.deps, unitModule)) result = earlier;
      else outdated ??= earlier;
    }
    if (outdated?.storedKey !== undefined) {
      outdated.placed = undefined;
      recent.add(outdated.storedKey, outdated);
    }
    if (result) reusedUnits++;
    else if (analysedNow > 0 && unit.type !== 'comment' && pastDeadline(input.deadline)) {
      // Comments are cheap and may hold file-level noqa: only code units are left out.
      partial = true;
      return undefined;
    } else {
      result = analyzeUnit(unit, {
        input,
        view,
        snapshots,
        module: unitModule.facts,
        dispatch,
        previousMembers,
        depsValid: (deps) => previousDepsValid(deps, unitModule),
        depsHoldInFull: (deps) => holdsIn(deps, unitModule),
        counter,
        keep,
        facts,
      });
      analysedNow++;
    }
    result.storedKey ??= memo.storedKey(key);
    const known = units.size;
    units.set(result.storedKey, result);
    if (units.size > known) {
      if (reusable?.has(result.storedKey)) previousKept++;
      if (result.members) classes.push(result);
    }
    return result;
  };
  /**
   * The statements shared with the last analysis (see `Alignment`) whose results' fact reads no
   * longer hold, and those whose reads changed only as the lines moved (see `movedResult`), by
   * their index in the last analysis: a line typed above a statement that reads a binding below
   * it changed its reads, as it did those of every statement below that reads one.
   */
  const staleShared = ({ before, after, lineDelta }: Alignment, last: Assembly): SharedReads => {
    const stale: number[] = [];
    const moved = new Map<number, UnitResult>();
    const was = last.statements;
    for (let index = 0; index < was.length; index++) {
      if (index === before) index = Math.max(before, was.length - after);
      if (index >= was.length) break;
      const result = was[index].result as UnitResult;
      const now = index < before ? index : index - was.length + topLevel.length;
      const view = factsAt(topLevel[now].node.startIndex);
      if (previousDepsValid(result.deps, view)) continue;
      const shifted = movedValues && movedResult(result, view, movedValues);
      // Its diagnostics are those of the last analysis where its findings are, or are made again
      // where it moved (those after the window, lines added above them).
      if (shifted && (shifted.findings === result.findings || (index >= before && lineDelta !== 0)))
        moved.set(index, shifted);
      else stale.push(index);
    }
    return { stale, moved };
  };
  const placedAt = (index: number, result: UnitResult): PlacedStatement => {
    const { start } = topLevel[index];
    const placed = placedResult(result, { line: start.row, character: start.column });
    return { result, placed, indentation: indentationOf(index) };
  };

  const eol = lineEndingOf(source);
  const made: DiagnosticsMade =
    sameContext?.diagnostics.eol === eol ? sameContext.diagnostics : { eol, of: new WeakMap() };
  const diagnosticOfFinding = (finding: Finding): Diagnostic | undefined => {
    // Not a rule: no selection, always an error; hidden only on a notebook's magic lines.
    if (finding.code === SYNTAX_ERROR_CODE && input.magicLines?.has(finding.range.start.line))
      return undefined;
    let diagnostic = made.of.get(finding);
    if (!diagnostic) {
      diagnostic = diagnosticOf(finding, config, eol);
      made.of.set(finding, diagnostic);
    }
    return diagnostic;
  };

  // A window publish: only the statements its edits changed are looked at, where the others'
  // results still hold (see `Assembly`).
  const lastAssembly = sameContext?.assembly;
  const aligned =
    lastAssembly &&
    input.units &&
    !brokenRoot &&
    input.deadline === undefined &&
    !input.magicLines &&
    enabledFileRules.length === 0 &&
    !config.enabled.has(UNUSED_NOQA)
      ? alignedWithLast(lastAssembly, topLevel)
      : undefined;
  // The statements it shares with the last analysis keep their results where the facts they read
  // still hold (all of them while the facts are unchanged; else those that read none that changed).
  // Under a late `from __future__ import annotations` too: its offset is in the facts' fingerprint,
  // so while they are unchanged no shared statement has moved to its other side.
  const sharedReads =
    aligned && lastAssembly && !factsUnchanged ? staleShared(aligned, lastAssembly) : undefined;
  const alignment = sharedReads?.stale.length === 0 || factsUnchanged ? aligned : undefined;
  let statements: readonly StatementKey[];
  let placedStatements: readonly PlacedStatement[];
  let spliced: { diagnostics: Diagnostic[]; assembly: Assembly } | undefined;
  let table: UnitLookup<UnitResult> = units;
  if (alignment && lastAssembly && reusable) {
    const { before, after } = alignment;
    const last = withResults(lastAssembly.statements, sharedReads?.moved);
    const middle: PlacedStatement[] = [];
    const middleKeys: StatementKey[] = [];
    for (let index = before; index < topLevel.length - after; index++) {
      const result = resultOf(index) as UnitResult;
      middle.push(placedAt(index, result));
      middleKeys.push({ key: result.storedKey as string, start: topLevel[index].start });
    }
    reusedUnits += before + after;
    // Below a line break, a statement whose findings all move with its lines keeps its diagnostics,
    // moved (see `movedSuffix`), where they were made under the same line ending.
    const movable = (index: number, result: UnitResult) =>
      made === sameContext.diagnostics &&
      topLevel[index].start.column === 0 &&
      result.findings === lastAssembly.statements[index - topLevel.length + last.length].result?.findings &&
      movesWithLines(result);
    const suffix = movedSuffix(alignment, last, topLevel.length, placedAt, movable);
    placedStatements = [...last.slice(0, before), ...middle, ...suffix];
    statements = [
      ...lastAssembly.keys.slice(0, before),
      ...middleKeys,
      ...(alignment.lineDelta === 0
        ? lastAssembly.keys.slice(last.length - after)
        : lastAssembly.keys.slice(last.length - after).map(({ key }, offset) => ({
            key,
            start: topLevel[topLevel.length - after + offset].start,
          }))),
    ];
    spliced = splicedDiagnostics(lastAssembly, alignment, placedStatements, {
      source,
      keys: statements,
      diagnosticOf: diagnosticOfFinding,
    });
    // The last analysis's results by key, less the statements of its window no longer here (kept
    // among the recent ones), with this window's: no entry of the other statements is copied.
    const middleResults = new Set(middle.map((statement) => statement.result));
    const removals: string[] = [];
    for (let index = before; index < last.length - after; index++) {
      const result = last[index].result as UnitResult;
      const key = result.storedKey as string;
      if (middleResults.has(result) || units.has(key)) continue;
      removals.push(key);
      result.placed = undefined;
      recent.add(key, result);
    }
    // Under changed facts, the table's result of each shared statement's key is the one that was
    // found to hold (a statement of the same text elsewhere may have had its own).
    const held: [string, UnitResult][] = [];
    if (!factsUnchanged) {
      // The shared statements: those before the window and those after it (no copy of either list).
      for (let index = 0; index < last.length; index++) {
        if (index === before) index = last.length - after;
        if (index >= last.length) break;
        const result = last[index].result as UnitResult;
        const key = result.storedKey as string;
        if (reusable.get(key) !== result && !units.has(key)) held.push([key, result]);
      }
    }
    table = UnitTable.changed(reusable, removals, [...units, ...held]);
    const kept = sameContext.classes.filter((result) => table.get(result.storedKey as string) === result);
    const keptClasses = new Set(kept);
    classes.splice(0, 0, ...kept);
    for (let index = classes.length - 1; index >= kept.length; index--)
      if (keptClasses.has(classes[index])) classes.splice(index, 1);
  } else {
    const keys: StatementKey[] = [];
    const placed: PlacedStatement[] = [];
    for (let index = 0; index < topLevel.length; index++) {
      const result = resultOf(index);
      if (!result) {
        placed.push({ result: undefined, placed: undefined, indentation: indentationOf(index) });
        continue;
      }
      keys.push({ key: result.storedKey as string, start: topLevel[index].start });
      placed.push(placedAt(index, result));
    }
    statements = keys;
    placedStatements = placed;
    // Statements gone from the text are kept a while: they often come back (see recent-units.ts).
    // Not looked for when every one of the last analysis's is still here (a keystroke's usual case).
    if (reusable && previousKept < reusable.size) {
      for (const key of reusable.keys()) {
        if (units.has(key)) continue;
        const result = reusable.get(key) as UnitResult;
        result.placed = undefined;
        recent.add(key, result);
      }
    }
  }

  const unitsDone = performance.now();
  const unitsComplete = !partial;
  // Only after a call that analysed units: one that reused them all runs the file rules (progress).
  // Of unknown cost (the first time: about a second at 50k lines), they always start a call of their own.
  const lastFileRulesMs = sameContext?.fileRulesMs;
  const deferFileRules =
    unitsComplete &&
    analysedNow > 0 &&
    input.deadline !== undefined &&
    (lastFileRulesMs === undefined || unitsDone + lastFileRulesMs > input.deadline) &&
    enabledFileRules.length > 0;
  if (deferFileRules) partial = true;
  /** The file rules' run of this call: the carried one's progress (copied: a cache is never changed), else a new one. */
  const fileRulesFrom = (run: FileRulesRun | undefined): FileRulesRun => ({
    // One tree object for all file rules (their shared values are keyed by it).
    tree: run?.tree ?? fileTree(snapshots, tree),
    shared: run?.shared ?? new Map<string, unknown>(),
    done: run?.done ?? 0,
    prepared: run?.prepared ?? 0,
    preparedBy: new Set(run?.preparedBy),
    units: run?.units,
    findings: run ? run.findings.slice() : [],
    ms: run?.ms ?? 0,
  });
  const fileRules = partial || enabledFileRules.length === 0 ? undefined : fileRulesFrom(carried?.fileRules);
  if (fileRules) {
    // At least one step a call (a rule, or some statements' preparation of one), so that the
    // analysis goes on; the next only before the deadline. Without a deadline nothing is prepared:
    // each rule computes its statements' values as it goes.
    const { deadline } = input;
    // Preparing goes on at least three times as long as this call took before it (placing every
    // statement again, ~10 ms at 50k lines), so that a call is mostly preparing: with 8 ms slices,
    // a 50k-line file's analysis took half again as many calls as without preparing.
    const preparedUntil =
      deadline === undefined ? undefined : Math.max(deadline, unitsDone + 3 * (unitsDone - started));
    let ran = 0;
    while (fileRules.done < enabledFileRules.length && (ran === 0 || !pastDeadline(deadline))) {
      const rule = enabledFileRules[fileRules.done];
      ran++;
      const { prepare } = rule;
      if (preparedUntil !== undefined && prepare && !fileRules.preparedBy.has(prepare)) {
        prepareFileRule(rule, prepare, { input, module, memo, run: fileRules }, preparedUntil);
        continue;
      }
      appendAll(fileRules.findings, runFileRule(rule, input, module, memo, fileRules));
      fileRules.done++;
    }
    fileRules.ms += performance.now() - unitsDone;
    if (fileRules.done < enabledFileRules.length) partial = true;
  }
  const fileFindings = partial ? [] : (fileRules?.findings ?? []);
  const fileRulesDone = performance.now();
  // A partial analysis keeps its memo open for the call that continues it (see `Continuation`).
  const continuation: Continuation | undefined =
    partial && !input.units ? { tree, source, topLevel, snapshots, memo, module, fileRules } : undefined;
  if (!continuation) memo.close();

  const { diagnostics, assembly } =
    spliced ??
    assembledDiagnostics(everyPlaced(placedStatements, placedAt), {
      source,
      keys: statements,
      rootErrors: brokenRoot ? syntaxErrorsIn(root) : [],
      fileFindings,
      unusedNoqa: config.enabled.has(UNUSED_NOQA) && !partial ? knownCodes(rules) : undefined,
      config,
      complete: unitsComplete && !input.magicLines,
      diagnosticOf: diagnosticOfFinding,
    });
  const result: AnalysisResult = {
    diagnostics,
    cache: {
      contextKey,
      units: table,
      memo,
      factsFingerprint: module.fingerprint,
      facts: module,
      recent,
      classes,
      statements: unitsComplete ? statements : undefined,
      assembly,
      diagnostics: made,
      fileRulesMs: fileRules && !partial ? fileRules.ms : lastFileRulesMs,
      continuation,
      longStrings: longStrings(),
    },
    stats: {
      units: topLevel.length,
      reusedUnits,
      analysedLines: counter.lines,
      phases: {
        moduleFacts: factsDone - started,
        units: unitsDone - factsDone,
        fileRules: fileRulesDone - unitsDone,
        diagnostics: performance.now() - fileRulesDone,
      },
    },
    partial,
    unitsComplete,
  };
  return { result, snapshots };
}

/**
 * One statement of an analysis: its result placed where it stands (none where the deadline left it
 * out, nor where a window publish moved its last diagnostics instead: see `movedSuffix`), and its
 * indentation's syntax error.
 */
interface PlacedStatement {
  readonly result: UnitResult | undefined;
  readonly placed: PlacedResult | undefined;
  readonly indentation: Finding | undefined;
}

/**
 * The statements' part of a complete analysis's diagnostics, kept so that the next window publish
 * (see window-analysis.ts) looks only at the statements its window changed: those before it keep
 * their diagnostics, those after it too, or are placed again where lines were added above them.
 * Made only where that is exact: every finding of a statement lies in its statement (so its
 * suppression depends only on the comments and strings of the lines it shares with it, and the
 * statements' diagnostics in order are the sorted diagnostics) and no range suppression
 * (`# pyconv: disable[…]`, which reaches past its statement) is in the file.
 */
interface Assembly {
  readonly statements: readonly PlacedStatement[];
  /** Their keys and starts (`AnalysisCache.statements`). */
  readonly keys: readonly StatementKey[];
  /** Statement `i`'s diagnostics are `diagnostics[offsets[i]]` up to `diagnostics[offsets[i + 1]]`. */
  readonly offsets: readonly number[];
  /** The statements' diagnostics, sorted (no file rule's, no RUF100). */
  readonly diagnostics: readonly Diagnostic[];
  /** By statement index, the indices (in its placed findings) of the findings a suppression hid. */
  readonly suppressed: ReadonlyMap<number, readonly number[]>;
  /** The file's exemptions (`# ruff: noqa`), which reach every statement. */
  readonly fileExemptions: readonly NoqaDirective[];
}

/** What `staleShared` found of the statements a window publish shares with the last analysis. */
interface SharedReads {
  /** Indices (in the last analysis) of those whose fact reads no longer hold. */
  readonly stale: readonly number[];
  /** Results whose reads changed only as the lines moved, by index in the last analysis. */
  readonly moved: ReadonlyMap<number, UnitResult>;
}

/** Where a window publish's statements stand against the last analysis's (see `alignedWithLast`). */
interface Alignment {
  /** The first `before` statements are the last analysis's first, unchanged and unmoved. */
  before: number;
  /** The last `after` are its last, unchanged, moved by `lineDelta` lines. */
  after: number;
  lineDelta: number;
}

/**
 * How the statements of a window publish line up with those of the last analysis (`last`), where
 * the statements between are all that the edit can have changed of the statements' diagnostics;
 * undefined where a file exemption came or went with them, or where a statement below them would
 * have to move with a fix anchored at its line (see `UnitResult.anchoredLine`).
 */
function alignedWithLast(last: Assembly, topLevel: readonly TopLevelUnit[]): Alignment | undefined {
  const was = last.keys;
  const lineDelta =
    was.length > 0 && topLevel.length > 0
      ? topLevel[topLevel.length - 1].start.row - was[was.length - 1].start.row
      : 0;
  let { before, after } = sharedEnds(was, topLevel, lineDelta);
  // The statements between start and end on lines of their own, on both sides: a suppression
  // reaches the findings on its line (or its string's), which then belong to one side only.
  while (before > 0 && (startsInLine(topLevel[before]) || startsInLine(was[before]))) before--;
  while (after > 0 && startsInLine(topLevel[topLevel.length - after])) after--;
  for (let index = before; index < was.length - after; index++)
    if ((last.statements[index].result?.fileExemptions.length ?? 0) > 0) return undefined;
  if (lineDelta !== 0) {
    for (let index = was.length - after; index < was.length; index++)
      if (last.statements[index].result?.anchoredLine !== undefined) return undefined;
  }
  return { before, after, lineDelta };
}

/**
 * How many statements at the start of `now` are those at the start of `was` (the same keys), and
 * how many at its end those at its end. With `lineDelta`, they must stand where they stood too,
 * those at the end moved by `lineDelta` lines; undefined: wherever they stand.
 */
function sharedEnds(
  was: readonly StatementKey[],
  now: readonly TopLevelUnit[],
  lineDelta: number | undefined,
): { before: number; after: number } {
  const max = Math.min(was.length, now.length);
  const unmoved = lineDelta === undefined ? undefined : 0;
  let before = 0;
  while (before < max && sameStatement(was[before], now[before], unmoved)) before++;
  let after = 0;
  while (
    after < max - before &&
    sameStatement(was[was.length - 1 - after], now[now.length - 1 - after], lineDelta)
  )
    after++;
  return { before, after };
}

function sameStatement(was: StatementKey, now: TopLevelUnit, lineDelta: number | undefined): boolean {
  if (was.key !== now.key) return false;
  return (
    lineDelta === undefined ||
    (now.start.row - was.start.row === lineDelta && now.start.column === was.start.column)
  );
}

/** Whether the statement (if any) starts after something else on its line. */
function startsInLine(statement: { start: { column: number } } | undefined): boolean {
  return statement !== undefined && statement.start.column !== 0;
}

/**
 * The last analysis's statements after the window (see `Alignment`), placed where they now stand;
 * below a line break, those that `movable` allows are left unplaced: their last diagnostics are
 * moved instead (see `splicedDiagnostics`), as placing every finding again, then making its
 * diagnostic, cost most of a line break typed high in a large file.
 */
function movedSuffix(
  { after, lineDelta }: Alignment,
  last: readonly PlacedStatement[],
  statementCount: number,
  placedAt: (index: number, result: UnitResult) => PlacedStatement,
  movable: (index: number, result: UnitResult) => boolean,
): PlacedStatement[] {
  const from = last.length - after;
  if (lineDelta === 0) return last.slice(from);
  const moved: PlacedStatement[] = [];
  for (let offset = 0; offset < after; offset++) {
    const index = statementCount - after + offset;
    const result = last[from + offset].result as UnitResult;
    moved.push(
      movable(index, result)
        ? { result, placed: undefined, indentation: undefined }
        : placedAt(index, result),
    );
  }
  return moved;
}

/**
 * Whether a statement's placed findings move whole with its lines: every range of every finding
 * (its fix's too) kept relative to the statement's start, and no statement line of its own. Such a
 * statement moved down by lines at column 0 has the diagnostics it had, each moved by those lines.
 */
function movesWithLines(result: UnitResult): boolean {
  result.movesWithLines ??= result.findings.every(findingMovesWithLines);
  return result.movesWithLines;
}

function findingMovesWithLines(finding: Finding): boolean {
  const fix = finding.fix;
  return (
    finding.statementLine === undefined &&
    isRelative(finding.range) &&
    (!fix ||
      (fix.edits.every((edit) => isRelative(edit.range)) &&
        (!fix.renderedFrom || isRelative(fix.renderedFrom)) &&
        (!fix.isolation || isRelative(fix.isolation)) &&
        (!fix.importCleanup || fix.importCleanup.removals.every((edit) => isRelative(edit.range)))))
  );
}

function isRelative(range: Range): boolean {
  return (range as RelativeRange).relative === true;
}

/** A diagnostic of a statement that moved by `lines` lines (see `movesWithLines`): every range of it moved. */
function movedDiagnostic(diagnostic: Diagnostic, lines: number): Diagnostic {
  const move = (range: Range): Range => shiftLines(range, lines);
  return {
    ...diagnostic,
    range: move(diagnostic.range),
    fix: diagnostic.fix && mapFix(diagnostic.fix, move),
  };
}

/**
 * `statements` with those a window publish left unplaced, its diagnostics moved instead (see
 * `movedSuffix`), placed where they stand: what gathering every statement's diagnostics reads.
 */
function everyPlaced(
  statements: readonly PlacedStatement[],
  placedAt: (index: number, result: UnitResult) => PlacedStatement,
): readonly PlacedStatement[] {
  let placed = statements;
  for (let index = 0; index < statements.length; index++) {
    const { result } = statements[index];
    if (!result || statements[index].placed) continue;
    if (placed === statements) placed = statements.slice();
    (placed as PlacedStatement[])[index] = placedAt(index, result);
  }
  return placed;
}

/** `statements` with the results `moved` gives by index (their findings and placing the same, or placed again). */
function withResults(
  statements: readonly PlacedStatement[],
  moved: ReadonlyMap<number, UnitResult> | undefined,
): readonly PlacedStatement[] {
  if (!moved || moved.size === 0) return statements;
  const replaced = statements.slice();
  for (const [index, result] of moved) replaced[index] = { ...statements[index], result };
  return replaced;
}

/** What making the diagnostics of an analysis's statements needs besides them. */
interface DiagnosticsInput {
  source: string;
  /** The statements' keys (see `Assembly.keys`). */
  keys: readonly StatementKey[];
  /** A finding's diagnostic (the same object while the finding is), undefined where it is hidden. */
  diagnosticOf: (finding: Finding) => Diagnostic | undefined;
}

/**
 * The diagnostics of a window publish's statements from the last analysis's (see `Assembly`): the
 * statements between (`alignment`) filtered with the suppressions of their own lines, the others'
 * as they were (moved by the lines added above them); undefined where that would not be exact (a
 * finding outside its statement, a range suppression or file exemption among them, diagnostics out
 * of order where the parts meet).
 */
function splicedDiagnostics(
  last: Assembly,
  { before, after, lineDelta }: Alignment,
  placedStatements: readonly PlacedStatement[],
  { source, keys, diagnosticOf }: DiagnosticsInput,
): { diagnostics: Diagnostic[]; assembly: Assembly } | undefined {
  const middleEnd = placedStatements.length - after;
  const noqa: NoqaComment[] = [];
  const strings: LineSpan[] = [];
  for (let index = before; index < middleEnd; index++) {
    const { result, placed } = placedStatements[index];
    if (
      !result ||
      !placed ||
      !contained(result) ||
      placed.ranges.length > 0 ||
      result.fileExemptions.length > 0
    )
      return undefined;
    appendAll(noqa, placed.noqa);
    appendAll(strings, placed.multilineStrings);
  }
  const suppressions = new Suppressions(source, noqa, strings, last.fileExemptions, []);
  const diagnostics = last.diagnostics.slice(0, last.offsets[before]);
  const offsets = last.offsets.slice(0, before + 1);
  const suffixFrom = last.statements.length - after;
  const suppressed = new Map<number, readonly number[]>();
  for (const [index, hidden] of last.suppressed) {
    if (index < before) suppressed.set(index, hidden);
    else if (index >= suffixFrom) suppressed.set(index - suffixFrom + middleEnd, hidden);
  }
  const kept = (finding: Finding) => keptBy(suppressions, finding);
  for (let index = before; index < middleEnd; index++) {
    const hidden = statementDiagnostics(placedStatements[index], kept, diagnosticOf, diagnostics);
    if (hidden) suppressed.set(index, hidden);
    offsets.push(diagnostics.length);
  }
  if (lineDelta === 0) {
    const at = last.offsets[suffixFrom];
    const moveBy = diagnostics.length - at;
    for (let index = at; index < last.diagnostics.length; index++) diagnostics.push(last.diagnostics[index]);
    for (let index = suffixFrom + 1; index < last.offsets.length; index++)
      offsets.push(last.offsets[index] + moveBy);
  } else {
    for (let index = middleEnd; index < placedStatements.length; index++) {
      const statement = placedStatements[index];
      if (statement.result && !statement.placed) {
        // Left unplaced by `movedSuffix`: its last diagnostics (suppressed ones left out), moved.
        const was = index - middleEnd + suffixFrom;
        for (let at = last.offsets[was]; at < last.offsets[was + 1]; at++)
          diagnostics.push(movedDiagnostic(last.diagnostics[at], lineDelta));
      } else {
        const hidden = suppressed.get(index);
        const kept = hidden ? (_: Finding, at: number) => !hidden.includes(at) : () => true;
        statementDiagnostics(statement, kept, diagnosticOf, diagnostics);
      }
      offsets.push(diagnostics.length);
    }
  }
  for (let index = before; index <= middleEnd; index++)
    if (!sortedAt(diagnostics, offsets[index])) return undefined;
  const { fileExemptions } = last;
  return {
    diagnostics,
    assembly: { statements: placedStatements, keys, offsets, diagnostics, suppressed, fileExemptions },
  };
}

/** What makes the diagnostics of a whole analysis besides its statements'. */
interface WholeDiagnosticsInput extends DiagnosticsInput {
  /** The root's own syntax errors where tree-sitter could not read a module. */
  rootErrors: readonly Finding[];
  fileFindings: readonly Finding[];
  /** The codes known, where RUF100 is reported (see `Suppressions.unused`). */
  unusedNoqa: ReadonlySet<string> | undefined;
  config: EngineConfig;
  /** Whether the statements are all there and their diagnostics may be kept for a window (see `Assembly`). */
  complete: boolean;
}

/** The diagnostics of an analysis, sorted, from every statement's placed result and the file rules' findings. */
function assembledDiagnostics(
  placedStatements: readonly PlacedStatement[],
  input: WholeDiagnosticsInput,
): { diagnostics: Diagnostic[]; assembly: Assembly | undefined } {
  const { diagnosticOf, config } = input;
  const noqa: NoqaComment[] = [];
  const ranges: RangeComment[] = [];
  const strings: LineSpan[] = [];
  const fileExemptions: NoqaDirective[] = [];
  let complete = input.complete && input.rootErrors.length === 0;
  for (let index = 0; index < placedStatements.length; index++) {
    const { result, placed } = placedStatements[index];
    if (!result || !placed) continue;
    appendAll(noqa, placed.noqa);
    appendAll(ranges, placed.ranges);
    appendAll(strings, placed.multilineStrings);
    appendAll(fileExemptions, result.fileExemptions);
    if (complete && !contained(result)) complete = false;
  }
  const suppressions = new Suppressions(input.source, noqa, strings, fileExemptions, ranges);
  const kept = (finding: Finding) => keptBy(suppressions, finding);
  const statementsDiagnostics: Diagnostic[] = [];
  const offsets = [0];
  const suppressed = new Map<number, readonly number[]>();
  for (let index = 0; index < placedStatements.length; index++) {
    const hidden = statementDiagnostics(placedStatements[index], kept, diagnosticOf, statementsDiagnostics);
    if (hidden) suppressed.set(index, hidden);
    offsets.push(statementsDiagnostics.length);
  }
  const fileLevel = input.fileFindings.filter(kept);
  // Unused suppressions are known only once every finding is (the caller: never from a partial analysis).
  const known = input.unusedNoqa;
  if (known) {
    const unused = suppressions.unused(UNUSED_NOQA, {
      isKnown: (code) => known.has(code),
      isEnabled: (code) => config.enabled.has(code),
    });
    for (const finding of unused)
      if (!suppressions.suppressesUnusedReport(finding.code, finding.range.start.line))
        fileLevel.push(finding);
  }
  complete &&= ranges.length === 0 && offsets.every((offset) => sortedAt(statementsDiagnostics, offset));
  const assembly: Assembly | undefined = complete
    ? {
        statements: placedStatements,
        keys: input.keys,
        offsets,
        diagnostics: statementsDiagnostics,
        suppressed,
        fileExemptions,
      }
    : undefined;
  if (assembly && fileLevel.length === 0) return { diagnostics: statementsDiagnostics.slice(), assembly };
  const diagnostics: Diagnostic[] = [];
  for (const finding of input.rootErrors) {
    const diagnostic = diagnosticOf(finding);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  appendAll(diagnostics, statementsDiagnostics);
  for (const finding of fileLevel) {
    const diagnostic = diagnosticOf(finding);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  diagnostics.sort(compareDiagnostics);
  return { diagnostics, assembly };
}

/** Whether `finding` is shown: a syntax error always (`# noqa` never hides one, as in Ruff). */
function keptBy(suppressions: Suppressions, finding: Finding): boolean {
  return finding.code === SYNTAX_ERROR_CODE || suppressions.none || !suppressedFinding(suppressions, finding);
}

/**
 * Appends one statement's diagnostics to `out`, in the engine's order: its indentation error and
 * the placed findings `isKept` keeps (by finding and index). Returns the indices of those it hid.
 */
function statementDiagnostics(
  { placed, indentation }: PlacedStatement,
  isKept: (finding: Finding, index: number) => boolean,
  diagnosticOf: (finding: Finding) => Diagnostic | undefined,
  out: Diagnostic[],
): number[] | undefined {
  const from = out.length;
  if (indentation) {
    const diagnostic = diagnosticOf(indentation);
    if (diagnostic) out.push(diagnostic);
  }
  let hidden: number[] | undefined;
  const findings = placed?.findings ?? [];
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index];
    if (!isKept(finding, index)) {
      hidden ??= [];
      hidden.push(index);
      continue;
    }
    const diagnostic = diagnosticOf(finding);
    if (diagnostic) out.push(diagnostic);
  }
  let sorted = true;
  for (let index = from + 1; index < out.length && sorted; index++) sorted = sortedAt(out, index);
  if (!sorted) appendAll(out, out.splice(from).sort(compareDiagnostics));
  return hidden;
}

/** Whether `list` is in order where its items `at - 1` and `at` meet (trivially at its ends). */
function sortedAt(list: readonly Diagnostic[], at: number): boolean {
  return at <= 0 || at >= list.length || compareDiagnostics(list[at - 1], list[at]) <= 0;
}

/** The engine's order of diagnostics: by start, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  // Codes are ASCII capitals and digits: plain comparison orders them as localeCompare did, much faster.
  return comparePositions(a.range.start, b.range.start) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Whether every finding of the result lies on its statement's lines (its range kept relative to its start). */
function contained(result: UnitResult): boolean {
  result.contained ??= result.findings.every((finding) => (finding.range as RelativeRange).relative === true);
  return result.contained;
}

/** The continuation of `previous` when `input` continues its analysis: same context, tree and text. */
function continuationFor(
  previous: AnalysisCache | undefined,
  input: AnalysisInput,
): Continuation | undefined {
  const continuation = previous?.continuation;
  if (!continuation || input.units || continuation.tree !== input.tree) return undefined;
  return continuation.source === input.source ? continuation : undefined;
}

/** A top-level statement of the tree being analysed, with its cache key (see `unitKey`). */
export interface TopLevelUnit {
  node: TreeSitterNode;
  key: string;
  start: { row: number; column: number };
}

function topLevelUnits(root: TreeSitterNode, source: string): TopLevelUnit[] {
  return topLevelUnitsOf(root.children, source);
}

/** Top-level statements with their keys read from the tree and text. */
export function topLevelUnitsOf(nodes: readonly (TreeSitterNode | null)[], source: string): TopLevelUnit[] {
  const units: TopLevelUnit[] = [];
  for (const node of nodes) {
    if (!node) continue;
    const start = node.startPosition;
    units.push({ node, key: unitKey(node, start.column, source), start });
  }
  return units;
}

/**
 * What a unit's result depends on besides module facts: its text, the rest of the lines it starts
 * and ends on, and its tree. Error recovery depends on what comes before, so the same text can
 * parse differently (inside an ERROR or not): the node type always, and the whole structure for
 * units with syntax errors, are part of it.
 *
 * Fixes read the lines' rest: UP035 splits an import only where it stands alone on its line, B006
 * puts its block after a body's last line by whether a line break ends it, and RUF100 removes a
 * trailing `# noqa` (a statement of its own) with the blanks after the code before it. The
 * column alone was not enough (found by fuzzing, seed 97016): `@from typing import ...` and
 * ` from typing import ...` are both an import at column 1, and the result without UP035's fix
 * made for the one was kept for the other.
 */
function unitKey(unit: TreeSitterNode, column: number, source: string): string {
  const text = source.slice(unit.startIndex, unit.endIndex);
  const structure = unit.hasError ? treeShape(unit) : `${unit.type}${python2Statements(unit, text)}`;
  // The text before it holds its column (none where the column is 0: no scan).
  const before = column === 0 ? '' : source.slice(lineStart(source, unit.startIndex), unit.startIndex);
  const after = source.slice(unit.endIndex, nextLineStart(source, unit.endIndex));
  return `${before.length}:${before}${after.length}:${after}${structure}:${text}`;
}

/**
 * Where `unit` holds Python 2 `print`/`exec` statements, which tree-sitter-python also reads: the
 * same text without any syntax error, `print(x)`, is a call in one parse and a `print_statement` in
 * another (an incremental parse reusing what an earlier text gave; found by fuzzing: a T201 kept
 * from that tree was missing after the pause). Looked for only where the text has such a word.
 */
function python2Statements(unit: TreeSitterNode, text: string): string {
  if (!PYTHON2_WORD.test(text)) return '';
  let found = '';
  for (const node of unit.descendantsOfType(PYTHON2_STATEMENTS))
    if (node) found += `|${node.type}@${node.startIndex - unit.startIndex}`;
  return found;
}

const PYTHON2_WORD = /\b(?:print|exec)\b/;
const PYTHON2_STATEMENTS = ['print_statement', 'exec_statement'];

/**
 * A cached result whose module-fact reads changed only as the text's lines moved (see
 * `AnalysisInput.moved`), with its positions outside the statement moved the same way; undefined
 * where a read changed otherwise or a position lies in the edited lines. Its methods' results are
 * let go (they would need moving too): the class is reused whole while its text stays.
 */
function movedResult(cached: UnitResult, view: ModuleView, moved: MovedValues): UnitResult | undefined {
  const deps = movedDeps(cached.deps, view.facts, view.memo, moved.value);
  if (!deps) return undefined;
  const findings: Finding[] = [];
  let findingsMoved = false;
  for (const finding of cached.findings) {
    const placed = movedFinding(finding, moved.lines);
    if (!placed) return undefined;
    if (placed !== finding) findingsMoved = true;
    findings.push(placed);
  }
  // Findings that did not move are the same objects, placed where they were as before: a statement
  // whose reads alone moved keeps its diagnostics.
  if (!findingsMoved)
    return { ...cached, findings: cached.findings, deps, shell: undefined, members: undefined };
  return { ...cached, findings, deps, placed: undefined, shell: undefined, members: undefined };
}

/** Where `line` is now (see `LinesMoved`); undefined for an edited line. */
function movedLine(line: number, moved: LinesMoved): number | undefined {
  if (line < moved.unchangedBefore) return line;
  if (line > moved.movedAfter) return line + moved.lines;
  return undefined;
}

/** A finding with its positions outside its statement (absolute ones) moved; undefined if one was edited. */
function movedFinding(finding: Finding, moved: LinesMoved): Finding | undefined {
  let edited = false;
  let changed = false;
  const move = (range: Range): Range => {
    if ((range as RelativeRange).relative) return range;
    const start = movedLine(range.start.line, moved);
    const end = movedLine(range.end.line, moved);
    if (start === undefined || end === undefined) {
      edited = true;
      return range;
    }
    if (start === range.start.line && end === range.end.line) return range;
    changed = true;
    return {
      start: { line: start, character: range.start.character },
      end: { line: end, character: range.end.character },
    };
  };
  const range = move(finding.range);
  const fix = mapFix(finding.fix, move);
  if (edited) return undefined;
  return changed ? { ...finding, range, fix } : finding;
}

/** `movedValue` under one `LinesMoved`, each distinct value moved once (`undefined` kept too). */
class MovedValues {
  private readonly known = new Map<string, string | undefined>();

  constructor(readonly lines: LinesMoved) {}

  readonly value = (recorded: string): string | undefined => {
    if (this.known.has(recorded)) return this.known.get(recorded);
    const moved = movedValue(recorded, this.lines);
    this.known.set(recorded, moved);
    return moved;
  };
}

/** A recorded module-fact value (JSON where it holds positions) with its positions moved; undefined if one was edited. */
function movedValue(value: string, moved: LinesMoved): string | undefined {
  if (value[0] !== '{' && value[0] !== '[') return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  let edited = false;
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object') return item;
    const entries = Object.entries(item).map(([key, field]) => [key, walk(field)] as const);
    const position = Object.fromEntries(entries) as Record<string, unknown>;
    if (typeof position.line === 'number' && typeof position.character === 'number') {
      const line = movedLine(position.line, moved);
      if (line === undefined) edited = true;
      else position.line = line;
    }
    return position;
  };
  const result = JSON.stringify(walk(parsed));
  return edited ? undefined : result;
}

/**
 * Every node of `unit`, anonymous ones included, with its symbol, field, missing flag and offsets
 * from the unit's start. `toString()` is not enough: it leaves out anonymous tokens, and error
 * recovery can keep a token in an ERROR or skip it (`'''\]` after `x` or after `(a`) with the same
 * named nodes, which changes E999's message.
 */
function treeShape(unit: TreeSitterNode): string {
  // The copy cursor (see wasm-cursor.ts): the public one marshals itself through the wasm module's
  // transfer buffer at every read and move, which made this walk most of a window publish's keying
  // where its statements hold syntax errors (at 10k lines, 0.6 of 3.5 ms a keystroke).
  const base = unit.startIndex;
  const cursor = copyCursor(unit);
  const parts: string[] = [];
  try {
    for (let depth = 0; ; ) {
      const missing = cursor.isMissing() ? '!' : '';
      parts.push(
        `${cursor.typeId()}.${cursor.fieldId()}${missing}@${cursor.startIndex() - base}-${cursor.endIndex() - base}`,
      );
      if (cursor.gotoFirstChild()) {
        depth++;
        parts.push('(');
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return parts.join(' ');
        depth--;
        parts.push(')');
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The unit's findings and comments at `origin`; shifted once per position, not once per analysis. */
function placedResult(result: UnitResult, origin: Position): PlacedResult {
  const placed = result.placed;
  if (placed && placed.line === origin.line && placed.character === origin.character) return placed;
  const line = origin.line;
  result.placed = {
    line,
    character: origin.character,
    findings: result.findings.map((finding) => shiftFinding(finding, origin)),
    noqa: result.noqa.map((comment) => ({ ...comment, line: comment.line + line })),
    ranges: result.ranges.map((comment) => shiftRange(comment, line)),
    multilineStrings: result.multilineStrings.map((span) => ({
      startLine: span.startLine + line,
      endLine: span.endLine + line,
    })),
  };
  return result.placed;
}

/** Each statement's cache key by its node's id (for the memo), without a pair made per statement. */
function unitKeysById(topLevel: readonly TopLevelUnit[]): Map<number, string> {
  const keys = new Map<number, string>();
  for (let index = 0; index < topLevel.length; index++)
    keys.set(topLevel[index].node.id, topLevel[index].key);
  return keys;
}

/** `items` pushed onto `list` (see the statement loop of `analyzeKeeping`). */
function appendAll<T>(list: T[], items: readonly T[]): void {
  for (let index = 0; index < items.length; index++) list.push(items[index]);
}

function pastDeadline(deadline: number | undefined): boolean {
  return deadline !== undefined && performance.now() > deadline;
}

function reusableAt(result: UnitResult | undefined, line: number): UnitResult | undefined {
  return result && (result.anchoredLine === undefined || result.anchoredLine === line) ? result : undefined;
}

/**
 * An insertion at the unit's start, at the start of its first line, or at the start of the line
 * after its end (B006 puts its block after a body that ends the unit: found by fuzzing, seed 7008).
 * Such a position may be the unit's own or a module-fact position (the import line), which moves
 * with the lines rather than with the unit; a result that holds one is therefore good at its own
 * line only (`UnitResult.anchoredLine`).
 */
function isAnchoringEdit(range: Range, origin: Position, end: Position): boolean {
  return (
    isInsertionAt(range, origin) ||
    isInsertionAt(range, { line: origin.line, character: 0 }) ||
    isInsertionAt(range, { line: end.line + 1, character: 0 })
  );
}

function isInsertionAt(range: Range, point: Position): boolean {
  return comparePositions(range.start, point) === 0 && comparePositions(range.end, point) === 0;
}

function fileKey(file: FileInfo): string {
  return `${file.path ?? ''}|${file.isPackageInit}|${file.isPrivateModule}|${file.isStub}`;
}

type Dispatch = Map<string, UnitRule[]>;

/** The enabled rules and their dispatch, by configuration and rule list (a CLI run has a few configurations). */
const enabledByConfig = new WeakMap<EngineConfig, WeakMap<readonly Rule[], EnabledRules>>();

interface EnabledRules {
  enabled: readonly Rule[];
  fileRules: readonly FileRule[];
  dispatch: Dispatch;
}

function enabledRules(rules: readonly Rule[], config: EngineConfig): EnabledRules {
  let byRules = enabledByConfig.get(config);
  if (!byRules) {
    byRules = new WeakMap();
    enabledByConfig.set(config, byRules);
  }
  let known = byRules.get(rules);
  if (!known) {
    const enabled = rules.filter((rule) => config.enabled.has(rule.meta.code));
    known = {
      enabled,
      fileRules: enabled.filter((rule): rule is FileRule => rule.kind === 'file'),
      dispatch: buildDispatch(enabled.filter((r): r is UnitRule => r.kind === 'unit')),
    };
    byRules.set(rules, known);
  }
  return known;
}

/** The codes of `rules`, one set per rule list (made once, not per analysis). */
const codesByRules = new WeakMap<readonly Rule[], ReadonlySet<string>>();

function knownCodes(rules: readonly Rule[]): ReadonlySet<string> {
  let codes = codesByRules.get(rules);
  if (!codes) {
    codes = new Set(rules.map((rule) => rule.meta.code));
    codesByRules.set(rules, codes);
  }
  return codes;
}

function buildDispatch(rules: readonly UnitRule[]): Dispatch {
  const dispatch: Dispatch = new Map([
    ['comment', []],
    ['string', []],
    ['block', []],
    ['try_statement', []],
  ]);
  for (const rule of rules) {
    for (const type of rule.nodeTypes) {
      const list = dispatch.get(type) ?? [];
      list.push(rule);
      dispatch.set(type, list);
    }
  }
  return dispatch;
}

/**
 * A class is analysed member by member: its methods are sub-units cached by their own text within
 * the class's "shell" (the class text without the methods' bodies: header, decorators, signatures,
 * class-level statements), so a keystroke in one method of a long class re-analyses that method
 * and the shell only. A method's findings may depend on the class and the signatures of its
 * siblings (all in the shell), never on a sibling's body. A method with a syntax error is keyed by
 * its tree shape too, as a unit is (see `unitKey`).
 */
interface PreviousMembers {
  members: ReadonlyMap<string, UnitResult>;
  /** Recent ones were computed against older module facts: their reads are checked in full. */
  checkedInFull: boolean;
}

interface UnitAnalysis {
  input: AnalysisInput;
  /** The text as tree-sitter read it (see `treeSitterView`), for snapshots. */
  view: string;
  snapshots: UnitSnapshots;
  module: ModuleFacts;
  dispatch: Dispatch;
  /** The methods' results of the classes of the previous analysis and recent ones, by class shell. */
  previousMembers: () => ReadonlyMap<string, PreviousMembers>;
  /** Whether the module facts a cached result of the previous analysis read are unchanged. */
  depsValid: (deps: FactDeps) => boolean;
  /** The same, checked in full (for results of earlier analyses). */
  depsHoldInFull: (deps: FactDeps) => boolean;
  /** Lines analysed (not reused) so far, for the stats. */
  counter: { lines: number };
  /** How what goes into the cache is kept (see `Keep`). */
  keep: Keep;
  /** The module facts as the unit's rules see them. */
  facts: Keeping['facts'];
}

interface ModuleView {
  facts: ModuleFacts;
  /** Observed fact values under this view (see `depsHold`). */
  memo: Map<string, string>;
}

/**
 * The module facts a statement sees, by its start: all of them, except that statements before a
 * late `from __future__ import annotations` see `futureAnnotations` false (Ruff applies the import
 * from where it stands).
 */
function moduleViews(module: ModuleFacts): (startIndex: number) => ModuleView {
  const whole: ModuleView = { facts: module, memo: new Map() };
  const late = module.lateFutureAnnotations;
  if (late === undefined) return () => whole;
  const before: ModuleView = { facts: { ...module, futureAnnotations: false }, memo: new Map() };
  return (startIndex) => (startIndex < late ? before : whole);
}

/** A class analysed member by member: its results are looked up by its shell too (see `PreviousMembers`). */
function classShell(result: UnitResult): string | undefined {
  return result.members ? result.shell : undefined;
}

function lineCount(node: Node): number {
  return node.endPosition.row - node.startPosition.row + 1;
}

function analyzeUnit(unit: TreeSitterNode, analysis: UnitAnalysis): UnitResult {
  const { input, previousMembers, snapshots } = analysis;
  const snapshot = snapshots.of(unit);
  const { classNode, methods: members } = snapshots.classOf(unit) ?? { methods: [] };
  if (!classNode || members.length === 0) {
    analysis.counter.lines += lineCount(unit);
    return analyzeNode(snapshot, analysis);
  }
  // Each method's range read once (tree-sitter nodes: every position read is a call into wasm).
  const memberRanges = members.map(({ node }) => nodeRange(node));
  const memberLines = (index: number) => memberRanges[index].end.line - memberRanges[index].start.line + 1;
  let methodLines = 0;
  for (let index = 0; index < members.length; index++) methodLines += memberLines(index);
  analysis.counter.lines += lineCount(unit) - methodLines;
  const shell = shellSignature(unit, members, input.source);
  // The shell: the class without its methods (their bodies are copied only if a rule reads them).
  const result = analyzeNode(snapshot, analysis, { skip: new Set(members.map((m) => m.node.id)) });
  const classCopy =
    snapshot.type === 'class_definition' ? snapshot : snapshot.childForFieldName('definition');
  const before = previousMembers().get(shell);
  const memberResults = new Map<string, UnitResult>();
  const { start: origin, end } = nodeRange(unit);
  for (let index = 0; index < members.length; index++) {
    const { node } = members[index];
    const start = memberRanges[index].start;
    const key = unitKey(node, start.character, input.source);
    let member = reusableAt(memberResults.get(key), start.line);
    if (!member) {
      const cached = reusableAt(before?.members.get(key), start.line);
      const valid = before?.checkedInFull ? analysis.depsHoldInFull : analysis.depsValid;
      if (cached && valid(cached.deps)) member = cached;
      else {
        analysis.counter.lines += memberLines(index);
        member = analyzeNode(snapshots.methodOf(unit, node), analysis, { scopes: [classCopy as Node] });
      }
    }
    member.storedKey ??= analysis.keep(key);
    memberResults.set(member.storedKey, member);
    mergeMember(result, member, start, origin, end);
  }
  result.shell = analysis.keep(shell);
  result.members = memberResults;
  return result;
}

/** The unit's text with the methods' bodies cut out (each replaced by a marker). */
function shellSignature(unit: TreeSitterNode, methods: readonly Method[], source: string): string {
  const parts: string[] = [];
  let at = unit.startIndex;
  for (const { body } of methods) {
    parts.push(source.slice(at, body.startIndex), '\u0000');
    at = body.endIndex;
  }
  parts.push(source.slice(at, unit.endIndex));
  return parts.join('');
}

/** Adds a method's result (relative to the method's start) to its class's (relative to the unit's start). */
function mergeMember(
  result: UnitResult,
  member: UnitResult,
  memberOrigin: Position,
  origin: Position,
  end: Position,
) {
  for (const finding of member.findings) {
    const placed = shiftFinding(finding, memberOrigin);
    // As in analyzeNode: an insertion at the class's start may be a module-fact position.
    if (placed.fix?.edits.some((edit) => isAnchoringEdit(edit.range, origin, end)))
      result.anchoredLine = origin.line;
    result.findings.push(relativeFinding(placed, origin, end));
  }
  const lineOffset = memberOrigin.line - origin.line;
  for (const comment of member.noqa) result.noqa.push({ ...comment, line: comment.line + lineOffset });
  for (const comment of member.ranges) result.ranges.push(shiftRange(comment, lineOffset));
  for (const span of member.multilineStrings) {
    result.multilineStrings.push({
      startLine: span.startLine + lineOffset,
      endLine: span.endLine + lineOffset,
    });
  }
  result.fileExemptions.push(...member.fileExemptions);
  for (const [key, value] of member.deps) result.deps.set(key, value);
  // A fix anchored at the method's line holds only while the method, hence the class, stays put.
  if (member.anchoredLine !== undefined) result.anchoredLine = origin.line;
}

/**
 * Runs the unit rules over one statement: a snapshot of its subtree (see syntax-node.ts) is walked,
 * so that rules read plain objects instead of asking tree-sitter for every property.
 */
function analyzeNode(snapshot: SnapshotNode, analysis: UnitAnalysis, options: WalkOptions = {}): UnitResult {
  const { input, module, dispatch } = analysis;
  const { start: origin, end } = nodeRange(snapshot);
  const result: UnitResult = {
    findings: [],
    noqa: [],
    ranges: [],
    multilineStrings: [],
    fileExemptions: [],
    deps: new Map(),
  };
  const ctx = new UnitRuleContext(input, analysis.facts(module, result.deps), result, origin, end);
  if (snapshot.hasError) {
    for (const error of syntaxErrorsIn(snapshot, options.skip))
      result.findings.push(relativeFinding(error, origin, end));
  }
  walkSubtree(
    snapshot,
    {
      wanted: dispatch,
      visit(node, enclosing) {
        const type = node.type;
        if (type === 'comment') recordSuppressionComment(node, origin.line, result);
        else if (type === 'block' || type === 'try_statement') {
          const errors =
            type === 'block'
              ? [emptyBlockError(node), ...blockIndentationErrors(node, analysis.view)]
              : [tryWithoutHandlerError(node)];
          for (const error of errors) if (error) result.findings.push(relativeFinding(error, origin, end));
        } else if (type === 'string' && spansLines(analysis.view, node)) {
          result.multilineStrings.push({
            startLine: node.startPosition.row - origin.line,
            endLine: node.endPosition.row - origin.line,
          });
        }
        ctx.scopes = enclosing;
        const rules = dispatch.get(type);
        if (rules === undefined) return;
        for (let index = 0; index < rules.length; index++) {
          const rule = rules[index];
          ctx.current = rule;
          rule.visit(node, ctx);
        }
        ctx.current = undefined;
      },
    },
    options,
  );
  // Kept across analyses: copied so as not to hold this version of the text (see detach.ts).
  return analysis.keep(result);
}

/**
 * What a unit rule is handed while one statement (or method) is walked. A class, not an object
 * literal: a literal with a getter gets a map of its own each time it is made, which left every
 * rule's reads of its context (`ctx.module`, `ctx.scopes`, `ctx.report`) megamorphic.
 */
class UnitRuleContext implements UnitContext {
  readonly source: string;
  readonly file: FileInfo;
  readonly config: EngineConfig;
  private readonly fixDetail: FixDetail | undefined;
  /** Set by the walk before each visit: the scopes enclosing the visited node. */
  scopes: readonly Node[] = [];
  /** The rule being run (its code goes on what it reports); undefined between visits. */
  current: UnitRule | undefined = undefined;
  private readonly sharedSlots = new Map<string, Map<number, unknown>>();

  constructor(
    input: AnalysisInput,
    readonly module: ModuleFacts,
    private readonly result: UnitResult,
    private readonly origin: Position,
    private readonly end: Position,
  ) {
    this.source = input.source;
    this.file = input.file;
    this.config = input.config;
    this.fixDetail = input.fixDetail;
  }

  options<T extends object>(section: string): Partial<T> {
    return optionsOf<T>(this.config, section);
  }

  shared<T>(node: Node, slot: string, compute: (node: Node, ctx: UnitContext) => T): T {
    let values = this.sharedSlots.get(slot);
    if (!values) {
      values = new Map();
      this.sharedSlots.set(slot, values);
    }
    // One look-up where a value is known (an undefined value is told apart by `has`).
    const known = values.get(node.id);
    if (known !== undefined || values.has(node.id)) return known as T;
    const value = compute(node, this);
    values.set(node.id, value);
    return value;
  }

  fixEdits(build: () => TextEdit[]): TextEdit[] {
    return fixEditsFor(this.fixDetail, build);
  }

  report(at: Node | Range, message: string, fix?: Fix | null): void {
    const current = this.current;
    if (!current) return;
    const origin = this.origin;
    const range = isRange(at) ? at : nodeRange(at);
    if (fix?.edits.some((edit) => isAnchoringEdit(edit.range, origin, this.end)))
      this.result.anchoredLine = origin.line;
    this.result.findings.push(
      relativeFinding({ code: current.meta.code, message, range, fix: fix ?? null }, origin, this.end),
    );
  }
}

/**
 * Whether the node's text holds a line break, that is, whether it starts and ends on different
 * rows (tree-sitter counts rows by `\n` in `view`, the text it read): no position worked out.
 */
function spansLines(view: string, node: Node): boolean {
  const lineBreak = view.indexOf('\n', node.startIndex);
  return lineBreak >= 0 && lineBreak < node.endIndex;
}

function diagnosticOf(finding: Finding, config: EngineConfig, eol: LineEnding): Diagnostic {
  if (finding.code === SYNTAX_ERROR_CODE) return { ...finding, severity: 'error', fix: null };
  return {
    code: finding.code,
    message: finding.message,
    range: finding.range,
    severity: config.severities[finding.code] ?? 'warning',
    fix: fixWithLineEnding(finding.fix ?? null, eol),
  };
}

/** The unused-noqa rule's code: the engine reports it, as only the engine knows what was suppressed. */
const UNUSED_NOQA = 'RUF100';

function shiftRange(comment: RangeComment, lines: number): RangeComment {
  return { ...comment, line: comment.line + lines };
}

/** One shared empty options object, so that rules' caches keyed by the options object stay warm. */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

function baseContext(input: AnalysisInput, module: ModuleFacts) {
  return {
    source: input.source,
    file: input.file,
    config: input.config,
    module,
    options<T extends object>(section: string): Partial<T> {
      return optionsOf<T>(input.config, section);
    },
    fixEdits(build: () => TextEdit[]): TextEdit[] {
      return fixEditsFor(input.fixDetail, build);
    },
  };
}

/** `BaseContext.fixEdits` under `detail` (`AnalysisInput.fixDetail`): unit and file rules alike. */
function fixEditsFor(detail: FixDetail | undefined, build: () => TextEdit[]): TextEdit[] {
  return detail === 'availability' ? [] : build();
}

/** A rule's options section of the configuration (`ctx.options`), empty when not configured. */
function optionsOf<T extends object>(config: EngineConfig, section: string): Partial<T> {
  return (config.options[section] ?? NO_OPTIONS) as Partial<T>;
}

/** Suppressed by a `# noqa` on its own line, or on the first line of its statement (see `Finding`). */
function suppressedFinding(suppressions: Suppressions, finding: Finding): boolean {
  const { code, range, statementLine } = finding;
  if (suppressions.suppresses(code, range.start.line)) return true;
  return (
    statementLine !== undefined &&
    statementLine !== range.start.line &&
    suppressions.suppresses(code, statementLine)
  );
}

/** What the file rules of one analysis share. */
interface FileRun {
  /** One tree object for all file rules. */
  readonly tree: SyntaxTree;
  /** `FileContext.shared`'s values. */
  readonly shared: Map<string, unknown>;
}

function runFileRule(
  rule: FileRule,
  input: AnalysisInput,
  module: ModuleFacts,
  memo: UnitMemo,
  run: FileRun,
): Finding[] {
  const findings: Finding[] = [];
  rule.check(fileContext(rule, input, module, memo, run, findings));
  return findings;
}

type FilePrepare = NonNullable<FileRule['prepare']>;

/**
 * Runs `prepare`, rule `rule`'s (see `FileRule.prepare`), over the top-level statements from
 * `run.prepared` on, at least one, until `deadline`; `run.prepared` says how far it got, and
 * `run.preparedBy` holds `prepare` once it went over all of them.
 */
function prepareFileRule(
  rule: FileRule,
  prepare: FilePrepare,
  {
    input,
    module,
    memo,
    run,
  }: { input: AnalysisInput; module: ModuleFacts; memo: UnitMemo; run: FileRulesRun },
  deadline: number,
): void {
  const units = fileRuleUnits(run);
  // Nothing is reported while preparing.
  const ctx = fileContext(rule, input, module, memo, run, []);
  while (run.prepared < units.length) {
    prepare(ctx, units[run.prepared]);
    run.prepared++;
    if (pastDeadline(deadline)) break;
  }
  if (run.prepared < units.length) return;
  run.preparedBy.add(prepare);
  run.prepared = 0;
}

/** The top-level statements the file rules read (`ctx.root.namedChildren`), listed once per run. */
function fileRuleUnits(run: FileRulesRun): readonly Node[] {
  run.units ??= run.tree.rootNode.namedChildren.filter((unit): unit is Node => unit !== null);
  return run.units;
}

function fileContext(
  rule: FileRule,
  input: AnalysisInput,
  module: ModuleFacts,
  memo: UnitMemo,
  { tree, shared }: FileRun,
  findings: Finding[],
): FileContext {
  return {
    ...baseContext(input, module),
    tree,
    // One root object for all file rules: web-tree-sitter keeps the children it has read on it.
    root: tree.rootNode,
    memo: (unit, slot, compute) => memo.get(unit, `${rule.meta.code}:${slot}`, compute),
    sharedMemo: (unit, slot, compute) => memo.get(unit, `*:${slot}`, compute),
    shared<T>(slot: string, compute: () => T): T {
      if (shared.has(slot)) return shared.get(slot) as T;
      const value = compute();
      shared.set(slot, value);
      return value;
    },
    report(at, message, fix) {
      findings.push({
        code: rule.meta.code,
        message,
        range: isRange(at) ? at : nodeRange(at),
        fix: fix ?? null,
      });
    },
    reportInStatement(statement, at, message, fix) {
      findings.push({
        code: rule.meta.code,
        message,
        range: isRange(at) ? at : nodeRange(at),
        fix: fix ?? null,
        statementLine: statement.startPosition.row,
      });
    },
  };
}

/**
 * Positions on the lines the unit starts and ends on, up to the start of the next line, are stored
 * relative to its start (before it on its first line: a negative character); others (e.g. an import
 * insertion) stay absolute. The unit's key holds the text of those lines (see `unitKey`), so they
 * move with it. Found by fuzzing (seed 12000): in a tree with syntax errors an `if` at column 4 was
 * a top-level unit, SIM102's fix replaced its lines from column 0, and that edit, kept absolute,
 * stayed two lines up once lines were typed above it.
 */
interface RelativeRange extends Range {
  relative?: boolean;
}

function toRelative(range: Range, origin: Position, end: Position): RelativeRange {
  const rel = (p: Position): Position => ({
    line: p.line - origin.line,
    character: p.line === origin.line ? p.character - origin.character : p.character,
  });
  const afterLastLine = { line: end.line + 1, character: 0 };
  if (range.start.line < origin.line || comparePositions(range.end, afterLastLine) > 0) return range;
  return { start: rel(range.start), end: rel(range.end), relative: true };
}

function toAbsolute(range: RelativeRange, origin: Position): Range {
  if (!range.relative) return { start: range.start, end: range.end };
  const abs = (p: Position): Position => ({
    line: p.line + origin.line,
    character: p.line === 0 ? p.character + origin.character : p.character,
  });
  return { start: abs(range.start), end: abs(range.end) };
}

function mapFix(fix: Fix | null | undefined, map: (r: Range) => Range): Fix | null {
  if (!fix) return null;
  const mapped = {
    ...fix,
    edits: fix.edits.map((edit) => ({ range: map(edit.range), newText: edit.newText })),
  };
  if (fix.renderedFrom) mapped.renderedFrom = map(fix.renderedFrom);
  if (fix.isolation) mapped.isolation = map(fix.isolation);
  if (fix.importCleanup) mapped.importCleanup = mappedCleanup(fix.importCleanup, map);
  return mapped;
}

/**
 * `cleanup` with its removals mapped, or `cleanup` itself where none moves. Its removals are of
 * import statements, as a rule outside the unit, and every finding whose fix may leave the import
 * unused carries them: a copy per finding, placed and stored, was measured at 20 MB of a 50k-line
 * file's cache (a name imported by 54 statements of the file).
 */
function mappedCleanup(cleanup: ImportCleanup, map: (r: Range) => Range): ImportCleanup {
  let moved = false;
  const removals = cleanup.removals.map((edit) => {
    const range = map(edit.range);
    if (!sameRelativeRange(range, edit.range)) moved = true;
    return { range, newText: edit.newText };
  });
  return moved ? { name: cleanup.name, removals } : cleanup;
}

function sameRelativeRange(a: RelativeRange, b: RelativeRange): boolean {
  return Boolean(a.relative) === Boolean(b.relative) && sameRange(a, b);
}

function relativeFinding(finding: Finding, origin: Position, end: Position): Finding {
  return {
    ...finding,
    range: toRelative(finding.range, origin, end),
    fix: mapFix(finding.fix, (r) => toRelative(r, origin, end)),
  };
}

function shiftFinding(finding: Finding, origin: Position): Finding {
  return {
    ...finding,
    range: toAbsolute(finding.range, origin),
    fix: mapFix(finding.fix, (r) => toAbsolute(r, origin)),
  };
}
