import type { UnitRule } from '../../engine/rule';
import { blockingProcessCall } from './process-calls';

export const createSubprocessInAsyncFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ASYNC220',
    name: 'create-subprocess-in-async-function',
    summary: 'No blocking `subprocess.Popen`/`os.popen` inside `async def`.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's ASYNC220 does, calls whose innermost enclosing function is an \`async def\` to
\`subprocess.Popen\`, \`os.popen\`, and \`os.spawn*\` with a mode other than \`os.P_WAIT\` (however
imported). ASYNC221 covers the calls that run a process to completion, ASYNC222 the waits.

## Why
Guide 003 runs async services: a blocking process call in a coroutine stalls the event loop, and
every other task waits for the child process.

## Example
\`\`\`python
async def start(command):
    return subprocess.Popen(command)
\`\`\`

## Use instead
\`\`\`python
async def start(command):
    return await asyncio.create_subprocess_exec(*command)
\`\`\`

## Fix safety
No automatic fix: the asyncio replacement takes different arguments and must be awaited.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (func && blockingProcessCall(node, ctx) === 'create')
      ctx.report(func, 'Async functions should not create subprocesses with blocking methods');
  },
};
