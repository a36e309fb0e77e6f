import type { UnitRule } from '../../engine/rule';
import { isNonEmptyString, isPasswordName, PASSWORD_DOC_WHY } from './passwords';

export const hardcodedPasswordFuncArg: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S106',
    name: 'hardcoded-password-func-arg',
    summary: 'No hard-coded passwords, tokens or secrets passed as keyword arguments.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a call's keyword argument whose name looks like a credential (\`password=\`, \`token=\`,
\`api_secret=\`, see S105 for the exact test) and whose value is a non-empty string literal, as
Ruff's S106 does. The whole \`name="value"\` is highlighted.

## Why
${PASSWORD_DOC_WHY}

## Example
\`\`\`python
connect(host="db", user="app", password="s3cr3t")
\`\`\`

## Use instead
\`\`\`python
connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
\`\`\`

## Fix safety
No automatic fix.`,
  },
  nodeTypes: ['keyword_argument'],
  visit(node, ctx) {
    if (node.parent?.type !== 'argument_list' || node.parent.parent?.type !== 'call') return;
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (!name || !value || !isPasswordName(name.text) || !isNonEmptyString(value)) return;
    ctx.report(node, `Possible hardcoded password assigned to argument: "${name.text}"`);
  },
};
