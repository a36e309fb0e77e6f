import type { FileRule } from '../../engine/rule';
import { checkModuleDocstring, MODULE_DOCSTRING_FIX_SAFETY } from './module-docstring';

export const undocumentedPublicModule: FileRule = {
  kind: 'file',
  meta: {
    code: 'D100',
    name: 'undocumented-public-module',
    summary: 'Public modules have a docstring.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    offInNotebooks:
      'because a notebook is no importable module: its markdown cells document it (Ruff skips D100 in notebooks too)',
    doc: `## What it does
Flags a module (not a package \`__init__.py\`, see D104) whose first statement is not a string, as Ruff's D100 does. Private modules (a path part starting with \`_\`, other than
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
    checkModuleDocstring(ctx, false, 'Missing docstring in public module');
  },
};
