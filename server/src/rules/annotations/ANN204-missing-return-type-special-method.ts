import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingReturnTypeSpecialMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN204',
    name: 'missing-return-type-special-method',
    summary: 'Special methods (`__init__` too) have a return annotation.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a dunder method without a return annotation, exactly as Ruff's ANN204; \`__init__\` too,
unless \`mypy-init-return = true\` and some argument is annotated (mypy then infers \`None\`).

## Why
Guide 004 annotates every method, \`__init__\` with \`-> None\`; the others ask for hints on all
function signatures.

## Example
\`\`\`python
class Cache:
    def __init__(self, size: int):
        self.size = size

    def __len__(self):
        return self.size
\`\`\`

## Use instead
\`\`\`python
class Cache:
    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size
\`\`\`

## Fix safety
The fix adds \`-> None\` to \`__init__\` and the known return type of other dunders (\`__str__\` and
\`__repr__\` \`str\`, \`__len__\` \`int\`, \`__bool__\` \`bool\`, \`__setitem__\` \`None\`, ...); other
dunders get the guess described for ANN201. Unsafe, as in Ruff.

With ANN401 enabled, no fix is offered where it would write the \`Any\` placeholder: ANN401 would
flag it at once, trading one finding for another.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN204');
  },
};
