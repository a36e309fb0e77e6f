import type { UnitRule } from '../../engine/rule';
import { inAsyncFunction } from './async-context';
import { importedName } from './syntax';

export const blockingSleepInAsyncFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ASYNC251',
    name: 'blocking-sleep-in-async-function',
    summary: 'No blocking `time.sleep` inside `async def`.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags calls to \`time.sleep\` (however imported) whose innermost enclosing function is an
\`async def\`, as Ruff's ASYNC251 does. Inside a lambda or a class body nested in the coroutine
the call is not flagged.

## Why
Guide 003 runs async services and forbids \`time.sleep()\` for delays. In a coroutine it blocks
the whole event loop: every other task stalls for the duration.

## Example
\`\`\`python
async def poll(job):
    while not job.done():
        time.sleep(1)
\`\`\`

## Use instead
\`\`\`python
async def poll(job):
    await job.wait_done()
\`\`\`

## Fix safety
No automatic fix: \`await asyncio.sleep(...)\` is the mechanical replacement, but guide 003 asks
for events or backoff schedulers rather than sleeping at all.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    if (!inAsyncFunction(ctx)) return;
    const func = node.childForFieldName('function');
    if (func && importedName(func, ctx) === 'time.sleep')
      ctx.report(func, 'Async functions should not call `time.sleep`');
  },
};
