import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Edit, Parser, type Tree } from 'web-tree-sitter';
import { treeSitterView } from '../parser/python';
import { treeEditFor } from './tree-edit';

/** Up to this length (UTF-16 units), a document with syntax errors is parsed afresh rather than incrementally. */
export const FRESH_PARSE_ERRORS_UP_TO = 256 * 1024;

/**
 * An open document: its text and the one syntax tree kept current with it (its analysis state is
 * the diagnostics scheduler's).
 * Changes edit the tree at once (`tree.edit`); the parse that brings it up to date happens when the
 * tree is next read, so a burst of notifications before an analysis costs one incremental parse.
 */
export class OpenDocument {
  text: TextDocument;
  /** How the tree was last brought up to date (for tests and benchmarks). */
  lastParse: 'full' | 'incremental' = 'full';
  /** Parses so far: one when the tree is first read, then at most one per notification. */
  parses = 0;
  private current: Tree | undefined;
  /** The edited old tree waiting for its incremental parse; undefined after a full replacement. */
  private stale: Tree | undefined;
  /** A parse begun in slices and not finished: on which parser, and whether it is the fresh one. */
  private suspended: { parser: Parser; fresh: boolean } | undefined;
  /** The parser of `parseInSlice`, made on first use. */
  private slicer: Parser | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
    private readonly parser: Parser,
  ) {
    this.text = TextDocument.create(uri, languageId, version, content);
    // Parsed when first read: a file too large to check (max-file-size) is never parsed.
  }

  /** The tree of the current text, parsed now if changes are pending (finishing a parse begun in slices). */
  get tree(): Tree {
    if (!this.current) this.parseUntil(this.suspended?.parser ?? this.parser, undefined);
    return this.current as Tree;
  }

  /**
   * Brings the tree up to date until `deadline` (`performance.now()`); true once it is current.
   * An unfinished parse is suspended and resumes on the next call. It runs on a parser of this
   * document's own, because tree-sitter resumes whatever parse a parser was doing.
   */
  parseInSlice(deadline: number): boolean {
    if (this.current) return true;
    if (!this.slicer) {
      this.slicer = new Parser();
      this.slicer.setLanguage(this.parser.language);
    }
    return this.parseUntil(this.slicer, deadline);
  }

  /** Applies one notification's content changes to the text and edits the tree to match. */
  applyChanges(version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    this.abandonSuspendedParse();
    if (this.current) {
      this.stale = this.current;
      this.current = undefined;
    }
    for (const change of changes) {
      if ('range' in change && change.range) {
        const edit = treeEditFor(this.text, change.range, change.text);
        this.stale?.edit(new Edit(edit));
        TextDocument.update(this.text, [change], version);
      } else {
        // A full replacement: nothing of the old tree can be reused.
        this.stale?.delete();
        this.stale = undefined;
        TextDocument.update(this.text, [{ text: change.text }], version);
      }
    }
    // Keep the version even for an empty change list, so stale analyses are recognised.
    if (changes.length === 0) TextDocument.update(this.text, [], version);
  }

  dispose(): void {
    this.abandonSuspendedParse();
    this.slicer?.delete();
    this.slicer = undefined;
    this.current?.delete();
    this.stale?.delete();
    this.current = undefined;
    this.stale = undefined;
  }

  private abandonSuspendedParse(): void {
    this.suspended?.parser.reset();
    this.suspended = undefined;
  }

  /** Parses with `parser` until `deadline` (none: to the end); false when suspended unfinished. */
  private parseUntil(parser: Parser, deadline: number | undefined): boolean {
    const content = this.text.getText();
    const previous = this.stale;
    const options =
      deadline === undefined ? undefined : { progressCallback: () => performance.now() > deadline };
    // Lone `\r` is read as `\n` (see treeSitterView), so tree rows are LSP lines.
    const view = treeSitterView(content);
    let fresh = this.suspended?.fresh ?? !previous;
    let tree: Tree | null = null;
    if (!fresh) {
      tree = parser.parse(view, previous, options);
      if (!tree) return this.suspend(parser, false);
      // Tree-sitter's error recovery can end differently when it reuses old subtrees (found by
      // fuzzing: a pure insertion before an ERROR); a tree with errors is parsed afresh, so that
      // diagnostics match a fresh analysis, except in large files where that would cost each keystroke.
      if (tree.rootNode.hasError && content.length <= FRESH_PARSE_ERRORS_UP_TO) {
        tree.delete();
        tree = null;
        fresh = true;
      }
    }
    if (fresh) {
      tree = parser.parse(view, null, options);
      if (!tree) return this.suspend(parser, true);
    }
    if (!tree) throw new Error('tree-sitter returned no tree');
    this.suspended = undefined;
    this.parses++;
    this.lastParse = fresh ? 'full' : 'incremental';
    this.current = tree;
    previous?.delete();
    this.stale = undefined;
    return true;
  }

  private suspend(parser: Parser, fresh: boolean): false {
    this.suspended = { parser, fresh };
    return false;
  }
}

/** Open documents by URI. */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(private readonly parser: Parser) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  open(uri: string, languageId: string, version: number, content: string): OpenDocument {
    this.close(uri);
    const document = new OpenDocument(uri, languageId, version, content, this.parser);
    this.documents.set(uri, document);
    return document;
  }

  /** Applies a `didChange`; returns undefined for a document that is not open. */
  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
  ): OpenDocument | undefined {
    const document = this.documents.get(uri);
    document?.applyChanges(version, changes);
    return document;
  }

  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.documents.keys()]) this.close(uri);
  }
}
