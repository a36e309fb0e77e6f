import type { UnitRule } from '../../engine/rule';
import { RETURN_TYPE_FIX_SAFETY, reportFunctionFindings } from './function-check';

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
${RETURN_TYPE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN201');
  },
};
