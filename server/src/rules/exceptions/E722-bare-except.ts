import { nodeRange } from '../../engine/positions';
import type { UnitRule } from '../../engine/rule';
import { exceptParts } from '../safety/syntax';
import { reraisesOrLogs } from './handler-body';

export const bareExcept: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'E722',
    name: 'bare-except',
    summary: 'No bare `except:`; catch a named exception class.',
    seeds: ['000', '002', '003', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags \`except:\` clauses without an exception type, as pycodestyle's and Ruff's E722 do. A handler
whose body re-raises with a bare \`raise\` statement (directly in its body) is not flagged: it only
observes the exception on its way out.

## Why
Four of the five style guides (000, 002, 003, 004) forbid bare \`except\`. It also catches
\`KeyboardInterrupt\` and \`SystemExit\`, so Ctrl-C and \`sys.exit()\` stop working inside the
\`try\` block, and it hides programming errors.

## Example
\`\`\`python
try:
    config = load_config(path)
except:
    config = DEFAULTS
\`\`\`

## Use instead
\`\`\`python
try:
    config = load_config(path)
except FileNotFoundError:
    config = DEFAULTS
\`\`\`

## Fix safety
The quick fix writes \`except Exception:\` (Ruff offers no fix for E722). It is unsafe: the handler
no longer catches \`KeyboardInterrupt\`, \`SystemExit\` and \`GeneratorExit\`, which changes behaviour
when those were meant to be caught. Narrow it further by hand to the exceptions you expect.

When BLE001 is enabled too (the default), the fix is offered only for a handler that re-raises or
logs the exception (say, a \`raise\` inside an \`if\`, or \`logger.exception(...)\`): BLE001 flags
\`except Exception:\` and \`except BaseException:\` elsewhere, so any fix would trade this finding
for a BLE001 one. Which exceptions to catch there is for a person to decide.`,
  },
  nodeTypes: ['except_clause'],
  visit(node, ctx) {
    const parts = exceptParts(node);
    if (!parts || parts.type || !parts.body) return;
    for (const statement of parts.body.namedChildren) {
      if (
        statement?.type === 'raise_statement' &&
        statement.namedChildren.every((c) => c?.type === 'comment')
      )
        return;
    }
    const end = nodeRange(parts.keyword).end;
    // `except Exception:` would be a BLE001 finding unless the handler re-raises or logs.
    const tradesForBlindExcept =
      ctx.config.enabled.has('BLE001') && !reraisesOrLogs(parts.body, undefined, ctx);
    ctx.report(
      parts.keyword,
      'Do not use bare `except`',
      tradesForBlindExcept
        ? null
        : {
            title: 'Catch `Exception` instead',
            safe: false,
            edits: [{ range: { start: end, end }, newText: ' Exception' }],
          },
    );
  },
};
