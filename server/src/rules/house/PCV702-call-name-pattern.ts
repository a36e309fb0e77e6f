import type { UnitRule } from '../../engine/rule';
import { callArguments, stringLiteralValue, unparenthesize } from '../safety/syntax';
import { namePatterns } from './options';
import { calleeName } from './resolve';

export const callNamePattern: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV702',
    name: 'call-name-pattern',
    summary: 'Names created by calls in `name-patterns` (metrics, spans) match the house pattern.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Checks the name a call creates, for the callables of \`[tool.pyconv.pyconv-house] name-patterns\`:
the call's first positional argument, or its \`name=\` keyword, when it is a plain string literal,
must match the callable's regular expression (searched; anchor it with \`^\`). Names built at run
time (f-strings, variables) are not checked. Reported at the string. Nothing is checked until the
option is set: guide 003's preset sets it.

The examples below are checked with:
\`\`\`toml
[tool.pyconv.pyconv-house.name-patterns]
"observability.metrics.counter" = "^familyos_"
\`\`\`

## Why
Guide 003: "Metrics: Prometheus format with \`familyos_\` prefix". A metric without the prefix
lands outside the team's dashboards and alerts.

## Example
\`\`\`python
from observability.metrics import counter

request_count = counter("memory_requests_total", ["method", "status"])
\`\`\`

## Use instead
\`\`\`python
from observability.metrics import counter

request_count = counter("familyos_memory_requests_total", ["method", "status"])
\`\`\``,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const patterns = namePatterns(ctx);
    if (patterns.size === 0) return;
    const callee = node.childForFieldName('function');
    const name = callee ? calleeName(callee, ctx) : undefined;
    const rule = name !== undefined ? patterns.get(name) : undefined;
    if (!rule) return;
    const args = callArguments(node);
    const first = args.positional[0];
    const argument = args.keywords.get('name') ?? (first && first.type !== 'list_splat' ? first : undefined);
    if (!argument) return;
    const literal = unparenthesize(argument);
    const value = stringLiteralValue(literal);
    if (value === undefined || rule.matcher.test(value)) return;
    ctx.report(
      literal,
      `\`${value}\` does not match \`${rule.pattern}\`, the house pattern for \`${name}\` names`,
    );
  },
};
