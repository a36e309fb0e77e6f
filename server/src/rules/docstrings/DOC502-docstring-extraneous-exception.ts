import { isAbstract } from '../../docstrings/definitions';
import { documentedRaises } from '../../docstrings/reading';
import type { UnitRule } from '../../engine/rule';
import { endsWith } from './DOC501-docstring-missing-exception';
import { pydoclintTarget } from './doc-common';

export const docstringExtraneousException: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'DOC502',
    name: 'docstring-extraneous-exception',
    summary: 'No exception is listed under `Raises:` that the body does not raise.',
    seeds: ['000', '001'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a \`Raises:\` section that lists exceptions the function body does not explicitly raise,
exactly as Ruff's pydoclint DOC502 (preview), reading \`Raises\` as DOC501 does; one finding on the
docstring names all of them. What counts as raised is as in DOC501 (\`NotImplementedError\`
included). Abstract methods (\`abc.abstractmethod\`...) and stub bodies are skipped, since they
document what implementations raise.

## Why
Style guides 000 and 001 keep \`Raises:\` accurate; an exception that is listed but raised only by a
callee, or no longer at all, misleads callers.

## Example
\`\`\`python
def parse(text):
    """Parses a manifest.

    Raises:
        KeyError: If a field is missing.
    """
    return json.loads(text)
\`\`\`

## Use instead
\`\`\`python
def parse(text):
    """Parses a manifest."""
    return json.loads(text)
\`\`\`

## Fix safety
No fix: the exception may be raised by a callee on purpose; remove the entry by hand.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    if (isAbstract(node, ctx.module)) return;
    const target = pydoclintTarget(node, ctx);
    if (!target) return;
    const { info } = target;
    const documented = documentedRaises(info.reading);
    if (!documented) return;
    const extraneous = documented
      .map((e) => e.name)
      .filter((name) => !target.body().raised.some((r) => endsWith(r.segments, name.split('.'))));
    if (extraneous.length === 0) return;
    const message =
      extraneous.length === 1
        ? `Raised exception is not explicitly raised: \`${extraneous[0]}\``
        : `Raised exceptions are not explicitly raised: ${extraneous.map((n) => `\`${n}\``).join(', ')}`;
    ctx.report(info.docstring.node, message);
  },
};
