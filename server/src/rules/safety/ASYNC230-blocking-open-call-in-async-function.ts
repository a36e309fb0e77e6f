import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { assignedValue, inAsyncFunction } from './async-context';
import { qualifiedName, unparenthesize } from './syntax';

const BLOCKING_OPENS = new Set(['builtins.open', 'io.open', 'io.open_code']);

export const blockingOpenCallInAsyncFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ASYNC230',
    name: 'blocking-open-call-in-async-function',
    summary: 'No blocking `open()` inside `async def`.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's ASYNC230 does, calls whose innermost enclosing function is an \`async def\` to
\`open\`, \`io.open\` or \`io.open_code\` (however imported), and \`.open()\` on a \`pathlib.Path(...)\`
call or on a name the function last assigned such a call. A \`Path\` reaching the function as a
parameter, and one assigned at module level, are not followed (Ruff follows the module's
assignment; pyconv's rule sees one statement at a time).

## Why
Guide 003 runs async services: file I/O in a coroutine blocks the event loop, and every other
task waits for the disk.

## Example
\`\`\`python
async def load(path):
    with open(path) as handle:
        return handle.read()
\`\`\`

## Use instead
\`\`\`python
async def load(path):
    async with aiofiles.open(path) as handle:
        return await handle.read()
\`\`\`

## Fix safety
No automatic fix: the replacement (\`aiofiles\`, \`anyio.Path\`, a thread) is the project's choice.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    if (!inAsyncFunction(ctx)) return;
    const func = node.childForFieldName('function');
    if (!func) return;
    const name = qualifiedName(func, ctx);
    if ((name && BLOCKING_OPENS.has(name)) || isPathOpen(func, ctx))
      ctx.report(func, 'Async functions should not open files with blocking methods like `open`');
  },
};

/** `Path(...).open` or `path.open` where `path` was last assigned `Path(...)` in the function. */
function isPathOpen(func: Node, ctx: UnitContext): boolean {
  const bare = unparenthesize(func);
  if (bare.type !== 'attribute' || bare.childForFieldName('attribute')?.text !== 'open') return false;
  const object = bare.childForFieldName('object');
  if (!object) return false;
  const receiver = unparenthesize(object);
  if (receiver.type === 'call') return isPathCall(receiver, ctx);
  if (receiver.type !== 'identifier') return false;
  const value = assignedValue(receiver, ctx);
  return value !== undefined && value.type === 'call' && isPathCall(value, ctx);
}

function isPathCall(call: Node, ctx: UnitContext): boolean {
  const callee = call.childForFieldName('function');
  return callee !== null && qualifiedName(callee, ctx) === 'pathlib.Path';
}
