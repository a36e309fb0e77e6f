import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { builtinName, exceptParts, unparenthesize } from '../safety/syntax';
import { reraisesOrLogs } from './handler-body';

export const blindExcept: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'BLE001',
    name: 'blind-except',
    summary: 'No `except Exception` / `BaseException` unless the handler re-raises or logs the exception.',
    seeds: ['001', '002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags \`except Exception:\` and \`except BaseException:\` (also inside a tuple), exactly as Ruff's
BLE001 does. A handler is not flagged when its body (outside nested \`try\`, \`def\` and \`class\`):
- re-raises: a bare \`raise\`, \`raise err\`, \`raise err from cause\` or \`raise Other(...) from err\`,
  where \`err\` is the handler's name; or
- logs the exception as a statement: \`logger.exception(...)\`, \`logging.exception(...)\`, or any
  level method (\`error\`, \`warning\`, \`info\`, \`debug\`, \`critical\`, \`log\`) with an
  \`exc_info=\` that is not falsy. The logger is \`logging\`, \`logging.getLogger(...)\`, or a
  module-local object whose name looks like a logger (\`logger\`, \`log\`, \`self._logger\`, \`LOGGER\`).

## Why
Guide 002: "Don't catch broad \`Exception\` unless re-raising or logging at a boundary"; guide 001
catches \`Exception\` only to log and re-raise. A blind handler swallows programming errors
(\`TypeError\`, \`AttributeError\`) together with the failures it meant to handle.

## Example
\`\`\`python
try:
    send(report)
except Exception:
    pass
\`\`\`

## Use instead
\`\`\`python
try:
    send(report)
except (TimeoutError, ConnectionError):
    schedule_retry(report)
except Exception:
    logger.exception("sending report %s failed", report.id)
\`\`\`

## Fix safety
No automatic fix: which exceptions to catch is a judgement call.`,
  },
  nodeTypes: ['except_clause'],
  visit(node, ctx) {
    const parts = exceptParts(node);
    if (!parts?.type || !parts.body || node.hasError) return;
    const blind = parts.types
      .map((type) => findBlindException(type, ctx))
      .find((found) => found !== undefined);
    if (!blind) return;
    if (!reraisesOrLogs(parts.body, parts.name?.text, ctx))
      ctx.report(blind.node, `Do not catch blind exception: \`${blind.name}\``);
  },
};

function findBlindException(type: Node, ctx: UnitContext): { node: Node; name: string } | undefined {
  const pending = [unparenthesize(type)];
  while (pending.length > 0) {
    const node = pending.shift() as Node;
    if (node.type === 'tuple' || node.type === 'expression_list') {
      for (const element of node.namedChildren)
        if (element && element.type !== 'comment') pending.push(unparenthesize(element));
      continue;
    }
    const name = builtinName(node, ctx);
    if (name === 'Exception' || name === 'BaseException') return { node, name };
  }
  return undefined;
}
