import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';

/** Callee names that only report (a warning, a log line), not release anything. */
const REPORTING = new Set([
  'warn',
  'warning',
  'debug',
  'info',
  'error',
  'exception',
  'critical',
  'log',
  'print',
]);

export const delFinalizer: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV505',
    name: 'del-finalizer',
    summary: 'No `__del__` finalizers: release resources with a context manager or `close()`.',
    seeds: ['002'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags a \`__del__\` method defined in a class body that does cleanup work, at its name: one
that calls anything other than a warning or a log call (\`warnings.warn\`, \`logger.warning\`,
\`print\`). A \`__del__\` that only asserts, records or warns about a resource left open is a
debugging aid, not cleanup, and is not flagged.

Precision, read by hand: on the corpus (334 files of ten popular libraries) it reports 6
finalizers (click, trio, werkzeug), each closing or detaching a stream, pipe or socket: exactly
what the guide says not to leave to a finalizer. Precision 100% (6 of 6). Without the "does
work" condition it also reported an \`assert\`, a test's flag and a \`ResourceWarning\`-style warning.

Off by default: only guide 002 asks for it (its preset turns it on); guide 001 releases its native
engine handle in a \`__del__\` on purpose, as a safety net behind an explicit \`stop()\`.

## Why
Guide 002: "Avoid finalizers for critical cleanup." When \`__del__\` runs is up to the garbage
collector (never, for objects in a reference cycle on some interpreters, or at interpreter exit
when modules are half torn down); exceptions in it are only printed.

## Example
\`\`\`python
class Connection:
    def __del__(self):
        self.sock.close()
\`\`\`

## Use instead
\`\`\`python
class Connection:
    def close(self) -> None:
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
\`\`\``,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const name = node.childForFieldName('name');
    if (name?.text !== '__del__') return;
    const parent = ctx.scopes[ctx.scopes.length - 1];
    if (parent?.type !== 'class_definition' || !doesWork(node)) return;
    ctx.report(
      name,
      'A `__del__` finalizer runs when the garbage collector decides; release resources explicitly',
    );
  },
};

function doesWork(finalizer: Node): boolean {
  const body = finalizer.childForFieldName('body');
  if (!body) return false;
  return body.descendantsOfType('call').some((call) => {
    const callee = call?.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    return name !== undefined && !REPORTING.has(name);
  });
}
