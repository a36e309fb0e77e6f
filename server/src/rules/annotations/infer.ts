import type { UnitContext } from '../../engine/rule';
import type { Node, TextEdit } from '../../engine/types';
import { importStatementEdit, type MemberOrder, typingImportEdit } from '../../engine/typing-facts';
import { compareMembers } from '../imports/isort/format';
import { resolveIsortSettings } from '../imports/isort/settings';

/** The types a literal can have, in Ruff's order for unions. */
const ATOM_ORDER = ['str', 'bytes', 'int', 'float', 'complex', 'bool', 'None'] as const;
export type Atom = (typeof ATOM_ORDER)[number];

const NUMERIC_RANK: Partial<Record<Atom, number>> = { bool: 0, int: 1, float: 2, complex: 3 };

/** Deeper expressions are not inferred: the recursion must not overflow the stack on hostile input. */
const MAX_LITERAL_DEPTH = 1000;

/** The type of a literal expression, or undefined when it takes more than reading it. */
export function literalType(expr: Node, depth = 0): Atom | undefined {
  if (depth >= MAX_LITERAL_DEPTH) return undefined;
  switch (expr.type) {
    case 'integer':
      return /[jJ]$/.test(expr.text) ? 'complex' : 'int';
    case 'float':
      return /[jJ]$/.test(expr.text) ? 'complex' : 'float';
    case 'true':
    case 'false':
      return 'bool';
    case 'none':
      return 'None';
    case 'string':
      return stringType(expr);
    case 'concatenated_string': {
      const first = expr.namedChild(0);
      return first ? stringType(first) : undefined;
    }
    case 'not_operator':
    case 'comparison_operator':
      return 'bool';
    case 'parenthesized_expression': {
      const inner = expr.namedChild(0);
      return inner ? literalType(inner, depth + 1) : undefined;
    }
    case 'binary_operator':
      return binaryType(expr, depth);
    case 'unary_operator': {
      const operand = expr.childForFieldName('argument');
      const type = operand ? literalType(operand, depth + 1) : undefined;
      return type === 'int' || type === 'float' || type === 'complex'
        ? type
        : type === 'bool'
          ? 'int'
          : undefined;
    }
    default:
      return undefined;
  }
}

/** `"%s" % x` is a string, `1 + 2.0` a float: the operand types Ruff's inference also reads. */
function binaryType(expr: Node, depth: number): Atom | undefined {
  const operator = expr.childForFieldName('operator')?.text;
  const left = expr.childForFieldName('left');
  const right = expr.childForFieldName('right');
  const leftType = left ? literalType(left, depth + 1) : undefined;
  if ((leftType === 'str' || leftType === 'bytes') && operator === '%') return leftType;
  const rightType = right ? literalType(right, depth + 1) : undefined;
  if (!leftType || !rightType) return undefined;
  if ((leftType === 'str' || leftType === 'bytes') && operator === '+' && rightType === leftType)
    return leftType;
  const leftRank = NUMERIC_RANK[leftType];
  const rightRank = NUMERIC_RANK[rightType];
  if (
    leftRank === undefined ||
    rightRank === undefined ||
    !['+', '-', '*', '/', '//', '%', '**'].includes(operator ?? '')
  ) {
    return undefined;
  }
  const wider = Math.max(leftRank, rightRank, 1);
  const type = (Object.keys(NUMERIC_RANK) as Atom[]).find((t) => NUMERIC_RANK[t] === wider);
  return operator === '/' && wider < 2 ? 'float' : type;
}

function stringType(node: Node): Atom {
  const prefix = node.namedChild(0)?.text ?? '';
  return /b/i.test(prefix.replace(/['"]/g, '')) ? 'bytes' : 'str';
}

/** Merges two types the way a type checker widens numbers: `int` and `float` give `float`. */
function unionOf(types: Set<Atom>): Atom[] {
  const numbers = [...types].filter((t) => NUMERIC_RANK[t] !== undefined);
  const widest = numbers.sort((a, b) => (NUMERIC_RANK[b] ?? 0) - (NUMERIC_RANK[a] ?? 0))[0];
  const rest = [...types].filter((t) => NUMERIC_RANK[t] === undefined);
  const merged = widest ? [...rest, widest] : rest;
  return merged.sort((a, b) => ATOM_ORDER.indexOf(a) - ATOM_ORDER.indexOf(b));
}

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

interface BodyFacts {
  returns: (Node | null)[];
  isGenerator: boolean;
}

/** The function's own `return` values and whether it yields (nested definitions excluded). */
export function bodyFacts(fn: Node): BodyFacts {
  const facts: BodyFacts = { returns: [], isGenerator: false };
  const body = fn.childForFieldName('body');
  if (!body) return facts;
  // One query for the candidates, then drop those inside nested scopes: far cheaper than walking.
  const found = body.descendantsOfType(['return_statement', 'yield', ...NESTED_SCOPES]);
  let nestedEnd = -1;
  for (const node of found) {
    if (!node || node.startIndex < nestedEnd) continue;
    if (NESTED_SCOPES.has(node.type)) nestedEnd = node.endIndex;
    else if (node.type === 'return_statement') facts.returns.push(node.namedChild(0));
    else facts.isGenerator = true;
  }
  return facts;
}

/** Ruff's `is_none_returning`: every `return` is bare or returns `None`. */
export function isNoneReturning(fn: Node): boolean {
  return bodyFacts(fn).returns.every((value) => value === null || value.type === 'none');
}

/**
 * How control leaves a body, as Ruff's terminal analysis sees it (it decides between `None`, a
 * union with `None`, and `Never`): `return` counts as "returns or raises", a `try` body is assumed
 * to be able to raise, and `if`/`match` are exhaustive only with `else` / a wildcard case.
 */
type Terminal =
  | 'none'
  | 'implicit'
  | 'raise'
  | 'raise-ni'
  | 'return'
  | 'raise-or-return'
  | 'conditional-return';

const isRaise = (t: Terminal): boolean => t === 'raise' || t === 'raise-ni';
const hasAnyReturn = (t: Terminal): boolean =>
  t === 'return' || t === 'raise-or-return' || t === 'conditional-return';

/** One terminal after another. */
function andThen(first: Terminal, second: Terminal): Terminal {
  if (first === 'none' || first === 'implicit') return second;
  if (second === 'none' || second === 'implicit') return first;
  return joinExplicit(first, second);
}

/** Two alternative branches. */
function branch(a: Terminal, b: Terminal): Terminal {
  if (a === 'none') return b;
  if (b === 'none') return a;
  if (a === 'implicit' || b === 'implicit') {
    const other = a === 'implicit' ? b : a;
    if (other === 'implicit' || isRaise(other)) return 'implicit';
    return 'conditional-return';
  }
  return joinExplicit(a, b);
}

/** The rules both combinations share once neither side is `none`/`implicit`. */
function joinExplicit(a: Terminal, b: Terminal): Terminal {
  if (a === 'raise-or-return' || b === 'raise-or-return') return 'raise-or-return';
  if (a === 'conditional-return' && b === 'conditional-return') return 'conditional-return';
  if (a === 'conditional-return' || b === 'conditional-return') {
    const other = a === 'conditional-return' ? b : a;
    return other === 'return' ? 'return' : 'raise-or-return';
  }
  if (isRaise(a) && isRaise(b)) return a === 'raise-ni' && b === 'raise-ni' ? 'raise-ni' : 'raise';
  if (a === 'return' && b === 'return') return 'return';
  return 'raise-or-return';
}

function branches(terminals: Terminal[]): Terminal {
  return terminals.reduce(branch, 'none' as Terminal);
}

function blockTerminal(block: Node | null | undefined): Terminal {
  let terminal: Terminal = 'none';
  for (const statement of block?.namedChildren ?? []) {
    if (statement) terminal = statementTerminal(statement, terminal);
  }
  return terminal === 'none' ? 'implicit' : terminal;
}

const clauseBody = (clause: Node): Node | null =>
  clause.childForFieldName('consequence') ??
  clause.childForFieldName('body') ??
  clause.namedChildren.find((c) => c?.type === 'block') ??
  null;

function statementTerminal(statement: Node, terminal: Terminal): Terminal {
  switch (statement.type) {
    case 'for_statement':
    case 'while_statement': {
      const body = statement.childForFieldName('body');
      if (body?.namedChildren.some((c) => c?.type === 'break_statement')) return terminal;
      let next = andThen(terminal, blockTerminal(body));
      const orElse = statement.childForFieldName('alternative');
      if (orElse && !containsBreak(body)) next = andThen(next, blockTerminal(clauseBody(orElse)));
      return next;
    }
    case 'if_statement': {
      const clauses = statement.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
      const all = branches([
        blockTerminal(statement.childForFieldName('consequence')),
        ...clauses.map((c) => blockTerminal(clauseBody(c))),
      ]);
      if (clauses.some((c) => c.type === 'else_clause')) return andThen(terminal, all);
      return hasAnyReturn(all) ? andThen(terminal, 'conditional-return') : terminal;
    }
    case 'match_statement': {
      const cases =
        statement
          .childForFieldName('body')
          ?.namedChildren.filter((c): c is Node => c?.type === 'case_clause') ?? [];
      const all = andThen(
        terminal,
        branches(cases.map((c) => blockTerminal(c.childForFieldName('consequence')))),
      );
      if (cases.some(isWildcardCase)) return andThen(terminal, all);
      return hasAnyReturn(all) ? andThen(terminal, 'conditional-return') : terminal;
    }
    case 'try_statement': {
      let next = terminal;
      if (hasAnyReturn(blockTerminal(statement.childForFieldName('body'))))
        next = andThen(next, 'conditional-return');
      const children = statement.namedChildren.filter((c): c is Node => c !== null);
      const finallyClause = children.find((c) => c.type === 'finally_clause');
      next = andThen(next, finallyClause ? blockTerminal(clauseBody(finallyClause)) : 'none');
      const handlers = branches(
        children
          .filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')
          .map((c) => blockTerminal(clauseBody(c))),
      );
      const elseClause = children.find((c) => c.type === 'else_clause');
      if (!elseClause) return hasAnyReturn(handlers) ? andThen(next, 'conditional-return') : next;
      return andThen(next, branch(handlers, blockTerminal(clauseBody(elseClause))));
    }
    case 'with_statement':
      return andThen(terminal, blockTerminal(statement.childForFieldName('body')));
    case 'return_statement':
      return andThen(terminal, 'raise-or-return');
    case 'raise_statement': {
      const raised = statement.namedChild(0);
      const callee = raised?.type === 'call' ? raised.childForFieldName('function') : raised;
      return andThen(terminal, callee?.text === 'NotImplementedError' ? 'raise-ni' : 'raise');
    }
    default:
      return terminal;
  }
}

function isWildcardCase(clause: Node): boolean {
  const pattern = clause.namedChildren.find((c) => c?.type === 'case_pattern');
  return (
    clause.childForFieldName('guard') === null &&
    (pattern?.text === '_' || pattern?.namedChild(0)?.type === 'identifier')
  );
}

function containsBreak(body: Node | null): boolean {
  if (!body) return false;
  const pending = [body];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.type === 'break_statement') return true;
    for (const child of node.namedChildren) {
      if (child && !['for_statement', 'while_statement', ...NESTED_SCOPES].includes(child.type))
        pending.push(child);
    }
  }
  return false;
}

/** A return annotation as text (an LSP snippet when it holds a placeholder) and the imports it needs. */
export interface TypeText {
  text: string;
  /** A human-readable form for the fix title (placeholders as their defaults). */
  plain: string;
  snippet: boolean;
  edits: TextEdit[];
  /** The annotation is the `Any` placeholder (`Any`, `Any | None`, `Optional[Any]`): ANN401 flags it. */
  anyStub?: boolean;
}

/**
 * Guesses a return annotation: literal returns and `None` as Ruff does, `Never`/`NoReturn` when
 * every path raises, `Iterator[...]` for generators, else a placeholder.
 */
export function returnAnnotation(fn: Node, ctx: UnitContext): TypeText {
  const { returns, isGenerator } = bodyFacts(fn);
  const isAsync = fn.child(0)?.type === 'async';
  if (isGenerator) {
    const name = abcName(ctx, isAsync ? 'AsyncIterator' : 'Iterator');
    const any = typingName(ctx, 'Any');
    return {
      text: `${name.text}[\${1:${any.text}}]`,
      plain: `${name.text}[${any.text}]`,
      snippet: true,
      edits: [...name.edits, ...any.edits],
    };
  }
  const terminal = blockTerminal(fn.childForFieldName('body'));
  if (terminal === 'raise') {
    const name = typingName(ctx, ctx.config.targetVersion[1] >= 11 ? 'Never' : 'NoReturn');
    return { text: name.text, plain: name.text, snippet: false, edits: name.edits };
  }
  if (terminal !== 'raise-ni') {
    const types = new Set<Atom>();
    let known = true;
    for (const value of returns) {
      const type = value === null ? 'None' : literalType(value);
      if (type) types.add(type);
      else known = false;
    }
    if (terminal === 'none' || terminal === 'implicit' || terminal === 'conditional-return')
      types.add('None');
    if (known) return unionText(unionOf(types), ctx);
  }
  return placeholder(ctx);
}

export function placeholder(ctx: UnitContext): TypeText {
  const any = typingName(ctx, 'Any');
  return { text: `\${1:${any.text}}`, plain: any.text, snippet: true, edits: any.edits, anyStub: true };
}

export function unionText(types: readonly Atom[], ctx: UnitContext): TypeText {
  const names = types.map((t) => atomType(t, ctx));
  const edits = mergeInsertions(names.flatMap((n) => n.edits));
  const texts = names.map((n) => n.text);
  if (texts.length === 1) return names[0];
  if (ctx.config.targetVersion[1] >= 10) {
    const text = texts.join(' | ');
    return { text, plain: text, snippet: false, edits };
  }
  const others = texts.filter((t) => t !== 'None');
  if (others.length === 1) {
    const optional = typingName(ctx, 'Optional');
    const text = `${optional.text}[${others[0]}]`;
    return { text, plain: text, snippet: false, edits: [...optional.edits, ...edits] };
  }
  const union = typingName(ctx, 'Union');
  const text = `${union.text}[${texts.join(', ')}]`;
  return { text, plain: text, snippet: false, edits: [...union.edits, ...edits] };
}

/**
 * A builtin type by name, or as `builtins.str` (importing `builtins`) where the module rebinds the
 * name (`from .compat import str`), as Ruff does.
 */
export function atomType(atom: Atom, ctx: UnitContext): TypeText {
  if (atom === 'None' || !ctx.module.globalBindings.has(atom))
    return { text: atom, plain: atom, snippet: false, edits: [] };
  for (const [local, qualified] of ctx.module.imports) {
    if (qualified === 'builtins')
      return { text: `${local}.${atom}`, plain: `${local}.${atom}`, snippet: false, edits: [] };
  }
  const text = `builtins.${atom}`;
  return {
    text,
    plain: text,
    snippet: false,
    edits: [importStatementEdit(ctx.module.typing, 'import builtins')],
  };
}

/** How to spell a `typing` member here: an existing import, `typing.X`, or a new import. */
export function typingName(ctx: UnitContext, member: string): { text: string; edits: TextEdit[] } {
  // Spelled once, not once per import of the module; one pass (`forEach`: no entry made per step)
  // finds the first import of the member and the first of `typing`.
  const fromTyping = `typing.${member}`;
  const fromExtensions = `typing_extensions.${member}`;
  let memberImport: string | undefined;
  let typingImport: string | undefined;
  ctx.module.imports.forEach((qualified, local) => {
    if (memberImport === undefined && (qualified === fromTyping || qualified === fromExtensions))
      memberImport = local;
    if (typingImport === undefined && qualified === 'typing') typingImport = local;
  });
  if (memberImport !== undefined) return { text: memberImport, edits: [] };
  if (typingImport !== undefined) return { text: `${typingImport}.${member}`, edits: [] };
  return { text: member, edits: [typingImportEdit(ctx.module.typing, member, isortMemberOrder(ctx))] };
}

/** Members added to an import go where I001 would put them. */
function isortMemberOrder(ctx: UnitContext): MemberOrder {
  const settings = resolveIsortSettings(ctx);
  return (a, b) => compareMembers(a, b, settings);
}

function abcName(ctx: UnitContext, member: string): { text: string; edits: TextEdit[] } {
  const fromAbc = `collections.abc.${member}`;
  const fromTyping = `typing.${member}`;
  for (const [local, qualified] of ctx.module.imports) {
    if (qualified === fromAbc || qualified === fromTyping) return { text: local, edits: [] };
  }
  return {
    text: member,
    edits: [importStatementEdit(ctx.module.typing, `from collections.abc import ${member}`)],
  };
}

/**
 * Joins insertions at the same position (e.g. two new imports after the last one) into one edit:
 * two edits at one point would leave their order to the client.
 */
export function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const { start, end } = edit.range;
    const same = merged.find(
      (m) =>
        start.line === end.line &&
        start.character === end.character &&
        m.range.start.line === start.line &&
        m.range.start.character === start.character &&
        m.range.end.line === start.line &&
        m.range.end.character === start.character,
    );
    if (same) same.newText += edit.newText;
    else merged.push({ range: edit.range, newText: edit.newText });
  }
  return merged;
}
