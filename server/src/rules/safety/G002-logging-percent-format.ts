import type { UnitRule } from '../../engine/rule';
import { loggingMessage } from './logging-calls';

export const loggingPercentFormat: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'G002',
    name: 'logging-percent-format',
    summary: 'No `%` formatting in logging calls; pass the values as arguments.',
    seeds: ['001'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags logging calls whose message is a \`%\` expression (\`"... %s" % value\`), as Ruff's
(flake8-logging-format's) G002 does. Logging calls are those of G004: \`logging.info(...)\` and
friends, \`logging.getLogger(...).info(...)\`, and level methods of module-local objects named like
a logger. Any \`%\` operation as the message is flagged, as in Ruff.

## Why
Guide 001 logs with \`%s\` placeholders and the values as arguments: the message is only formatted
when the record is emitted, log aggregators can group records by their template, and formatting
errors are reported by logging instead of raising at the call.

Off by default like G004: guide 004 logs through loguru, which does not apply \`%\` arguments.
Enable it with \`extend-select = ["G002"]\`.

## Example
\`\`\`python
logger.info("Processing session %s" % session_id)
\`\`\`

## Use instead
\`\`\`python
logger.info("Processing session %s", session_id)
\`\`\`

## Fix safety
No automatic fix: a tuple on the right may be a variable, and a \`%(name)s\` template takes a mapping.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const message = loggingMessage(node, ctx);
    if (message?.type === 'binary_operator' && message.childForFieldName('operator')?.type === '%')
      ctx.report(message, 'Logging statement uses `%`');
  },
};
