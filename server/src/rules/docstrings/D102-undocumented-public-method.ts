import type { UnitRule } from '../../engine/rule';
import { DOCSTRING_TEMPLATE_FIX_SAFETY, reportMissing } from './missing';

export const undocumentedPublicMethod: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D102',
    name: 'undocumented-public-method',
    summary: 'Public methods have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a public method without a docstring (no leading underscore, in a public class; \`__new__\` and
\`__call__\` count as methods), exactly as Ruff's D102 with the Google convention. Property setters
and deleters, \`@overload\` and \`@override\` methods are skipped. Nothing is reported in private
modules (a path part starting with \`_\`) or stubs, nor for functions with one of
\`[tool.pyconv.pydocstyle] ignore-decorators\`. Reported on the name.

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API, so that users can read
what it does from hover and generated docs.

## Example
\`\`\`python
class Engine:
    """Runs inference."""

    def run(self):
        ...
\`\`\`

## Use instead
\`\`\`python
class Engine:
    """Runs inference."""

    def run(self):
        """Runs one batch."""
\`\`\`

## Fix safety
${DOCSTRING_TEMPLATE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit: reportMissing('D102'),
};
