import type { UnitRule } from '../../engine/rule';
import { RETURN_TYPE_FIX_SAFETY, reportFunctionFindings } from './function-check';

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
${RETURN_TYPE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN202');
  },
};
