import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Edit, type Parser, type Tree } from 'web-tree-sitter';
import type { AnalysisCache } from '../engine/analyze';
import type { Diagnostic as EngineDiagnostic } from '../engine/types';
import { parsePython } from '../parser/python';
import { treeEditFor } from './tree-edit';

/**
 * Quiet time after a document's last change before its tree is reconciled with a fresh parse (see
 * `OpenDocument.reconcile`): longer than the pause between two keystrokes of someone typing.
 */
export const RECONCILE_AFTER_MS = 400;

/** The least time an incremental parse is given before a fresh parse replaces it (see `parse`). */
const MIN_PARSE_BUDGET_MS = 5;

/** The last analysis of a document, tagged with what it was computed from. */
export interface AnalysisSnapshot {
  version: number;
  /** Which configuration (project and editor settings generations) it used. */
  configKey: string;
  diagnostics: EngineDiagnostic[];
  /** The time budget ran out: the diagnostics found so far; analysing again continues. */
  partial?: boolean;
}

/**
 * Whether `next` says what `published` said, about the same version: a reconciled tree (see
 * `OpenDocument.reconcile`) that changes nothing is not published again.
 */
export function sameResult(published: AnalysisSnapshot | undefined, next: AnalysisSnapshot): boolean {
  return (
    published !== undefined &&
    published.version === next.version &&
    published.configKey === next.configKey &&
    !published.partial &&
    !next.partial &&
    JSON.stringify(published.diagnostics) === JSON.stringify(next.diagnostics)
  );
}

/**
 * An open document: its text, the one syntax tree kept current with it, and the engine's cache.
 * Changes edit the tree at once (`tree.edit`); the parse that brings it up to date happens when the
 * tree is next read, so a burst of notifications before an analysis costs one incremental parse.
 *
 * Keystrokes are parsed incrementally, syntax errors or not (afresh only where the incremental parse
 * would cost more: see `parse`). Tree-sitter's error recovery can end
 * differently when it reuses old subtrees (found by fuzzing: a pure insertion before an ERROR), so a
 * tree that had errors on the way may differ from a fresh parse of the same text; `reconcile`, called
 * once the user pauses, replaces it with a fresh parse. The settled state equals a fresh analysis.
 */
export class OpenDocument {
  text: TextDocument;
  analysisCache?: AnalysisCache;
  lastAnalysis?: AnalysisSnapshot;
  /** The analysis last pushed to the client, so that the same result is not sent twice. */
  published?: AnalysisSnapshot;
  /** How the tree was last brought up to date (for tests and benchmarks). */
  lastParse: 'full' | 'incremental' = 'full';
  /** Parses so far: one when the tree is first read, then at most one per notification. */
  parses = 0;
  /** How many times `reconcile` replaced the tree (part of pulled diagnostics' result ids). */
  reconciles = 0;
  private current: Tree | undefined;
  /** The edited old tree waiting for its incremental parse; undefined after a full replacement. */
  private stale: Tree | undefined;
  /** Whether the tree last parsed has syntax errors (read once per parse). */
  private currentHasError = false;
  /**
   * Since the last fresh parse, an incremental parse started from or ended in a tree with syntax
   * errors: the tree may differ from a fresh parse until `reconcile`.
   */
  private uncertain = false;
  private reconcileTimer: NodeJS.Timeout | undefined;
  /** What the last fresh parse of this document cost: the budget of an incremental one. */
  private freshParseMs = 0;

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

  /** The tree of the current text, parsed now if changes are pending. */
  get tree(): Tree {
    if (this.current) return this.current;
    const previous = this.stale;
    this.current = this.parse(previous);
    previous?.delete();
    this.stale = undefined;
    return this.current;
  }

  /** Whether the tree may differ from a fresh parse of the text (see `reconcile`). */
  get needsReconcile(): boolean {
    return this.uncertain;
  }

  /**
   * Makes the tree what a fresh parse of the text gives, where error recovery may have made them
   * differ (see the class comment). Returns true when the tree was replaced: the last analysis is
   * then dropped, and analysing again (with the cache, so mostly reused) gives the settled result.
   */
  reconcile(): boolean {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    // Not parsed yet, or a full replacement pending: the next read parses afresh anyway.
    if (this.current === undefined && this.stale === undefined) return false;
    const incremental = this.tree;
    if (!this.uncertain) return false;
    const fresh = this.freshParse();
    incremental.delete();
    this.current = fresh;
    this.lastAnalysis = undefined;
    this.reconciles++;
    return true;
  }

  /**
   * Reconciles (see `reconcile`) once the document has gone `quietMs` without a change, and calls
   * `onReplaced` if the tree was replaced. Any change cancels it; nothing is scheduled for a tree
   * that needs no reconciling.
   */
  reconcileWhenQuiet(quietMs: number, onReplaced: () => void): void {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    if (!this.needsReconcile) return;
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = undefined;
      if (this.reconcile()) onReplaced();
    }, quietMs);
  }

  /** Applies one notification's content changes to the text and edits the tree to match. */
  applyChanges(version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
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
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    this.current?.delete();
    this.stale?.delete();
    this.current = undefined;
    this.stale = undefined;
  }

  private parse(previous: Tree | undefined): Tree {
    if (!previous) return this.freshParse();
    this.parses++;
    this.lastParse = 'incremental';
    const startedWithError = this.currentHasError;
    // Through syntax errors tree-sitter's incremental parse can cost several fresh parses (measured:
    // an opened docstring in a 10k-line file turns the rest of it into errors at every keystroke).
    // Once it has cost what a fresh parse of this document did, a fresh parse (exact) replaces it.
    const budget = Math.max(MIN_PARSE_BUDGET_MS, this.freshParseMs);
    const started = performance.now();
    const cancelPastBudget = { progressCallback: () => performance.now() - started > budget };
    // Lone `\r` is read as `\n` (see treeSitterView), so tree rows are LSP lines.
    const tree = parsePython(this.parser, this.text.getText(), previous, cancelPastBudget);
    if (!tree) {
      this.parser.reset();
      this.parses--;
      return this.freshParse();
    }
    this.currentHasError = tree.rootNode.hasError;
    if (startedWithError || this.currentHasError) this.uncertain = true;
    return tree;
  }

  private freshParse(): Tree {
    this.parses++;
    this.lastParse = 'full';
    const started = performance.now();
    const tree = parsePython(this.parser, this.text.getText());
    if (!tree) throw new Error('tree-sitter returned no tree');
    this.freshParseMs = performance.now() - started;
    this.currentHasError = tree.rootNode.hasError;
    this.uncertain = false;
    return tree;
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
