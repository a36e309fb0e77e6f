import { nodeRange } from '../../engine/positions';
import type { UnitRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { aliasOf, fromModule, memberNodes } from './isort/annotate';
import { modulePathOf, resolveRelativeModule, tidyImportsOptions } from './tidy-settings';

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

export const relativeImports: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'TID252',
    name: 'relative-imports',
    summary:
      "Absolute imports for the project's own modules (relative ones banned per `ban-relative-imports`).",
    seeds: ['001'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags relative imports, as Ruff's TID252 does: by default (\`ban-relative-imports = "parents"\`)
only those that climb to a parent package (\`from .. import x\`); with \`"all"\` (guide 001) every
relative import. Set it under \`[tool.pyconv.flake8-tidy-imports]\`.

Off by default: only guide 001 asks for it.

## Why
Guide 001 asks for absolute imports of the project's own modules: they read the same in every
file, survive moving a module, and show the package a name comes from.

## Example
\`\`\`python
from ..core.configs import ModelConfig
\`\`\`

## Use instead
\`\`\`python
from setu.core.configs import ModelConfig
\`\`\`

## Fix safety
Unsafe, and offered only when the absolute module can be worked out from the file's path
(\`setu/engine/run.py\` is module \`setu.engine.run\`; a leading \`src/\` is dropped). Ruff counts
from the top-most folder holding an \`__init__.py\`; if your packages start deeper, the rewritten
path may be wrong, so review it.`,
  },
  nodeTypes: ['import_from_statement'],
  visit(node, ctx) {
    const { module, level } = fromModule(node);
    const strictness = tidyImportsOptions.read(ctx)['ban-relative-imports'];
    if (level <= (strictness === 'all' ? 0 : 1)) return;
    const message =
      strictness === 'all'
        ? 'Prefer absolute imports over relative imports'
        : 'Prefer absolute imports over relative imports from parent modules';
    const members = memberNodes(node);
    const absolute = resolveRelativeModule(level, module, modulePathOf(ctx.file.path));
    const valid = absolute?.split('.').every((part) => IDENTIFIER.test(part)) ?? false;
    const fix = valid && absolute !== undefined ? rewriteFix(node, members, absolute, strictness) : null;
    // Ruff reports once per imported name, each with the same range and fix.
    for (let i = 0; i < Math.max(1, members.length); i++) ctx.report(node, message, fix);
  },
};

function rewriteFix(node: Node, members: Node[], absolute: string, strictness: 'parents' | 'all'): Fix {
  const names = members.map((member) => {
    if (member.type === 'wildcard_import') return '*';
    const alias = aliasOf(member);
    return alias.asname === undefined ? alias.name : `${alias.name} as ${alias.asname}`;
  });
  const title =
    strictness === 'all'
      ? 'Replace relative imports with absolute imports'
      : 'Replace relative imports from parent modules with absolute imports';
  return {
    title,
    safe: false,
    edits: [{ range: nodeRange(node), newText: `from ${absolute} import ${names.join(', ')}` }],
  };
}
