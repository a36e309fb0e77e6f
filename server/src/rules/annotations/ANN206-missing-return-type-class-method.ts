import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingReturnTypeClassMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN206',
    name: 'missing-return-type-class-method',
    summary: 'Class methods have a return annotation.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a \`@classmethod\` without a return annotation, exactly as Ruff's ANN206.

## Why
Guide 004 annotates every method; the others ask for hints on all signatures.

## Example
\`\`\`python
class Config:
    @classmethod
    def default(cls):
        return cls()
\`\`\`

## Use instead
\`\`\`python
class Config:
    @classmethod
    def default(cls) -> Self:
        return cls()
\`\`\`

## Fix safety
The fix adds \`-> T\` after the parameters, guessing \`T\` as Ruff does where it can: \`None\` when
nothing (or only \`None\`) is returned, the literal's type for literal returns (\`int\`, \`str\`,
unions such as \`int | None\` where a path falls off the end; \`Optional[...]\`/\`Union[...]\` with
their import before 3.10), \`Never\`/\`NoReturn\` (imported) when every path raises. Beyond Ruff,
a generator gets \`Iterator[\${1:Any}]\` (\`AsyncIterator\` for async ones, imported from
\`collections.abc\`), and anything else the placeholder \`\${1:Any}\` (a snippet tab stop; plain
\`Any\` plus \`from typing import Any\` without snippet support), as do abstract methods and
overload stubs, where Ruff offers no fix. Always unsafe, as in Ruff: the guess is from the body
as written, not from what the function is meant to return.

With ANN401 enabled, no fix is offered where it would write the \`Any\` placeholder: ANN401 would
flag it at once, trading one finding for another.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN206');
  },
};
