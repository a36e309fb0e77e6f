import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { loggingMessage } from './logging-calls';
import { stringParts, unparenthesize } from './syntax';

export const loggingStringFormat: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'G001',
    name: 'logging-string-format',
    summary: 'No `str.format()` in logging calls; pass lazy `%s` arguments.',
    seeds: ['001'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags logging calls whose message is \`"...".format(...)\` called on a literal, as Ruff's
(flake8-logging-format's) G001 does. Logging calls are those of G004: \`logging.info(...)\` and
friends, \`logging.getLogger(...).info(...)\`, and level methods of module-local objects named like
a logger. A template held in a variable (\`template.format(x)\`) is not flagged, as in Ruff.

## Why
Guide 001 logs with \`%s\` placeholders: the message is only formatted when the record is emitted,
log aggregators can group records by their template, and formatting errors are reported by logging
instead of raising at the call.

Off by default like G004: guide 004 logs through loguru, which formats with \`{}\` itself.
Enable it with \`extend-select = ["G001"]\`.

## Example
\`\`\`python
logger.info("Processing session {}".format(session_id))
\`\`\`

## Use instead
\`\`\`python
logger.info("Processing session %s", session_id)
\`\`\`

## Fix safety
No automatic fix: \`{}\` fields with format specs, indexes or attributes do not map onto \`%\`.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const message = loggingMessage(node, ctx);
    if (message && isLiteralFormatCall(message)) ctx.report(message, 'Logging statement uses `str.format`');
  },
};

const LITERAL_TYPES = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis']);

/** `<literal>.format(...)`, where a literal is what Ruff's `is_literal_expr` accepts (no f-strings). */
function isLiteralFormatCall(message: Node): boolean {
  if (message.type !== 'call') return false;
  const func = unparenthesize(message.childForFieldName('function') ?? message);
  if (func.type !== 'attribute' || func.childForFieldName('attribute')?.text !== 'format') return false;
  const object = func.childForFieldName('object');
  if (!object) return false;
  const value = unparenthesize(object);
  if (LITERAL_TYPES.has(value.type)) return true;
  const parts = stringParts(value);
  return !!parts && !parts.some((p) => p.isFString || p.isTemplate);
}
