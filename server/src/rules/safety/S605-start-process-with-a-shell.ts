import type { UnitRule } from '../../engine/rule';
import { callKind } from './shell';
import { callArguments, stringLiteralValue, unparenthesize } from './syntax';

export const startProcessWithAShell: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S605',
    name: 'start-process-with-a-shell',
    summary: 'No `os.system`, `os.popen` and other calls that run a command through a shell.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags calls that always start their command through a shell, as Ruff's S605 does: \`os.system\`,
\`os.popen\` (and \`popen2\`/\`popen3\`/\`popen4\`), \`subprocess.getoutput\`,
\`subprocess.getstatusoutput\`, and the Python 2 \`popen2\` and \`commands\` modules, however imported,
when a positional argument is passed. The message says whether the command is a string literal
(seems safe today) or built at run time (possible injection).

## Why
Guide 002: "avoid shell=True with user input", and use \`subprocess\` with an argument list
instead of \`os.system\`. The shell interprets metacharacters, so any interpolated value can run
arbitrary commands.

## Example
\`\`\`python
os.system(f"tar czf {archive} {folder}")
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
    const func = node.childForFieldName('function');
    if (!func || callKind(func, ctx) !== 'shell') return;
    const command = callArguments(node).positional[0];
    if (!command) return;
    const message =
      stringLiteralValue(command) !== undefined
        ? 'Starting a process with a shell: seems safe, but may be changed in the future; consider rewriting without `shell`'
        : 'Starting a process with a shell, possible injection detected';
    ctx.report(unparenthesize(func), message);
  },
};
