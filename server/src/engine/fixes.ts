/**
 * Applies fixes to a text: one pass of the fix loop (`fix-loop.ts`). Fixes are applied in position
 * order; a fix that overlaps one already applied is skipped (as Ruff does) and gets its turn on the
 * next pass, after re-analysis.
 */
import { lineStarts, offsetAt } from './positions';
import type { Fix, TextEdit } from './types';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const { text: result, applied } = applyFixesReporting(text, fixes);
  return { text: result, applied };
}

/** `applyFixes`, also telling which fixes were applied (tools count them per rule). */
export function applyFixesReporting(
  text: string,
  fixes: readonly Fix[],
): { text: string; applied: number; appliedFixes: Fix[] } {
  const starts = lineStarts(text);
  const toOffsets = (edit: TextEdit): OffsetEdit => {
    const start = offsetAt(starts, text, edit.range.start);
    const end = Math.max(start, offsetAt(starts, text, edit.range.end));
    return { start, end, newText: edit.newText };
  };
  const ordered = deferRenames(fixes)
    .map((fix) => ({ fix, edits: mergeInsertions(plainEdits(fix).map(toOffsets).sort(byStart)) }))
    .sort((a, b) => byStart(a.edits[0], b.edits[0]));

  const accepted: OffsetEdit[] = [];
  let applied = 0;
  const appliedFixes: Fix[] = [];
  for (const { fix, edits } of ordered) {
    // The same edit from two fixes (e.g. one import added for both) is applied once.
    const fresh = edits.filter((edit) => !accepted.some((done) => sameEdit(done, edit)));
    if (fresh.some((edit) => accepted.some((done) => conflicts(done, edit)))) continue;
    if (fresh.some((edit, i) => fresh.slice(i + 1).some((other) => overlaps(edit, other)))) continue;
    accepted.push(...fresh);
    applied++;
    appliedFixes.push(fix);
  }

  let result = text;
  for (const edit of [...accepted].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return { text: result, applied, appliedFixes };
}

/**
 * Fixes with edits; renames (lazy fixes) wait while others remain: a fix computed before a rename
 * may insert the old name (a docstring entry, say), so renames get a pass of their own after the
 * re-analysis (fixcheck found `Raises: OldName` entries left behind on the corpus).
 */
function deferRenames(fixes: readonly Fix[]): Fix[] {
  const withEdits = fixes.filter((fix) => fix.edits.length > 0);
  const others = withEdits.filter((fix) => !fix.resolve);
  return others.length > 0 ? others : withEdits;
}

function byStart(a: OffsetEdit, b: OffsetEdit): number {
  return a.start - b.start || a.end - b.end;
}

function sameEdit(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/**
 * Insertions of one fix at the same place, in the order the fix lists them (as LSP applies them),
 * become one edit. The sort before this is stable, so that order is kept.
 */
function mergeInsertions(edits: OffsetEdit[]): OffsetEdit[] {
  const merged: OffsetEdit[] = [];
  for (const edit of edits) {
    const last = merged.at(-1);
    if (last && last.start === last.end && edit.start === edit.end && last.start === edit.start) {
      merged[merged.length - 1] = { ...last, newText: last.newText + edit.newText };
    } else merged.push(edit);
  }
  return merged;
}

/** Edits of one fix may touch (an insertion right before a replacement) but not overlap. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Between fixes, also two edits at the same place: their order would be ambiguous. */
function conflicts(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start || overlaps(a, b);
}

/**
 * A fix's edits as plain text: snippet fixes carry tab stops (`${1:Any}`); applied without an
 * editor, or sent to a client without snippet support, they become their defaults.
 */
export function plainEdits(fix: Fix): TextEdit[] {
  if (!fix.snippet) return fix.edits;
  return fix.edits.map((edit) => ({ range: edit.range, newText: snippetToPlain(edit.newText) }));
}

/** `${1:Any}` -> `Any`, `$1` / `${2}` -> ``, `\$` -> `$` (LSP snippet syntax, placeholders only). */
export function snippetToPlain(snippet: string): string {
  let result = '';
  let i = 0;
  while (i < snippet.length) {
    const char = snippet[i];
    if (char === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      result += snippet[i + 1];
      i += 2;
    } else if (char === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      i++;
      while (/\d/.test(snippet[i] ?? '')) i++;
    } else if (char === '$' && snippet[i + 1] === '{') {
      const placeholder = /^\$\{\d+(?::|\|([^}]*)\||)/.exec(snippet.slice(i));
      if (!placeholder) {
        result += char;
        i++;
        continue;
      }
      const choice = placeholder[1]?.split(',')[0];
      if (choice !== undefined) {
        result += choice;
        i = snippet.indexOf('}', i) + 1 || snippet.length;
        continue;
      }
      i += placeholder[0].length;
      const body = readPlaceholderBody(snippet, i);
      result += snippetToPlain(body.text);
      i = body.end;
    } else {
      result += char;
      i++;
    }
  }
  return result;
}

/** The text of a placeholder up to its matching `}` (placeholders may nest). */
function readPlaceholderBody(snippet: string, from: number): { text: string; end: number } {
  let depth = 1;
  for (let i = from; i < snippet.length; i++) {
    if (snippet[i] === '\\') i++;
    else if (snippet[i] === '{' && snippet[i - 1] === '$') depth++;
    else if (snippet[i] === '}' && --depth === 0) return { text: snippet.slice(from, i), end: i + 1 };
  }
  return { text: snippet.slice(from), end: snippet.length };
}

/** Fixes of the given diagnostics that may be applied: safe ones, or all with `unsafe`. */
export function applicableFixes(diagnostics: readonly { fix: Fix | null }[], unsafe: boolean): Fix[] {
  const fixes: Fix[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.fix && (unsafe || diagnostic.fix.safe)) fixes.push(diagnostic.fix);
  }
  return fixes;
}
