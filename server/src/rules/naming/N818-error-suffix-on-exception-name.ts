import type { UnitRule } from '../../engine/rule';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix } from './rename-fix';
import { basesOf } from './syntax';

export const errorSuffixOnExceptionName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N818',
    name: 'error-suffix-on-exception-name',
    summary: 'Exception class names end in `Error`.',
    seeds: ['000', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a class whose name does not end in \`Error\` when one of its bases is written as the plain
name \`Exception\` or a plain name ending in \`Error\` (\`ValueError\`, \`ConfigError\`), exactly as
Ruff's N818 does. Attribute bases (\`errors.BaseError\`), \`BaseException\` and exception classes
that derive from a local non-\`Error\` exception are not recognised (Ruff does not follow them
either). Names matching \`[tool.pyconv.pep8-naming] ignore-names\` / \`extend-ignore-names\` are
skipped.

## Why
The style guides 000 and 004 name exception classes with an \`Error\` suffix (\`ConfigurationError\`,
\`RetryableError\`), so that \`except\` clauses read as what they catch. No guide contradicts it,
so the rule is on by default.

## Example
\`\`\`python
class ConfigInvalid(Exception):
    ...
\`\`\`

## Use instead
\`\`\`python
class ConfigInvalidError(Exception):
    ...
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: ['class_definition'],
  visit(node, ctx) {
    const name = node.childForFieldName('name');
    if (!name || name.text.endsWith('Error')) return;
    const exceptionBase = basesOf(node).some(
      (base) => base.type === 'identifier' && (base.text === 'Exception' || base.text.endsWith('Error')),
    );
    if (!exceptionBase || isIgnoredName(ctx, name.text)) return;
    ctx.report(
      name,
      `Exception name \`${name.text}\` should be named with an Error suffix`,
      renameFix(name.text, `${name.text}Error`, (renamed) => renamed.endsWith('Error')),
    );
  },
};
