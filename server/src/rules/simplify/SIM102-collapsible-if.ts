import { resolveGlobal } from '../../docstrings/definitions';
import { declareOptions, integerOption } from '../../engine/option-schema';
import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';

/** `[tool.pyconv.pycodestyle]`: Ruff's `max-line-length`, which SIM102's fix must respect. */
export const pycodestyleOptions = declareOptions(
  'pycodestyle',
  {
    'max-line-length': integerOption(
      1,
      88,
      "SIM102 offers no fix when a line of the collapsed `if` would be longer than this (Ruff's default is `line-length`, 88).",
    ),
  },
  { intro: "Line length as Ruff's pycodestyle settings give it to fixes (SIM102)." },
);

const TAB_SIZE = 4;

export const collapsibleIf: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'SIM102',
    name: 'collapsible-if',
    summary: 'Nested `if`s with nothing else between them are one `if` with `and`.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'unsafe',
    doc: `## What it does
Flags, as Ruff's SIM102 does, an \`if\` (or the last \`elif\`) whose body is a single \`if\` with no
\`elif\`/\`else\`, reported from the outer \`if\` to the colon of the deepest such nested \`if\`.
Not flagged: an \`if\` chain ending in \`else\`, an outer body with more statements, \`if
__name__ == "__main__":\`, \`if True:\`/\`if False:\`, \`if TYPE_CHECKING:\` and \`sys.version_info\`
or \`sys.platform\` checks. As Ruff does, an \`elif\` is judged by the number of statements of the
first branch's body, and each level of a deeper nest is reported.

## Why
Guide 004 runs Ruff's SIM rules. Each nesting level costs indentation and a reader's attention;
\`if a and b:\` says the same as two \`if\`s.

## Example
\`\`\`python
if user:
    if user.is_active:
        notify(user)
\`\`\`

## Use instead
\`\`\`python
if user and user.is_active:
    notify(user)
\`\`\`

## Fix safety
The fix joins the conditions with \`and\` (parenthesizing an \`or\`, a conditional expression, a
lambda or a walrus) and dedents the inner body; string contents are kept as they are. It is
unsafe, as Ruff's is. No fix is offered when a comment sits between the outer \`if\` and the
inner one (it would be lost), or when a line would exceed \`[tool.pyconv.pycodestyle]
max-line-length\`.`,
  },
  nodeTypes: ['if_statement'],
  visit(node, ctx) {
    const branch = lastBranch(node);
    if (!branch || !isCollapsibleBranch(node, branch)) return;
    const deepest = deepestNestedIf(branch);
    if (!deepest) return;
    const colon = deepest.children.find((c) => c?.type === ':');
    if (!colon) return;
    const outerTest = node.childForFieldName('condition');
    if (!outerTest || isVersionOrTypeCheckingTest(outerTest, ctx)) return;
    ctx.report(
      {
        start: { line: branch.startPosition.row, character: branch.startPosition.column },
        end: { line: colon.endPosition.row, character: colon.endPosition.column },
      },
      'Use a single `if` statement instead of nested `if` statements',
      collapseFix(branch, ctx),
    );
  },
};

/** The `if` itself, or its last `elif`; none when the chain ends in `else`. */
function lastBranch(node: Node): Node | undefined {
  const alternatives = node.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
  const last = alternatives[alternatives.length - 1];
  if (!last) return node;
  return last.type === 'elif_clause' ? last : undefined;
}

function statementsOf(block: Node | null): Node[] {
  if (!block) return [];
  return block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

function isCollapsibleBranch(node: Node, branch: Node): boolean {
  // Ruff counts the statements of the first branch even when it judges the last `elif`.
  if (statementsOf(node.childForFieldName('consequence')).length > 1) return false;
  const test = branch.childForFieldName('condition');
  if (!test) return false;
  return !isMainCheck(test) && test.type !== 'true' && test.type !== 'false';
}

/** `if __name__ <op> "__main__":`, whatever the operator. */
function isMainCheck(test: Node): boolean {
  if (test.type !== 'comparison_operator') return false;
  const operands = test.namedChildren.filter((c): c is Node => c !== null);
  if (operands.length !== 2) return false;
  const [left, right] = operands;
  return left.type === 'identifier' && left.text === '__name__' && isStringWithValue(right, '__main__');
}

function isStringWithValue(node: Node, value: string): boolean {
  if (node.type !== 'string') return false;
  const content = node.namedChildren.filter((c) => c?.type === 'string_content');
  const prefix = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
  return !/[bf]/i.test(prefix) && content.length === 1 && content[0]?.text === value;
}

/** The single nested `if` of `branch`, followed down while each is alone and has no `elif`/`else`. */
function deepestNestedIf(branch: Node): Node | undefined {
  const only = singleNestedIf(branch);
  if (!only) return undefined;
  let deepest = only;
  for (let next = singleNestedIf(deepest); next; next = singleNestedIf(next)) deepest = next;
  return deepest;
}

function singleNestedIf(branch: Node): Node | undefined {
  const statements = statementsOf(branch.childForFieldName('consequence'));
  const [only] = statements;
  if (statements.length !== 1 || only.type !== 'if_statement') return undefined;
  return only.childrenForFieldName('alternative').some((c) => c !== null) ? undefined : only;
}

/** Ruff leaves `sys.version_info`/`sys.platform` checks and `if TYPE_CHECKING:` blocks alone. */
function isVersionOrTypeCheckingTest(test: Node, ctx: UnitContext): boolean {
  const typing = resolveGlobal(test, ctx.module);
  if (typing === 'typing.TYPE_CHECKING' || typing === 'typing_extensions.TYPE_CHECKING') return true;
  // Ruff also takes a `TYPE_CHECKING` it cannot resolve (a local constant) for the typing one.
  if (test.type === 'identifier' && test.text === 'TYPE_CHECKING') return true;
  const stack: Node[] = [test];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.type === 'identifier' || current.type === 'attribute') {
      const name = resolveGlobal(current, ctx.module);
      if (name === 'sys.version_info' || name === 'sys.platform') return true;
    }
    for (const child of current.namedChildren) if (child) stack.push(child);
  }
  return false;
}

function needsParentheses(test: Node): boolean {
  if (test.type === 'boolean_operator') return test.childForFieldName('operator')?.type === 'or';
  return test.type === 'conditional_expression' || test.type === 'lambda' || test.type === 'named_expression';
}

function operand(test: Node): string {
  return needsParentheses(test) ? `(${test.text})` : test.text;
}

function lineStartIndex(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

/** Joins the conditions and dedents the inner `if`'s lines by one level (string contents kept). */
function collapseFix(branch: Node, ctx: UnitContext): Fix | null {
  const inner = statementsOf(branch.childForFieldName('consequence'))[0];
  const outerTest = branch.childForFieldName('condition');
  const innerTest = inner?.childForFieldName('condition');
  if (!inner || !outerTest || !innerTest) return null;
  if (
    branch
      .descendantsOfType('comment', branch.startPosition, inner.startPosition)
      .some((c) => c && c.startIndex < inner.startIndex)
  )
    return null;
  const source = ctx.source;
  const outerLineStart = lineStartIndex(source, branch.startIndex);
  const outerIndent = source.slice(outerLineStart, branch.startIndex);
  const innerIndent = source.slice(lineStartIndex(source, inner.startIndex), inner.startIndex);
  if (/\S/.test(outerIndent) || /\S/.test(innerIndent) || !innerIndent.startsWith(outerIndent)) return null;
  const head = source.slice(branch.startIndex, outerTest.startIndex) + operand(outerTest);
  const shift = { from: innerIndent, to: outerIndent, kept: stringInteriorLineStarts(inner) };
  const test = dedent(source, innerTest.startIndex, innerTest.endIndex, shift);
  const rest = dedent(source, innerTest.endIndex, inner.endIndex, shift);
  const tail = `${needsParentheses(innerTest) ? `(${test})` : test}${rest}`;
  const newText = `${outerIndent}${head} and ${tail}`;
  if (!fitsLineLength(newText, outerIndent, pycodestyleOptions.read(ctx)['max-line-length'])) return null;
  return {
    title: 'Combine `if` statements using `and`',
    safe: false,
    edits: [
      {
        range: {
          start: { line: branch.startPosition.row, character: 0 },
          end: { line: inner.endPosition.row, character: inner.endPosition.column },
        },
        newText,
      },
    ],
  };
}

interface Shift {
  from: string;
  to: string;
  /** Line starts inside string literals, left as they are. */
  kept: ReadonlySet<number>;
}

/** `source[start, end)` with each line start (after a newline) re-indented from `from` to `to`. */
function dedent(source: string, start: number, end: number, shift: Shift): string {
  let result = '';
  let at = start;
  while (at < end) {
    const newline = source.indexOf('\n', at);
    const lineEnd = newline < 0 || newline >= end ? end : newline + 1;
    result += source.slice(at, lineEnd);
    at = lineEnd;
    if (at < end && !shift.kept.has(at) && source.startsWith(shift.from, at)) {
      result += shift.to;
      at += shift.from.length;
    }
  }
  return result;
}

/** Source offsets of line starts that fall inside a string literal (a triple-quoted string's lines). */
function stringInteriorLineStarts(node: Node): Set<number> {
  const result = new Set<number>();
  for (const string of node.descendantsOfType('string')) {
    if (!string || string.startPosition.row === string.endPosition.row) continue;
    let at = string.text.indexOf('\n');
    while (at >= 0) {
      result.add(string.startIndex + at + 1);
      at = string.text.indexOf('\n', at + 1);
    }
  }
  return result;
}

/** Ruff's `fits`: the first line counts the indentation twice (once as prefix, once in the text). */
function fitsLineLength(text: string, prefix: string, max: number): boolean {
  return text.split('\n').every((line, i) => width(i === 0 ? prefix + line : line) <= max);
}

function width(line: string): number {
  let columns = 0;
  for (const char of line) columns = char === '\t' ? columns + TAB_SIZE - (columns % TAB_SIZE) : columns + 1;
  return columns;
}
