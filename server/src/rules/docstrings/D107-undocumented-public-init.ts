import type { UnitRule } from '../../engine/rule';
import { DOCSTRING_TEMPLATE_FIX_SAFETY, reportMissing } from './missing';

export const undocumentedPublicInit: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D107',
    name: 'undocumented-public-init',
    summary: '`__init__` methods have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags the \`__init__\` method of a public class, without a docstring, exactly as Ruff's D107 with the Google convention: nothing is
reported in private modules (a path part starting with \`_\`) or stubs, nor for functions with one of
\`[tool.pyconv.pydocstyle] ignore-decorators\`. Reported on the name.

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API, so that users can read
what it does from hover and generated docs.

## Example
\`\`\`python
class Engine:
    """Runs inference."""

    def __init__(self, model):
        ...
\`\`\`

## Use instead
\`\`\`python
class Engine:
    """Runs inference."""

    def __init__(self, model):
        """Wraps a loaded model."""
\`\`\`

## Fix safety
${DOCSTRING_TEMPLATE_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit: reportMissing('D107'),
};
