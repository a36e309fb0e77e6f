/**
 * Applies fixes to a text: one pass of the fix loop (`fix-loop.ts`). Fixes are applied in position
 * order; a fix that overlaps one already applied is skipped (as Ruff does) and gets its turn on the
 * next pass, after re-analysis.
 */
import { lineStarts, offsetAt } from './positions';
import type { Fix, ImportCleanup, TextEdit } from './types';

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

  let accepted: AcceptedFix[] = [];
  for (const { fix, edits } of ordered) {
    const done = accepted.flatMap((a) => a.edits);
    // The same edit from two fixes (e.g. one import added for both) is applied once.
    const fresh = edits.filter((edit) => !done.some((d) => sameEdit(d, edit)));
    if (fresh.some((edit) => done.some((d) => conflicts(d, edit)))) continue;
    if (fresh.some((edit, i) => fresh.slice(i + 1).some((other) => overlaps(edit, other)))) continue;
    if (sharesIsolation(fix, accepted, toOffsets)) continue;
    accepted.push({ fix, edits: fresh, all: edits });
  }
  accepted = withImportCleanups(text, withoutStaleRenderings(accepted, toOffsets), toOffsets);
  const appliedFixes = accepted.filter((a) => a.fix !== undefined).map((a) => a.fix as Fix);
  const result = applyOffsetEdits(
    text,
    accepted.flatMap((a) => a.edits),
  );
  return { text: result, applied: appliedFixes.length, appliedFixes };
}

/** Whether an accepted fix has an isolation range overlapping `fix`'s: then `fix` waits for the next pass. */
function sharesIsolation(
  fix: Fix | undefined,
  accepted: readonly AcceptedFix[],
  toOffsets: (edit: TextEdit) => OffsetEdit,
): boolean {
  if (!fix?.isolation) return false;
  const own = toOffsets({ range: fix.isolation, newText: '' });
  return accepted.some(({ fix: other }) => {
    if (!other?.isolation) return false;
    const theirs = toOffsets({ range: other.isolation, newText: '' });
    return own.start < theirs.end && theirs.start < own.end;
  });
}

/** Edits taken in a pass, by fix (no fix: an import cleanup): those it adds, and all it has. */
interface AcceptedFix {
  fix?: Fix;
  edits: OffsetEdit[];
  all: OffsetEdit[];
}

/**
 * Fixes written from text that another fix of the pass edits (a docstring template rendered from a
 * signature whose `Optional[float]` becomes `float | None`) wait for the next pass, where they are
 * written from the new text.
 */
function withoutStaleRenderings(
  accepted: AcceptedFix[],
  toOffsets: (edit: TextEdit) => OffsetEdit,
): AcceptedFix[] {
  return accepted.filter(({ fix }) => {
    if (!fix?.renderedFrom) return true;
    const source = toOffsets({ range: fix.renderedFrom, newText: '' });
    return !accepted.some(
      (other) =>
        other.fix !== fix && other.edits.some((edit) => edit.start < source.end && source.start < edit.end),
    );
  });
}

function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/**
 * Adds the removal of each import that the pass leaves unused (`Fix.importCleanup`: several
 * `Optional[...]` rewritten at once, none of them the last use on its own). A fix whose edits
 * touch the import statement (say, a name added to it) waits for the next pass instead, re-computed
 * against the text without the import.
 */
function withImportCleanups(
  text: string,
  accepted: AcceptedFix[],
  toOffsets: (edit: TextEdit) => OffsetEdit,
): AcceptedFix[] {
  const cleanups = new Map<string, ImportCleanup>();
  for (const { fix } of accepted) {
    if (fix?.importCleanup) cleanups.set(fix.importCleanup.name, fix.importCleanup);
  }
  let result = accepted;
  for (const cleanup of cleanups.values()) {
    const removals = cleanup.removals.map(toOffsets);
    // By all its edits: one it shares with another fix (an import both add) goes with both.
    const touching = (a: AcceptedFix) => a.all.some((edit) => removals.some((r) => conflicts(edit, r)));
    const kept = result.filter((a) => !touching(a));
    if (result.some((a) => touching(a) && (!a.fix || a.fix.importCleanup))) {
      // In the way of another import's removal (two names of one statement): the rewrites of this
      // name wait for the next pass, which removes its import with positions in the new text.
      result = result.filter((a) => a.fix?.importCleanup?.name !== cleanup.name);
      continue;
    }
    const edits = kept.flatMap((a) => a.edits);
    const imports = removals.map((removal) => shifted(removal, edits));
    if (usesLeft(applyOffsetEdits(text, edits), cleanup.name, imports)) continue;
    result = [...kept, { edits: removals, all: removals }];
  }
  return result;
}

/** Where `edit` (untouched by `others`) stands once `others` are applied. */
function shifted(edit: OffsetEdit, others: readonly OffsetEdit[]): OffsetEdit {
  let delta = 0;
  for (const other of others) {
    if (other.end <= edit.start) delta += other.newText.length - (other.end - other.start);
  }
  return { ...edit, start: edit.start + delta, end: edit.end + delta };
}

/** Whether `name` still occurs as a word outside `imports` (the imports being removed). */
function usesLeft(text: string, name: string, imports: readonly OffsetEdit[]): boolean {
  const identifier = name.replace(/[^\p{L}\p{N}_]/gu, '');
  const word = new RegExp(`(?<![\\p{L}\\p{N}_.])${identifier}(?![\\p{L}\\p{N}_])`, 'gu');
  for (const match of text.matchAll(word)) {
    const at = match.index ?? 0;
    if (!imports.some((within) => at >= within.start && at < within.end)) return true;
  }
  return false;
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
