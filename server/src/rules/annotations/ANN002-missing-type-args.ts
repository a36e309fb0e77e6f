import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingTypeArgs: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN002',
    name: 'missing-type-args',
    summary: '`*args` is annotated.',
    seeds: ['000', '001', '003', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags \`*args\` without a type annotation, exactly as Ruff's ANN002 (the range covers the star
and the name). \`suppress-dummy-args\` and \`ignore-fully-untyped\` apply as for ANN001.

## Why
Guides 000, 001, 003 and 004 ask for complete signatures; \`*args: int\` says what each extra
positional argument is.

## Example
\`\`\`python
def total(*values):
    ...
\`\`\`

## Use instead
\`\`\`python
def total(*values: float) -> float:
    ...
\`\`\`

## Fix safety
The fix inserts the placeholder \`: \${1:Any}\` (a snippet tab stop; plain \`Any\` without
snippet support, with \`from typing import Any\` added when needed). Unsafe: the placeholder is a
prompt to write the real type.

With ANN401 enabled, no fix is offered where it would write the \`Any\` placeholder: ANN401 would
flag it at once, trading one finding for another.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN002');
  },
};
