import { nodeRange } from './positions';
import type { Node, Position, Range, TextEdit } from './types';

/**
 * Module-level facts the type-hint and modern-typing rules need beyond the import map: `__all__`,
 * module-level `@overload` names, and where import edits go (removing a typing name that a rewrite
 * leaves unused, adding `from typing import Any` for a stub). Everything positional is part of the
 * fingerprint, so cached fixes never carry stale positions.
 */
export interface TypingFacts {
  /** Module-level functions with an `@overload` variant: their implementation is not checked (ANN). */
  readonly overloads: ReadonlySet<string>;
  /**
   * Local name -> the edit that removes it from its top-level `from typing import ...`, or the
   * whole `import typing as t` that binds it.
   */
  readonly removals: ReadonlyMap<string, TextEdit>;
  /** Names imported again by a later top-level statement: the edits that remove those too. */
  readonly repeatedRemovals: ReadonlyMap<string, readonly TextEdit[]>;
  /**
   * For names in `removals`: how often the name occurs in the source outside import statements,
   * saturated at 2 (comments and strings count, which only ever keeps an import).
   */
  readonly useCounts: ReadonlyMap<string, number>;
  /** Where a new import of a typing member goes, or the statement to extend. */
  readonly typingInsertion: TypingInsertion;
  /** Where a new import statement goes: after the last top-level import (or the docstring). */
  readonly importLine: Exclude<TypingInsertion, { kind: 'extend' }>;
  readonly fingerprint: string;
}

export type TypingInsertion =
  | { kind: 'extend'; after: Position; members?: readonly TypingMember[] }
  | { kind: 'new-line'; at: Position }
  | { kind: 'after-line-end'; at: Position };

/** A name in the `from typing import ...` that a new member joins, where a member can go before it. */
export interface TypingMember {
  readonly name: string;
  readonly asname?: string;
  readonly start: Position;
  /**
   * For a member on a line of its own (a wrapped import): the line break and indentation before
   * it, which a member inserted before it repeats.
   */
  readonly lineBreak?: string;
}

/** Typing names whose rewrite (UP006/UP007/UP045) can leave their import unused. */
export const REWRITABLE_TYPING_NAMES = new Set([
  'Optional',
  'Union',
  'List',
  'Dict',
  'Set',
  'FrozenSet',
  'Tuple',
  'Type',
  'Deque',
  'DefaultDict',
]);

const TYPING_MODULES = new Set(['typing', 'typing_extensions']);
const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * What one top-level statement contributes to the typing facts, without tree nodes: positions have
 * their line relative to the statement's first line (characters are kept as they are: the
 * statement's column is part of what identifies it, so they do not change while it is reused).
 */
export interface UnitTypingFacts {
  /** A decorated function definition: its name and the decorators that may be `overload`. */
  readonly decoratedFunction?: { readonly name: string | undefined; readonly decorators: readonly NameRef[] };
  /** Local name -> the edit that removes it from this `from typing import ...`, in source order. */
  readonly removals: ReadonlyArray<readonly [local: string, edit: TextEdit]>;
  /** For `from typing import ...`: the end of its last name, where a new member is added. */
  readonly extendAfter?: Position;
  /** For `from typing import ...`: its names, where a new member may go before one of them. */
  readonly members?: readonly TypingMember[];
  readonly isImport: boolean;
  readonly isDocstring: boolean;
  /** For imports and docstrings (a new import goes after them): the end, and its offset in the statement. */
  readonly end?: { readonly line: number; readonly character: number; readonly offset: number };
}

/** A top-level statement's typing facts and where the statement now starts. */
export interface PlacedTypingFacts {
  readonly facts: UnitTypingFacts;
  /** The statement's first line. */
  readonly line: number;
  /** The statement's start offset in the tree's text. */
  readonly startIndex: number;
}

/** An expression a decorator may name `overload` with: `name` or `name.attribute`. */
interface NameRef {
  readonly name: string;
  readonly attribute?: string;
}

export function collectTypingFacts(root: Node, imports: ReadonlyMap<string, string>): TypingFacts {
  const statements: PlacedTypingFacts[] = [];
  for (const node of root.namedChildren) {
    if (node === null || node.type === 'comment') continue;
    statements.push({
      facts: unitTypingFacts(node),
      line: node.startPosition.row,
      startIndex: node.startIndex,
    });
  }
  return combineTypingFacts(statements, imports, () => root.text);
}

/** The typing facts of one top-level statement (not a comment). */
export function unitTypingFacts(statement: Node): UnitTypingFacts {
  const type = statement.type;
  const isImport = IMPORT_TYPES.has(type);
  const isDocstring = type === 'expression_statement' && statement.namedChild(0)?.type === 'string';
  const origin = statement.startPosition.row;
  const endPosition = isImport || isDocstring ? statement.endPosition : undefined;
  const end = endPosition && {
    line: endPosition.row - origin,
    character: endPosition.column,
    offset: statement.endIndex - statement.startIndex,
  };
  const facts = { isImport, isDocstring, end, removals: [] as Array<readonly [string, TextEdit]> };
  if (type === 'decorated_definition') return { ...facts, decoratedFunction: decoratedFunction(statement) };
  if (type === 'import_statement') return { ...facts, removals: moduleImportRemoval(statement) };
  if (type === 'if_statement') return { ...facts, removals: guardedImportRemovals(statement) };
  if (type !== 'import_from_statement') return facts;
  const moduleName = statement.childForFieldName('module_name')?.text;
  if (!moduleName || !TYPING_MODULES.has(moduleName)) return facts;
  const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  const last = names[names.length - 1];
  const extendAfter = moduleName === 'typing' && last ? relative(nodeRange(last).end, origin) : undefined;
  const members = extendAfter ? membersOf(statement, names) : undefined;
  return { ...facts, removals: removalsOf(statement, names), extendAfter, members };
}

/**
 * The module's typing facts from its top-level statements' (comments left out), in source order;
 * `text` gives the tree's text, read only when an import is to be placed or counted.
 */
export function combineTypingFacts(
  statements: readonly PlacedTypingFacts[],
  imports: ReadonlyMap<string, string>,
  text: () => string,
  uses: UseCounter = (names) => countUses(text, statements, names),
  /** Where `text` starts in the tree's text (statements' `startIndex` are the tree's). */
  rootStart = 0,
): TypingFacts {
  const overloads = new Set<string>();
  const removals = new Map<string, TextEdit>();
  const repeatedRemovals = new Map<string, TextEdit[]>();
  let typingInsertion: TypingInsertion | undefined;
  let textLines: TextLines | undefined;
  const lines = () => (textLines ??= new TextLines(text()));
  for (const { facts, line, startIndex } of statements) {
    // The lines around a removal are found from its statement's start, not from the top of the file.
    if (facts.removals.length > 0) lines().anchor(line, startIndex - rootStart);
    const decorated = facts.decoratedFunction;
    if (decorated?.name && decorated.decorators.some((d) => refersToTypingMember(d, 'overload', imports))) {
      overloads.add(decorated.name);
    }
    for (const [local, edit] of facts.removals) {
      const placed = { range: absoluteRange(edit.range, line), newText: edit.newText };
      if (!removals.has(local)) removals.set(local, placed);
      else repeatedRemovals.set(local, [...(repeatedRemovals.get(local) ?? []), placed]);
    }
    if (!typingInsertion && facts.extendAfter) {
      const members = facts.members?.map((member) => ({ ...member, start: absolute(member.start, line) }));
      typingInsertion = { kind: 'extend', after: absolute(facts.extendAfter, line), members };
    }
  }
  tidyLineRemovals(removals, lines);
  for (const [name, edits] of repeatedRemovals) {
    const tidied = new Map(edits.map((edit, i) => [String(i), edit]));
    tidyLineRemovals(tidied, lines);
    repeatedRemovals.set(name, [...tidied.values()]);
  }
  const useCounts = uses([...removals.keys()]);
  const importLine = findImportLine(text, statements);
  typingInsertion ??= importLine;
  const fingerprint = JSON.stringify([
    [...overloads],
    [...removals].map(([name, edit]) => [name, edit.range]),
    [...repeatedRemovals].map(([name, edits]) => [name, edits.map((edit) => edit.range)]),
    [...useCounts],
    typingInsertion,
    importLine,
  ]);
  return { overloads, removals, repeatedRemovals, useCounts, typingInsertion, importLine, fingerprint };
}

/**
 * A removal of whole lines also takes blank lines after them where the blank lines before and after
 * would add up to a longer run than either was (a docstring, one blank line, the import, two blank
 * lines, a `def`: two blank lines remain, not three), and all of them at the top of the file.
 */
function tidyLineRemovals(removals: Map<string, TextEdit>, textLines: () => TextLines): void {
  for (const [name, edit] of removals) {
    const { start, end } = edit.range;
    if (start.character !== 0 || end.character !== 0 || edit.newText !== '') continue;
    const lines = textLines();
    const isBlank = (line: number) => lines.isBlank(line);
    let before = 0;
    while (start.line - before > 0 && isBlank(start.line - before - 1)) before++;
    let after = 0;
    while (lines.hasLineAfter(end.line + after) && isBlank(end.line + after)) after++;
    const extra = start.line - before === 0 ? after : Math.min(before, after);
    if (extra > 0)
      removals.set(name, { ...edit, range: { start, end: { line: end.line + extra, character: 0 } } });
  }
}

/**
 * The lines of a text as `split('\n')` numbers them, read in place and found only around where
 * they are asked for: from a line whose start is known (the first, or an anchor: a statement's
 * start), stepping one line at a time. Finding every line of a large file at every keystroke (its
 * imports are spread through it) cost more than the rest of the module facts.
 */
class TextLines {
  /** Line -> the offset where it starts, for the lines found so far. */
  private readonly starts = new Map<number, number>([[0, 0]]);

  constructor(private readonly text: string) {}

  /** Makes the start of `line` known from `offset`, an offset on it. */
  anchor(line: number, offset: number): void {
    if (this.starts.has(line) || offset < 0 || offset > this.text.length) return;
    this.starts.set(line, this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** Whether the text has a line after `line`. */
  hasLineAfter(line: number): boolean {
    return this.start(line + 1) !== undefined;
  }

  /** Only spaces, tabs, form feeds or `\r` on the line; a line past the end is not blank. */
  isBlank(line: number): boolean {
    const start = this.start(line);
    if (start === undefined) return false;
    const next = this.start(line + 1);
    const end = next === undefined ? this.text.length : next - 1;
    for (let i = start; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 12 && c !== 13) return false;
    }
    return true;
  }

  /** Where `line` starts; undefined past the last line. */
  private start(line: number): number | undefined {
    if (line < 0) return undefined;
    const known = this.starts.get(line);
    if (known !== undefined) return known;
    const after = this.starts.get(line + 1);
    if (after !== undefined && after > 0) {
      // The line before a known one: back from the line break that ends it.
      const start = this.text.lastIndexOf('\n', after - 2) + 1;
      this.starts.set(line, start);
      return start;
    }
    let from = line - 1;
    while (!this.starts.has(from)) from--;
    let start = this.starts.get(from) as number;
    for (let at = from + 1; at <= line; at++) {
      const lineBreak = this.text.indexOf('\n', start);
      if (lineBreak < 0) return undefined;
      start = lineBreak + 1;
      this.starts.set(at, start);
    }
    return start;
  }
}

function decoratedFunction(statement: Node): UnitTypingFacts['decoratedFunction'] {
  const definition = statement.childForFieldName('definition');
  if (definition?.type !== 'function_definition') return undefined;
  const decorators: NameRef[] = [];
  for (const decorator of statement.namedChildren) {
    if (decorator?.type !== 'decorator') continue;
    const ref = nameRef(decorator.namedChild(0));
    if (ref) decorators.push(ref);
  }
  return { name: definition.childForFieldName('name')?.text, decorators };
}

function nameRef(expr: Node | null): NameRef | undefined {
  if (expr?.type === 'identifier') return { name: expr.text };
  if (expr?.type !== 'attribute') return undefined;
  const object = expr.childForFieldName('object');
  const attribute = expr.childForFieldName('attribute');
  return object?.type === 'identifier' && attribute
    ? { name: object.text, attribute: attribute.text }
    : undefined;
}

function refersToTypingMember(ref: NameRef, member: string, imports: ReadonlyMap<string, string>): boolean {
  const base = imports.get(ref.name);
  const qualified = ref.attribute === undefined || base === undefined ? base : `${base}.${ref.attribute}`;
  if (!qualified) return false;
  const dot = qualified.lastIndexOf('.');
  return TYPING_MODULES.has(qualified.slice(0, dot)) && qualified.slice(dot + 1) === member;
}

/**
 * Typing imports inside a top-level `if` (`if TYPE_CHECKING:`), relative to the `if`: a whole
 * import statement only where others remain in the block, so that it never becomes empty.
 */
function guardedImportRemovals(statement: Node): Array<readonly [string, TextEdit]> {
  const block = statement.childForFieldName('consequence');
  const children = block?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const removals: Array<readonly [string, TextEdit]> = [];
  for (const child of children) {
    const own = child.type === 'import_statement' ? moduleImportRemoval(child) : typingFromRemovals(child);
    const shift = child.startPosition.row - statement.startPosition.row;
    for (const [local, edit] of own) {
      const wholeStatement = edit.range.start.character === 0 && edit.range.end.character === 0;
      if (wholeStatement && children.length < 2) {
        // The block's only statement: the whole `if TYPE_CHECKING:` goes, or nothing.
        if (isBareTypeCheckingGuard(statement)) removals.push([local, wholeLinesOf(statement)]);
        continue;
      }
      const range = {
        start: { ...edit.range.start, line: edit.range.start.line + shift },
        end: { ...edit.range.end, line: edit.range.end.line + shift },
      };
      removals.push([local, { range, newText: edit.newText }]);
    }
  }
  return removals;
}

/** `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` without `elif` or `else`. */
function isBareTypeCheckingGuard(statement: Node): boolean {
  const condition = statement.childForFieldName('condition');
  const named = condition?.type === 'identifier' || condition?.type === 'attribute';
  return named && /(^|\.)TYPE_CHECKING$/.test(condition.text) && !statement.childForFieldName('alternative');
}

/** The edit that removes a top-level statement's lines, relative to the statement. */
function wholeLinesOf(statement: Node): TextEdit {
  const last = statement.endPosition.row - statement.startPosition.row;
  return { range: { start: { line: 0, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
}

/** The removals of a `from typing import ...` (none for other statements). */
function typingFromRemovals(statement: Node): Array<readonly [string, TextEdit]> {
  if (statement.type !== 'import_from_statement') return [];
  const moduleName = statement.childForFieldName('module_name')?.text;
  if (!moduleName || !TYPING_MODULES.has(moduleName)) return [];
  const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  return removalsOf(statement, names);
}

/**
 * `import typing` / `import typing as t` (also `typing_extensions`) alone in its statement: the
 * local name with the edit that removes the statement, for rewrites of `t.Optional[...]` that leave
 * it unused.
 */
function moduleImportRemoval(statement: Node): Array<readonly [string, TextEdit]> {
  const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  if (names.length !== 1) return [];
  const [name] = names;
  const aliased = name.type === 'aliased_import';
  const module = aliased ? name.childForFieldName('name')?.text : name.text;
  const local = aliased ? name.childForFieldName('alias')?.text : name.text;
  if (!module || !local || !TYPING_MODULES.has(module)) return [];
  const edit = removalEdit(statement, names, 0);
  return [[local, { range: relativeRange(edit.range, statement.startPosition.row), newText: edit.newText }]];
}

/** The names of a `from typing import ...` with their positions (relative to the statement). */
function membersOf(statement: Node, names: readonly Node[]): TypingMember[] {
  const text = statement.text;
  const origin = statement.startPosition.row;
  return names.map((node) => {
    const aliased = node.type === 'aliased_import';
    const name = (aliased ? node.childForFieldName('name')?.text : node.text) ?? node.text;
    const asname = aliased ? node.childForFieldName('alias')?.text : undefined;
    const offset = node.startIndex - statement.startIndex;
    const before = /(\r?\n[ \t]*)$/.exec(text.slice(0, offset));
    return {
      name,
      ...(asname !== undefined && { asname }),
      start: relative(nodeRange(node).start, origin),
      ...(before && { lineBreak: before[1] }),
    };
  });
}

/** The rewritable names of a `from typing import ...`, each with the edit that removes it. */
function removalsOf(statement: Node, names: readonly Node[]): Array<readonly [string, TextEdit]> {
  const removals: Array<readonly [string, TextEdit]> = [];
  const origin = statement.startPosition.row;
  names.forEach((name, index) => {
    const original = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
    const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
    if (!original || !local || !REWRITABLE_TYPING_NAMES.has(original)) return;
    const edit = removalEdit(statement, names, index);
    removals.push([local, { range: relativeRange(edit.range, origin), newText: edit.newText }]);
  });
  return removals;
}

function removalEdit(statement: Node, names: readonly Node[], index: number): TextEdit {
  if (names.length === 1) {
    const start = statement.startPosition;
    const end = statement.endPosition;
    // The statement is top-level, so it starts its line; take the line break with it.
    return {
      range: { start: { line: start.row, character: 0 }, end: { line: end.row + 1, character: 0 } },
      newText: '',
    };
  }
  const name = names[index];
  if (index > 0) {
    const previous = nodeRange(names[index - 1]);
    return { range: { start: previous.end, end: nodeRange(name).end }, newText: '' };
  }
  return { range: { start: nodeRange(name).start, end: nodeRange(names[1]).start }, newText: '' };
}

function relative(position: Position, origin: number): Position {
  return { line: position.line - origin, character: position.character };
}

function absolute(position: Position, origin: number): Position {
  return { line: position.line + origin, character: position.character };
}

function relativeRange(range: Range, origin: number): Range {
  return { start: relative(range.start, origin), end: relative(range.end, origin) };
}

function absoluteRange(range: Range, origin: number): Range {
  return { start: absolute(range.start, origin), end: absolute(range.end, origin) };
}

/**
 * How often each of `names` occurs in the source outside top-level import statements, saturated at
 * 2 (see `TypingFacts.useCounts`); the module facts count statement by statement (see `unitUses`).
 */
export type UseCounter = (names: readonly string[]) => Map<string, number>;

/** The pattern of a use of one of `names`: a whole name, not an attribute. */
export function usePattern(names: readonly string[]): RegExp {
  return new RegExp(`(?<![\\w.])(?:${names.join('|')})(?!\\w)`, 'g');
}

function countUses(
  text: () => string,
  statements: readonly PlacedTypingFacts[],
  names: readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  if (names.length === 0) return counts;
  for (const name of names) counts.set(name, 0);
  const source = text();
  const importSpans: Array<readonly [number, number]> = [];
  for (const { facts, startIndex } of statements) {
    if (facts.isImport && facts.end) importSpans.push([startIndex, startIndex + facts.end.offset]);
  }
  const pattern = usePattern(names);
  // Matches and import spans both come in text order: one pass over each, not every span per
  // match (a large file has thousands of both).
  let span = 0;
  for (const match of source.matchAll(pattern)) {
    const at = match.index ?? 0;
    while (span < importSpans.length && importSpans[span][1] <= at) span++;
    if (span < importSpans.length && importSpans[span][0] <= at) continue;
    const name = match[0];
    counts.set(name, Math.min(2, (counts.get(name) ?? 0) + 1));
  }
  return counts;
}

/**
 * New imports go at the end of the line of the last import of the leading import block (or of the
 * docstring): a
 * position before the next statement, so that no unit's cached findings carry it along when the
 * unit moves.
 */
function findImportLine(
  text: () => string,
  statements: readonly PlacedTypingFacts[],
): Exclude<TypingInsertion, { kind: 'extend' }> {
  // The leading block of imports (after a docstring), as Ruff's importer: later imports do not count.
  const first = statements[0];
  const isDocstring = first?.facts.isDocstring === true;
  let anchor: PlacedTypingFacts | undefined = isDocstring ? first : undefined;
  for (const statement of statements.slice(isDocstring ? 1 : 0)) {
    if (!statement.facts.isImport) break;
    anchor = statement;
  }
  // Without one: above the first statement, below a shebang or encoding comment.
  const end = anchor?.facts.end;
  if (!anchor || !end) return { kind: 'new-line', at: { line: first?.line ?? 0, character: 0 } };
  const source = text();
  const endIndex = anchor.startIndex + end.offset;
  const lineStart = endIndex - end.character;
  let lineEnd = source.indexOf('\n', endIndex);
  if (lineEnd < 0) lineEnd = source.length;
  if (source[lineEnd - 1] === '\r') lineEnd--;
  return { kind: 'after-line-end', at: { line: anchor.line + end.line, character: lineEnd - lineStart } };
}

/** How import members sort (the isort settings' order), for a member added to an import. */
export type MemberOrder = (
  a: { name: string; asname?: string },
  b: { name: string; asname?: string },
) => number;

/**
 * The edit that makes `member` of `typing` available under its own name: added to the existing
 * `from typing import ...` where `order` puts it (before the first name that sorts after it, so
 * that the import stays sorted), or as a new import.
 */
export function typingImportEdit(facts: TypingFacts, member: string, order?: MemberOrder): TextEdit {
  const insertion = facts.typingInsertion;
  if (insertion.kind !== 'extend') return importStatementEdit(facts, `from typing import ${member}`);
  const members = insertion.members ?? [];
  // An import that is not sorted already gets the member at its end (as Ruff does).
  const sorted = order && members.every((m, i) => i === 0 || order(members[i - 1], m) <= 0);
  const next = sorted && members.find((existing) => order({ name: member }, existing) < 0);
  if (next) {
    const at = next.start;
    return { range: { start: at, end: at }, newText: `${member},${next.lineBreak ?? ' '}` };
  }
  const lineBreak = members.at(-1)?.lineBreak;
  const after = insertion.after;
  return { range: { start: after, end: after }, newText: `,${lineBreak ?? ' '}${member}` };
}

/** The edit that adds a whole import statement on a line of its own. */
export function importStatementEdit(facts: TypingFacts, statement: string): TextEdit {
  const line = facts.importLine;
  const newText = line.kind === 'after-line-end' ? `\n${statement}` : `${statement}\n`;
  return { range: { start: line.at, end: line.at }, newText };
}
