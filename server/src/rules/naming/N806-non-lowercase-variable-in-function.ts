import type { UnitRule } from '../../engine/rule';
import { isLowercase } from './case';
import {
  declaresGlobal,
  isDjangoModelImport,
  isNamedTupleAssignment,
  isTypeDefinitionStatement,
} from './exemptions';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix, toSnakeCase } from './rename-fix';
import { BINDING_SITES, bindingSiteNames } from './syntax';

export const nonLowercaseVariableInFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N806',
    name: 'non-lowercase-variable-in-function',
    summary: 'Variables inside functions are lowercase (snake_case).',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags names bound inside a function body that contain an uppercase letter, as Ruff's N806 does.
Every binding counts: assignment and unpacking targets, augmented and annotated assignments,
\`for\` and \`with ... as\` targets, walrus targets, \`match\` captures. Not flagged, as in Ruff:
- names declared \`global\` in the same function (they are module names);
- the targets of statements that define a type or class: \`T = TypeVar("T")\`, \`NewType\`,
  \`TypedDict(...)\`, \`namedtuple(...)\`/\`NamedTuple(...)\`, \`X: TypeAlias = ...\`, \`type X = ...\`
  (when \`TypeVar\` and friends are imported from \`typing\`/\`typing_extensions\`/\`collections\`);
- Django models fetched with \`apps.get_model(...)\` or \`import_string(...)\`;
- names matching \`[tool.pyconv.pep8-naming] ignore-names\` / \`extend-ignore-names\`.

\`except ... as E\`, comprehension variables and walrus targets inside comprehensions are not
checked (Ruff does not check them either).

A starred list or tuple target (\`a, *[B] = ...\`) is valid Python that tree-sitter-python does
not parse; its names are recovered from the statement when the target list holds only names, so
\`a, *[B] = ...\` is flagged as in Ruff. The same target in a \`for\` loop, or next to an
attribute (\`x.y, *[B] = ...\`), is not recovered and not flagged (Ruff flags \`B\`).

## Why
The style guides 000, 001 and 004 name variables in snake_case; an uppercase local reads like a constant or
a class.

## Example
\`\`\`python
def total(items):
    Total = 0
    for Item in items:
        Total += Item.price
    return Total
\`\`\`

## Use instead
\`\`\`python
def total(items):
    result = 0
    for item in items:
        result += item.price
    return result
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: BINDING_SITES,
  visit(site, ctx) {
    const bound = bindingSiteNames(site, ctx);
    if (!bound) return;
    const { names, scope } = bound;
    if (scope.kind !== 'function' || !scope.node) return;
    for (const name of names) {
      if (isLowercase(name.text)) continue;
      if (declaresGlobal(scope.node, name.text)) continue;
      if (isNamedTupleAssignment(site, ctx) || isTypeDefinitionStatement(site, ctx)) continue;
      if (isDjangoModelImport(name.text, site, ctx) || isIgnoredName(ctx, name.text)) continue;
      ctx.report(
        name,
        `Variable \`${name.text}\` in function should be lowercase`,
        renameFix(name.text, toSnakeCase(name.text), isLowercase),
      );
    }
  },
};
