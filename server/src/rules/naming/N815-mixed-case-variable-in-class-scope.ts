import type { UnitRule } from '../../engine/rule';
import { isMixedCase } from './case';
import { isNamedTupleAssignment, isTypedDictClass } from './exemptions';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix, toSnakeCase } from './rename-fix';
import { BINDING_SITES, bindingSiteNames } from './syntax';

export const mixedCaseVariableInClassScope: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N815',
    name: 'mixed-case-variable-in-class-scope',
    summary: 'No mixedCase names in a class body.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags mixedCase names (\`fooBar\`, \`_fooBar\`) bound directly in a class body, as Ruff's N815 does:
assignments, annotated fields, \`for\`/\`with\`/walrus targets and \`match\` captures at class level.
UPPER_CASE and CapWords names are not mixedCase. Not flagged: fields of a \`TypedDict\` class (they
are dictionary keys), \`namedtuple(...)\`/\`NamedTuple(...)\` assignments, and names matching
\`[tool.pyconv.pep8-naming] ignore-names\` / \`extend-ignore-names\` (by default unittest's
\`failureException\`, \`longMessage\`, \`maxDiff\`).

## Why
The style guides 000, 001 and 004 use snake_case for attributes; mixedCase fields usually leak from JSON or
Java APIs and belong behind an alias.

## Example
\`\`\`python
class ModelConfig:
    maxModelLen: int = 4096
\`\`\`

## Use instead
\`\`\`python
class ModelConfig:
    max_model_len: int = 4096
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: BINDING_SITES,
  visit(site, ctx) {
    const bound = bindingSiteNames(site, ctx);
    if (!bound) return;
    const { names, scope } = bound;
    if (scope.kind !== 'class' || !scope.node) return;
    for (const name of names) {
      if (!isMixedCase(name.text)) continue;
      if (isNamedTupleAssignment(site, ctx) || isTypedDictClass(scope.node, ctx)) continue;
      if (isIgnoredName(ctx, name.text)) continue;
      ctx.report(
        name,
        `Variable \`${name.text}\` in class scope should not be mixedCase`,
        renameFix(name.text, toSnakeCase(name.text), (renamed) => !isMixedCase(renamed)),
      );
    }
  },
};
