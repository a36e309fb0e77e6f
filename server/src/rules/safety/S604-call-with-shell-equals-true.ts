import type { UnitRule } from '../../engine/rule';
import { describeShellCall } from './shell';

export const callWithShellEqualsTrue: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S604',
    name: 'call-with-shell-equals-true',
    summary: 'No `shell=True` passed to any other function.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags any call other than the \`subprocess\` functions of S602 that passes \`shell=True\` (or
another truthy literal), as Ruff's S604 does: wrappers such as \`run_command(cmd, shell=True)\`
usually hand the flag on to \`subprocess\`.

## Why
Guide 002: "avoid shell=True with user input". A wrapper that forwards \`shell=True\` carries the
same injection risk as calling \`subprocess\` with it directly.

## Example
\`\`\`python
utils.execute(f"rm -rf {path}", shell=True)
\`\`\`

## Use instead
\`\`\`python
utils.execute(["rm", "-rf", path])
\`\`\`

## Fix safety
No automatic fix. Known false positives: functions whose \`shell\` parameter means something else.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const call = describeShellCall(node, ctx);
    if (!call?.shell || call.kind === 'subprocess') return;
    const func = node.childForFieldName('function');
    if (!func) return;
    ctx.report(
      func,
      call.shell === 'true'
        ? 'Function call with `shell=True` parameter identified, security issue'
        : 'Function call with truthy `shell` parameter identified, security issue',
    );
  },
};
