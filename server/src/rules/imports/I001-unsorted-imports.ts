import type { FileRule } from '../../engine/rule';
import { ownPackageOf } from './isort/categorize';
import { findUnsortedBlocks } from './isort/organize';
import { resolveIsortSettings } from './isort/settings';

export const unsortedImports: FileRule = {
  kind: 'file',
  meta: {
    code: 'I001',
    name: 'unsorted-imports',
    summary: 'Import blocks are grouped into sections, sorted and formatted as isort (Ruff) does.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Checks each block of consecutive import statements (at module level and inside functions,
classes and other bodies) the way Ruff's \`I001\` does with the same \`[tool.pyconv.isort]\`
options: imports are de-duplicated, grouped into sections (future, standard library, third
party, first party, local folder, plus custom \`sections\` such as guide 001's native bindings),
sorted within each section, joined by one blank line, and \`from\` imports that do not fit in
\`line-length\` (88) are wrapped in parentheses, one member per line. The diagnostic covers the
block.

A block ends at any other statement, at the end of a body, at a \`# isort: split\` comment, or at
an import excluded by \`# isort: skip\` / \`# isort: off\` ... \`# isort: on\`; \`# isort: skip_file\`
turns the rule off for the file. \`if TYPE_CHECKING:\` bodies are blocks of their own.

Python 3.15's \`lazy\` imports (\`lazy import os\`, \`lazy from math import pi\`) are not parsed by
tree-sitter-python (it reads \`lazy\` as an error before an ordinary import). A block holding one,
with the imports next to it, is not checked at all: Ruff sorts such a block as one (and reports it
once when it is unsorted); pyconv reports nothing there rather than one finding per line.

Standard-library modules come from a list per Python version (\`target-version\`). First-party
modules are the \`known-first-party\` patterns and, unless \`detect-same-package = false\`, the
project's own top-level package guessed from the file's path (its first folder, after a leading
\`src/\`); Ruff looks at the file system instead, so set \`known-first-party\` for other layouts.

## Why
Guides 000, 001 and 004 ask for imports grouped standard library / third party / first party
with a blank line between groups (001 adds a native-bindings group), so that a reader sees at a
glance what a module depends on, and so that merges do not fight over import order.

## Example
\`\`\`python
import numpy as np
import os
from setu.logger import init_logger
import logging
\`\`\`

## Use instead
\`\`\`python
import logging
import os

import numpy as np

from setu.logger import init_logger
\`\`\`

## Fix safety
Safe: the fix replaces the block with the sorted block, keeping every comment; it produces the
same text as Ruff's fix. Blocks that share a line with other statements (\`import a; x = 1\`)
are reported without a fix.`,
  },
  check(ctx) {
    const settings = resolveIsortSettings(ctx);
    const blocks = findUnsortedBlocks({
      root: ctx.root,
      source: ctx.source,
      isStub: ctx.file.isStub,
      memo: ctx.memo,
      categorize: {
        settings,
        targetMinor: ctx.config.targetVersion[1],
        ownPackage: ownPackageOf(ctx.file.path),
      },
    });
    for (const block of blocks) {
      const fix = block.edit ? { title: 'Organize imports', safe: true, edits: [block.edit] } : null;
      ctx.report(block.range, 'Import block is un-sorted or un-formatted', fix);
    }
  },
};
