/**
 * The module document of an open notebook (notebooks.ts): an open document whose tree is made of
 * one tree per cell (`notebook/cell-trees.ts`), so that an edit re-parses the cell it is in and an
 * unclosed bracket stays in its cell. A cell's parse is exact (afresh where syntax errors make an
 * incremental one uncertain), so the document never needs reconciling and takes no windows.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node, Parser, Point, Tree } from 'web-tree-sitter';
import { NotebookTrees, parseNotebookModule } from '../notebook/cell-trees';
import type { ParseModule } from '../parser/python';
import type { StatementWindow } from '../parser/window-parse';
import { OpenDocument } from './documents';

export class NotebookModuleDocument extends OpenDocument {
  override readonly parseModule: ParseModule = parseNotebookModule;
  private readonly trees: NotebookTrees;
  /** Whether the text changed since the trees were last brought up to date. */
  private changed = true;

  constructor(uri: string, version: number, content: string, parser: Parser) {
    super(uri, 'python', version, content, parser);
    this.trees = new NotebookTrees(parser);
  }

  override get tree(): Tree {
    if (this.changed) {
      this.trees.update(this.text.getText());
      this.changed = false;
      this.parses++;
      this.lastParse = 'incremental';
    }
    return this.trees.tree;
  }

  /** Cells are parsed whole, each at most once per change: no slices. */
  override parseInSlice(): boolean {
    return this.tree !== undefined;
  }

  override get needsReconcile(): boolean {
    return false;
  }

  override windowAroundEdits(): StatementWindow | undefined {
    return undefined;
  }

  override nodeAt(point: Point): Node | null {
    return this.tree.rootNode.descendantForPosition(point);
  }

  override reconcile(): boolean {
    return false;
  }

  override applyChanges(version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    TextDocument.update(this.text, [...changes], version);
    this.changed = true;
  }

  override parseCounts(): { parses: number; cellParses: number } {
    return { parses: this.parses, cellParses: this.trees.cellParses };
  }

  override dispose(): void {
    super.dispose();
    this.trees.delete();
  }
}
