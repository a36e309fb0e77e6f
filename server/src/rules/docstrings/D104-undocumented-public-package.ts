import type { FileRule } from '../../engine/rule';
import { checkModuleDocstring, MODULE_DOCSTRING_FIX_SAFETY } from './module-docstring';

export const undocumentedPublicPackage: FileRule = {
  kind: 'file',
  meta: {
    code: 'D104',
    name: 'undocumented-public-package',
    summary: 'Public packages have a docstring in `__init__.py`.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a package \`__init__.py\` whose first statement is not a string, as Ruff's D104 does. Private modules (a path part starting with \`_\`, other than
dunders) and stubs are not checked. Reported at the start of the file (1:1).

## Why
Style guides 000, 001 and 004 ask for Google-style docstrings on public API; a module docstring says
what the module is for and shows up in generated docs and hovers.

## Example
\`\`\`python
import json
\`\`\`

## Use instead
\`\`\`python
"""Reading and writing run manifests."""

import json
\`\`\`

## Fix safety
${MODULE_DOCSTRING_FIX_SAFETY}`,
  },
  check(ctx) {
    checkModuleDocstring(ctx, true, 'Missing docstring in public package');
  },
};
