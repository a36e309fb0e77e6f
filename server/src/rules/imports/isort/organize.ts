import type { Node, Range, TextEdit } from '../../../engine/types';
import { annotateImports } from './annotate';
import { detectIndentation, findImportBlocks, type ImportBlock, isortDirectives } from './blocks';
import type { CategorizeContext } from './categorize';
import { collectComments } from './comments';
import { formatBlock } from './format';
import { ModuleScan, type UnitMemoFn } from './module-scan';
import { normalizeImports } from './normalize';
import {
  isPythonWhitespace,
  LineWidth,
  SourceText,
  trimPythonWhitespace,
  trimPythonWhitespaceStart,
  universalLines,
  withoutTerminator,
} from './text';

export interface UnsortedBlock {
  /** From the first import's start to the last one's end. */
  range: Range;
  /** The replacement of the block's lines (and the blank lines after it); absent when Ruff gives none. */
  edit?: TextEdit;
}

export interface OrganizeInput {
  root: Node;
  source: string;
  isStub: boolean;
  categorize: CategorizeContext;
  /** Keeps what was read from each top-level statement for the next analysis (`FileContext.memo`). */
  memo: UnitMemoFn;
}

/**
 * Every import block whose text differs from Ruff's sorted, formatted version of it. This runs on
 * every keystroke over the whole file: statements are read from the tree only when their text
 * changed (see ModuleScan), and the rest is text scanning around the blocks.
 */
export function findUnsortedBlocks(input: OrganizeInput): UnsortedBlock[] {
  // The root is a `module`, or an `ERROR` when the parser could not read the file: then no import
  // is in a readable body.
  if (input.root.type !== 'module') return [];
  const text = new SourceText(input.source);
  const scan = new ModuleScan(input.root, text, input.memo);
  const directives = isortDirectives(scan.isortComments(), text);
  if (directives.skipFile) return [];
  const blocks = findImportBlocks(scan, directives, input.isStub);
  if (blocks.length === 0) return [];
  let indentation: string | undefined;
  // Only wrapped `from` imports need the file's indentation unit.
  const indentUnit = () => {
    indentation ??= detectIndentation(scan);
    return indentation;
  };
  const results: UnsortedBlock[] = [];
  for (const block of blocks) {
    const result = checkBlock(block, scan, indentUnit, input);
    if (result) results.push(result);
  }
  return results;
}

function checkBlock(
  block: ImportBlock,
  scan: ModuleScan,
  indentUnit: () => string,
  input: OrganizeInput,
): UnsortedBlock | undefined {
  const text = scan.text;
  const first = block.imports[0];
  const last = block.imports[block.imports.length - 1];
  const start = first.start;
  const end = last.end;
  const range = { start: scan.startPosition(first), end: scan.endPosition(last) };
  if (precededByOtherStatement(start, text) || followedByOtherStatement(end, text)) return { range };

  const lineStart = text.lineStart(start);
  const leading = text.text.slice(lineStart, start);
  const indentation = leading.slice(0, leading.length - trimPythonWhitespaceStart(leading).length);
  const commentEnd = text.fullLineEnd(end);
  const trailingEnd = block.trailer === undefined ? commentEnd : trailingLinesEnd(end, text);
  const actual = text.text.slice(lineStart, trailingEnd);
  const replaced = () => ({
    start: { line: range.start.line, character: 0 },
    end: text.positionFrom(end, range.end, trailingEnd),
  });

  // Sorting and formatting a block is the costly part of I001 and it runs on every keystroke: the
  // verdict is a function of the block's text and its setting, so it is remembered across analyses.
  const memoKey = [
    text.text.slice(lineStart, Math.max(commentEnd, trailingEnd)),
    start - lineStart,
    end - lineStart,
    block.trailer ?? '',
    block.nested,
    input.isStub,
    text.lineEnding,
    input.categorize.targetMinor,
    input.categorize.ownPackage ?? '',
  ].join('\u0000');
  const memo = blockMemoFor(input.categorize.settings);
  const known = memo.get(memoKey);
  if (known && (known.indentUnit === undefined || known.indentUnit === indentUnit())) {
    return known.expected === undefined ? undefined : unsortedBlock(range, replaced(), known.expected);
  }

  const nodes = block.imports.map((statement) => scan.node(statement)).filter((n): n is Node => !!n);
  if (nodes.length !== block.imports.length) return undefined; // cannot happen: the scan found them
  const blockComments = collectComments(input.root, start, commentEnd);

  const settings = input.categorize.settings;
  const annotated = annotateImports(nodes, blockComments, text, settings.splitOnTrailingComma);
  const normalized = normalizeImports(annotated, settings);
  let usedIndentUnit: string | undefined;
  const style = {
    lineEnding: text.lineEnding,
    get indentation() {
      usedIndentUnit = indentUnit();
      return usedIndentUnit;
    },
    startWidth: new LineWidth().addStr(indentation),
  };
  const expected =
    formatBlock(normalized, input.categorize, style) +
    trailerText(block, input.isStub, settings.linesAfterImports, text.lineEnding);

  const sorted = matchesIgnoringIndentation(actual, expected);
  const newText = sorted ? undefined : indent(expected, indentation);
  if (memo.size >= MAX_MEMO_ENTRIES) memo.clear();
  memo.set(memoKey, { expected: newText, indentUnit: usedIndentUnit });
  return newText === undefined ? undefined : unsortedBlock(range, replaced(), newText);
}

function unsortedBlock(range: Range, replaced: Range, newText: string): UnsortedBlock {
  return { range, edit: { range: replaced, newText } };
}

/** A checked block: its replacement text (undefined when sorted) and the indentation unit it used, if any. */
interface BlockVerdict {
  expected: string | undefined;
  indentUnit: string | undefined;
}

const MAX_MEMO_ENTRIES = 2000;
/** Settings (by their JSON, they are plain data) -> block text and context -> verdict. */
const blockMemos = new Map<string, Map<string, BlockVerdict>>();
const settingsKeys = new WeakMap<object, string>();

function blockMemoFor(settings: object): Map<string, BlockVerdict> {
  let key = settingsKeys.get(settings);
  if (key === undefined) {
    key = JSON.stringify(settings);
    settingsKeys.set(settings, key);
  }
  let memo = blockMemos.get(key);
  if (!memo) {
    if (blockMemos.size >= 16) blockMemos.clear();
    memo = new Map();
    blockMemos.set(key, memo);
  }
  return memo;
}

function trailerText(block: ImportBlock, isStub: boolean, configured: number, nl: string): string {
  if (!block.trailer) return '';
  const lines = isStub ? (configured === 0 ? 0 : 1) : configured;
  if (lines >= 0) return nl.repeat(lines);
  return block.trailer === 'sibling' ? nl : nl + nl;
}

/** Something other than whitespace before the first import on its line, or a backslash continuation. */
function precededByOtherStatement(start: number, text: SourceText): boolean {
  const lineStart = text.lineStart(start);
  const leading = text.text.slice(lineStart, start);
  if ([...leading].some((c) => !isPythonWhitespace(c))) return true;
  if (lineStart === 0) return false;
  const previous = text.text.slice(text.lineStart(lineStart - 1), lineStart);
  return /\\(\r\n|\n|\r)$/.test(previous);
}

/** Code (not a comment) after the last import on its line, e.g. `import a; x = 1`. */
function followedByOtherStatement(end: number, text: SourceText): boolean {
  for (const c of text.text.slice(end, text.lineEnd(end))) {
    if (c === '#') return false;
    if (!isPythonWhitespace(c)) return true;
  }
  return false;
}

/** The end of the blank lines that follow the statement's line (read line by line, not the whole rest). */
function trailingLinesEnd(end: number, text: SourceText): number {
  let offset = text.fullLineEnd(end);
  while (offset < text.text.length) {
    const next = text.fullLineEnd(offset);
    if (trimPythonWhitespace(withoutTerminator(text.text.slice(offset, next))) !== '') break;
    offset = next;
  }
  return offset;
}

function matchesIgnoringIndentation(actual: string, expected: string): boolean {
  const a = universalLines(actual);
  const b = universalLines(expected);
  if (a.length !== b.length) return false;
  return a.every(
    (line, i) =>
      trimPythonWhitespaceStart(withoutTerminator(line)) ===
      trimPythonWhitespaceStart(withoutTerminator(b[i])),
  );
}

/** Prefixes every line with the block's indentation; blank lines get only its non-whitespace part. */
function indent(text: string, prefix: string): string {
  if (prefix === '') return text;
  const trimmedPrefix = prefix.replace(/[ \t\f]+$/, '');
  return universalLines(text)
    .map((line) => (trimPythonWhitespace(withoutTerminator(line)) === '' ? trimmedPrefix : prefix) + line)
    .join('');
}
