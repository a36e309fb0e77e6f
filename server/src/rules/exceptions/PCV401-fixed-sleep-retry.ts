import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { callArguments, findArgument, importedName, mayBeCallTo, unparenthesize } from '../safety/syntax';

const SLEEPS = new Set(['time.sleep', 'asyncio.sleep', 'trio.sleep', 'anyio.sleep']);
const SLEEP_NAMES = new Set(['sleep']);
const BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition']);

export const fixedSleepRetry: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV401',
    name: 'fixed-sleep-retry',
    summary: 'Retry loops back off: no fixed `time.sleep(const)` in an `except` handler inside a loop.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a call to \`time.sleep\` (also \`asyncio.sleep\`, \`trio.sleep\`, \`anyio.sleep\`, however
imported) with a constant delay, made in an \`except\` handler that sits inside a \`for\` or \`while\`
loop of the same function: the "bare retry loop" of guide 002. A delay is constant when it is built
only from number literals and UPPER_CASE names (\`time.sleep(1)\`, \`time.sleep(RETRY_DELAY)\`,
\`time.sleep(0.5 * 2)\`); a delay computed from anything else (\`2 ** attempt\`, \`backoff.next()\`,
\`delay\` that the loop grows) is not flagged.

## Why
Guide 002: "Use exponential backoff and jitter; cap attempts." A fixed pause retries in lock-step
with every other client and keeps hammering a dependency that is down.

Measured precision: over 3,744 real files (the 334-file corpus, CPython 3.11's standard library
and Debian's dist-packages) it reports one hit, trio's accept loop that waits \`SLEEP_TIME\` after
running out of file descriptors: a real fixed-delay retry (1 of 1 correct), though a deliberate
one. The sample is too small for a percentage; the fixtures pin down what is and is not flagged.

## Example
\`\`\`python
for _ in range(5):
    try:
        return client.get(url)
    except Exception:
        time.sleep(1)
\`\`\`

## Use instead
\`\`\`python
for attempt in range(max_attempts):
    try:
        return client.get(url, timeout=5)
    except (TimeoutError, ConnectionError):
        if attempt == max_attempts - 1:
            raise
        time.sleep(2**attempt + random.uniform(0, 1))
\`\`\`

## Fix safety
No automatic fix: the backoff policy (base, cap, jitter) is the author's choice.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (!func || !mayBeCallTo(func, ctx, SLEEP_NAMES)) return;
    const name = importedName(func, ctx);
    if (!name || !SLEEPS.has(name)) return;
    const delay = findArgument(callArguments(node), name === 'time.sleep' ? 'secs' : 'delay', 0);
    if (!delay || !isConstant(delay)) return;
    if (!inHandlerInsideLoop(node)) return;
    ctx.report(
      node,
      `Retry loop waits a fixed \`${delay.text}\` after a failure; use exponential backoff with jitter and cap the attempts`,
    );
  },
};

/** Number literals and UPPER_CASE names combined with arithmetic. */
function isConstant(expression: Node): boolean {
  const pending = [expression];
  while (pending.length > 0) {
    const node = unparenthesize(pending.pop() as Node);
    switch (node.type) {
      case 'integer':
      case 'float':
        break;
      case 'identifier':
        if (!/^_*[A-Z][A-Z0-9_]*$/.test(node.text)) return false;
        break;
      case 'attribute': {
        const attribute = node.childForFieldName('attribute');
        if (!attribute || !/^_*[A-Z][A-Z0-9_]*$/.test(attribute.text)) return false;
        break;
      }
      case 'unary_operator':
      case 'binary_operator':
        for (const child of node.namedChildren) if (child) pending.push(child);
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Inside an `except` handler's body, itself inside a loop body, with no function boundary between. */
function inHandlerInsideLoop(call: Node): boolean {
  let inHandler = false;
  for (let current = call.parent; current; current = current.parent) {
    if (BOUNDARIES.has(current.type)) return false;
    if (current.type === 'except_clause') inHandler = true;
    else if (inHandler && (current.type === 'for_statement' || current.type === 'while_statement'))
      return true;
  }
  return false;
}
