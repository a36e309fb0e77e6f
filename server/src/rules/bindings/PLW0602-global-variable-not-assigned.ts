import type { FileRule } from '../../engine/rule';
import { prepareFlow, rangeOf, unitFlows } from './unit-flow';

export const globalVariableNotAssigned: FileRule = {
  kind: 'file',
  meta: {
    code: 'PLW0602',
    name: 'global-variable-not-assigned',
    summary: 'No `global` statement for a name the scope never assigns.',
    seeds: ['003'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags a name in a \`global\` statement of a function or class body that the body never binds,
as Ruff's PLW0602 (pylint's \`global-variable-not-assigned\`) does. Reading a module-level name
needs no \`global\`; the statement only matters for assignments, so one without any is either
noise or hides a mutation through the name (\`CACHE.append(x)\` after \`global CACHE\`), which the
statement does not make any safer. Any binding counts as an assignment: \`=\`, \`+=\`, \`for\`,
\`with ... as\`, \`import\`, \`def\`, \`class\`, \`del\`; one in a nested function does not.

## Why
Guide 003 asks that mutable module-level state is not changed from inside functions: a
\`global\` statement without an assignment is usually the sign of a function reaching into
module state.

## Example
\`\`\`python
REGISTRY = {}


def register(name, handler):
    global REGISTRY
    REGISTRY[name] = handler
\`\`\`

## Use instead
\`\`\`python
REGISTRY = {}


def register(name, handler):
    REGISTRY[name] = handler
\`\`\`

## Fix safety
No fix: whether to drop the statement or to pass the state explicitly is a design decision.`,
  },
  prepare: prepareFlow,
  check(ctx) {
    for (const { base, flow } of unitFlows(ctx)) {
      for (const site of flow.unassignedGlobals) {
        ctx.report(
          rangeOf(ctx, base + site.start, base + site.end),
          `Using global for \`${site.name}\` but no assignment is done`,
        );
      }
    }
  },
};
