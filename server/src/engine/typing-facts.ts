import { nodeRange } from './positions';
import type { Node, Position, TextEdit } from './types';

/**
 * Module-level facts the type-hint and modern-typing rules need beyond the import map: `__all__`,
 * module-level `@overload` names, and where import edits go (removing a typing name that a rewrite
 * leaves unused, adding `from typing import Any` for a stub). Everything positional is part of the
 * fingerprint, so cached fixes never carry stale positions.
 */
export interface TypingFacts {
  /** Module-level functions with an `@overload` variant: their implementation is not checked (ANN). */
  readonly overloads: ReadonlySet<string>;
  /** Local name -> the edit that removes it from its top-level `from typing import ...`. */
  readonly removals: ReadonlyMap<string, TextEdit>;
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
  | { kind: 'extend'; after: Position }
  | { kind: 'new-line'; at: Position }
  | { kind: 'after-line-end'; at: Position };

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

export function collectTypingFacts(root: Node, imports: ReadonlyMap<string, string>): TypingFacts {
  const statements = root.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const overloads = collectOverloads(statements, imports);
  const removals = new Map<string, TextEdit>();
  for (const statement of statements) {
    if (statement.type === 'import_from_statement') collectRemovals(statement, removals);
  }
  const useCounts = countUses(root, statements, [...removals.keys()]);
  const importLine = findImportLine(root, statements);
  const typingInsertion = findTypingStatement(statements) ?? importLine;
  const fingerprint = JSON.stringify([
    [...overloads],
    [...removals].map(([name, edit]) => [name, edit.range]),
    [...useCounts],
    typingInsertion,
    importLine,
  ]);
  return { overloads, removals, useCounts, typingInsertion, importLine, fingerprint };
}

function collectOverloads(statements: readonly Node[], imports: ReadonlyMap<string, string>): Set<string> {
  const names = new Set<string>();
  for (const statement of statements) {
    if (statement.type !== 'decorated_definition') continue;
    const definition = statement.childForFieldName('definition');
    if (definition?.type !== 'function_definition') continue;
    const isOverload = statement.namedChildren.some((d) => {
      if (d?.type !== 'decorator') return false;
      const expr = d.namedChild(0);
      return expr !== null && isTypingMember(expr, 'overload', imports);
    });
    const name = definition.childForFieldName('name')?.text;
    if (isOverload && name) names.add(name);
  }
  return names;
}

/** `overload`, `typing.overload`, `t.overload`, `typing_extensions.overload`, through the imports. */
export function isTypingMember(expr: Node, member: string, imports: ReadonlyMap<string, string>): boolean {
  let qualified: string | undefined;
  if (expr.type === 'identifier') qualified = imports.get(expr.text);
  else if (expr.type === 'attribute') {
    const object = expr.childForFieldName('object');
    const attribute = expr.childForFieldName('attribute');
    if (object?.type === 'identifier' && attribute) {
      const base = imports.get(object.text);
      qualified = base === undefined ? undefined : `${base}.${attribute.text}`;
    }
  }
  if (!qualified) return false;
  const dot = qualified.lastIndexOf('.');
  return TYPING_MODULES.has(qualified.slice(0, dot)) && qualified.slice(dot + 1) === member;
}

function collectRemovals(statement: Node, removals: Map<string, TextEdit>): void {
  const moduleName = statement.childForFieldName('module_name')?.text;
  if (!moduleName || !TYPING_MODULES.has(moduleName)) return;
  const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  names.forEach((name, index) => {
    const original = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
    const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
    if (!original || !local || !REWRITABLE_TYPING_NAMES.has(original) || removals.has(local)) return;
    removals.set(local, removalEdit(statement, names, index));
  });
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

function countUses(root: Node, statements: readonly Node[], names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (names.length === 0) return counts;
  for (const name of names) counts.set(name, 0);
  const source = root.text;
  const importSpans = statements
    .filter((s) => IMPORT_TYPES.has(s.type))
    .map((s) => [s.startIndex, s.endIndex] as const);
  const pattern = new RegExp(`(?<![\\w.])(?:${names.join('|')})(?!\\w)`, 'g');
  for (const match of source.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (importSpans.some(([start, end]) => at >= start && at < end)) continue;
    const name = match[0];
    counts.set(name, Math.min(2, (counts.get(name) ?? 0) + 1));
  }
  return counts;
}

function findTypingStatement(statements: readonly Node[]): TypingInsertion | undefined {
  for (const statement of statements) {
    if (statement.type !== 'import_from_statement') continue;
    if (statement.childForFieldName('module_name')?.text !== 'typing') continue;
    const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const last = names[names.length - 1];
    if (last) return { kind: 'extend', after: nodeRange(last).end };
  }
  return undefined;
}

/**
 * New imports go at the end of the line of the last import of the leading import block (or of the
 * docstring): a
 * position before the next statement, so that no unit's cached findings carry it along when the
 * unit moves.
 */
function findImportLine(
  root: Node,
  statements: readonly Node[],
): Exclude<TypingInsertion, { kind: 'extend' }> {
  // The leading block of imports (after a docstring), as Ruff's importer: later imports do not count.
  const first = statements[0];
  const isDocstring = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string';
  let anchor: Node | undefined = isDocstring ? first : undefined;
  for (const statement of statements.slice(isDocstring ? 1 : 0)) {
    if (!IMPORT_TYPES.has(statement.type)) break;
    anchor = statement;
  }
  // Without one: above the first statement, below a shebang or encoding comment.
  if (!anchor) return { kind: 'new-line', at: { line: first?.startPosition.row ?? 0, character: 0 } };
  const source = root.text;
  const lineStart = anchor.endIndex - anchor.endPosition.column;
  let lineEnd = source.indexOf('\n', anchor.endIndex);
  if (lineEnd < 0) lineEnd = source.length;
  if (source[lineEnd - 1] === '\r') lineEnd--;
  return { kind: 'after-line-end', at: { line: anchor.endPosition.row, character: lineEnd - lineStart } };
}

/** The edit that makes `member` of `typing` available under its own name. */
export function typingImportEdit(facts: TypingFacts, member: string): TextEdit {
  const insertion = facts.typingInsertion;
  if (insertion.kind === 'extend') {
    return { range: { start: insertion.after, end: insertion.after }, newText: `, ${member}` };
  }
  return importStatementEdit(facts, `from typing import ${member}`);
}

/** The edit that adds a whole import statement on a line of its own. */
export function importStatementEdit(facts: TypingFacts, statement: string): TextEdit {
  const line = facts.importLine;
  const newText = line.kind === 'after-line-end' ? `\n${statement}` : `${statement}\n`;
  return { range: { start: line.at, end: line.at }, newText };
}
