import type { Node } from '../../../engine/types';
import { type SourceText, trimPythonWhitespace, universalLines, withoutTerminator } from './text';

export interface CommentInfo {
  start: number;
  end: number;
  text: string;
}

/** All comments of the file in source order (tree-sitter's comment text may end with `\r` on CRLF files). */
export function collectComments(root: Node): CommentInfo[] {
  return root.descendantsOfType('comment').flatMap((node) => {
    if (!node) return [];
    const text = node.text.replace(/\r$/, '');
    return [{ start: node.startIndex, end: node.startIndex + text.length, text }];
  });
}

export interface IsortDirectives {
  /** Half-open offset ranges in which imports are not sorted (`# isort: skip`, `off`/`on`). */
  exclusions: Array<readonly [number, number]>;
  /** Offsets of `# isort: split` comments. */
  splits: number[];
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
  let off: number | undefined;
  for (const comment of comments) {
    const body = comment.text.trimEnd();
    if (body === '# isort: split' || body === '# ruff: isort: split') splits.push(comment.start);
    else if (SKIP_FILE.has(body)) return { exclusions: [], splits: [], skipFile: true };
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
  return { exclusions, splits, skipFile: false };
}

export type Trailer = 'sibling' | 'class' | 'function';

export interface ImportBlock {
  nested: boolean;
  imports: Node[];
  trailer?: Trailer;
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

type Task = { kind: 'stmt'; node: Node; nested: boolean } | { kind: 'finalize' };

/**
 * Splits the file into import blocks the way Ruff's isort does: consecutive import statements in
 * one body form a block; any other statement, a `# isort: split` comment, the end of a body, or an
 * excluded import ends it. Blocks inside compound statements are "nested" (no trailer).
 * Iterative, so deeply nested code cannot overflow the stack.
 */
export function findImportBlocks(
  root: Node,
  text: SourceText,
  directives: IsortDirectives,
  isStub: boolean,
): ImportBlock[] {
  const blocks: ImportBlock[] = [{ nested: false, imports: [] }];
  let splitIndex = 0;
  const current = () => blocks[blocks.length - 1];
  const finalize = (trailer: Trailer | undefined) => {
    if (current().imports.length === 0) return;
    current().trailer = trailer;
    blocks.push({ nested: false, imports: [] });
  };
  const trailerFor = (node: Node, nested: boolean): Trailer | undefined => {
    if (current().imports.length === 0 || nested) return undefined;
    if (isStub) return 'sibling';
    const kind = definitionKind(node);
    if (!kind || hasCommentBreak(node.startIndex, text)) return 'sibling';
    return kind;
  };

  const tasks: Task[] = bodyTasks(root, false).reverse();
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if (task.kind === 'finalize') {
      finalize(undefined);
      continue;
    }
    const { node, nested } = task;
    const start = node.startIndex;
    if (splitIndex < directives.splits.length && start >= directives.splits[splitIndex]) {
      while (splitIndex < directives.splits.length && start >= directives.splits[splitIndex]) splitIndex++;
      finalize(trailerFor(node, nested));
    }
    if (
      IMPORT_TYPES.has(node.type) &&
      !node.hasError &&
      !directives.exclusions.some(([s, e]) => s <= start && start < e)
    ) {
      current().imports.push(node);
      current().nested = nested;
    } else {
      finalize(trailerFor(node, nested));
    }
    // Nothing is reported inside statements the parser could not read.
    const children = node.hasError ? [] : childTasks(node);
    for (let i = children.length - 1; i >= 0; i--) tasks.push(children[i]);
  }
  return blocks.filter((block) => block.imports.length > 0);
}

function definitionKind(node: Node): 'class' | 'function' | undefined {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (definition?.type === 'function_definition') return 'function';
  if (definition?.type === 'class_definition') return 'class';
  return undefined;
}

/** The statements of a body (module or block), skipping comments. */
function bodyTasks(body: Node | null | undefined, nested: boolean): Task[] {
  if (!body) return [];
  const tasks: Task[] = [];
  for (const child of body.namedChildren) {
    if (child && child.type !== 'comment') tasks.push({ kind: 'stmt', node: child, nested });
  }
  return tasks;
}

/** A body's statements followed by the end-of-body finalization. */
function body(node: Node | null | undefined): Task[] {
  return [...bodyTasks(node, true), { kind: 'finalize' }];
}

function clauseBody(clause: Node): Node | null {
  return (
    clause.childForFieldName('body') ??
    clause.childForFieldName('consequence') ??
    clause.namedChildren.find((c) => c?.type === 'block') ??
    null
  );
}

/** The bodies of a compound statement, in the order Ruff's block builder visits them. */
function childTasks(node: Node): Task[] {
  switch (node.type) {
    case 'decorated_definition':
      return childTasks(node.childForFieldName('definition') ?? node);
    case 'function_definition':
    case 'class_definition':
    case 'with_statement':
      return body(node.childForFieldName('body'));
    case 'for_statement':
    case 'while_statement': {
      const orelse = node.childForFieldName('alternative');
      return [...body(node.childForFieldName('body')), ...body(orelse ? clauseBody(orelse) : null)];
    }
    case 'if_statement': {
      const tasks = body(node.childForFieldName('consequence'));
      for (const clause of node.childrenForFieldName('alternative'))
        if (clause) tasks.push(...body(clauseBody(clause)));
      return tasks;
    }
    case 'match_statement': {
      const cases = node.childForFieldName('body')?.namedChildren ?? [];
      return cases.flatMap((c) =>
        c?.type === 'case_clause' ? body(c.childForFieldName('consequence')) : [],
      );
    }
    case 'try_statement':
      return tryTasks(node);
    default:
      return [];
  }
}

function tryTasks(node: Node): Task[] {
  const handlers: Task[] = [];
  let orelse: Task[] = [];
  let finalbody: Task[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'except_clause' || child.type === 'except_group_clause')
      handlers.push(...body(clauseBody(child)));
    else if (child.type === 'else_clause') orelse = body(clauseBody(child));
    else if (child.type === 'finally_clause') finalbody = body(clauseBody(child));
  }
  return [...handlers, ...body(node.childForFieldName('body')), ...orelse, ...finalbody];
}

/**
 * Whether a comment, then a blank line, separate the definition from what precedes it: then the
 * imports are followed by a "sibling" (one blank line) rather than a definition (two).
 */
export function hasCommentBreak(start: number, text: SourceText): boolean {
  let seenBlank = false;
  // Walk the lines above the statement upwards, without splitting the whole prefix.
  for (let line = text.lineIndex(start) - 1; line >= 0; line--) {
    const raw = text.text.slice(text.starts[line], text.starts[line + 1] ?? text.text.length);
    const content = trimPythonWhitespace(withoutTerminator(raw));
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
export function detectIndentation(root: Node, text: SourceText): string {
  for (const block of root.descendantsOfType('block')) {
    const first = block?.namedChildren.find((c) => c && c.type !== 'comment');
    if (!first) continue;
    const lineStart = text.lineStart(first.startIndex);
    const leading = text.text.slice(lineStart, first.startIndex);
    if (leading.length === 0 || !/^[ \t\f]*$/.test(leading)) continue;
    const afterFormFeed = leading.lastIndexOf('\f');
    return afterFormFeed >= 0 ? leading.slice(afterFormFeed + 1) : leading;
  }
  const lines = universalLines(text.text);
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
      !insideString(root, offset + indent.length)
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
