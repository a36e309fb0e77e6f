import type { UnitRule } from '../../engine/rule';
import { DOCSTRING_TEMPLATE_FIX_SAFETY, reportMissing } from './missing';

export const undocumentedPublicNestedClass: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D106',
    name: 'undocumented-public-nested-class',
    summary: 'Public nested classes have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a public class nested in a public class (classes inside functions are private), without a docstring, exactly as Ruff's D106 with the Google convention: nothing is
reported in private modules (a path part starting with \`_\`) or stubs, nor for functions with one of
\`[tool.pyconv.pydocstyle] ignore-decorators\`. Reported on the name.

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API, so that users can read
what it does from hover and generated docs.

## Example
\`\`\`python
class Model:
    """A model."""

    class Config:
        ...
\`\`\`

## Use instead
\`\`\`python
class Model:
    """A model."""

    class Config:
        """Model settings."""
\`\`\`

## Fix safety
${DOCSTRING_TEMPLATE_FIX_SAFETY}`,
  },
  nodeTypes: ['class_definition'],
  visit: reportMissing('D106'),
};
