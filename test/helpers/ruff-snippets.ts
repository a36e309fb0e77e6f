/**
 * Ruff (its WASM build, in preview, as `npm run oracle` runs it) and pyconv on the same snippet,
 * each finding written as `range message edits` so that the two lists compare character for
 * character.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { allRules } from '../../server/src/rules/registry';
import { check } from './analyze';

export interface RuffEdit {
  location: { row: number; column: number };
  end_location: { row: number; column: number };
  content: string | null;
}

export interface RuffDiagnostic {
  code: string;
  message: string;
  start_location: { row: number; column: number };
  end_location: { row: number; column: number };
  fix: { edits: RuffEdit[] } | null;
}

interface RuffModule {
  Workspace: new (
    settings: unknown,
    encoding: number,
  ) => { check(source: string): RuffDiagnostic[]; free(): void };
  PositionEncoding: { Utf16: number };
}

/** The WASM build of Ruff. */
export const ruff = createRequire(path.join(process.cwd(), 'package.json'))(
  '@astral-sh/ruff-wasm-nodejs',
) as RuffModule;

/** Ruff's findings for `codes` (syntax errors left out), sorted. */
export function ruffSnippetFindings(source: string, codes: readonly string[]): string[] {
  const workspace = new ruff.Workspace(
    { 'target-version': 'py310', lint: { select: codes, preview: true } },
    ruff.PositionEncoding.Utf16,
  );
  try {
    return workspace
      .check(source)
      .filter((d) => d.code !== 'invalid-syntax')
      .map((d) => {
        // The WASM build appends the primary annotation (`: \`x\` redefined here`) to F811's message.
        const message = d.message.replace(/: `[^`]*` redefined here$/, '');
        const at = `${d.start_location.row - 1}:${d.start_location.column - 1}-${d.end_location.row - 1}:${d.end_location.column - 1} ${message}`;
        const edits = (d.fix?.edits ?? []).map(
          (e) =>
            `${e.location.row - 1}:${e.location.column - 1}-${e.end_location.row - 1}:${e.end_location.column - 1}=${JSON.stringify(e.content ?? '')}`,
        );
        return `${at} ${edits.join(' ')}`;
      })
      .sort();
  } finally {
    workspace.free();
  }
}

/** pyconv's findings for `codes`, in the same form, sorted. */
export async function ourSnippetFindings(source: string, codes: string[]): Promise<string[]> {
  const diagnostics = await check(source, codes);
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      const at = `${start.line}:${start.character}-${end.line}:${end.character} ${d.message}`;
      const edits = (d.fix?.edits ?? []).map(
        (e) =>
          `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${JSON.stringify(e.newText)}`,
      );
      return `${at} ${edits.join(' ')}`;
    })
    .sort();
}

/** The rule codes of pyconv's registry by Ruff rule name: the WASM build may report a name as the code. */
const codeByRuleName = new Map(allRules.map((rule) => [rule.meta.name, rule.meta.code]));

/**
 * Ruff's findings for `codes` as `CODE row:column` (1-based, as Ruff counts), sorted, from its
 * stable rules as released Ruff runs them (the oracle tests that compare positions only).
 */
export function ruffStablePositions(source: string, codes: readonly string[]): string[] {
  const workspace = new ruff.Workspace(
    { 'target-version': 'py310', lint: { select: codes, preview: false } },
    ruff.PositionEncoding.Utf16,
  );
  try {
    return workspace
      .check(source)
      .map((d) => ({ ...d, code: d.code ? (codeByRuleName.get(d.code) ?? d.code) : d.code }))
      .filter((d) => d.code && codes.includes(d.code))
      .map((d) => `${d.code} ${d.start_location.row}:${d.start_location.column}`)
      .sort();
  } finally {
    workspace.free();
  }
}

/** pyconv's findings for `codes` in the form of `ruffStablePositions`, sorted. */
export async function ourPositions(source: string, codes: string[]): Promise<string[]> {
  const diagnostics = await check(source, codes);
  return diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();
}
