import type { UnitRule } from '../../engine/rule';
import { inAsyncFunction } from './async-context';
import { importedName } from './syntax';

const HTTP_METHODS = [
  'get',
  'post',
  'delete',
  'patch',
  'put',
  'head',
  'connect',
  'options',
  'trace',
  'request',
];
const BLOCKING_HTTP_CALLS = new Set([
  'urllib.request.urlopen',
  'urllib3.request',
  ...HTTP_METHODS.flatMap((method) => [`requests.${method}`, `httpx.${method}`]),
]);

export const blockingHttpCallInAsyncFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ASYNC210',
    name: 'blocking-http-call-in-async-function',
    summary: 'No blocking HTTP calls (`requests.get`, `urlopen`) inside `async def`.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's ASYNC210 does, calls whose innermost enclosing function is an \`async def\` to
\`urllib.request.urlopen\`, \`urllib3.request\`, or the module-level \`requests\`/\`httpx\` functions
\`request\`, \`get\`, \`post\`, \`put\`, \`patch\`, \`delete\`, \`head\`, \`options\`, \`connect\` and \`trace\`
(however imported). Methods of client objects are not flagged.

## Why
Guide 003 runs async services: a blocking HTTP request in a coroutine stalls the event loop for
the whole round trip.

## Example
\`\`\`python
async def fetch(url):
    return requests.get(url, timeout=5).json()
\`\`\`

## Use instead
\`\`\`python
async def fetch(client, url):
    response = await client.get(url)
    return response.json()
\`\`\`

## Fix safety
No automatic fix: an async client has to be created and passed in.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    if (!inAsyncFunction(ctx)) return;
    const func = node.childForFieldName('function');
    const name = func ? importedName(func, ctx) : undefined;
    if (func && name && BLOCKING_HTTP_CALLS.has(name))
      ctx.report(func, 'Async functions should not call blocking HTTP methods');
  },
};
