import type { Node as TreeSitterNode } from 'web-tree-sitter';
import {
  type AnalysisCache,
  analyze,
  type LinesMoved,
  type StatementKey,
  type TopLevelUnit,
  topLevelUnitsOf,
} from './analyze';
import { comparePositions } from './positions';
import type { Rule } from './rule';
import { statementsOf, statementsTree } from './statements-root';
import type { Diagnostic, EngineConfig, FileInfo, Fix, Position, Range } from './types';

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

/** The statements of one window publish: see `parser/window-parse.ts`. */
export interface WindowUnits {
  before: readonly TreeSitterNode[];
  within: TreeSitterNode;
  after: readonly TreeSitterNode[];
  /** Where the window starts and ends; `end` undefined when it reaches the end of the text. */
  start: Position;
  end: Position | undefined;
  /** Where the edited tree's root starts (its text is what module facts read). */
  rootStartIndex: number;
  /** How many top-level statements the edited tree has. */
  statementCount: number;
}

export interface WindowInput {
  source: string;
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
  const statements = [...units.before, ...statementsOf(units.within), ...units.after];
  const result = analyze(
    {
      source,
      tree: statementsTree(statements, source, units.rootStartIndex, units.within.tree.language),
      config: input.unitConfig,
      file: input.file,
      rules: input.rules.filter((rule) => rule.kind === 'unit'),
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
 * The window's statements with their keys: those outside the window have the keys the last whole
 * analysis stored (their text is unchanged; those after the window moved by the lines the edits
 * added), so that no statement outside the window is read again; undefined (the engine reads them
 * all) when that analysis's statements do not line up with the edited tree's.
 */
function knownUnits(input: WindowInput): TopLevelUnit[] | undefined {
  const { units, wholeStatements: whole } = input;
  if (!whole || whole.length !== units.statementCount) return undefined;
  const firstAfter = units.statementCount - units.after.length;
  const lineDelta = input.lineCount - input.fileLevel.lineCount;
  const lastBefore = units.before.length - 1;
  // The edits left these statements whole: check where they stand, the cheap part of their identity.
  if (lastBefore >= 0 && !samePoint(units.before[lastBefore].startPosition, whole[lastBefore].start))
    return undefined;
  const next = units.after[0];
  const nextWhole = whole[firstAfter];
  if (
    next &&
    !samePoint(next.startPosition, { row: nextWhole.start.row + lineDelta, column: nextWhole.start.column })
  )
    return undefined;
  const known: TopLevelUnit[] = units.before.map((node, index) => ({
    node,
    key: whole[index].key,
    start: whole[index].start,
  }));
  known.push(...topLevelUnitsOf(statementsOf(units.within), input.source));
  units.after.forEach((node, index) => {
    const { key, start } = whole[firstAfter + index];
    known.push({
      node,
      key,
      start: lineDelta === 0 ? start : { row: start.row + lineDelta, column: start.column },
    });
  });
  return known;
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

/** The last whole analysis's file-level findings outside the window, placed in the current text. */
function carriedFindings(input: WindowInput): Diagnostic[] {
  const { start, end } = input.units;
  const lineDelta = input.lineCount - input.fileLevel.lineCount;
  // Where the window ended in the text the findings are of: the lines after it only moved.
  const endBefore = end && { line: end.line - lineDelta, character: 0 };
  const place = (range: Range): Range | undefined => {
    if (comparePositions(range.end, start) <= 0) return range;
    if (endBefore && comparePositions(range.start, endBefore) >= 0) return shiftLines(range, lineDelta);
    return undefined;
  };
  const carried: Diagnostic[] = [];
  for (const diagnostic of input.fileLevel.diagnostics) {
    const range = place(diagnostic.range);
    if (!range) continue;
    if (!diagnostic.fix) {
      carried.push(range === diagnostic.range ? diagnostic : { ...diagnostic, range });
      continue;
    }
    const fix = placedFix(diagnostic.fix, place);
    if (fix) carried.push({ ...diagnostic, range, fix });
  }
  return carried;
}

function shiftLines(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** The fix with every range placed, or undefined when one of them lies in the window. */
function placedFix(fix: Fix, place: (range: Range) => Range | undefined): Fix | undefined {
  const edits = [];
  for (const edit of fix.edits) {
    const range = place(edit.range);
    if (!range) return undefined;
    edits.push({ range, newText: edit.newText });
  }
  const placed: Fix = { ...fix, edits };
  if (fix.renderedFrom) {
    const renderedFrom = place(fix.renderedFrom);
    if (!renderedFrom) return undefined;
    placed.renderedFrom = renderedFrom;
  }
  if (fix.importCleanup) {
    const removals = [];
    for (const removal of fix.importCleanup.removals) {
      const range = place(removal.range);
      if (!range) return undefined;
      removals.push({ range, newText: removal.newText });
    }
    placed.importCleanup = { name: fix.importCleanup.name, removals };
  }
  return placed;
}

/** Two lists in the engine's order (position, then code) merged into one. */
function mergeSorted(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const merged: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && compareDiagnostics(a[i], b[j]) <= 0)) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return comparePositions(a.range.start, b.range.start) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
