/**
 * The one fix loop: the CLI's `--fix`, the editor's fix-all code action and fix-on-save all run
 * this. Analyse, apply the applicable fixes together, re-analyse, until nothing changes or
 * `MAX_FIX_PASSES` passes. A pass whose result would break the code (a new tree-sitter syntax
 * error, or indentation CPython's tokenizer refuses, which tree-sitter accepts) is refused; the
 * fixes are then tried one at a time and those that break the code are left out for good.
 *
 * Pure: the caller's `analyze` parses and analyses a text; no file system, no editor.
 */
import { applicableFixes, applyFixes } from './fixes';
import { indentationError } from './indentation';
import type { Diagnostic, Fix } from './types';

export const MAX_FIX_PASSES = 10;

/** What a pass needs to know about a text: its diagnostics (lazy fixes resolved) and whether it parses. */
export interface FixPassAnalysis {
  diagnostics: Diagnostic[];
  /** tree-sitter found a syntax error in the text. */
  hasSyntaxError: boolean;
}

/** Parses and analyses a text; undefined when the parser gave up. */
export type AnalyzeForFixes = (text: string) => FixPassAnalysis | undefined;

export interface FixLoopOptions {
  /** Apply unsafe fixes too. */
  unsafe: boolean;
  /** The analysis of the starting text when the caller already has it. */
  first?: FixPassAnalysis;
}

export interface FixLoopResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** The analysis of `text` (empty when the starting text could not be analysed). */
  diagnostics: Diagnostic[];
  /** Titles of the fixes left out because they would have broken the code. */
  refused: string[];
}

interface FixState {
  text: string;
  analysed: FixPassAnalysis;
  /** Whether the text already had an indentation error (computed when first needed). */
  indentationBroken?: boolean;
}

type Step =
  | { kind: 'unchanged' }
  | { kind: 'broken' }
  | { kind: 'applied'; state: FixState; applied: number };

/** Applies fixes until the text is stable, never making it worse than it was (see the file comment). */
export function fixUntilStable(
  text: string,
  analyze: AnalyzeForFixes,
  options: FixLoopOptions,
): FixLoopResult {
  const first = options.first ?? analyze(text);
  if (!first) return { text, applied: 0, diagnostics: [], refused: [] };
  let state: FixState = { text, analysed: first };
  let applied = 0;
  /** Fixes that broke the code, by their JSON (so that the same fix is not retried), with their titles. */
  const broken = new Map<string, string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = applicableFixes(state.analysed.diagnostics, options.unsafe).filter(
      (fix) => !broken.has(JSON.stringify(fix)),
    );
    if (fixes.length === 0) break;
    let step = applyBatch(state, fixes, analyze);
    if (step.kind === 'broken') step = applyFirstThatKeepsCode(state, fixes, analyze, broken);
    if (step.kind !== 'applied') break;
    state = step.state;
    applied += step.applied;
  }
  return {
    text: state.text,
    applied,
    diagnostics: state.analysed.diagnostics,
    refused: [...new Set(broken.values())],
  };
}

/** Applies the fixes together and re-analyses; a result that breaks the code is refused. */
function applyBatch(state: FixState, fixes: Fix[], analyze: AnalyzeForFixes): Step {
  const result = applyFixes(state.text, fixes);
  if (result.applied === 0 || result.text === state.text) return { kind: 'unchanged' };
  const analysed = analyze(result.text);
  if (!analysed || (analysed.hasSyntaxError && !state.analysed.hasSyntaxError)) return { kind: 'broken' };
  if (indentationError(result.text) && !indentationBroken(state)) return { kind: 'broken' };
  return { kind: 'applied', state: { text: result.text, analysed }, applied: result.applied };
}

function indentationBroken(state: FixState): boolean {
  state.indentationBroken ??= indentationError(state.text) !== undefined;
  return state.indentationBroken;
}

/**
 * The slow path after a batch broke the code: fixes one at a time, remembering those that break
 * it, until one applies (the others' positions refer to the old text: they wait for the next pass).
 */
function applyFirstThatKeepsCode(
  state: FixState,
  fixes: Fix[],
  analyze: AnalyzeForFixes,
  broken: Map<string, string>,
): Step {
  for (const fix of fixes) {
    const step = applyBatch(state, [fix], analyze);
    if (step.kind === 'applied') return step;
    if (step.kind === 'broken') broken.set(JSON.stringify(fix), fix.title);
  }
  return { kind: 'unchanged' };
}
