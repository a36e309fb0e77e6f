import type { UnitRule } from '../../engine/rule';
import { describeShellCall } from './shell';
import { stringLiteralValue } from './syntax';

export const subprocessPopenWithShellEqualsTrue: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S602',
    name: 'subprocess-popen-with-shell-equals-true',
    summary: 'No `shell=True` in `subprocess` calls.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags \`subprocess.run\`, \`call\`, \`check_call\`, \`check_output\` and \`Popen\` (however imported)
called with a command and a \`shell=\` that is \`True\` or another truthy literal, as Ruff's S602
does. The message says whether the command is a string literal (seems safe today) or built at run
time (possible injection).

## Why
Guide 002: "avoid shell=True with user input", and its injection example
\`subprocess.run(f"echo {user_input}", shell=True)\`. The shell interprets metacharacters, so any
interpolated value can run arbitrary commands.

## Example
\`\`\`python
subprocess.run(f"tar czf {archive} {folder}", shell=True)
\`\`\`

## Use instead
\`\`\`python
subprocess.run(["tar", "czf", archive, folder], check=True)
\`\`\`

## Fix safety
No automatic fix: splitting a shell command into arguments needs care (quoting, pipes, globs).`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const call = describeShellCall(node, ctx);
    if (call?.kind !== 'subprocess' || !call.command || !call.shell) return;
    const func = node.childForFieldName('function');
    if (!func) return;
    const exact = call.shell === 'true';
    const literal = stringLiteralValue(call.command) !== undefined;
    const shell = exact ? '`shell=True`' : 'truthy `shell`';
    const message = literal
      ? `\`subprocess\` call with ${shell} seems safe, but may be changed in the future; consider rewriting without \`shell\``
      : `\`subprocess\` call with ${shell} identified, security issue`;
    ctx.report(func, message);
  },
};
