import { CELL_BOUNDARY } from '../../../engine/cell-boundary';
import type { Node } from '../../../engine/types';
import type { CommentInfo } from './comments';
import type { ImportStatement, ModuleScan } from './module-scan';
import { type SourceText, trimPythonWhitespace, universalLines, withoutTerminator } from './text';

export interface IsortDirectives {
  /** Half-open offset ranges in which imports are not sorted (`# isort: skip`, `off`/`on`). */
  exclusions: Array<readonly [number, number]>;
  /** Offsets of `# isort: split` comments. */
  splits: number[];
  /** Offsets of notebook cell boundaries (`engine/cell-boundary.ts`), splits too. */
  cellBoundaries: number[];
  skipFile: boolean;
}

const SKIP_FILE = new Set([
  '# isort: skip_file',
  '# isort:skip_file',
  '# ruff: isort: skip_file',
  '# ruff: isort:skip_file',
]);

/** The action comments Ruff honours for import sorting. */
export function isortDirectives(comments: readonly CommentInfo[], text: SourceText): IsortDirectives {
  const exclusions: Array<readonly [number, number]> = [];
  const splits: number[] = [];
  const cellBoundaries: number[] = [];
  let off: number | undefined;
  for (const comment of comments) {
    const body = comment.text.trimEnd();
    if (body === '# isort: split' || body === '# ruff: isort: split') splits.push(comment.start);
    else if (body === CELL_BOUNDARY) {
      splits.push(comment.start);
      cellBoundaries.push(comment.start);
    } else if (SKIP_FILE.has(body)) return { exclusions: [], splits: [], cellBoundaries: [], skipFile: true };
    else if (off !== undefined) {
      if (body === '# isort: on' || body === '# ruff: isort: on') {
        exclusions.push([off, comment.start]);
        off = undefined;
      }
    } else if (body.includes('isort: skip') || body.includes('isort:skip')) {
      exclusions.push([text.lineStart(comment.start), text.lineEnd(comment.start)]);
    } else if (body === '# isort: off' || body === '# ruff: isort: off') {
      off = comment.start;
    }
  }
  if (off !== undefined) exclusions.push([off, text.text.length]);
  return { exclusions, splits, cellBoundaries, skipFile: false };
}

export type Trailer = 'sibling' | 'class' | 'function';

export interface ImportBlock {
  nested: boolean;
  imports: ImportStatement[];
  trailer?: Trailer;
  /** Holds a Python 3.15 `lazy` import, which tree-sitter-python cannot parse: not checked. */
  lazy?: boolean;
}

/**
 * Splits the file into import blocks the way Ruff's isort does: consecutive import statements in
 * one body form a block; any other statement, a `# isort: split` comment, the end of a body, or an
 * excluded import ends it. Blocks inside compound statements are "nested" (no trailer).
 *
 * Ruff walks every statement; here the import statements come from the module scan (only the
 * statements that mention `import`, each read once per text) and are grouped by sibling order.
 */
export function findImportBlocks(
  scan: ModuleScan,
  directives: IsortDirectives,
  isStub: boolean,
): ImportBlock[] {
  const blocks: ImportBlock[] = [];
  let current: ImportBlock | undefined;
  const finish = () => {
    if (!current) return;
    if (current.lazy) {
      current = undefined;
      return;
    }
    const last = current.imports[current.imports.length - 1];
    const endsCell = directives.cellBoundaries.some(
      (at) => at > last.end && at <= nextStart(scan, last.unit),
    );
    current.trailer = current.nested || endsCell ? undefined : trailerFor(scan, last.unit, isStub);
    blocks.push(current);
    current = undefined;
  };
  for (const statement of scan.importStatements()) {
    if (statement.found.hasError || isExcluded(statement.start, directives)) {
      finish();
      continue;
    }
    const last = current?.imports[current.imports.length - 1];
    const lazyKeyword = lazyKeywordUnit(statement, scan);
    if (lazyKeyword !== undefined) {
      // `lazy import x` reads as an error (`lazy`) and an import: the import continues the block
      // when the keyword follows its last import; the block is then left unchecked.
      const continues =
        current && last && !last.found.nested && scan.previousStatement(lazyKeyword) === last.unit;
      if (!continues) finish();
      current ??= { nested: false, imports: [] };
      current.imports.push(statement);
      current.lazy = true;
      continue;
    }
    if (
      current &&
      last &&
      followsLast(statement, last, scan) &&
      !splitBetween(last.end, statement.start, directives)
    ) {
      current.imports.push(statement);
      continue;
    }
    finish();
    current = { nested: statement.found.nested, imports: [statement] };
  }
  finish();
  return blocks;
}

/** Where the statement after `unit` starts (the end of the text when it is the last). */
function nextStart(scan: ModuleScan, unit: number): number {
  const next = scan.nextStatement(unit);
  return next === undefined ? scan.text.text.length : scan.units[next].startIndex;
}

/** The index of the `lazy` keyword (an ERROR unit) before a module-level import, if any. */
function lazyKeywordUnit(statement: ImportStatement, scan: ModuleScan): number | undefined {
  if (statement.found.nested || statement.unit === 0) return undefined;
  const before = scan.units[statement.unit - 1];
  return before?.type === 'ERROR' && before.text === 'lazy' ? statement.unit - 1 : undefined;
}

/**
 * Whether the statement before `statement` in its body (comments aside) is `last`, the last
 * import of the open block. A nested statement knows whether its predecessor is the import found
 * just before it, which, while a block is open, is `last`.
 */
function followsLast(statement: ImportStatement, last: ImportStatement, scan: ModuleScan): boolean {
  if (statement.found.nested) return statement.found.followsPrevious;
  return !last.found.nested && scan.previousStatement(statement.unit) === last.unit;
}

function isExcluded(start: number, directives: IsortDirectives): boolean {
  return directives.exclusions.some(([s, e]) => s <= start && start < e);
}

function splitBetween(from: number, to: number, directives: IsortDirectives): boolean {
  return directives.splits.some((split) => split > from && split <= to);
}

/** What follows a module-level block: two blank lines before a definition, one before anything else. */
function trailerFor(scan: ModuleScan, unit: number, isStub: boolean): Trailer | undefined {
  const next = scan.nextStatement(unit);
  if (next === undefined) return undefined;
  if (isStub) return 'sibling';
  const kind = scan.definitionKind(next);
  if (!kind || hasCommentBreak(scan.units[next].startIndex, scan.text)) return 'sibling';
  return kind;
}

/**
 * Whether a comment, then a blank line, separate the definition from what precedes it: then the
 * imports are followed by a "sibling" (one blank line) rather than a definition (two).
 */
export function hasCommentBreak(start: number, text: SourceText): boolean {
  let seenBlank = false;
  // Walk the lines above the statement upwards, without splitting the whole prefix.
  for (let lineStart = text.lineStart(start); lineStart > 0; ) {
    const previousStart = text.lineStart(lineStart - 1);
    const content = trimPythonWhitespace(withoutTerminator(text.text.slice(previousStart, lineStart)));
    lineStart = previousStart;
    if (seenBlank) {
      if (content.startsWith('#')) return true;
      if (content !== '') break;
    } else if (content === '') seenBlank = true;
    else if (content.startsWith('#') || content.startsWith('@')) continue;
    else break;
  }
  return false;
}

/**
 * The file's indentation unit as Ruff's stylist detects it: the leading whitespace of the first
 * indented block, else of the first indented continuation line, else four spaces.
 */
export function detectIndentation(scan: ModuleScan): string {
  const found = scan.firstBlockIndentation();
  if (found !== undefined) return found;
  const lines = universalLines(scan.text.text);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = withoutTerminator(lines[i]);
    const indent = /^\s+/.exec(line)?.[0];
    // A backslash continuation is not a new (non-logical) line for the tokenizer.
    const continued = i > 0 && withoutTerminator(lines[i - 1]).endsWith('\\');
    if (
      i > 0 &&
      !continued &&
      indent &&
      indent.length < line.length &&
      !insideString(scan.root, offset + indent.length)
    ) {
      return indent;
    }
    offset += lines[i].length;
  }
  return '    ';
}

function insideString(root: Node, offset: number): boolean {
  const node = root.descendantForIndex(offset);
  return node?.type === 'string_content' || node?.type === 'string' || node?.parent?.type === 'string';
}
