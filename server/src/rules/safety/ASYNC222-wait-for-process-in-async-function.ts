import type { UnitRule } from '../../engine/rule';
import { blockingProcessCall } from './process-calls';

export const waitForProcessInAsyncFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ASYNC222',
    name: 'wait-for-process-in-async-function',
    summary: 'No blocking `os.wait*` inside `async def`.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's ASYNC222 does, calls whose innermost enclosing function is an \`async def\` to
\`os.wait\`, \`os.wait3\`, \`os.wait4\`, \`os.waitid\` and \`os.waitpid\` (however imported).

## Why
Guide 003 runs async services: a blocking process call in a coroutine stalls the event loop, and
every other task waits for the child process.

## Example
\`\`\`python
async def reap(pid):
    os.waitpid(pid, 0)
\`\`\`

## Use instead
\`\`\`python
async def reap(process):
    await process.wait()
\`\`\`

## Fix safety
No automatic fix: the asyncio replacement takes different arguments and must be awaited.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (func && blockingProcessCall(node, ctx) === 'wait')
      ctx.report(func, 'Async functions should not wait on processes with blocking methods');
  },
};
