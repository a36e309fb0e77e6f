import { builtinAddedIn, isPythonBuiltin } from '../../analysis/python-names';
import type { FileRule } from '../../engine/rule';
import { moduleReplay, prepareFlow, rangeOf, unitFlows } from './unit-flow';

export const undefinedName: FileRule = {
  kind: 'file',
  meta: {
    code: 'F821',
    name: 'undefined-name',
    summary: 'No read of a name that nothing defines.',
    seeds: ['000', '003', '004'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags a read of a name that no binding, builtin or import defines where it is read, as pyflakes
and Ruff's F821 do. Module-level code sees only what was bound before it runs; function and lambda
bodies see the module as it is at the end (so they may call functions defined below them). Class
bodies are not visible from their methods, comprehensions have their own scope, \`global\` and
\`nonlocal\` declare where a name lives, \`del x\` and the end of \`except E as x:\` unbind.

Builtins follow the target Python version (\`ExceptionGroup\` needs 3.11; the message then says
so). Also defined: module globals such as \`__file__\`, \`__name__\`, \`__builtins__\`,
\`__module__\` and \`__qualname__\` inside a class body, \`__class__\` inside a method, and
\`__path__\` in an \`__init__.py\`. String annotations (\`x: "Model"\`) and, under \`from
__future__ import annotations\`, all annotations are read after the module, so they may name
classes defined below. Not flagged: reads inside \`try:\` whose handlers catch \`NameError\`, and any read
of a module with \`from m import *\` (F405's business). As in Ruff, \`@no_type_check\` does not
silence the rule.

## Why
Guides 000, 003 and 004 run pyflakes or Ruff's F rules: an undefined name is a \`NameError\`
waiting for the code path that reaches it.

## Example
\`\`\`python
def area(radius):
    return pi * radius**2
\`\`\`

## Use instead
\`\`\`python
from math import pi


def area(radius):
    return pi * radius**2
\`\`\`

## Fix safety
No fix: the name may need an import, a definition or a correction of a typo.

## Known differences from Ruff
Typing generics are told by name (\`Optional["Model"]\` outside an annotation reads \`Model\`),
not resolved through the imports. A string annotation is checked with a small tokenizer rather
than Python's parser: one that is not a valid expression is skipped (Ruff reports F722 there).`,
  },
  prepare: prepareFlow,
  check(ctx) {
    const [, minor] = ctx.config.targetVersion;
    const flows = unitFlows(ctx);
    const report = (name: string, start: number, end: number): void => {
      const added = builtinAddedIn(name);
      const tip =
        added !== undefined
          ? `. Consider specifying \`requires-python = ">= 3.${added}"\` or \`tool.ruff.target-version = "py3${added}"\` in your \`pyproject.toml\` file.`
          : '';
      ctx.report(rangeOf(ctx, start, end), `Undefined name \`${name}\`${tip}`);
    };
    for (const { base, flow } of flows) {
      if (flow.broken) continue;
      for (const read of flow.localUndefined) report(read.name, base + read.start, base + read.end);
    }
    const packageInit = ctx.file.isPackageInit;
    for (const miss of moduleReplay(ctx).misses) {
      if (miss.resolution === 'not-found' && isPythonBuiltin(miss.name, minor)) continue;
      if (packageInit && miss.name === '__path__') continue;
      report(miss.name, miss.start, miss.end);
    }
  },
};
