/**
 * Open notebooks (LSP 3.17 notebook sync): their cells, and the one module document of their
 * Python code cells that the rest of the server analyses like any open document
 * (notebook/module.ts). A cell edit becomes an edit of that document at the cell's place; the
 * document keeps one tree per cell (notebook-document.ts), so only the edited cell is parsed again,
 * and the engine re-analyses only the statements changed.
 */
import {
  type Diagnostic,
  type DidChangeNotebookDocumentParams,
  type DidOpenNotebookDocumentParams,
  type NotebookCell,
  NotebookCellKind,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextDocumentItem,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changedSpan } from '../engine/changed-span';
import { lineStarts, positionAt } from '../engine/positions';
import { NotebookModule } from '../notebook/module';
import type { DocumentStore, OpenDocument } from './documents';
import { NotebookModuleDocument } from './notebook-document';

/** The module document of a notebook is known by the notebook's URI with this fragment. */
const MODULE_FRAGMENT = '#pyconv-notebook-module';

/** A request's cell: the notebook, the module cell (index into its code cells) and the module document. */
export interface CellTarget {
  notebook: OpenNotebook;
  cell: number;
  module: OpenDocument;
}

interface OpenCell {
  uri: string;
  kind: NotebookCellKind;
  text: TextDocument;
}

export class OpenNotebook {
  /** Every cell, in notebook order (markdown too: they keep their place). */
  cells: OpenCell[] = [];
  module: NotebookModule = new NotebookModule([]);
  /** The module's cells: indexes into `cells` of the Python code cells, in order. */
  codeCells: number[] = [];
  /** The module document's version: one more at each change of the notebook. */
  moduleVersion = 0;
  /** What was last pushed to each cell (JSON), so that a cell whose findings did not change is not sent again. */
  readonly pushed = new Map<string, string>();

  constructor(
    readonly uri: string,
    readonly moduleUri: string,
  ) {}

  /** The module cell (index into `codeCells`) of a cell URI, or undefined (not a code cell, unknown). */
  moduleCellOf(cellUri: string): number | undefined {
    const index = this.codeCells.findIndex((cell) => this.cells[cell].uri === cellUri);
    return index < 0 ? undefined : index;
  }

  cellUri(moduleCell: number): string {
    return this.cells[this.codeCells[moduleCell]].uri;
  }

  /** Rebuilds the module of the code cells; returns the edit turning the old module text into the new. */
  rebuild(): TextDocumentContentChangeEvent {
    const before = this.module.text;
    this.codeCells = this.cells.flatMap((cell, i) => (isPythonCode(cell) ? [i] : []));
    this.module = new NotebookModule(
      this.codeCells.map((i) => this.cells[i].text.getText()),
      this.module,
    );
    this.moduleVersion++;
    return minimalChange(before, this.module.text);
  }
}

function isPythonCode(cell: OpenCell): boolean {
  return cell.kind === NotebookCellKind.Code && cell.text.languageId === 'python';
}

/** Open notebooks, by notebook URI, and what each cell URI belongs to. */
export class NotebookStore {
  private readonly notebooks = new Map<string, OpenNotebook>();
  private readonly byCell = new Map<string, OpenNotebook>();
  private readonly byModule = new Map<string, OpenNotebook>();

  constructor(private readonly documents: DocumentStore) {}

  /** `notebookDocument/didOpen`: returns the module document's URI. */
  open(params: DidOpenNotebookDocumentParams): string {
    const { notebookDocument, cellTextDocuments } = params;
    this.close(notebookDocument.uri);
    const notebook = new OpenNotebook(notebookDocument.uri, notebookDocument.uri + MODULE_FRAGMENT);
    const texts = new Map(cellTextDocuments.map((item) => [item.uri, item]));
    notebook.cells = notebookDocument.cells.map((cell) => openCell(cell, texts.get(cell.document)));
    notebook.rebuild();
    this.notebooks.set(notebook.uri, notebook);
    this.byModule.set(notebook.moduleUri, notebook);
    for (const cell of notebook.cells) this.byCell.set(cell.uri, notebook);
    this.documents.openWith(
      notebook.moduleUri,
      (parser) =>
        new NotebookModuleDocument(notebook.moduleUri, notebook.moduleVersion, notebook.module.text, parser),
    );
    return notebook.moduleUri;
  }

  /**
   * `notebookDocument/didChange`: cells added, removed or changed in kind or language, and cell text
   * changes applied to each cell's text in order. Returns the notebook (and the cell URIs it no
   * longer has), undefined for a notebook that is not open.
   */
  change(params: DidChangeNotebookDocumentParams): { notebook: OpenNotebook; removed: string[] } | undefined {
    const notebook = this.notebooks.get(params.notebookDocument.uri);
    if (!notebook) return undefined;
    const { cells } = params.change;
    const removed: string[] = [];
    const structure = cells?.structure;
    if (structure) {
      const texts = new Map((structure.didOpen ?? []).map((item) => [item.uri, item]));
      const added = (structure.array.cells ?? []).map((cell) => openCell(cell, texts.get(cell.document)));
      const gone = notebook.cells.splice(structure.array.start, structure.array.deleteCount, ...added);
      for (const cell of gone) {
        this.byCell.delete(cell.uri);
        removed.push(cell.uri);
      }
      for (const cell of added) this.byCell.set(cell.uri, notebook);
    }
    for (const data of cells?.data ?? []) {
      const cell = notebook.cells.find((c) => c.uri === data.document);
      if (cell) cell.kind = data.kind;
    }
    for (const content of cells?.textContent ?? []) {
      const cell = notebook.cells.find((c) => c.uri === content.document.uri);
      if (cell) TextDocument.update(cell.text, content.changes, content.document.version);
    }
    const edit = notebook.rebuild();
    this.documents.change(notebook.moduleUri, notebook.moduleVersion, [edit]);
    return { notebook, removed: removed.filter((uri) => !this.byCell.has(uri)) };
  }

  close(notebookUri: string): OpenNotebook | undefined {
    const notebook = this.notebooks.get(notebookUri);
    if (!notebook) return undefined;
    this.notebooks.delete(notebookUri);
    this.byModule.delete(notebook.moduleUri);
    for (const cell of notebook.cells) this.byCell.delete(cell.uri);
    this.documents.close(notebook.moduleUri);
    return notebook;
  }

  get(notebookUri: string): OpenNotebook | undefined {
    return this.notebooks.get(notebookUri);
  }

  /** The notebook of a cell URI. */
  ofCell(cellUri: string): OpenNotebook | undefined {
    return this.byCell.get(cellUri);
  }

  /** The cell a request about `cellUri` is about, with its module document; undefined for other URIs. */
  cellTarget(cellUri: string): CellTarget | undefined {
    const notebook = this.byCell.get(cellUri);
    const cell = notebook?.moduleCellOf(cellUri);
    const module = notebook && this.documents.get(notebook.moduleUri);
    return notebook && cell !== undefined && module ? { notebook, cell, module } : undefined;
  }

  /** The notebook whose module document has this URI. */
  ofModule(moduleUri: string): OpenNotebook | undefined {
    return this.byModule.get(moduleUri);
  }

  /**
   * A module document's diagnostics as each code cell's (an empty list for a cell without any,
   * so that its old ones go), for the cells whose list changed since it was last pushed. Undefined
   * for a URI that is no notebook's module.
   */
  cellDiagnostics(params: PublishDiagnosticsParams): PublishDiagnosticsParams[] | undefined {
    const notebook = this.byModule.get(params.uri);
    if (!notebook) return undefined;
    const byCell = notebook.codeCells.map((): Diagnostic[] => []);
    for (const diagnostic of params.diagnostics) {
      const at = notebook.module.rangeToCell(diagnostic.range);
      if (at) byCell[at.cell].push({ ...diagnostic, range: at.range });
    }
    const lists = byCell.map((diagnostics, cell) => ({ uri: notebook.cellUri(cell), diagnostics }));
    // A cell that is no longer Python code (now markdown, or removed) loses what it was shown.
    const current = new Set(lists.map((list) => list.uri));
    for (const uri of notebook.pushed.keys()) if (!current.has(uri)) lists.push({ uri, diagnostics: [] });
    return lists.filter(({ uri, diagnostics }) => {
      const json = JSON.stringify(diagnostics);
      if (notebook.pushed.get(uri) === json) return false;
      if (current.has(uri)) notebook.pushed.set(uri, json);
      else notebook.pushed.delete(uri);
      return true;
    });
  }
}

function openCell(cell: NotebookCell, item: TextDocumentItem | undefined): OpenCell {
  return {
    uri: cell.document,
    kind: cell.kind,
    text: TextDocument.create(
      cell.document,
      item?.languageId ?? 'python',
      item?.version ?? 0,
      item?.text ?? '',
    ),
  };
}

/** One ranged change replacing the span between the common prefix and suffix of two texts. */
function minimalChange(before: string, after: string): TextDocumentContentChangeEvent {
  const span = changedSpan(before, after);
  const starts = lineStarts(before);
  return {
    range: { start: positionAt(starts, span.start), end: positionAt(starts, span.end) },
    text: span.newText,
  };
}
