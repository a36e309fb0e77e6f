import type { UnitRule } from '../../engine/rule';
import { isMixedCase } from './case';
import { isNamedTupleAssignment } from './exemptions';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix, toSnakeCase } from './rename-fix';
import { BINDING_SITES, bindingSiteNames } from './syntax';

export const mixedCaseVariableInGlobalScope: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N816',
    name: 'mixed-case-variable-in-global-scope',
    summary: 'No mixedCase names at module level.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags mixedCase names (\`fooBar\`, \`_fooBar\`) bound at module level, as Ruff's N816 does:
assignments (also inside module-level \`if\`/\`try\`/\`for\`/\`with\` blocks), annotated names,
\`for\`/\`with\`/walrus targets, \`type\` aliases and \`match\` captures. A name declared \`global\`
and assigned inside a function is a function-scope binding (N806's business, which skips it).
Not flagged: \`namedtuple(...)\`/\`NamedTuple(...)\` assignments and names matching
\`[tool.pyconv.pep8-naming] ignore-names\` / \`extend-ignore-names\`.

Whether a module-level name is a constant (UPPER_SNAKE_CASE) is PCV101's question, not this one's.

## Why
The style guides 000, 001 and 004 use snake_case for variables and UPPER_SNAKE_CASE for constants; mixedCase
fits neither.

## Example
\`\`\`python
defaultTimeout = 30
\`\`\`

## Use instead
\`\`\`python
default_timeout = 30
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: BINDING_SITES,
  visit(site, ctx) {
    const bound = bindingSiteNames(site, ctx);
    if (bound?.scope.kind !== 'module') return;
    const { names } = bound;
    for (const name of names) {
      if (!isMixedCase(name.text)) continue;
      if (isNamedTupleAssignment(site, ctx) || isIgnoredName(ctx, name.text)) continue;
      ctx.report(
        name,
        `Variable \`${name.text}\` in global scope should not be mixedCase`,
        renameFix(name.text, toSnakeCase(name.text), (renamed) => !isMixedCase(renamed)),
      );
    }
  },
};
