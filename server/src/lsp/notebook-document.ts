/**
 * The module document of an open notebook (notebooks.ts): an open document whose tree is made of
 * one tree per cell (`notebook/cell-trees.ts`), so that an edit re-parses the cell it is in and an
 * unclosed bracket stays in its cell. A cell's parse is exact (afresh where syntax errors make an
 * incremental one uncertain), so the tree never needs reconciling.
 *
 * In a large notebook a keystroke is published from a window, as in a large file (step 4 of the
 * life of a keystroke): the statements on the lines edited since the last whole analysis, every
 * statement's findings from the cache or analysed, the file-level findings carried from that
 * analysis outside the window; once the user pauses, `reconcile` asks for the whole analysis.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node, Parser, Point, Tree } from 'web-tree-sitter';
import { statementsTree } from '../engine/statements-root';
import { NotebookTrees, parseNotebookModule } from '../notebook/cell-trees';
import type { ParseModule } from '../parser/python';
import type { TextSpan } from '../parser/window-parse';
import { type DocumentWindow, OpenDocument, widenedBy } from './documents';
import { treeEditFor } from './tree-edit';

export class NotebookModuleDocument extends OpenDocument {
  override readonly parseModule: ParseModule = parseNotebookModule;
  private readonly trees: NotebookTrees;
  /** Whether the text changed since the trees were last brought up to date. */
  private changed = true;
  /** The text edited since the tree was last read whole (by an analysis or a request). */
  private editedSpan: TextSpan | undefined;
  /** A window was published since: the whole analysis is owed (see `reconcile`). */
  private windowPublished = false;
  /** `reconcile` asked for the whole analysis: no more windows until the tree is read whole. */
  private wholeRequested = false;

  constructor(uri: string, version: number, content: string, parser: Parser) {
    super(uri, 'python', version, content, parser);
    this.trees = new NotebookTrees(parser);
  }

  /** The whole tree: read by a whole analysis (or a request), after which windows start afresh. */
  override get tree(): Tree {
    const tree = this.currentTree();
    if (this.editedSpan) {
      this.parses++;
      this.lastParse = 'incremental';
      this.editedSpan = undefined;
      this.windowPublished = false;
    }
    this.wholeRequested = false;
    return tree;
  }

  /** Cells are parsed whole, each at most once per change: no slices. */
  override parseInSlice(): boolean {
    return this.tree !== undefined;
  }

  override get needsReconcile(): boolean {
    return this.windowPublished;
  }

  /**
   * The statements on the lines edited since the tree was last read whole, and the others. No size
   * limit: the cells' trees are exact, and the analysis of the statements outside comes from the
   * cache (the limit of a file's window is what parsing it costs).
   */
  override windowAroundEdits(): DocumentWindow | undefined {
    if (!this.editedSpan || this.wholeRequested) return undefined;
    const tree = this.currentTree();
    const window = this.trees.statementsAround(this.editedSpan);
    const source = this.text.getText();
    const startIndex = this.text.offsetAt({ line: window.start.row, character: 0 });
    this.windowPublished = true;
    return {
      gaps: [
        { nodes: window.before, firstIndex: 0, lineDelta: 0 },
        // The last gap's lines moved by what the line counts tell (see `StatementGap.lineDelta`).
        { nodes: window.after, firstIndex: window.before.length + window.within.length, lineDelta: 0 },
      ],
      windows: [
        {
          tree: statementsTree(window.within, source, startIndex, tree.language),
          reused: false,
          start: window.start,
          end: window.end ?? { row: this.text.lineCount, column: 0 },
        },
      ],
      rootStartIndex: 0,
      // The cells' trees are already the current text's, so the last whole analysis's statements
      // cannot be lined up with an edited tree's: no count matches, and the engine reads them all.
      statementCount: Number.NaN,
      // Edits since the last window are not tracked here: every line counts as edited, so no cached
      // finding is moved instead of analysed again.
      editedRows: { start: 0, end: this.text.lineCount },
    };
  }

  override nodeAt(point: Point): Node | null {
    return this.currentTree().rootNode.descendantForPosition(point);
  }

  /** After a window, the whole analysis: true, so that the scheduler analyses the tree whole. */
  override reconcile(): boolean {
    if (!this.windowPublished) return false;
    this.windowPublished = false;
    this.wholeRequested = true;
    this.reconciles++;
    return true;
  }

  override applyChanges(version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    this.cancelReconcile();
    // A keystroke during the whole analysis owed publishes from a window again.
    this.wholeRequested = false;
    for (const change of changes) {
      if ('range' in change && change.range) {
        this.editedSpan = widenedBy(this.editedSpan, treeEditFor(this.text, change.range, change.text));
        TextDocument.update(this.text, [change], version);
      } else {
        TextDocument.update(this.text, [change], version);
        this.editedSpan = { start: 0, end: change.text.length };
      }
    }
    if (changes.length === 0) TextDocument.update(this.text, [], version);
    this.changed = true;
  }

  override parseCounts(): { parses: number; cellParses: number } {
    return { parses: this.parses, cellParses: this.trees.cellParses };
  }

  override dispose(): void {
    super.dispose();
    this.trees.delete();
  }

  /** The cells' trees brought up to date with the text (exact: see `NotebookTrees.update`). */
  private currentTree(): Tree {
    if (this.changed) {
      this.trees.update(this.text.getText());
      this.changed = false;
    }
    return this.trees.tree;
  }
}
