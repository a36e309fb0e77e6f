import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isLowercase } from './case';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix, toSnakeCase } from './rename-fix';
import { bindingScope, decoratorsOf, isTypingMember, resolve } from './syntax';

/** The parameter nodes of a `parameters`/`lambda_parameters` list with the name each binds. */
function parameterNames(list: Node): Array<{ parameter: Node; name: Node }> {
  const result: Array<{ parameter: Node; name: Node }> = [];
  for (const parameter of list.namedChildren) {
    if (!parameter) continue;
    let name: Node | null = null;
    switch (parameter.type) {
      case 'identifier':
        name = parameter;
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        name = parameter.childForFieldName('name');
        break;
      case 'typed_parameter': {
        const first = parameter.namedChild(0);
        name = first?.type === 'identifier' ? first : (first?.namedChild(0) ?? null);
        break;
      }
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        name = parameter.namedChild(0);
        break;
    }
    if (name?.type === 'identifier') result.push({ parameter, name });
  }
  return result;
}

export const invalidArgumentName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N803',
    name: 'invalid-argument-name',
    summary: 'Argument names are lowercase (snake_case).',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags parameters of functions and lambdas whose name contains an uppercase letter, as Ruff's N803
does. The whole parameter is underlined (\`A: int = 1\`, \`*Args\`). Methods decorated with
\`@typing.override\` are skipped (their signature is dictated by the base class), and so are names
matching \`[tool.pyconv.pep8-naming] ignore-names\` / \`extend-ignore-names\`.

## Why
The style guides 000, 001 and 004 use snake_case for every variable, parameters included.

## Example
\`\`\`python
def load(modelName, maxLen=512):
    ...
\`\`\`

## Use instead
\`\`\`python
def load(model_name, max_len=512):
    ...
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition', 'lambda'],
  visit(node, ctx) {
    const list = node.childForFieldName('parameters');
    if (!list) return;
    if (node.type === 'function_definition' && bindingScope(node).kind === 'class') {
      if (decoratorsOf(node).some((d) => isTypingMember(resolve(ctx, d), 'override'))) return;
    }
    for (const { parameter, name } of parameterNames(list)) {
      if (isLowercase(name.text) || isIgnoredName(ctx, name.text)) continue;
      ctx.report(
        parameter,
        `Argument name \`${name.text}\` should be lowercase`,
        renameFix(name.text, toSnakeCase(name.text), isLowercase),
      );
    }
  },
};
