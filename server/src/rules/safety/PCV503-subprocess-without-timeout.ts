import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { assignedValue } from './async-context';
import { callArguments, importedName, stringLiteralValue, unparenthesize } from './syntax';

const RUNNERS = new Set(['run', 'call', 'check_call', 'check_output'].map((f) => `subprocess.${f}`));
/** Keywords that connect the child's output or input to the caller: the child is not interactive. */
const CAPTURING = ['capture_output', 'stdout', 'stderr', 'input'];

export const subprocessWithoutTimeout: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV503',
    name: 'subprocess-without-timeout',
    summary: 'Calls that wait for a subprocess pass `timeout=`.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags the \`subprocess\` calls that wait for a child process without a \`timeout=\`:
- \`subprocess.check_output\`, and \`subprocess.run\`, \`call\` and \`check_call\` that capture the
  child's output or feed its input (\`capture_output=\`, \`stdout=\`, \`stderr=\` or \`input=\`) or
  run a fixed program (\`["make", ...]\`, \`"git fetch"\`: the program is a string literal);
- \`.communicate()\` on a \`subprocess.Popen\`: called directly on the \`Popen(...)\` call, on a
  name the function assigned it to, or on the \`as\` name of \`with Popen(...) as p:\`.

A call with \`**kwargs\` may carry the timeout and is not flagged. Not flagged either, on purpose:
a child left attached to the terminal whose program is not a literal (\`subprocess.call([editor,
path])\`, a pager, the application itself under a reloader: \`subprocess.call(args)\`) and
\`Popen.wait()\`: such children are often interactive,
and a timeout on a user's editor would be a bug. Creating a \`Popen\` does not wait; the waiting
call is where the timeout goes. \`getoutput\`/\`getstatusoutput\` take no timeout.

Precision, read by hand: on the corpus (334 files of ten popular libraries) it reports 6 calls,
all non-interactive helpers that would hang their caller if the child hung (\`bash -c 'echo
$BASH_VERSION'\`, the musl loader, macOS' \`sw_vers\`, PowerShell's profile path, \`ioreg\`, a test
script): precision 100% (6 of 6). Before the interactive exclusions it also reported 9 calls, of
which 7 were an editor, a pager, a browser, a reloaded application or a reaped child.

## Why
Guide 002: "Subprocess & filesystem: ... Set timeouts and resource limits." A child process
that hangs (waiting for input, a lock or the network) hangs its caller with it.

## Example
\`\`\`python
import subprocess

subprocess.run(["git", "fetch"], check=True, capture_output=True)
\`\`\`

## Use instead
\`\`\`python
import subprocess

subprocess.run(["git", "fetch"], check=True, capture_output=True, timeout=60)
\`\`\``,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (!func) return;
    const args = callArguments(node);
    if (args.keywords.has('timeout') || args.hasDoubleSplat) return;
    const name = importedName(func, ctx);
    if (name !== undefined && RUNNERS.has(name)) {
      const captures = name === 'subprocess.check_output' || CAPTURING.some((k) => args.keywords.has(k));
      const command = args.keywords.get('args') ?? args.positional[0];
      if (captures || (command && namesItsProgram(command)))
        ctx.report(func, `\`${name}\` without a \`timeout=\` can wait forever`);
      return;
    }
    if (func.type !== 'attribute') return;
    const object = func.childForFieldName('object');
    if (func.childForFieldName('attribute')?.text !== 'communicate' || !object) return;
    if (args.positional.length > 0) return;
    if (isPopen(object, ctx)) ctx.report(func, '`Popen.communicate()` without a `timeout=` can wait forever');
  },
};

/** `["make", ...]` or `"make ..."`: a fixed program, not one the user picks (an editor, a pager). */
function namesItsProgram(command: Node): boolean {
  const bare = unparenthesize(command);
  if (bare.type === 'string') return stringLiteralValue(bare) !== undefined;
  if (bare.type !== 'list' && bare.type !== 'tuple') return false;
  const first = bare.namedChildren.find((c) => c && c.type !== 'comment');
  return !!first && first.type === 'string' && stringLiteralValue(first) !== undefined;
}

function isPopenCall(node: Node, ctx: UnitContext): boolean {
  const call = unparenthesize(node);
  const callee = call.type === 'call' ? call.childForFieldName('function') : null;
  return !!callee && importedName(callee, ctx) === 'subprocess.Popen';
}

function isPopen(object: Node, ctx: UnitContext): boolean {
  const bare = unparenthesize(object);
  if (isPopenCall(bare, ctx)) return true;
  if (bare.type !== 'identifier') return false;
  const value = assignedValue(bare, ctx);
  if (value) return isPopenCall(value, ctx);
  return boundByWithPopen(bare, ctx);
}

/** `with subprocess.Popen(...) as name:` around the use. */
function boundByWithPopen(name: Node, ctx: UnitContext): boolean {
  for (let at = name.parent; at; at = at.parent) {
    if (at.type === 'function_definition' || at.type === 'class_definition') return false;
    if (at.type !== 'with_statement') continue;
    for (const item of at.descendantsOfType('as_pattern')) {
      const alias = item?.childForFieldName('alias');
      const value = item?.namedChild(0);
      if (alias && value && alias.text === name.text && isPopenCall(value, ctx)) return true;
    }
  }
  return false;
}
