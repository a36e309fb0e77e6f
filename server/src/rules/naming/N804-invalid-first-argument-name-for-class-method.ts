import type { UnitRule } from '../../engine/rule';
import { checkFirstArgument, FIRST_ARGUMENT_FIX_SAFETY, FIRST_ARGUMENT_KINDS } from './first-argument';

export const invalidFirstArgumentNameForClassMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N804',
    name: 'invalid-first-argument-name-for-class-method',
    summary: 'The first argument of a class method is named `cls`.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Flags the first parameter of a class method when it is not named \`cls\`, as PEP 8 and Ruff's N804
do. The name and its annotation are underlined (\`klass: type\`). Class methods are, exactly as in
Ruff:
${FIRST_ARGUMENT_KINDS}

## Why
The style guides 000, 001 and 004 follow PEP 8's naming, which asks for \`cls\` in class methods; every class
method in their examples uses it. A different name makes a reader check whether the method really
receives the class.

## Example
\`\`\`python
class Engine:
    @classmethod
    def from_config(self, config):
        return self(config)
\`\`\`

## Use instead
\`\`\`python
class Engine:
    @classmethod
    def from_config(cls, config):
        return cls(config)
\`\`\`

## Fix safety
${FIRST_ARGUMENT_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    checkFirstArgument(node, ctx, 'cls', 'First argument of a class method should be named `cls`');
  },
};
