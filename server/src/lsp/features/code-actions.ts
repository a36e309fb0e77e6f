import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { UpdateOptions } from '../../docstrings/update';
import { type FixPassAnalysis, fixUntilStable } from '../../engine/fix-loop';
import { applicableFixes, plainEdits } from '../../engine/fixes';
import { comparePositions } from '../../engine/positions';
import { hasUnresolvedFixes } from '../../engine/resolve-fixes';
import { SYNTAX_ERROR_CODE } from '../../engine/syntax-errors';
import type { Diagnostic as EngineDiagnostic, Fix, Range } from '../../engine/types';
import { SOURCE } from '../convert';
import type { OpenDocument } from '../documents';
import type { AcrossFilesFix } from './cross-file-rename';
import { minimalEdit } from './minimal-edit';
import { addNoqaEdit } from './noqa-action';
import { ORGANIZE_IMPORTS_KIND, organizeImportsAction } from './organize-imports';
import { updateDocstringAction } from './update-docstring';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.pyconv`;
const FIX_ALL_TITLE = 'pyconv: Fix all auto-fixable problems';

/** How the client takes snippet edits in a workspace edit. */
export type SnippetSupport = 'snippetTextEdit' | 'rustAnalyzerStyle' | 'none';

export interface CodeActionEnvironment {
  document: OpenDocument;
  /** The current analysis, where the fixes of the client's diagnostics are found. */
  current: readonly EngineDiagnostic[];
  unsafeFixes: boolean;
  /** The convention and template style "Update docstring" writes in. */
  docstringUpdate?: UpdateOptions;
  /**
   * "Update docstring" is looked for (it reads the whole tree): false for the light bulb's automatic
   * requests while the tree is not up to date, which would otherwise wait for a whole parse.
   */
  updatesDocstrings?: boolean;
  snippets: SnippetSupport;
  /** The client can resolve a code action's `edit` later (`codeAction/resolve`). */
  resolveSupport: boolean;
  /** Parses and analyses a text with the document's configuration; used by fix-all. */
  analyzeText(text: string): FixPassAnalysis | undefined;
  /** Parses a text and finds its unsorted import blocks alone (I001); used by organize imports. */
  analyzeImports(text: string): FixPassAnalysis | undefined;
  /** Computes a lazy fix's edits (a rename) on the current tree; see engine/resolve-fixes.ts. */
  resolveLazyFix?(fix: Fix, range: Range): Fix;
  /** The client shows disabled code actions (`codeAction.disabledSupport`). */
  disabledSupport?: boolean;
  /** A resolved rename fix of a module-level name as a rename across files (features/cross-file-rename.ts). */
  acrossFiles?(fix: Fix, range: Range): AcrossFilesFix | undefined;
  /** N999's module rename (features/module-rename.ts), enabled or disabled with the reason. */
  moduleRename?(diagnostic: Diagnostic): CodeAction | undefined;
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Our diagnostics in the request's context, whose fixes are looked up in the current analysis. */
function ourDiagnostics(params: CodeActionParams): Diagnostic[] {
  return params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
}

/** Whether the answer reads the current version's analysis: quick fixes of our diagnostics, or fix-all. */
export function wantsCurrentDiagnostics(params: CodeActionParams): boolean {
  const only = params.context.only;
  return ourDiagnostics(params).length > 0 || (only !== undefined && wants(only, FIX_ALL_KIND));
}

/** Whether the answer may offer "Update docstring" (refactor.rewrite). */
export function wantsUpdateDocstring(params: CodeActionParams): boolean {
  return wants(params.context.only, CodeActionKind.RefactorRewrite);
}

/** Quick fixes and "disable for this line" for the diagnostics in the context, and fix-all when asked for. */
export function provideCodeActions(params: CodeActionParams, env: CodeActionEnvironment): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const ours = ourDiagnostics(params);
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of ours) {
      const moduleRename = diagnostic.code === 'N999' ? env.moduleRename?.(diagnostic) : undefined;
      if (moduleRename && (!moduleRename.disabled || env.disabledSupport)) actions.push(moduleRename);
      let fix = fixOf(diagnostic, env.current);
      if (fix?.resolve && fix.edits.length === 0 && !fix.unavailable && env.resolveLazyFix) {
        fix = env.resolveLazyFix(fix, diagnostic.range);
      }
      const across = fix && fix.edits.length > 0 ? env.acrossFiles?.(fix, diagnostic.range) : undefined;
      if (fix && across && 'unavailable' in across)
        fix = { ...fix, edits: [], unavailable: across.unavailable };
      if (fix?.unavailable) {
        if (env.disabledSupport) actions.push(disabledFix(diagnostic, fix));
      } else if (fix && across && 'edit' in across)
        actions.push(...acrossFilesActions(diagnostic, fix, across));
      else if (fix && fix.edits.length > 0) actions.push(quickFix(diagnostic, fix, env));
    }
    actions.push(...disableActions(ours, env.document));
  }
  if (wantsUpdateDocstring(params) && env.updatesDocstrings !== false) {
    const update = updateDocstringAction(env.document, params.range, env.docstringUpdate);
    if (update) actions.push(update);
  }
  // Only on request (a source action menu, on save, `only: ["source.organizeImports"]`), as Ruff does.
  if (only && wants(only, ORGANIZE_IMPORTS_KIND)) {
    const organize = organizeImportsAction(env.document, env.analyzeImports);
    if (organize) actions.push(organize);
  }
  const inLightBulb = !only && ours.length > 0 && applicableFixes(env.current, env.unsafeFixes).length > 0;
  if (inLightBulb && env.resolveSupport) {
    // Offered cheaply; its edit (up to 10 analyses) is computed by `codeAction/resolve` if chosen.
    const data: FixAllData = { fixAll: { uri: env.document.uri, version: env.document.text.version } };
    actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data });
  } else if (inLightBulb || (only && wants(only, FIX_ALL_KIND))) {
    const fixAll = fixAllAction(env);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** What an unresolved fix-all action carries until `codeAction/resolve`. */
export interface FixAllData {
  fixAll: { uri: string; version: number };
}

export function isFixAllData(data: unknown): data is FixAllData {
  const fixAll = (data as Partial<FixAllData> | undefined)?.fixAll;
  return typeof fixAll === 'object' && fixAll !== null && typeof fixAll.uri === 'string';
}

/** Fills in the edit of a fix-all action offered without one; the action is returned unchanged when nothing applies. */
export function resolveFixAll(action: CodeAction, env: CodeActionEnvironment): CodeAction {
  const resolved = fixAllAction(env);
  return resolved ? { ...action, edit: resolved.edit } : action;
}

/** The fix of a diagnostic: the one of the current analysis's diagnostic with the same code and range. */
function fixOf(diagnostic: Diagnostic, current: readonly EngineDiagnostic[]): Fix | null {
  const match = current.find(
    (d) =>
      d.code === diagnostic.code &&
      comparePositions(d.range.start, diagnostic.range.start) === 0 &&
      comparePositions(d.range.end, diagnostic.range.end) === 0,
  );
  return match?.fix ?? null;
}

/** A fix that cannot be made here (e.g. a rename whose new name is taken), shown greyed out with the reason. */
function disabledFix(diagnostic: Diagnostic, fix: Fix): CodeAction {
  return {
    title: fix.safe ? fix.title : `${fix.title} (unsafe)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    disabled: { reason: fix.unavailable ?? 'not available' },
  };
}

/** A rename across files, and the same with the `patch()` strings that name it (a second, unsafe action). */
function acrossFilesActions(
  diagnostic: Diagnostic,
  fix: Fix,
  across: Extract<AcrossFilesFix, { edit: WorkspaceEdit }>,
): CodeAction[] {
  const title = `${fix.title} in ${across.files} files`;
  const actions: CodeAction[] = [
    {
      title: `${title} (unsafe)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: across.edit,
    },
  ];
  if (across.withPatches)
    actions.push({
      title: `${title} and in \`patch()\` strings (unsafe)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: across.withPatches,
    });
  return actions;
}

function quickFix(diagnostic: Diagnostic, fix: Fix, env: CodeActionEnvironment): CodeAction {
  return {
    title: fix.safe ? fix.title : `${fix.title} (unsafe)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.safe,
    edit: workspaceEditFor(env.document, fix, env.snippets),
  };
}

/** The fix's edits; snippet text only for clients that take snippet edits, else plain text. */
export function workspaceEditFor(document: OpenDocument, fix: Fix, snippets: SnippetSupport): WorkspaceEdit {
  const textDocument = { uri: document.uri, version: document.text.version };
  if (fix.snippet && snippets === 'snippetTextEdit') {
    const edits = fix.edits.map((e) => ({ range: e.range, snippet: { kind: 'snippet', value: e.newText } }));
    // LSP 3.18 SnippetTextEdit: not in vscode-languageserver 9's types yet.
    return { documentChanges: [{ textDocument, edits: edits as unknown as TextEdit[] }] };
  }
  if (fix.snippet && snippets === 'rustAnalyzerStyle') {
    const edits = fix.edits.map((e) => ({ ...e, insertTextFormat: 2 }));
    return { documentChanges: [{ textDocument, edits }] };
  }
  return { changes: { [document.uri]: plainEdits(fix) } };
}

function disableActions(diagnostics: readonly Diagnostic[], document: OpenDocument): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const code = String(diagnostic.code);
    const key = `${diagnostic.range.start.line}:${code}`;
    // `# noqa` does not hide a syntax error: no action that would pretend to.
    if (seen.has(key) || code === SYNTAX_ERROR_CODE) continue;
    seen.add(key);
    const edit = addNoqaEdit(document, diagnostic.range.start.line, code);
    if (!edit) continue;
    actions.push({
      title: `Disable ${code} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [edit] } },
    });
  }
  return actions;
}

function fixAllAction(env: CodeActionEnvironment): CodeAction | undefined {
  const before = env.document.text.getText();
  // Lazy fixes (renames) have no edits yet: the first pass then re-analyses, which resolves them.
  const lazy = env.unsafeFixes && hasUnresolvedFixes(env.current);
  const first = lazy
    ? undefined
    : { diagnostics: [...env.current], hasSyntaxError: env.document.tree.rootNode.hasError };
  const after = fixUntilStable(before, env.analyzeText, { unsafe: env.unsafeFixes, first }).text;
  if (after === before) return undefined;
  return {
    title: FIX_ALL_TITLE,
    kind: FIX_ALL_KIND,
    edit: { changes: { [env.document.uri]: [minimalEdit(env.document, before, after)] } },
  };
}
