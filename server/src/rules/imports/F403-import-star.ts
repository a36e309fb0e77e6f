import type { UnitRule } from '../../engine/rule';
import { fromModule } from './isort/annotate';

export const importStar: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'F403',
    name: 'undefined-local-with-import-star',
    summary: 'No `from module import *`.',
    seeds: ['001', '004'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags \`from module import *\` (except \`from __future__\`), as pyflakes and Ruff's F403 do.

## Why
Guides 001 and 004 ask to import specific names: a star import hides where names come from,
can silently shadow local names, and stops linters from finding undefined names.

## Example
\`\`\`python
from setu.core.configs import *
\`\`\`

## Use instead
\`\`\`python
from setu.core.configs import ModelConfig, ParallelConfig
\`\`\`

## Fix safety
No automatic fix: which names the module uses is not known without running it.`,
  },
  nodeTypes: ['import_from_statement'],
  visit(node, ctx) {
    if (!node.namedChildren.some((c) => c?.type === 'wildcard_import')) return;
    const { module, level } = fromModule(node);
    if (level === 0 && module === '__future__') return;
    const name = '.'.repeat(level) + (module ?? '');
    ctx.report(node, `\`from ${name} import *\` used; unable to detect undefined names`);
  },
};
