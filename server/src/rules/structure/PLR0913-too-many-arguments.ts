import {
  definitionKind,
  definitionScopes,
  functionParameters,
  hasTypingDecorator,
  isStaticMethod,
} from '../../docstrings/definitions';
import type { UnitRule } from '../../engine/rule';
import { dummyVariable, pylintOptions } from './pylint-options';

export const tooManyArguments: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PLR0913',
    name: 'too-many-arguments',
    summary: 'Function definitions take at most `max-args` (default 5) parameters.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's PLR0913 does, a function definition with more than \`[tool.pyconv.pylint] max-args\`
(default 5) parameters, reported at its name. Counted: positional-only, ordinary and keyword-only
parameters; not counted: \`*args\`, \`**kwargs\`, names matching \`dummy-variable-rgx\` (by default
\`_\`, \`_unused\`), and the \`self\`/\`cls\` of a method (any function directly in a class body
except a \`@staticmethod\`). Functions decorated with \`typing.override\` or \`typing.overload\` are
skipped: their signature follows another one.

## Why
Guide 004: "Use dataclasses/Pydantic models for >4 related parameters" (its preset sets
\`max-args = 4\`). A long parameter list is hard to call correctly and usually hides a concept
that deserves a name.

## Example
\`\`\`python
def connect(host, port, user, password, timeout, retries):
    ...
\`\`\`

## Use instead
\`\`\`python
@dataclass(frozen=True)
class ConnectionSettings:
    host: str
    port: int
    user: str
    password: str
    timeout: float
    retries: int


def connect(settings: ConnectionSettings):
    ...
\`\`\``,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const max = pylintOptions.read(ctx)['max-args'];
    const isDummy = dummyVariable(ctx);
    const counted = functionParameters(node).filter(
      (p) => (p.kind === 'positional' || p.kind === 'keyword-only') && !isDummy.test(p.name),
    ).length;
    if (counted <= max) return;
    if (hasTypingDecorator(node, ctx.module, 'override') || hasTypingDecorator(node, ctx.module, 'overload'))
      return;
    const parents = definitionScopes(ctx.scopes);
    const isMethod =
      definitionKind(node, parents[parents.length - 1]) === 'method' && !isStaticMethod(node, ctx.module);
    const total = isMethod ? counted - 1 : counted;
    if (total <= max) return;
    const name = node.childForFieldName('name');
    if (!name) return;
    ctx.report(name, `Too many arguments in function definition (${total} > ${max})`);
  },
};
