import type { UnitRule } from '../../engine/rule';
import { DOCSTRING_TEMPLATE_FIX_SAFETY, reportMissing } from './missing';

export const undocumentedMagicMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D105',
    name: 'undocumented-magic-method',
    summary: 'Magic methods have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a dunder method such as \`__eq__\` or \`__len__\` of a public class (\`__init__\` is D107; \`__new__\` and \`__call__\` are D102), without a docstring, exactly as Ruff's D105 with the Google convention: nothing is
reported in private modules (a path part starting with \`_\`) or stubs, nor for functions with one of
\`[tool.pyconv.pydocstyle] ignore-decorators\`. Reported on the name.

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API, so that users can read
what it does from hover and generated docs.

## Example
\`\`\`python
class Span:
    """A range."""

    def __len__(self):
        ...
\`\`\`

## Use instead
\`\`\`python
class Span:
    """A range."""

    def __len__(self):
        """Returns the number of tokens."""
\`\`\`

## Fix safety
${DOCSTRING_TEMPLATE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit: reportMissing('D105'),
};
