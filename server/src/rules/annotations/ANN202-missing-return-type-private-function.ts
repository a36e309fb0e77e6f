import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingReturnTypePrivateFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN202',
    name: 'missing-return-type-private-function',
    summary: 'Private functions have a return annotation.',
    seeds: ['000', '001', '003', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a private function without a return annotation, exactly as Ruff's ANN202: names starting
with \`_\`, functions left out of \`__all__\`, functions nested in functions, methods of private
classes, property setters and deleters, and every function of a private module (\`_impl.py\`).

## Why
The guides' "all functions" includes helpers: a private function is read by the next maintainer
as often as a public one.

## Example
\`\`\`python
def _normalise(name: str):
    return name.lower()
\`\`\`

## Use instead
\`\`\`python
def _normalise(name: str) -> str:
    return name.lower()
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
    reportFunctionFindings(node, ctx, 'ANN202');
  },
};
