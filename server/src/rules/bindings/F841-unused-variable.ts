import { isCollection } from '../../analysis/flow-bindings';
import { DUMMY_VARIABLE, LITERAL_CONSTANTS } from '../../analysis/python-names';
import { lineStarts } from '../../engine/positions';
import type { FileContext, FileRule } from '../../engine/rule';
import type { Fix, Node, Range, TextEdit } from '../../engine/types';
import { blockIsolation, deleteStatement } from '../statement-removal';
import { prepareFlow, rangeOf, unitFlows } from './unit-flow';

export const unusedVariable: FileRule = {
  kind: 'file',
  meta: {
    code: 'F841',
    name: 'unused-variable',
    summary: 'No local variable that is assigned and never read.',
    seeds: ['000', '003', '004'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags a local variable of a function or lambda that is assigned (\`x = ...\`, \`x: int = ...\`,
\`x += ...\`, \`with ... as x\`, \`(x := ...)\`, a \`case\` capture) and never read, as pyflakes
and Ruff's F841 do; also the name of \`except E as e\` when the handler never reads it, in any
scope. What counts is the last binding of the name in the function: \`x = 1; print(x); x = 2\`
is not flagged (the later binding inherits the read), \`x = 1; x = 2\` flags the second.

Not flagged, as in Ruff: targets of an unpacking assignment (\`a, b = f()\`; but \`a, b = 1, 2\`
is flagged), \`for\` targets, names declared \`global\` or \`nonlocal\`, dummy names
(\`_\`, \`_unused\`), \`__tracebackhide__\` and its siblings, and every variable of a function
that calls \`locals()\`. A read anywhere in the function counts, nested functions and lambdas
included, and so does \`del x\`.

## Why
Guides 000, 003 and 004 run pyflakes or Ruff's F rules: an assignment nobody reads is dead code,
or a sign that the wrong name is read later.

## Example
\`\`\`python
def total(items):
    count = len(items)
    return sum(items)
\`\`\`

## Use instead
\`\`\`python
def total(items):
    return sum(items)
\`\`\`

## Fix safety
Unsafe for variables, as in Ruff: it deletes the statement when the value has no side effect
(\`x = 1\`), keeps the value when it may have one (\`x = f()\` becomes \`f()\`), removes \`as x\`
from a \`with\` item, and renames a target of a non-unpacking tuple assignment to \`_x\`.
Behaviour may change when the deleted value mattered. Safe for \`except E as e\`: it removes
\`as e\`.

## Known differences from Ruff
A local used only by a string annotation while the module binds the same name counts as used
(Ruff resolves the annotation to the module's name).`,
  },
  prepare: prepareFlow,
  check(ctx) {
    let starts: number[] | undefined;
    const lines = (): number[] => {
      starts ??= lineStarts(ctx.source);
      return starts;
    };
    for (const { base, flow } of unitFlows(ctx)) {
      for (const site of flow.unusedVariables) {
        const identifier = ctx.root.descendantForIndex(base + site.start, base + site.end);
        const range: Range = rangeOf(ctx, base + site.start, base + site.end);
        const edits =
          identifier?.type === 'identifier' ? removalEdits(identifier, site.exception, ctx, lines) : null;
        const fix: Fix | null = edits
          ? {
              title: `Remove assignment to unused variable \`${site.name}\``,
              safe: site.exception,
              edits,
              isolation: identifier ? blockIsolation(identifier) : undefined,
            }
          : null;
        ctx.report(range, `Local variable \`${site.name}\` is assigned to but never used`, fix);
      }
    }
  },
};

/** Ruff's fix for an unused binding at `identifier`, or null where Ruff has none. */
function removalEdits(
  identifier: Node,
  exception: boolean,
  ctx: FileContext,
  lines: () => readonly number[],
): TextEdit[] | null {
  const source = ctx.source;
  const at = (start: number, end: number, newText = ''): TextEdit[] => [
    { range: rangeOf(ctx, start, end), newText },
  ];
  let target = identifier;
  while (
    target.parent?.type === 'parenthesized_expression' ||
    (target.parent?.type === 'tuple_pattern' && !isCollection(target.parent))
  ) {
    target = target.parent;
  }
  const holder = target.parent;
  if (exception) {
    // `except E as e:` -> `except E:`.
    const pattern = holder?.parent;
    const caught = pattern?.type === 'as_pattern' ? pattern.namedChild(0) : null;
    return caught ? at(caught.endIndex, nextTokenStart(source, identifier.endIndex)) : null;
  }
  if (holder?.type === 'as_pattern_target' && target === identifier) {
    const item = holder.parent;
    const inItem = item?.parent?.type === 'with_item' || item?.parent?.parent?.type === 'with_item';
    const context = item?.type === 'as_pattern' && inItem ? item.namedChild(0) : null;
    return context ? at(context.endIndex, nextTokenStart(source, identifier.endIndex)) : null;
  }
  if (holder?.type === 'assignment' && holder.childForFieldName('left')?.id === target.id) {
    let root = holder;
    while (root.parent?.type === 'assignment' && root.parent.childForFieldName('right')?.id === root.id)
      root = root.parent;
    const statement = root.parent;
    if (statement?.type !== 'expression_statement') return null;
    let innermost = root;
    let targets = 1;
    for (
      let next = innermost.childForFieldName('right');
      next?.type === 'assignment';
      next = innermost.childForFieldName('right')
    ) {
      if (innermost.childForFieldName('type')) break;
      innermost = next;
      targets++;
    }
    const value = innermost.childForFieldName('right');
    const annotated = holder.childForFieldName('type') !== null;
    if (!value) return null;
    const valueStart = holder.childForFieldName('right')?.startIndex;
    if (valueStart === undefined) return null;
    if (annotated) {
      if (hasSideEffect(value)) return at(statement.startIndex, valueStart);
    } else if (targets > 1 || hasSideEffect(value)) {
      return at(target.startIndex, valueStart);
    }
    return [deleteStatement(statement, source, lines())];
  }
  // A target inside a tuple that is not unpacked (`(a, b) = 1, 2`): renamed to a dummy.
  const renamed = `_${identifier.text}`;
  if (inAssignmentTarget(identifier) && DUMMY_VARIABLE.test(renamed))
    return at(identifier.startIndex, identifier.endIndex, renamed);
  return null;
}

function inAssignmentTarget(identifier: Node): boolean {
  let node = identifier;
  while (
    node.parent &&
    ['pattern_list', 'tuple', 'list', 'parenthesized_expression', 'tuple_pattern', 'list_pattern'].includes(
      node.parent.type,
    )
  ) {
    node = node.parent;
  }
  const parent = node.parent;
  return (
    parent?.type === 'assignment' &&
    parent.childForFieldName('left')?.id === node.id &&
    parent.childForFieldName('type') === null
  );
}

/** Where the next token after `offset` starts (spaces, tabs and line continuations skipped). */
function nextTokenStart(source: string, offset: number): number {
  const rest = /^(?:[ \t\f]|\\\r?\n)*/.exec(source.slice(offset, offset + 200));
  return offset + (rest?.[0].length ?? 0);
}

const EFFECT_FREE_CALLS = new Set(['set', 'list', 'tuple', 'dict', 'frozenset']);
const ALWAYS_EFFECTS = new Set([
  'await',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'subscript',
  'yield',
  'named_expression',
]);
const SAFE_OPERANDS = new Set(['string', 'concatenated_string', ...LITERAL_CONSTANTS]);

/** Ruff's `contains_effect`: a call, an `await`, a comprehension, a subscript, ... anywhere in `value`. */
function hasSideEffect(value: Node): boolean {
  const pending: Node[] = [value];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (ALWAYS_EFFECTS.has(node.type)) return true;
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      const empty =
        args?.type === 'argument_list' &&
        args.namedChildren.filter((c) => c?.type !== 'comment').length === 0;
      if (!(empty && callee?.type === 'identifier' && EFFECT_FREE_CALLS.has(callee.text))) return true;
    }
    if (node.type === 'binary_operator') {
      const operands = [node.childForFieldName('left'), node.childForFieldName('right')];
      if (!operands.every((o) => o && SAFE_OPERANDS.has(o.type) && !hasInterpolation(o))) return true;
    }
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  return false;
}

function hasInterpolation(node: Node): boolean {
  return node.descendantsOfType('interpolation').length > 0;
}
