import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { describeProcessCall } from './shell';
import { stringLiteralValue, unparenthesize } from './syntax';

export const startProcessWithPartialPath: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S607',
    name: 'start-process-with-partial-path',
    summary: 'Start processes by their full path, not one looked up on `PATH`.',
    seeds: ['002'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags process-starting calls (\`subprocess.run\` and friends, \`os.system\`, \`os.popen\`, the
\`os.exec*\`/\`os.spawn*\` family, \`os.startfile\`, however imported) whose command is a string
literal, or a list or tuple whose first item is one, that does not start with \`/\`, \`\\\`, \`.\` or
a drive letter (\`C:\`), as Ruff's S607 does.

## Why
Guide 002 asks for safe subprocess use. A bare program name is looked up on \`PATH\` when the call
runs, so whoever controls \`PATH\` (or the working directory on Windows) chooses the program.

Off by default: guide 002's own compliant example, \`subprocess.run(["echo", text], timeout=5)\`,
relies on \`PATH\`, as most code does on purpose. Enable it with \`extend-select = ["S607"]\`.

## Example
\`\`\`python
subprocess.run(["git", "status"], check=True)
\`\`\`

## Use instead
\`\`\`python
subprocess.run([shutil.which("git") or "/usr/bin/git", "status"], check=True)
\`\`\`

## Fix safety
No automatic fix: the full path depends on the machine.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const call = describeProcessCall(node, ctx);
    if (!call?.kind || !call.command) return;
    const command = unparenthesize(call.command);
    const program = programName(command);
    if (program !== undefined && !isFullPath(program)) {
      ctx.report(command, 'Starting a process with a partial executable path');
    }
  },
};

/** The literal program of a command: the string, or the first item of a list or tuple. */
function programName(command: Node): string | undefined {
  if (command.type === 'list' || command.type === 'tuple') {
    const first = command.namedChildren.find((child) => child && child.type !== 'comment');
    return first ? stringLiteralValue(first) : undefined;
  }
  return stringLiteralValue(command);
}

/** Ruff's test: `/`, `\\` or `.` first, or a drive letter (`C:`). */
function isFullPath(program: string): boolean {
  const [first, second] = Array.from(program);
  if (first === undefined) return false;
  if (first === '/' || first === '\\' || first === '.') return true;
  return /\p{Alphabetic}/u.test(first) && second === ':';
}
