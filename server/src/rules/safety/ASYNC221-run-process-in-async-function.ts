import type { UnitRule } from '../../engine/rule';
import { blockingProcessCall } from './process-calls';

export const runProcessInAsyncFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ASYNC221',
    name: 'run-process-in-async-function',
    summary: 'No blocking `subprocess.run`/`os.system` inside `async def`.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's ASYNC221 does, calls whose innermost enclosing function is an \`async def\` to
\`subprocess.run\`, \`call\`, \`check_call\`, \`check_output\`, \`getoutput\`, \`getstatusoutput\`,
\`os.system\`, \`os.posix_spawn\`, \`os.posix_spawnp\`, and \`os.spawn*\` with mode \`os.P_WAIT\` or no mode
(however imported).

## Why
Guide 003 runs async services: a blocking process call in a coroutine stalls the event loop, and
every other task waits for the child process.

## Example
\`\`\`python
async def build(command):
    subprocess.run(command, check=True)
\`\`\`

## Use instead
\`\`\`python
async def build(command):
    process = await asyncio.create_subprocess_exec(*command)
    await process.wait()
\`\`\`

## Fix safety
No automatic fix: the asyncio replacement takes different arguments and must be awaited.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (func && blockingProcessCall(node, ctx) === 'run')
      ctx.report(func, 'Async functions should not run processes with blocking methods');
  },
};
