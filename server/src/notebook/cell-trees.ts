/**
 * How a notebook module (module.ts) is parsed: every cell on a tree of its own, so that an unclosed
 * bracket or `"""` is a syntax error of its cell alone (Jupyter compiles each cell on its own), and
 * an edit re-parses the cell it is in. The analysis still reads one module: a root made of all the
 * cells' top-level statements in order (`engine/statements-root.ts`), so an import of cell 1 is
 * known in cell 5 and the engine's cache gives the unchanged cells' statements back.
 *
 * A cell's tree is a parse of the module text with tree-sitter `includedRanges` covering the cell's
 * lines and the boundary line after it, so its positions are the module's and the boundary comment
 * is a top-level comment of the cell, as it was of the module. The cells are found by their boundary
 * lines, in any module text (fix passes too): the server and the command line parse alike.
 */
import { Edit, type Parser, type Point, type Tree, type Node as TreeSitterNode } from 'web-tree-sitter';
import { CELL_BOUNDARY } from '../engine/cell-boundary';
import { changedSpan } from '../engine/changed-span';
import { statementsOf, statementsTree } from '../engine/statements-root';
import { readCurrentText, textPieces, treeSitterView } from '../parser/python';

/** A span of a text, in UTF-16 offsets. */
interface Span {
  start: number;
  end: number;
}

interface CellTree extends Span {
  /** The cell's text (tree-sitter view) with its boundary line: what the tree was parsed from. */
  text: string;
  tree: Tree;
  /** The row where the cell starts (cells start at column 0), and the line breaks in its text. */
  row: number;
  lines: number;
  /** Its top-level statements, read once while the tree stays where it is (reading is a call into WebAssembly each). */
  statements?: TreeSitterNode[];
}

/** The top-level statements of a notebook module around an edit: see `statementsAround`. */
export interface EditedStatements {
  before: TreeSitterNode[];
  within: TreeSitterNode[];
  after: TreeSitterNode[];
  start: Point;
  end: Point | undefined;
}

/** The cells' trees of one notebook module text, brought up to date with each new text. */
export class NotebookTrees {
  /** Parses of a cell so far (for tests and benchmarks): one per changed cell and update (two where an incremental parse that ends in a syntax error is redone afresh). */
  cellParses = 0;
  private cells: CellTree[] = [];
  /** The text (tree-sitter view) the trees are of. */
  private text = '';
  private combined: Tree | undefined;

  constructor(private readonly parser: Parser) {}

  /** The module's tree for the text last given to `update` (deleting it deletes the cells' trees). */
  get tree(): Tree {
    if (!this.combined) this.update('');
    return this.combined as Tree;
  }

  /**
   * Brings the trees up to date with `source`: cells whose text is unchanged keep their tree (moved
   * with `tree.edit` when the text before them changed), the others are parsed: incrementally where
   * one cell changed and neither its old tree nor the new one has syntax errors (the incremental
   * parse is then exact), afresh otherwise. Only changed cells are read through: rows are counted
   * cell by cell.
   */
  update(source: string): void {
    const text = treeSitterView(source);
    if (this.combined && text === this.text) return;
    const spans = cellSpans(text);
    const texts = spans.map((span) => text.slice(span.start, span.end));
    const old = this.cells;
    const { head, tail } = unchangedEnds(
      old.map((cell) => cell.text),
      texts,
    );
    const cells: CellTree[] = old.slice(0, head);
    const rowAfter = () =>
      cells.length > 0 ? cells[cells.length - 1].row + cells[cells.length - 1].lines : 0;
    const replaced = old.slice(head, old.length - tail);
    const changed = spans.slice(head, spans.length - tail);
    if (replaced.length === 1 && changed.length === 1) {
      cells.push(this.reparsed(replaced[0], changed[0], rowAfter(), text));
    } else {
      for (const cell of replaced) cell.tree.delete();
      for (const span of changed) cells.push(this.parsed(span, rowAfter(), text, undefined));
    }
    for (const [i, cell] of old.slice(old.length - tail).entries()) {
      const span = spans[spans.length - tail + i];
      const row = rowAfter();
      const moved = moveTree(cell.tree, cell, { start: span.start, row });
      cells.push({ ...cell, ...span, row, statements: moved ? undefined : cell.statements });
    }
    for (const cell of cells) readCurrentText(cell.tree, text);
    this.cells = cells;
    this.text = text;
    this.combined = this.combinedTree(source);
  }

  /**
   * The top-level statements on the lines of `span` of the current text (`within`: every statement
   * of those lines, so a window of whole lines), those before and those after, and where that window
   * starts and ends (`end` undefined: at the end of the text). The trees are exact, so any run of
   * statements is a sound window.
   */
  statementsAround(span: Span): EditedStatements {
    const statements = this.cells.flatMap(statementsOfCell);
    let startRow = this.rowAt(span.start);
    let endRow = this.rowAt(span.end) + 1;
    let from = statements.findIndex((node) => node.endPosition.row >= startRow);
    if (from < 0) from = statements.length;
    let to = from;
    // Widened over the lines of the statements taken, and of the statements sharing those lines.
    for (;;) {
      if (to < statements.length && statements[to].startPosition.row < endRow) {
        endRow = Math.max(endRow, statements[to].endPosition.row + 1);
        to++;
      } else if (from > 0 && statements[from - 1].endPosition.row >= startRow) {
        from--;
        startRow = Math.min(startRow, statements[from].startPosition.row);
      } else break;
    }
    if (from < to) startRow = Math.min(startRow, statements[from].startPosition.row);
    const lastRow = this.rowAt(this.text.length);
    return {
      before: statements.slice(0, from),
      within: statements.slice(from, to),
      after: statements.slice(to),
      start: { row: startRow, column: 0 },
      end: to < statements.length || endRow <= lastRow ? { row: endRow, column: 0 } : undefined,
    };
  }

  delete(): void {
    for (const cell of this.cells) cell.tree.delete();
    this.cells = [];
    this.text = '';
    this.combined = undefined;
  }

  /** The row of an offset of the current text: counted in its cell only. */
  private rowAt(offset: number): number {
    const cell = this.cells.find((candidate) => offset < candidate.end) ?? this.cells[this.cells.length - 1];
    if (!cell) return 0;
    return cell.row + pointAfter({ row: 0, column: 0 }, cell.text.slice(0, offset - cell.start)).row;
  }

  private combinedTree(source: string): Tree {
    const language = this.parser.language;
    if (!language) throw new Error('the notebook parser has no language');
    const statements = this.cells.flatMap(statementsOfCell);
    return statementsTree(statements, source, 0, language, () => this.delete());
  }

  /** The cell at `span` (at `row`), parsed from the old cell's tree where that is exact. */
  private reparsed(old: CellTree, span: Span, row: number, text: string): CellTree {
    if (old.tree.rootNode.hasError) {
      old.tree.delete();
      return this.parsed(span, row, text, undefined);
    }
    moveTree(old.tree, old, { start: span.start, row });
    const change = changedSpan(old.text, text.slice(span.start, span.end));
    // The old tree now starts where the new cell does: its points are placed from there.
    const start = pointAfter({ row, column: 0 }, old.text.slice(0, change.start));
    old.tree.edit(
      new Edit({
        startIndex: span.start + change.start,
        oldEndIndex: span.start + change.end,
        newEndIndex: span.start + change.start + change.newText.length,
        startPosition: start,
        oldEndPosition: pointAfter(start, old.text.slice(change.start, change.end)),
        newEndPosition: pointAfter(start, change.newText),
      }),
    );
    const cell = this.parsed(span, row, text, old.tree);
    old.tree.delete();
    if (!cell.tree.rootNode.hasError) return cell;
    cell.tree.delete();
    return this.parsed(span, row, text, undefined);
  }

  private parsed(span: Span, row: number, text: string, previous: Tree | undefined): CellTree {
    const cellText = text.slice(span.start, span.end);
    const startPosition = { row, column: 0 };
    const endPosition = pointAfter(startPosition, cellText);
    const range = { startIndex: span.start, endIndex: span.end, startPosition, endPosition };
    // Read in pieces that end with the cell (see `textPieces`).
    const tree = this.parser.parse(textPieces(text, span.end), previous ?? null, { includedRanges: [range] });
    if (!tree) throw new Error('tree-sitter returned no tree for a notebook cell');
    this.cellParses++;
    return { ...span, text: cellText, tree, row, lines: endPosition.row - row };
  }
}

/** How many cells at the start (`head`) and at the end (`tail`) kept their text; they do not overlap. */
function unchangedEnds(before: readonly string[], after: readonly string[]): { head: number; tail: number } {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  const most = Math.min(before.length, after.length) - head;
  while (tail < most && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { head, tail };
}

function statementsOfCell(cell: CellTree): TreeSitterNode[] {
  cell.statements ??= statementsOf(cell.tree.rootNode);
  return cell.statements;
}

/**
 * The module tree of a notebook module text, its cells parsed one by one (see `NotebookTrees`);
 * deleting it deletes the cells' trees. For one-off analyses: the command line, fix passes.
 */
export function parseNotebookModule(parser: Parser, source: string): Tree {
  const trees = new NotebookTrees(parser);
  trees.update(source);
  return trees.tree;
}

/**
 * Where the cells of a module text are: each from its first line to the end of the boundary line
 * after it (its line break included); text after the last boundary line, or a text without any, is
 * one more. Never empty.
 */
export function cellSpans(view: string): Span[] {
  const spans: Span[] = [];
  let cellStart = 0;
  // A boundary line: the boundary at a line start, then a line break or the end of the text.
  for (let at = view.indexOf(CELL_BOUNDARY); at >= 0; at = view.indexOf(CELL_BOUNDARY, at + 1)) {
    if (at > 0 && view.charCodeAt(at - 1) !== NEWLINE) continue;
    let end = at + CELL_BOUNDARY.length;
    if (view.charCodeAt(end) === CARRIAGE_RETURN) end++;
    if (end < view.length && view.charCodeAt(end) !== NEWLINE) continue;
    end = Math.min(end + 1, view.length);
    spans.push({ start: cellStart, end });
    cellStart = end;
  }
  if (cellStart < view.length || spans.length === 0) spans.push({ start: cellStart, end: view.length });
  return spans;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Moves a tree whose text started at `from` to start at `to` (the same text, at column 0 both);
 * false when it stays where it was.
 */
function moveTree(
  tree: Tree,
  from: { start: number; row: number },
  to: { start: number; row: number },
): boolean {
  if (from.start === to.start && from.row === to.row) return false;
  // The text before the tree's range replaced: its nodes keep their text, at new places.
  tree.edit(
    new Edit({
      startIndex: 0,
      oldEndIndex: from.start,
      newEndIndex: to.start,
      startPosition: { row: 0, column: 0 },
      oldEndPosition: { row: from.row, column: 0 },
      newEndPosition: { row: to.row, column: 0 },
    }),
  );
  return true;
}

/** The point after `inserted` is written at `start`. */
function pointAfter(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let at = inserted.indexOf('\n'); at >= 0; at = inserted.indexOf('\n', at + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}
