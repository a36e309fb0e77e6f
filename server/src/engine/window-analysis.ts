import type { Node as TreeSitterNode } from 'web-tree-sitter';
import {
  type AnalysisCache,
  analyze,
  compareDiagnostics,
  type LinesMoved,
  type StatementKey,
  type TopLevelUnit,
  topLevelUnitsOf,
} from './analyze';
import { comparePositions, sameRange, shiftLines } from './positions';
import type { Rule } from './rule';
import { statementsOf, statementsTree } from './statements-root';
import type { Diagnostic, EngineConfig, FileInfo, Fix, Position, Range, TextEdit } from './types';

/** The unused-suppression code: reported by the engine from every finding of the file. */
const UNUSED_NOQA = 'RUF100';

/**
 * What a whole analysis found that no statement's own analysis gives: the file rules' findings and
 * RUF100's. A window publish (below) carries them over from the last whole analysis.
 */
export interface FileLevelFindings {
  /** Lines of the text they were found in. */
  lineCount: number;
  diagnostics: Diagnostic[];
}

export function fileLevelFindings(
  diagnostics: readonly Diagnostic[],
  rules: readonly Rule[],
  lineCount: number,
): FileLevelFindings {
  const codes = new Set(rules.filter((rule) => rule.kind === 'file').map((rule) => rule.meta.code));
  codes.add(UNUSED_NOQA);
  return { lineCount, diagnostics: diagnostics.filter((d) => codes.has(d.code)) };
}

/**
 * The statements of one window publish (see `parser/window-parse.ts`): `gaps[k]` the edited tree's
 * statements before `windows[k]`, the last gap those after the last window.
 */
export interface WindowUnits {
  gaps: readonly StatementGap[];
  windows: readonly WindowStatements[];
  /** Where the edited tree's root starts (its text is what module facts read). */
  rootStartIndex: number;
  /** How many top-level statements the edited tree has. */
  statementCount: number;
}

/** Statements of the edited tree outside the windows, unchanged since the last whole analysis. */
export interface StatementGap {
  nodes: readonly TreeSitterNode[];
  /** The index of the first among the edited tree's top-level statements. */
  firstIndex: number;
  /**
   * How many lines the edits before the gap added since the last whole analysis. The last gap's
   * is read from the line counts (`WindowInput.lineCount` and the file-level findings').
   */
  lineDelta: number;
}

/** One window: the root of its parse, where it starts and ends (`end` undefined at the end of the text). */
export interface WindowStatements {
  within: TreeSitterNode;
  start: Position;
  end: Position | undefined;
}

export interface WindowInput {
  source: string;
  /** `source` as tree-sitter reads it (see `AnalysisInput.view`). */
  view?: string;
  /** Lines of `source`. */
  lineCount: number;
  config: EngineConfig;
  /** `config` without RUF100 and the same fingerprint (see `withoutUnusedNoqa`). */
  unitConfig: EngineConfig;
  file: FileInfo;
  rules: readonly Rule[];
  units: WindowUnits;
  /** From the last whole analysis, of the tree the `before` and `after` statements are from. */
  fileLevel: FileLevelFindings;
  /** The statements of that analysis (see `AnalysisCache.statements`), whose keys the window reuses. */
  wholeStatements?: readonly StatementKey[];
  /** How the lines moved since the analysis whose cache is given (see `AnalysisInput.moved`). */
  moved?: LinesMoved;
  /**
   * The caller's memo of `fileLevel`'s findings as carried by the last windows (finding → carried
   * copy), kept while `fileLevel` is: a finding carried to the same place again is that same copy,
   * whose conversion and JSON text the protocol layer reuses (lines added above a finding move it
   * at every keystroke until the whole analysis, to the same place while the user types on a line).
   * Updated by `analyzeWindow`.
   */
  carriedCopies?: Map<Diagnostic, Diagnostic>;
}

/**
 * The diagnostics published at once after an edit, with work bounded by the edit: every top-level
 * statement's findings (the window's statements analysed, the others from the cache: their text is
 * unchanged), and the file-level findings of the last whole analysis outside the window, moved by
 * the lines the edit added. Not exact: file rules and RUF100 are not run, and the window's parse
 * does not see an unclosed `"""` or bracket reach past it. The document is therefore reconciled
 * (a whole parse and analysis) once the user pauses, which is what the settled state is.
 */
export function analyzeWindow(
  input: WindowInput,
  previous: AnalysisCache | undefined,
): { diagnostics: Diagnostic[]; cache: AnalysisCache; phases: WindowPhases } {
  const { units, source } = input;
  const statements: TreeSitterNode[] = [...units.gaps[0].nodes];
  units.windows.forEach((window, index) => {
    statements.push(...statementsOf(window.within), ...units.gaps[index + 1].nodes);
  });
  const language = units.windows[0].within.tree.language;
  const result = analyze(
    {
      source,
      view: input.view,
      tree: statementsTree(statements, source, units.rootStartIndex, language),
      config: input.unitConfig,
      file: input.file,
      rules: unitRulesOf(input.rules),
      units: knownUnits(input),
      moved: input.moved,
    },
    previous,
  );
  const analysed = performance.now();
  const carried = carriedFindings(input);
  const diagnostics = mergeSorted(result.diagnostics, carried);
  const { moduleFacts, units: unitsMs, diagnostics: diagnosticsMs } = result.stats.phases;
  const carry = performance.now() - analysed;
  const phases = {
    moduleFacts,
    units: unitsMs,
    diagnostics: diagnosticsMs,
    carry,
    analysedLines: result.stats.analysedLines,
  };
  return { diagnostics, cache: result.cache, phases };
}

/**
 * The unit rules of `rules`, one list per rule list: the engine makes its enabled rules and their
 * dispatch once per list (a new list at every keystroke made them again each time).
 */
function unitRulesOf(rules: readonly Rule[]): readonly Rule[] {
  let units = unitRules.get(rules);
  if (!units) {
    units = rules.filter((rule) => rule.kind === 'unit');
    unitRules.set(rules, units);
  }
  return units;
}

const unitRules = new WeakMap<readonly Rule[], readonly Rule[]>();

/** Milliseconds per phase of one window analysis, for the keystroke profile (tools/keystroke-profile.ts). */
export interface WindowPhases {
  moduleFacts: number;
  units: number;
  diagnostics: number;
  /** The file-level findings carried over and merged in. */
  carry: number;
  /** Not milliseconds: the lines of the statements analysed (not reused). */
  analysedLines: number;
}

/**
 * The windows' statements with their keys: those outside the windows have the keys the last whole
 * analysis stored (their text is unchanged; each gap's lines moved by the lines the edits before it
 * added), so that no statement outside a window is read again; undefined (the engine reads them
 * all) when that analysis's statements do not line up with the edited tree's.
 */
function knownUnits(input: WindowInput): TopLevelUnit[] | undefined {
  const { units, wholeStatements: whole } = input;
  if (!whole || whole.length !== units.statementCount) return undefined;
  const known: TopLevelUnit[] = [];
  for (const [index, gap] of units.gaps.entries()) {
    if (index > 0)
      known.push(...topLevelUnitsOf(statementsOf(units.windows[index - 1].within), input.source));
    const lineDelta = gapLineDelta(input, index);
    const moved = (start: { row: number; column: number }) =>
      lineDelta === 0 ? start : { row: start.row + lineDelta, column: start.column };
    // The edits left these statements whole: check where the gap's ends stand, the cheap part of their identity.
    const last = gap.nodes.length - 1;
    if (
      last >= 0 &&
      (!samePoint(gap.nodes[0].startPosition, moved(whole[gap.firstIndex].start)) ||
        !samePoint(gap.nodes[last].startPosition, moved(whole[gap.firstIndex + last].start)))
    )
      return undefined;
    gap.nodes.forEach((node, offset) => {
      const { key, start } = whole[gap.firstIndex + offset];
      known.push({ node, key, start: moved(start) });
    });
  }
  return known;
}

/** How far the lines of gap `index` moved since the last whole analysis (see `StatementGap.lineDelta`). */
function gapLineDelta(input: WindowInput, index: number): number {
  if (index === 0) return 0;
  if (index === input.units.gaps.length - 1) return input.lineCount - input.fileLevel.lineCount;
  return input.units.gaps[index].lineDelta;
}

function samePoint(a: { row: number; column: number }, b: { row: number; column: number }): boolean {
  return a.row === b.row && a.column === b.column;
}

/** `config` as the window's unit analysis uses it: RUF100 needs every finding, so it is carried over. */
export function withoutUnusedNoqa(config: EngineConfig): EngineConfig {
  if (!config.enabled.has(UNUSED_NOQA)) return config;
  const enabled = new Set(config.enabled);
  enabled.delete(UNUSED_NOQA);
  // Same fingerprint: no unit rule reads RUF100's selection, so unit results stay shared.
  return { ...config, enabled };
}

/** The last whole analysis's file-level findings outside the windows, placed in the current text. */
function carriedFindings(input: WindowInput): Diagnostic[] {
  const { windows } = input.units;
  // Each gap's lines in the text the findings are of (`end` undefined: to the end), and how far they moved.
  const gaps = input.units.gaps.map((_, index) => {
    const lineDelta = gapLineDelta(input, index);
    const after = windows[index - 1];
    const before = windows[index];
    return {
      lineDelta,
      start: after && (after.end ? { line: after.end.line - lineDelta, character: 0 } : undefined),
      end: before && { line: before.start.line - lineDelta, character: 0 },
      reachable: !after || after.end !== undefined,
    };
  });
  const place = (range: Range): Range | undefined => {
    for (const gap of gaps) {
      if (!gap.reachable) continue;
      if (gap.start && comparePositions(range.start, gap.start) < 0) return undefined;
      if (!gap.end || comparePositions(range.end, gap.end) <= 0) return shiftLines(range, gap.lineDelta);
    }
    return undefined;
  };
  const carried: Diagnostic[] = [];
  for (const diagnostic of input.fileLevel.diagnostics) {
    const range = place(diagnostic.range);
    if (!range) continue;
    if (!diagnostic.fix) {
      carried.push(
        range === diagnostic.range
          ? diagnostic
          : carriedCopy(input.carriedCopies, diagnostic, { ...diagnostic, range }),
      );
      continue;
    }
    const fix = placedFix(diagnostic.fix, place);
    // Unmoved, the finding itself: the protocol layer converts and serialises a finding once (lsp/convert.ts).
    if (fix === diagnostic.fix && range === diagnostic.range) carried.push(diagnostic);
    else if (fix) carried.push(carriedCopy(input.carriedCopies, diagnostic, { ...diagnostic, range, fix }));
  }
  return carried;
}

/** `copy` of `finding`, or the same copy as the last windows' where it is in the same place (see `WindowInput.carriedCopies`). */
function carriedCopy(
  copies: Map<Diagnostic, Diagnostic> | undefined,
  finding: Diagnostic,
  copy: Diagnostic,
): Diagnostic {
  const last = copies?.get(finding);
  if (last && sameRange(last.range, copy.range) && samePlacedFix(last.fix, copy.fix)) return last;
  copies?.set(finding, copy);
  return copy;
}

/** Two placements of one fix (see `placedFix`): the same where every range is. */
function samePlacedFix(a: Fix | null, b: Fix | null): boolean {
  if (!a || !b) return a === b;
  const sameEdits = (x: readonly TextEdit[], y: readonly TextEdit[]) =>
    x.length === y.length && x.every((edit, index) => sameRange(edit.range, y[index].range));
  return (
    sameEdits(a.edits, b.edits) &&
    (a.renderedFrom && b.renderedFrom
      ? sameRange(a.renderedFrom, b.renderedFrom)
      : a.renderedFrom === b.renderedFrom) &&
    sameEdits(a.importCleanup?.removals ?? [], b.importCleanup?.removals ?? [])
  );
}

/**
 * The fix with every range placed, or undefined when one of them lies in the window; `fix` itself
 * where none of its ranges moved.
 */
function placedFix(fix: Fix, place: (range: Range) => Range | undefined): Fix | undefined {
  let moved = false;
  const edits = [];
  for (const edit of fix.edits) {
    const range = place(edit.range);
    if (!range) return undefined;
    moved ||= range !== edit.range;
    edits.push({ range, newText: edit.newText });
  }
  const placed: Fix = { ...fix, edits };
  if (fix.renderedFrom) {
    const renderedFrom = place(fix.renderedFrom);
    if (!renderedFrom) return undefined;
    moved ||= renderedFrom !== fix.renderedFrom;
    placed.renderedFrom = renderedFrom;
  }
  if (fix.importCleanup) {
    const removals = [];
    for (const removal of fix.importCleanup.removals) {
      const range = place(removal.range);
      if (!range) return undefined;
      moved ||= range !== removal.range;
      removals.push({ range, newText: removal.newText });
    }
    placed.importCleanup = { name: fix.importCleanup.name, removals };
  }
  return moved ? placed : fix;
}

/**
 * Two lists in the engine's order (position, then code) merged into one, `b`'s items after the
 * `a` items they equal. `b` (the file-level findings carried) is short beside `a` (every
 * statement's): the run of `a` before each of `b`'s items is found by galloping then halving, not
 * by comparing every item of `a` (at 50k lines, 8,000 comparisons at every keystroke: 0.6 ms).
 */
function mergeSorted(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const merged: Diagnostic[] = [];
  let from = 0;
  for (const item of b) {
    const to = firstAfter(a, from, item);
    for (let index = from; index < to; index++) merged.push(a[index]);
    merged.push(item);
    from = to;
  }
  for (let index = from; index < a.length; index++) merged.push(a[index]);
  return merged;
}

/** The first index from `from` on whose item of `list` comes after `item` (`list.length` if none). */
function firstAfter(list: readonly Diagnostic[], from: number, item: Diagnostic): number {
  const after = (index: number) => compareDiagnostics(list[index], item) > 0;
  // Galloping: the bounds double until one passes the item or the list's end.
  let low = from;
  let step = 1;
  let high = from;
  while (high < list.length && !after(high)) {
    low = high + 1;
    high = from + step;
    step *= 2;
  }
  high = Math.min(high, list.length);
  // Halving between the last bound not past the item and the first past it.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
