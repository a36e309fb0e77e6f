import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { houseOptions } from './options';
import { calleeName } from './resolve';

export const callOutsideWith: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV703',
    name: 'call-outside-with',
    summary: 'Calls in `with-calls` (spans, locks, sessions) are opened by a `with` statement.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a call to one of \`[tool.pyconv.pyconv-house] with-calls\` that is not an item of a \`with\`
or \`async with\` statement (\`with start_span("x") as span:\`). Reported at the call. Nothing is
checked until the option is set: guide 003's preset sets it.

The examples below are checked with:
\`\`\`toml
[tool.pyconv.pyconv-house]
with-calls = ["observability.trace.start_span"]
\`\`\`

## Why
Guide 003: "Traces: Use context managers for spans". A span started by hand must be ended by hand
on every path; \`with\` ends it even when the body raises, so traces stay complete.

## Example
\`\`\`python
from observability.trace import start_span

span = start_span("memory_service.create_memory")
\`\`\`

## Use instead
\`\`\`python
from observability.trace import start_span

with start_span("memory_service.create_memory") as span:
    span.set_attribute("user_id", "u1")
\`\`\``,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const withCalls = houseOptions.read(ctx)['with-calls'];
    if (withCalls.length === 0) return;
    const callee = node.childForFieldName('function');
    const name = callee ? calleeName(callee, ctx) : undefined;
    if (!name || !withCalls.includes(name) || isWithItem(node)) return;
    ctx.report(node, `\`${name}(...)\` must be opened with \`with\` (house rule)`);
  },
};

function isWithItem(call: Node): boolean {
  let node = call;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'as_pattern') return parent.parent?.type === 'with_item';
  return parent?.type === 'with_item';
}
