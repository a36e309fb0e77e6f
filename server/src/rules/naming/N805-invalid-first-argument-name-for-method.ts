import type { UnitRule } from '../../engine/rule';
import { checkFirstArgument, FIRST_ARGUMENT_FIX_SAFETY, FIRST_ARGUMENT_KINDS } from './first-argument';

export const invalidFirstArgumentNameForMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N805',
    name: 'invalid-first-argument-name-for-method',
    summary: 'The first argument of a method is named `self`.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Flags the first parameter of an instance method when it is not named \`self\`, as PEP 8 and Ruff's
N805 do. The name and its annotation are underlined (\`this: Engine\`). Which functions are
instance methods is decided exactly as in Ruff:
${FIRST_ARGUMENT_KINDS}

## Why
The style guides 000, 001 and 004 follow PEP 8's naming, which asks for \`self\` in instance methods; every
method in their examples uses it. A method whose first parameter is named \`cls\` or \`this\` reads
as a class method or as foreign code.

## Example
\`\`\`python
class Engine:
    def start(this):
        this.running = True
\`\`\`

## Use instead
\`\`\`python
class Engine:
    def start(self):
        self.running = True
\`\`\`

## Fix safety
${FIRST_ARGUMENT_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    checkFirstArgument(node, ctx, 'self', 'First argument of a method should be named `self`');
  },
};
