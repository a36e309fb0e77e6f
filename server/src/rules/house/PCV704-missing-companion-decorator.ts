import { decorators, mapCallable } from '../../docstrings/definitions';
import type { UnitRule } from '../../engine/rule';
import { houseOptions } from './options';
import { calleeName } from './resolve';

export const missingCompanionDecorator: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV704',
    name: 'missing-companion-decorator',
    summary:
      'Decorators in `required-decorators` come with their companions (`@field_validator` with `@classmethod`).',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a function decorated with a key of \`[tool.pyconv.pyconv-house] required-decorators\` that
lacks one of the decorators listed for it, at the function's name. Nothing is checked until the
option is set: guide 004's preset sets it.

The examples below are checked with:
\`\`\`toml
[tool.pyconv.pyconv-house.required-decorators]
"pydantic.field_validator" = ["classmethod"]
\`\`\`

## Why
Guide 004 writes pydantic validators as \`@field_validator("x")\` over \`@classmethod\`. Without
\`@classmethod\` the first parameter is named \`cls\` but pydantic has to guess; type checkers and
readers see an instance method that is never called on an instance.

## Example
\`\`\`python
from pydantic import BaseModel, field_validator


class Traffic(BaseModel):
    target_qps: float

    @field_validator("target_qps")
    def positive(cls, v: float) -> float:
        return v
\`\`\`

## Use instead
\`\`\`python
from pydantic import BaseModel, field_validator


class Traffic(BaseModel):
    target_qps: float

    @field_validator("target_qps")
    @classmethod
    def positive(cls, v: float) -> float:
        return v
\`\`\``,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const required = houseOptions.read(ctx)['required-decorators'];
    if (Object.keys(required).length === 0) return;
    const present = decorators(node)
      .map((d) => calleeName(mapCallable(d), ctx))
      .filter((n): n is string => n !== undefined);
    for (const decorator of present) {
      const missing = (required[decorator] ?? []).filter((companion) => !present.includes(companion));
      if (missing.length === 0) continue;
      const name = node.childForFieldName('name');
      if (!name) return;
      const wanted = missing.map((m) => `\`@${m}\``).join(', ');
      ctx.report(name, `\`@${decorator}\` needs ${wanted} too (house rule)`);
      return;
    }
  },
};
