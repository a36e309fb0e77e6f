import { nodeRange } from '../../engine/positions';
import type { UnitRule } from '../../engine/rule';
import type { Fix, Node, TextEdit } from '../../engine/types';
import {
  type ExceptParts,
  exceptParts,
  raisedException,
  unparenthesize,
  visitStatements,
} from '../safety/syntax';

export const raiseWithoutFromInsideExcept: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'B904',
    name: 'raise-without-from-inside-except',
    summary: 'Inside an `except` block, raise new exceptions with `raise ... from err` (or `from None`).',
    seeds: ['003', '004'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags \`raise X(...)\` without \`from\` inside an \`except\` handler, as Ruff's (flake8-bugbear's)
B904 does. Raises nested in \`if\`/\`for\`/\`while\`/\`with\`/\`match\` bodies count; raises in nested
\`try\` statements, functions and classes do not; re-raising the handler's own name (\`raise err\`)
and a bare \`raise\` are fine.

## Why
Guide 004: "Use exception chaining: \`raise ModelLoadError(...) from e\`"; 003 asks for proper
exception handling. Without \`from\`, the traceback says "During handling of the above exception,
another exception occurred", as if the handler itself had crashed.

Off by default: guide 000's own "good" example raises \`HTTPException\` inside \`except\` without
\`from\`, so the guides do not agree. Enable it with \`extend-select = ["B904"]\`.

## Example
\`\`\`python
try:
    weights = load(path)
except OSError as e:
    raise ModelLoadError(f"cannot read {path}")
\`\`\`

## Use instead
\`\`\`python
try:
    weights = load(path)
except OSError as e:
    raise ModelLoadError(f"cannot read {path}") from e
\`\`\`

## Fix safety
Ruff has no fix for B904; ours appends \`from <name>\`, and when the handler has no name it also
binds one (\`except OSError as err:\`). A handler without an exception type (\`except:\`) gets no
fix. The fix is unsafe: it changes the exception's \`__cause__\` and the printed traceback, and a
newly bound name is deleted when the handler ends, which would remove a variable of the same
name defined before the \`try\`.`,
  },
  nodeTypes: ['except_clause'],
  visit(node, ctx) {
    const parts = exceptParts(node);
    if (!parts?.body || node.hasError) return;
    const handlerName = parts.name?.text;
    const message = parts.star
      ? 'Within an `except*` clause, raise exceptions with `raise ... from err` or `raise ... from None` to distinguish them from errors in exception handling'
      : 'Within an `except` clause, raise exceptions with `raise ... from err` or `raise ... from None` to distinguish them from errors in exception handling';
    visitStatements(
      parts.body,
      (statement) => {
        if (statement.type !== 'raise_statement' || statement.childForFieldName('cause')) return;
        const exception = raisedException(statement);
        if (!exception) return;
        const raised = unparenthesize(exception);
        if (handlerName !== undefined && raised.type === 'identifier' && raised.text === handlerName) return;
        ctx.report(statement, message, chainFix(exception, parts));
      },
      false,
    );
  },
};

function chainFix(exception: Node, parts: ExceptParts): Fix | null {
  const end = nodeRange(exception).end;
  const edits: TextEdit[] = [];
  let name = parts.name?.text;
  if (name === undefined) {
    // `except A, B:` (Python 3.14) has no place for `as name` without adding parentheses.
    if (!parts.type || !parts.body || parts.type.nextSibling?.type === ',') return null;
    name = freshName(parts.body);
    const typeEnd = nodeRange(parts.type).end;
    edits.push({ range: { start: typeEnd, end: typeEnd }, newText: ` as ${name}` });
  }
  edits.push({ range: { start: end, end }, newText: ` from ${name}` });
  return { title: `Chain the exception with \`from ${name}\``, safe: false, edits };
}

/** A name for the caught exception that the handler's body does not already use. */
function freshName(body: Node): string {
  const used = new Set<string>();
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.type === 'identifier') used.add(node.text);
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  for (const candidate of ['err', 'exc', 'error', 'caught']) if (!used.has(candidate)) return candidate;
  let i = 2;
  while (used.has(`err${i}`)) i++;
  return `err${i}`;
}
