import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { unparenthesize } from '../safety/syntax';

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);
const LOOPS = new Set(['for_statement', 'while_statement']);
const EXITS = new Set(['return_statement', 'break_statement', 'raise_statement']);
const NOT_YET = /\b(BlockingIOError|InterruptedError|SSLWantReadError|SSLWantWriteError|WouldBlock)\b/;
const PROCESS_EXITS = /^(sys\.exit|exit|quit|os\._exit|os\.abort)$/;

export const uncappedRetryLoop: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV402',
    name: 'uncapped-retry-loop',
    summary: 'Retry loops cap their attempts: no `while True:` that retries a failing call forever.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a \`while True:\` (or \`while 1:\`) loop that retries without a limit, at its header. The loop
is a retry loop when it holds a \`try\` whose body leaves the loop on success (\`return\` or
\`break\`) and one of whose \`except\` handlers lets the loop go round again (it neither raises,
returns nor breaks). A handler with a \`raise\`, \`return\` or \`break\`, conditional or not (\`if attempt >= MAX:
raise\`), is a cap, not a retry. The loop is uncapped when nothing else in it can end it: no
\`break\`, \`return\`, \`raise\` or \`sys.exit()\` outside that \`try\` statement (a handler of
other errors that re-raises, such as \`except KeyboardInterrupt: raise\`, does not cap the retry). Nested functions and inner loops are not looked into.

A \`for attempt in range(n):\` loop is capped by construction and never flagged. Handlers of
\`BlockingIOError\`, \`InterruptedError\` and \`ssl.SSLWantReadError\`/\`SSLWantWriteError\` mean
"not ready yet, poll again" (non-blocking I/O), not a failure, and do not make a retry loop.

Precision, read by hand: on the corpus (334 files of ten popular libraries, 84 \`while True:\`
loops) it reports nothing. Before the "not ready yet" exclusion it reported one loop, trio's
non-blocking socket call that waits for readiness and retries on \`BlockingIOError\`: by design,
not a failure retry. Event loops (\`accept()\` then handle) have no success exit and parsers
that \`break\` on a sentinel have one outside the \`try\`, so neither is flagged. The corpus holds
no uncapped failure retry, so it was also run on the first 12 results of a code search for
"while True try requests.get except ConnectionError sleep retry" (public repositories): it flags
the 5 uncapped \`while True:\` retries there (HTTP GET/POST helpers that retry forever on
\`ConnectionError\` or on anything) and none of the capped ones (\`while i > 0\`,
\`for _ in range(retries)\`). Precision 100% (5 of 5, plus 0 of 84 corpus loops).

## Why
Guide 002: "Retries: ... Use exponential backoff and jitter; cap attempts." A loop that retries
forever turns an outage of a dependency into a hang (and a retry storm) of its callers.

## Example
\`\`\`python
while True:
    try:
        return client.get(url, timeout=5)
    except ConnectionError:
        time.sleep(backoff.next())
\`\`\`

## Use instead
\`\`\`python
for attempt in range(MAX_ATTEMPTS):
    try:
        return client.get(url, timeout=5)
    except ConnectionError:
        if attempt == MAX_ATTEMPTS - 1:
            raise
        time.sleep(backoff.next())
\`\`\``,
  },
  nodeTypes: ['while_statement'],
  visit(node, ctx) {
    const condition = node.childForFieldName('condition');
    const body = node.childForFieldName('body');
    if (!condition || !body || !isForever(condition)) return;
    const retry = ownStatements(body).find((s) => s.type === 'try_statement' && isRetry(s));
    if (!retry) return;
    // An exit in the retried `try` (its success path, or a handler of other errors) is no cap.
    const capped = ownStatements(body).some(
      (s) => !within(s, retry) && (EXITS.has(s.type) || exitsProcess(s)),
    );
    if (capped) return;
    ctx.report(
      { start: nodeStart(node), end: nodeEnd(condition) },
      'Retry loop has no cap on its attempts; count them and give up (re-raise) after a limit',
    );
  },
};

function isForever(condition: Node): boolean {
  const bare = unparenthesize(condition);
  return bare.type === 'true' || (bare.type === 'integer' && bare.text !== '0');
}

/** A `try` whose body leaves the loop on success and one of whose handlers goes round again. */
function isRetry(statement: Node): boolean {
  const tryBody = statement.childForFieldName('body');
  if (
    !tryBody ||
    !ownStatements(tryBody).some((s) => s.type === 'return_statement' || s.type === 'break_statement')
  )
    return false;
  const handlers = statement.namedChildren.filter((c): c is Node => c?.type === 'except_clause');
  return handlers.some(
    (handler) =>
      !catchesNotYet(handler) && !ownStatements(handler).some((s) => EXITS.has(s.type) || exitsProcess(s)),
  );
}

/** `except BlockingIOError:` and kin mean "not ready yet" (poll again), not a failure to retry. */
function catchesNotYet(handler: Node): boolean {
  const types = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  return !!types && NOT_YET.test(types.text);
}

/** Statements inside `root`, nested ones included, but not those of nested loops and scopes. */
function ownStatements(root: Node): Node[] {
  const result: Node[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const current = pending.pop() as Node;
    for (const child of current.namedChildren) {
      if (!child || SCOPES.has(child.type) || child.type === 'decorated_definition') continue;
      result.push(child);
      if (!LOOPS.has(child.type)) pending.push(child);
    }
  }
  return result;
}

function exitsProcess(statement: Node): boolean {
  if (statement.type !== 'expression_statement') return false;
  const call = statement.namedChild(0);
  if (call?.type !== 'call') return false;
  return PROCESS_EXITS.test(call.childForFieldName('function')?.text ?? '');
}

function within(node: Node, ancestor: Node): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

function nodeStart(node: Node) {
  return { line: node.startPosition.row, character: node.startPosition.column };
}

function nodeEnd(node: Node) {
  return { line: node.endPosition.row, character: node.endPosition.column };
}
