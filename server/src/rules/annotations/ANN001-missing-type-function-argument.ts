import type { UnitRule } from '../../engine/rule';
import { reportFunctionFindings } from './function-check';

export const missingTypeFunctionArgument: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'ANN001',
    name: 'missing-type-function-argument',
    summary: 'Function arguments are annotated.',
    seeds: ['000', '001', '003', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a function argument without a type annotation, exactly as Ruff's ANN001: positional-only,
regular and keyword-only arguments of every function (nested ones too, not lambdas), except the
first argument (\`self\`, \`cls\`) of a method that is not a \`@staticmethod\`. The
implementation of an \`@overload\`ed function is not checked. With
\`[tool.pyconv.flake8-annotations] suppress-dummy-args = true\`, dummy names (\`_\`, \`_unused\`)
are skipped; with \`ignore-fully-untyped = true\`, functions with no annotation at all are.

## Why
Four of the five style guides (000, 001, 003, 004) ask for type hints on every function
signature: they document the contract and let a type checker verify callers.

## Example
\`\`\`python
def scale(value, factor=2):
    ...
\`\`\`

## Use instead
\`\`\`python
def scale(value: float, factor: int = 2) -> float:
    ...
\`\`\`

## Fix safety
The fix inserts an annotation inferred from the default value (\`= 0\` gives \`int\`, \`= ""\`
\`str\`, \`= 1.0\` \`float\`, \`= True\` \`bool\`, and \`= None\` the snippet \`\${1:Any} | None\`),
re-spacing \`x=0\` to \`x: int = 0\`; without a default it inserts the placeholder \`\${1:Any}\`.
Placeholders are LSP snippet tab stops: editors with snippet support put the cursor there, others
(and \`pyconv --fix\`) get the plain default \`Any\`, and the fix then also adds
\`from typing import Any\` (to an existing \`from typing import\` line, or after the last import)
unless \`Any\` is already imported. The fix is unsafe: a default says little about what callers
pass (\`factor=2\` may well take floats), so the guess needs a human look.

With ANN401 enabled, no fix is offered where it would write the \`Any\` placeholder: ANN401 would
flag it at once, trading one finding for another.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    reportFunctionFindings(node, ctx, 'ANN001');
  },
};
