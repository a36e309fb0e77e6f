import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { callArguments, mayBeCallTo, qualifiedName, unparenthesize } from './syntax';

const PRINT = new Set(['print']);

export const printCall: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'T201',
    name: 'print',
    summary: 'No `print` in library code; log instead.',
    seeds: ['003', '004'],
    defaultEnabled: false,
    fix: 'none',
    offInNotebooks: 'because printing is how a notebook shows its results',
    doc: `## What it does
Flags calls to the builtin \`print\`, as Ruff's T201 does, unless they write to an explicit
\`file=\` other than \`None\`, \`sys.stdout\` or \`sys.stderr\`.

## Why
Guides 003 and 004 use structured logging (\`get_logger(__name__)\`, loguru) for everything a
library reports: log records carry a level, can be filtered and redacted; \`print\` output cannot.

Off by default: it applies to library code only. Guides 000 and 001 print in their examples, and
CLIs, scripts and notebooks print on purpose. Enable it for library packages with
\`extend-select = ["T201"]\` (and \`per-file-ignores\` for scripts).

## Example
\`\`\`python
def load(path):
    print(f"loading {path}")
\`\`\`

## Use instead
\`\`\`python
logger = logging.getLogger(__name__)


def load(path):
    logger.info("loading %s", path)
\`\`\`

## Fix safety
No automatic fix here; Ruff's deletes the statement (unsafe), which loses the output.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (!func || !mayBeCallTo(func, ctx, PRINT) || qualifiedName(func, ctx) !== 'builtins.print') return;
    const file = callArguments(node).keywords.get('file');
    if (file && !isDefaultTarget(file, ctx)) return;
    ctx.report(func, '`print` found');
  },
};

function isDefaultTarget(value: Node, ctx: UnitContext): boolean {
  if (unparenthesize(value).type === 'none') return true;
  const name = qualifiedName(value, ctx);
  return name === 'sys.stdout' || name === 'sys.stderr';
}
