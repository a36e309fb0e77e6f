import type { UnitRule } from '../../engine/rule';
import { DOCSTRING_TEMPLATE_FIX_SAFETY, reportMissing } from './missing';

export const undocumentedPublicFunction: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D103',
    name: 'undocumented-public-function',
    summary: 'Public functions have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a public module-level function (no leading underscore, listed in \`__all__\` when there is one). \`@overload\` stubs are skipped, without a docstring, exactly as Ruff's D103 with the Google convention: nothing is
reported in private modules (a path part starting with \`_\`) or stubs, nor for functions with one of
\`[tool.pyconv.pydocstyle] ignore-decorators\`. Reported on the name.

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API, so that users can read
what it does from hover and generated docs.

## Example
\`\`\`python
def load(path):
    ...
\`\`\`

## Use instead
\`\`\`python
def load(path):
    """Loads a checkpoint."""
\`\`\`

## Fix safety
${DOCSTRING_TEMPLATE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit: reportMissing('D103'),
};
