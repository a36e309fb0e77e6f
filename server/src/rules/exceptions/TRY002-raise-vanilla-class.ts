import type { UnitRule } from '../../engine/rule';
import { builtinName, mapCallable, raisedException } from '../safety/syntax';

export const raiseVanillaClass: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'TRY002',
    name: 'raise-vanilla-class',
    summary: 'Raise a project exception, not `Exception` or `BaseException`.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags \`raise Exception(...)\` and \`raise BaseException(...)\` (with or without a call), as Ruff's
TRY002 does. Only the builtins are flagged, also when spelled \`builtins.Exception\`.

## Why
Guide 004 asks for the project's own exception hierarchy (\`raise ConfigurationError(...)\`), and
000 and 003 define domain exceptions the same way. Callers cannot catch a plain \`Exception\`
without catching everything else too. No guide raises a bare \`Exception\`, so the rule is on.

## Example
\`\`\`python
def load(path):
    if not path.exists():
        raise Exception(f"missing config {path}")
\`\`\`

## Use instead
\`\`\`python
class ConfigurationError(Exception):
    """The configuration cannot be loaded."""


def load(path):
    if not path.exists():
        raise ConfigurationError(f"missing config {path}")
\`\`\`

## Fix safety
No automatic fix: the right exception class is a design decision.`,
  },
  nodeTypes: ['raise_statement'],
  visit(node, ctx) {
    const exception = raisedException(node);
    if (!exception) return;
    const name = builtinName(mapCallable(exception), ctx);
    if (name === 'Exception' || name === 'BaseException') ctx.report(exception, 'Create your own exception');
  },
};
