import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingReturnTypeStaticMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN205',
    name: 'missing-return-type-static-method',
    summary: 'Static methods have a return annotation.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a \`@staticmethod\` without a return annotation, exactly as Ruff's ANN205 (all of its
arguments are checked by ANN001, none is skipped).

## Why
Guide 004 annotates every method; the others ask for hints on all signatures.

## Example
\`\`\`python
class Units:
    @staticmethod
    def to_mb(size: int):
        return size / 1e6
\`\`\`

## Use instead
\`\`\`python
class Units:
    @staticmethod
    def to_mb(size: int) -> float:
        return size / 1e6
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
    reportFunctionFindings(node, ctx, 'ANN205');
  },
};
