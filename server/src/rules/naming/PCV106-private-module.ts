import type { FileRule } from '../../engine/rule';
import { moduleNameOf } from './N999-invalid-module-name';

export const privateModule: FileRule = {
  kind: 'file',
  meta: {
    code: 'PCV106',
    name: 'private-module',
    summary: 'No private `_module.py` files: organize with subpackages instead.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags a module whose name starts with an underscore (\`_helpers.py\`, or \`_internal/__init__.py\`
for a package), reported at the start of the file. Dunder modules (\`__init__.py\`,
\`__main__.py\`) are not private.

Off by default: most projects (and Python's own standard library) use private modules; only guide
004 forbids them, and its preset turns the rule on.

## Why
Guide 004: "Private modules: No leading underscore pattern (use subdirectories for organization)."
Privacy is stated once, by \`__all__\`, not twice in the file layout.

## Example
\`\`\`text
llenergymeasure/_helpers.py
\`\`\`

## Use instead
\`\`\`text
llenergymeasure/helpers/core.py
\`\`\``,
  },
  check(ctx) {
    if (!ctx.file.path) return;
    const module = moduleNameOf(ctx.file.path);
    if (!module || !/^_(?!_.*__$)/.test(module.name)) return;
    const origin = { line: 0, character: 0 };
    ctx.report(
      { start: origin, end: origin },
      `\`${module.name}\` is a private module; organize with a subpackage instead`,
    );
  },
};
