import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { callArguments, stringLiteralValue, unparenthesize } from '../safety/syntax';
import { houseOptions } from './options';
import { calleeName } from './resolve';

export const callMissingKeyword: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV701',
    name: 'call-missing-keyword',
    summary: 'Calls named in `required-keywords` pass the keywords the house rule asks for.',
    seeds: ['001', '004'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Checks the calls that \`[tool.pyconv.pyconv-house] required-keywords\` names, and the same
callables used as bare decorators (\`@dataclass\` is \`dataclass()\` without arguments). Each
requirement is one of:
- \`"description"\`: the keyword is passed;
- \`"frozen=True"\`: the keyword is passed with this value, as written;
- \`"metadata.help"\`: the keyword is passed a dict literal that has this string key.

A call with \`**kwargs\` may pass anything and is not flagged. Reported at the callee. Nothing is
checked until the option is set: the presets of guides 001 and 004 set it.

The examples below are checked with:
\`\`\`toml
[tool.pyconv.pyconv-house.required-keywords]
"pydantic.Field" = ["description"]
\`\`\`

## Why
House conventions that a code review otherwise enforces by hand: guide 004's
"\`Field(..., description=...)\`" on every pydantic field, guide 001's
"\`field(metadata={"help": ...})\`" for documentation and CLI generation, and frozen dataclasses
for configuration.

## Example
\`\`\`python
from pydantic import BaseModel, Field


class Traffic(BaseModel):
    target_qps: float = Field(default=1.0, gt=0)
\`\`\`

## Use instead
\`\`\`python
from pydantic import BaseModel, Field


class Traffic(BaseModel):
    target_qps: float = Field(default=1.0, gt=0, description="Target queries per second")
\`\`\``,
  },
  nodeTypes: ['call', 'decorator'],
  visit(node, ctx) {
    const required = houseOptions.read(ctx)['required-keywords'];
    if (Object.keys(required).length === 0) return;
    const callee = node.type === 'call' ? node.childForFieldName('function') : bareDecorator(node);
    if (!callee) return;
    const name = calleeName(callee, ctx);
    const requirements = name !== undefined ? required[name] : undefined;
    if (!name || !requirements) return;
    const args = node.type === 'call' ? callArguments(node) : undefined;
    if (args?.hasDoubleSplat) return;
    const missing = requirements.filter((r) => !satisfies(args?.keywords ?? new Map(), r));
    if (missing.length === 0) return;
    const wanted = missing.map((r) => `\`${r}\``).join(', ');
    ctx.report(callee, `\`${name}\` must be called with ${wanted} (house rule)`);
  },
};

/** `@name` or `@a.b` without a call: the decorator expression, else undefined. */
function bareDecorator(decorator: Node): Node | undefined {
  const expression = decorator.namedChildren.find((c) => c && c.type !== 'comment');
  return expression && (expression.type === 'identifier' || expression.type === 'attribute')
    ? expression
    : undefined;
}

function satisfies(keywords: ReadonlyMap<string, Node>, requirement: string): boolean {
  const equals = requirement.indexOf('=');
  if (equals >= 0) {
    const value = keywords.get(requirement.slice(0, equals).trim());
    return value !== undefined && unparenthesize(value).text === requirement.slice(equals + 1).trim();
  }
  const dot = requirement.indexOf('.');
  if (dot < 0) return keywords.has(requirement);
  const value = keywords.get(requirement.slice(0, dot));
  if (!value) return false;
  const dict = unparenthesize(value);
  if (dict.type !== 'dictionary') return true; // built elsewhere: its keys are not known here
  const key = requirement.slice(dot + 1);
  return dict.namedChildren.some(
    (pair) => pair?.type === 'pair' && stringLiteralValue(pair.childForFieldName('key') as Node) === key,
  );
}
