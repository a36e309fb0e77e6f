import { nodeRange } from '../../engine/positions';
import type { UnitRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { findLoggingCall } from './logging-calls';
import { callArguments, findArgument, isFString, stringParts, unparenthesize } from './syntax';

export const loggingFString: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'G004',
    name: 'logging-f-string',
    summary: 'No f-strings in logging calls; pass lazy `%s` arguments.',
    seeds: ['001'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags logging calls whose message is an f-string, as Ruff's (flake8-logging-format's) G004 does.
Logging calls are \`logging.info(...)\` and friends, \`logging.getLogger(...).info(...)\`, and methods
(\`debug\`, \`info\`, \`warning\`, \`warn\`, \`error\`, \`exception\`, \`critical\`, \`log\`) of module-local
objects whose name looks like a logger (\`logger\`, \`log\`, \`self._logger\`, \`LOGGER\`).

## Why
Guide 001 logs with \`%s\` placeholders (\`logger.info("Processing session %s", session_id)\`): the
message is only formatted when the record is emitted, log aggregators can group records by their
template, and formatting errors are reported by logging instead of raising at the call.

Off by default: guide 004 uses loguru and writes f-strings in log calls on purpose ("F-string for
complex messages"), so the guides disagree. Enable it with \`extend-select = ["G004"]\`.

## Example
\`\`\`python
logger.info(f"Processing session {session_id} with {count} tokens")
\`\`\`

## Use instead
\`\`\`python
logger.info("Processing session %s with %d tokens", session_id, count)
\`\`\`

## Fix safety
When every placeholder is a plain name or dotted attribute without format spec or conversion,
no part of the text contains \`%\`, and no positional argument follows the message, the fix
rewrites the f-string into a \`%s\` template and arguments (\`f"{a} of {self.b}"\` becomes
\`"%s of %s", a, self.b\`). It is unsafe, unlike Ruff's preview fix: the rule also matches objects
that are only named like a logger, and a loguru or structlog logger does not apply \`%\`
arguments, so the message would lose its values.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const logging = findLoggingCall(node, ctx);
    if (!logging) return;
    const args = callArguments(node);
    const message = findArgument(args, 'msg', logging.messagePosition);
    if (!message || !isFString(message)) return;
    ctx.report(
      message,
      'Logging statement uses f-string',
      percentFix(message, args.positional.length > logging.messagePosition + 1),
    );
  },
};

function percentFix(message: Node, hasMoreArguments: boolean): Fix | null {
  // `msg=f"..."` cannot take positional arguments after it.
  if (hasMoreArguments || message.parent?.type === 'keyword_argument') return null;
  const parts = stringParts(message);
  if (!parts || parts.some((p) => p.isBytes || p.isTemplate)) return null;
  const quote = parts[0].quote;
  if (quote.length !== 1) return null;
  let template = '';
  const values: string[] = [];
  for (const part of parts) {
    if (part.quote !== quote) return null;
    for (let i = 0; i < part.node.namedChildCount; i++) {
      const child = part.node.namedChild(i);
      if (!child) continue;
      if (child.type === 'string_content' || child.type === 'escape_sequence') {
        if (child.text.includes('%')) return null;
        template += part.isFString ? child.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : child.text;
      } else if (child.type === 'interpolation') {
        const value = simpleInterpolation(child);
        if (!value) return null;
        template += '%s';
        values.push(value);
      } else if (child.type !== 'string_start' && child.type !== 'string_end') {
        return null;
      }
    }
    if (part.isRaw) return null;
  }
  if (values.length === 0) return null;
  return {
    title: 'Convert to lazy `%` formatting',
    safe: false,
    edits: [
      {
        range: nodeRange(unparenthesize(message)),
        newText: `${quote}${template}${quote}, ${values.join(', ')}`,
      },
    ],
  };
}

/** The expression text of `{name}` or `{a.b}` without conversion or format spec; else undefined. */
function simpleInterpolation(interpolation: Node): string | undefined {
  const expression = interpolation.childForFieldName('expression');
  if (!expression) return undefined;
  if (
    interpolation.childForFieldName('type_conversion') ||
    interpolation.childForFieldName('format_specifier')
  )
    return undefined;
  if (interpolation.children.some((c) => c?.type === '=')) return undefined;
  let current: Node = expression;
  while (current.type === 'attribute') {
    const object = current.childForFieldName('object');
    if (!object) return undefined;
    current = object;
  }
  return current.type === 'identifier' ? expression.text : undefined;
}
