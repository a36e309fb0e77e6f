import { nodeRange } from '../../engine/positions';
import type { UnitRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { type CallArguments, callArguments, importedName, mayBeCallTo, unparenthesize } from './syntax';

/** An LSP snippet tab stop with 10 seconds as its placeholder. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet syntax, not a template literal
const TIMEOUT_SNIPPET = '${1:10}';

const REQUESTS = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request']);
const HTTPX = new Set([...REQUESTS, 'stream', 'Client', 'AsyncClient']);

export const requestWithoutTimeout: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S113',
    name: 'request-without-timeout',
    summary: 'HTTP requests have a timeout.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags HTTP calls that can wait forever, as Ruff's S113 does:
- \`requests.get\`, \`options\`, \`head\`, \`post\`, \`put\`, \`patch\`, \`delete\` and \`request\`
  without a \`timeout=\` argument;
- those and \`httpx.stream\`, \`httpx.Client\`, \`httpx.AsyncClient\` with \`timeout=None\` (httpx has
  a default timeout, so only an explicit \`None\` is flagged for it).

Session methods (\`session.get(...)\`) are not checked: the session object's type is not known.

## Why
Guide 002: "Set timeouts and resource limits"; its retry example calls \`client.get(url, timeout=5)\`.
Without a timeout a stalled server hangs the caller (and its thread or worker) indefinitely.

## Example
\`\`\`python
response = requests.get(url)
\`\`\`

## Use instead
\`\`\`python
response = requests.get(url, timeout=10)
\`\`\`

## Fix safety
The fix adds \`timeout=10\` (or replaces \`None\` by \`10\`) as an editor snippet, so the number is
selected for you to type the right one. It is unsafe: a request that used to wait for a slow but
healthy server now raises a timeout error after ten seconds. Ruff offers no fix here.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (!func || !mayBeCallTo(func, ctx, HTTPX)) return;
    const name = importedName(func, ctx);
    if (!name) return;
    const [module, member, ...rest] = name.split('.');
    if (rest.length > 0 || member === undefined) return;
    const library =
      module === 'requests' && REQUESTS.has(member)
        ? 'requests'
        : module === 'httpx' && HTTPX.has(member)
          ? 'httpx'
          : undefined;
    if (!library) return;
    const args = callArguments(node);
    const timeout = args.keywords.get('timeout');
    if (timeout) {
      if (unparenthesize(timeout).type !== 'none') return;
      ctx.report(
        args.keywordNodes.get('timeout') as Node,
        `Probable use of \`${library}\` call with timeout set to \`None\``,
        {
          title: 'Set a timeout',
          safe: false,
          snippet: true,
          edits: [{ range: nodeRange(timeout), newText: TIMEOUT_SNIPPET }],
        },
      );
    } else if (library === 'requests' && !args.hasDoubleSplat) {
      ctx.report(func, `Probable use of \`${library}\` call without timeout`, addTimeout(args));
    } else if (library === 'requests') {
      ctx.report(func, `Probable use of \`${library}\` call without timeout`);
    }
  },
};

/** Inserts `timeout=` after the last argument (before a trailing comma's successor), or into `()`. */
function addTimeout(args: CallArguments): Fix | null {
  const list = args.list;
  if (!list) return null;
  const items = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const last = items[items.length - 1];
  const at = last ? nodeRange(last).end : nodeRange(list.child(0) as Node).end;
  return {
    title: 'Add a `timeout=` argument',
    safe: false,
    snippet: true,
    edits: [
      {
        range: { start: at, end: at },
        newText: last ? `, timeout=${TIMEOUT_SNIPPET}` : `timeout=${TIMEOUT_SNIPPET}`,
      },
    ],
  };
}
