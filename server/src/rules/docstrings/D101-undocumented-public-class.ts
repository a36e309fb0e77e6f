import type { UnitRule } from '../../engine/rule';
import { DOCSTRING_TEMPLATE_FIX_SAFETY, reportMissing } from './missing';

export const undocumentedPublicClass: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D101',
    name: 'undocumented-public-class',
    summary: 'Public classes have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a public class (a module-level class whose name has no leading underscore and, when the module defines \`__all__\`, is listed there), without a docstring, exactly as Ruff's D101 with the Google convention: nothing is
reported in private modules (a path part starting with \`_\`) or stubs, nor for functions with one of
\`[tool.pyconv.pydocstyle] ignore-decorators\`. Reported on the name.

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API, so that users can read
what it does from hover and generated docs.

## Example
\`\`\`python
class Engine:
    pass
\`\`\`

## Use instead
\`\`\`python
class Engine:
    """Runs inference on a batch of prompts."""
\`\`\`

## Fix safety
${DOCSTRING_TEMPLATE_FIX_SAFETY}`,
  },
  nodeTypes: ['class_definition'],
  visit: reportMissing('D101'),
};
