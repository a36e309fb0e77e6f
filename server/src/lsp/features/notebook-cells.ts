/**
 * The editing features in a notebook cell: a request about a cell is asked of the notebook's module
 * document (lsp/notebooks.ts) at the matching position, and the answer is brought back to the
 * cells. Edits are applied to the module text and split back into cells (`NotebookModule.splitEdited`),
 * so a rename reaches every cell and no edit can cross a cell boundary or touch a magic.
 */
import type {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  Position,
  PrepareRenameResult,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changedSpan } from '../../engine/changed-span';
import type { Diagnostic as EngineDiagnostic } from '../../engine/types';
import { withinCells } from '../../notebook/module';
import type { CellTarget } from '../notebooks';
import { type CodeActionEnvironment, FIX_ALL_KIND } from './code-actions';

/** Fix-all of the whole notebook (`notebook.codeActionsOnSave`), as Ruff names its own. */
export const NOTEBOOK_FIX_ALL_KIND = `notebook.${FIX_ALL_KIND}`;

/** A position in the cell as one in the module (clamped to the cell's text). */
export function toModulePosition(target: CellTarget, position: Position): Position {
  const text = cellText(target);
  return target.notebook.module.toModule(target.cell, text.positionAt(text.offsetAt(position)));
}

/** Position params of a cell (hover, completion, rename) as params of the module document. */
export function inModule<T extends { textDocument: { uri: string }; position: Position }>(
  target: CellTarget,
  params: T,
): T {
  return {
    ...params,
    textDocument: { uri: target.module.uri },
    position: toModulePosition(target, params.position),
  };
}

function toModuleRange(target: CellTarget, range: Range): Range {
  return { start: toModulePosition(target, range.start), end: toModulePosition(target, range.end) };
}

/** A module range as a range of the target cell; undefined when it is in another cell. */
function toCellRange(target: CellTarget, range: Range): Range | undefined {
  const at = target.notebook.module.rangeToCell(range);
  return at?.cell === target.cell ? at.range : undefined;
}

function cellText(target: CellTarget): TextDocument {
  const { notebook, cell } = target;
  return notebook.cells[notebook.codeCells[cell]].text;
}

/**
 * The code action environment of a notebook's module: fixes that would cross a cell boundary left
 * out, edits computed at once (no snippets, no lazy resolve: they are split back into cells).
 */
export function cellActionEnvironment(
  base: CodeActionEnvironment,
  moduleText: string,
): CodeActionEnvironment {
  let current: readonly EngineDiagnostic[] | undefined;
  // Listed, not spread: spreading would read `base.current`, an analysis made only when asked for.
  return {
    document: base.document,
    unsafeFixes: base.unsafeFixes,
    disabledSupport: base.disabledSupport,
    resolveLazyFix: base.resolveLazyFix,
    analyzeImports: base.analyzeImports,
    get current() {
      current ??= withinCells(moduleText, base.current);
      return current;
    },
    snippets: 'none',
    resolveSupport: false,
    analyzeText: (text) => {
      const analysed = base.analyzeText(text);
      return analysed && { ...analysed, diagnostics: withinCells(text, analysed.diagnostics) };
    },
  };
}

export function hoverInCell(target: CellTarget, hover: Hover | null): Hover | null {
  if (!hover?.range) return hover;
  const range = toCellRange(target, hover.range);
  return range ? { ...hover, range } : { contents: hover.contents };
}

/**
 * Code actions in a cell: the request (range, the client's diagnostics) moved to the module, the
 * actions' edits brought back. `notebook.source.fixAll.pyconv` fixes every cell; the per-cell
 * `source.fixAll.pyconv` keeps the edits of the cell asked about.
 */
export function codeActionsInCell(
  target: CellTarget,
  params: CodeActionParams,
  provide: (params: CodeActionParams) => CodeAction[],
): CodeAction[] {
  const only = params.context.only;
  const notebookWide =
    only?.some((kind) => kind === NOTEBOOK_FIX_ALL_KIND || NOTEBOOK_FIX_ALL_KIND.startsWith(`${kind}.`)) ??
    false;
  const moved = params.context.diagnostics.map((diagnostic) => ({
    original: diagnostic,
    moved: { ...diagnostic, range: toModuleRange(target, diagnostic.range) },
  }));
  const moduleParams: CodeActionParams = {
    textDocument: { uri: target.module.uri },
    range: toModuleRange(target, params.range),
    context: {
      ...params.context,
      diagnostics: moved.map((d) => d.moved),
      only: notebookWide ? [FIX_ALL_KIND] : only,
    },
  };
  const originalOf = (diagnostic: Diagnostic) =>
    moved.find((d) => d.moved === diagnostic)?.original ?? diagnostic;
  const actions: CodeAction[] = [];
  for (const action of provide(moduleParams)) {
    const wholeNotebook = action.kind === FIX_ALL_KIND && notebookWide;
    const restrictTo = action.kind === FIX_ALL_KIND && !wholeNotebook ? cellUriOf(target) : undefined;
    const edit = action.edit && cellEdits(target, action.edit, restrictTo);
    if (action.edit && !edit) continue;
    actions.push({
      ...action,
      ...(wholeNotebook ? { kind: NOTEBOOK_FIX_ALL_KIND } : {}),
      ...(action.diagnostics ? { diagnostics: action.diagnostics.map(originalOf) } : {}),
      ...(edit ? { edit } : {}),
    });
  }
  return actions;
}

/** Completion items whose edits stay in the cell, their ranges made the cell's. */
export function completionInCell(
  target: CellTarget,
  result: CompletionList | CompletionItem[] | null,
): CompletionList | CompletionItem[] | null {
  if (!result) return result;
  const items = (Array.isArray(result) ? result : result.items).flatMap((item) => {
    const moved = completionItemInCell(target, item);
    return moved ? [moved] : [];
  });
  return Array.isArray(result) ? items : { ...result, items };
}

function completionItemInCell(target: CellTarget, item: CompletionItem): CompletionItem | undefined {
  let textEdit = item.textEdit;
  if (textEdit && 'range' in textEdit) {
    const range = toCellRange(target, textEdit.range);
    if (!range) return undefined;
    textEdit = { ...textEdit, range };
  } else if (textEdit) {
    const insert = toCellRange(target, textEdit.insert);
    const replace = toCellRange(target, textEdit.replace);
    if (!insert || !replace) return undefined;
    textEdit = { ...textEdit, insert, replace };
  }
  const additional = item.additionalTextEdits?.map((edit) => ({
    ...edit,
    range: toCellRange(target, edit.range),
  }));
  if (additional?.some((edit) => !edit.range)) return undefined;
  return {
    ...item,
    ...(textEdit ? { textEdit } : {}),
    ...(additional ? { additionalTextEdits: additional as TextEdit[] } : {}),
  };
}

export function prepareRenameInCell(
  target: CellTarget,
  result: PrepareRenameResult | null,
): PrepareRenameResult | null {
  if (!result || 'defaultBehavior' in result) return result;
  if ('range' in result) {
    const range = toCellRange(target, result.range);
    return range ? { ...result, range } : null;
  }
  return toCellRange(target, result) ?? null;
}

/** A rename's edit of the module, as edits of the cells it reaches. */
export function renameInCells(target: CellTarget, edit: WorkspaceEdit | null): WorkspaceEdit | null {
  return edit && (cellEdits(target, edit) ?? null);
}

function cellUriOf(target: CellTarget): string {
  return target.notebook.cellUri(target.cell);
}

/**
 * A workspace edit of the module document as edits of the cells it changes (one minimal edit a
 * cell; only `onlyCell` when given). Undefined when it cannot be taken back into the cells (it
 * crosses a boundary or touches a magic) or changes nothing there.
 */
export function cellEdits(
  target: CellTarget,
  edit: WorkspaceEdit,
  onlyCell?: string,
): WorkspaceEdit | undefined {
  const { notebook, module } = target;
  const edits = moduleTextEdits(edit, module.uri);
  if (edits === undefined) return undefined;
  const cells = notebook.module.splitEdited(TextDocument.applyEdits(module.text, edits));
  if (!cells) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  cells.forEach((after, i) => {
    const uri = notebook.cellUri(i);
    const before = notebook.module.cells[i];
    if (after === before || (onlyCell !== undefined && uri !== onlyCell)) return;
    const text = notebook.cells[notebook.codeCells[i]].text;
    const span = changedSpan(before, after);
    changes[uri] = [
      {
        range: { start: text.positionAt(span.start), end: text.positionAt(span.end) },
        newText: span.newText,
      },
    ];
  });
  return Object.keys(changes).length > 0 ? { changes } : undefined;
}

/** The plain text edits of the module document in a workspace edit; undefined if it edits anything else. */
function moduleTextEdits(edit: WorkspaceEdit, moduleUri: string): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const [uri, changes] of Object.entries(edit.changes ?? {})) {
    if (uri !== moduleUri) return undefined;
    edits.push(...changes);
  }
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== moduleUri) return undefined;
    for (const e of change.edits) {
      if (!('newText' in e)) return undefined;
      edits.push({ range: e.range, newText: e.newText });
    }
  }
  return edits;
}

/** A pulled report of the module document as the report of one cell (its result id the cell's own). */
export function cellReport(
  target: CellTarget,
  report: DocumentDiagnosticReport,
  previousResultId: string | undefined,
): DocumentDiagnosticReport {
  if (report.kind !== 'full') return report;
  const resultId = `${report.resultId ?? ''}|${target.notebook.moduleVersion}|${cellUriOf(target)}`;
  if (previousResultId === resultId) return { kind: 'unchanged', resultId };
  const items = report.items.flatMap((item) => {
    const range = toCellRange(target, item.range);
    return range ? [{ ...item, range }] : [];
  });
  return { kind: 'full', resultId, items };
}
