import type { UnitRule } from '../../engine/rule';
import { isNonEmptyString, isPasswordName, PASSWORD_DOC_WHY } from './passwords';

import { unparenthesize } from './syntax';
export const hardcodedPasswordDefault: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S107',
    name: 'hardcoded-password-default',
    summary: 'No hard-coded passwords, tokens or secrets as parameter defaults.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a function parameter whose name looks like a credential (see S105 for the exact test) and
whose default is a non-empty string literal, as Ruff's S107 does. Lambdas are not checked.

## Why
${PASSWORD_DOC_WHY}

## Example
\`\`\`python
def connect(user, password="admin"):
    ...
\`\`\`

## Use instead
\`\`\`python
def connect(user, password):
    ...
\`\`\`

## Fix safety
No automatic fix.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const parameters = node.childForFieldName('parameters');
    if (!parameters) return;
    for (const parameter of parameters.namedChildren) {
      if (
        !parameter ||
        (parameter.type !== 'default_parameter' && parameter.type !== 'typed_default_parameter')
      )
        continue;
      const name = parameter.childForFieldName('name');
      const value = parameter.childForFieldName('value');
      if (!name || !value || !isPasswordName(name.text) || !isNonEmptyString(value)) continue;
      ctx.report(
        unparenthesize(value),
        `Possible hardcoded password assigned to function default: "${name.text}"`,
      );
    }
  },
};
