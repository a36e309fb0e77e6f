import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingReturnTypeUndocumentedPublicFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN201',
    name: 'missing-return-type-undocumented-public-function',
    summary: 'Public functions have a return annotation.',
    seeds: ['000', '001', '003', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a public function or method without a return annotation, exactly as Ruff's ANN201.
Public means: not starting with \`_\`, listed in \`__all__\` when the module has one, inside a public
class, not nested in another function, not a property setter/deleter, and the module itself is not
private (\`_module.py\`, where Ruff reports ANN202 instead). Dunder methods are ANN204, static and
class methods ANN205/ANN206. \`suppress-none-returning\` skips functions that return only \`None\`.

## Why
Guides 000, 001, 003 and 004 ask for type hints on all function signatures, returns included.

## Example
\`\`\`python
def load(path: str):
    return open(path).read()
\`\`\`

## Use instead
\`\`\`python
def load(path: str) -> str:
    return open(path).read()
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
    reportFunctionFindings(node, ctx, 'ANN201');
  },
};
