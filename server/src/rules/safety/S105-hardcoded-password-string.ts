import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isNonEmptyString, PASSWORD_DOC_WHY, passwordTarget } from './passwords';
import { unparenthesize } from './syntax';

export const hardcodedPasswordString: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S105',
    name: 'hardcoded-password-string',
    summary: 'No hard-coded passwords, tokens or secrets assigned to or compared with names.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a non-empty string literal assigned to, or compared with, a name that looks like a credential,
as Ruff's (bandit's) S105 does. The name is a variable, an attribute (\`self.api_token\`) or a
string subscript (\`config["password"]\`) with \`password\`, \`passwd\`, \`pwd\`, \`pass\`,
\`passphrase\`, \`token\` or \`secret\` as one of its \`_\`-separated parts, in any case.

## Why
${PASSWORD_DOC_WHY}

## Example
\`\`\`python
API_TOKEN = "sk-prod-abc123"
if password == "hunter2":
    ...
\`\`\`

## Use instead
\`\`\`python
import os

API_TOKEN = os.environ["API_TOKEN"]
\`\`\`

## Fix safety
No automatic fix: where the secret should come from is a deployment decision. Names such as
\`TOKEN_TYPE = "bearer"\` are false positives; silence them with \`# noqa: S105\`.`,
  },
  nodeTypes: ['assignment', 'comparison_operator'],
  visit(node, ctx) {
    if (node.type === 'comparison_operator') {
      const operands = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      const name = operands.length > 1 ? passwordTarget(operands[0]) : undefined;
      if (name === undefined) return;
      for (const comparator of operands.slice(1)) {
        if (isNonEmptyString(comparator)) ctx.report(unparenthesize(comparator), message(name));
      }
      return;
    }
    // `a = b = "x"` nests assignments; the outermost one reports once for the whole chain.
    if (node.parent?.type === 'assignment' && node.parent.childForFieldName('right')?.id === node.id) return;
    const targets: Node[] = [];
    let current: Node | null = node;
    let value: Node | null = null;
    while (current && current.type === 'assignment') {
      const left = current.childForFieldName('left');
      if (left) targets.push(left);
      value = current.childForFieldName('right');
      current = value;
    }
    if (!value) return;
    // The targets' names first: a string's value is worked out only where one names a password.
    for (const target of targets) {
      const name = passwordTarget(target);
      if (name === undefined) continue;
      // On the string itself, not its parentheses, as Ruff.
      if (isNonEmptyString(value)) ctx.report(unparenthesize(value), message(name));
      return;
    }
  },
};

function message(name: string): string {
  return `Possible hardcoded password assigned to: "${escapeDebug(name)}"`;
}

export function escapeDebug(name: string): string {
  return name
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r');
}
