import type { UnitRule } from '../../engine/rule';
import { RETURN_TYPE_FIX_SAFETY, reportFunctionFindings } from './function-check';

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
${RETURN_TYPE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN206');
  },
};
