import type { UnitRule } from '../../engine/rule';
import { RETURN_TYPE_FIX_SAFETY, reportFunctionFindings } from './function-check';

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
${RETURN_TYPE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN205');
  },
};
