import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingTypeKwargs: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN003',
    name: 'missing-type-kwargs',
    summary: '`**kwargs` is annotated.',
    seeds: ['000', '001', '003', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags \`**kwargs\` without a type annotation, exactly as Ruff's ANN003. \`suppress-dummy-args\`
and \`ignore-fully-untyped\` apply as for ANN001.

## Why
Guides 000, 001, 003 and 004 ask for complete signatures; \`**options: str\` says what each
keyword argument is.

## Example
\`\`\`python
def connect(**options):
    ...
\`\`\`

## Use instead
\`\`\`python
def connect(**options: str) -> None:
    ...
\`\`\`

## Fix safety
As ANN002: the placeholder \`: \${1:Any}\` with \`from typing import Any\` when needed. Unsafe.

With ANN401 enabled, no fix is offered where it would write the \`Any\` placeholder: ANN401 would
flag it at once, trading one finding for another.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN003');
  },
};
