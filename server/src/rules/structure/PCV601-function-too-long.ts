import { findDocstring } from '../../docstrings/google';
import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { structureOptionsSection } from './options';

export const functionTooLong: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV601',
    name: 'function-too-long',
    summary: 'Functions are under N lines (default 100).',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a function or method that spans more than \`[tool.pyconv.pyconv-structure] max-function-lines\`
lines of code (default 100): the lines from \`def\` to the end of the body, not counting decorators,
the docstring, blank lines and comment-only lines, so that a well-documented function is not
penalised for its documentation. Nested functions are measured on their own and also count towards
the enclosing function. Reported on the name.

On the corpus (334 third-party files, 119k lines) it reports 15 functions (72 when docstrings were
counted, which flagged short but well-documented functions such as \`click.style\`); all 15 are
long bodies of logic (test scenarios, request/redirect loops, code generators, lexers): estimated
precision 100% (15/15; fewer than 30 hits exist).

## Why
Style guide 004 keeps functions under 100 lines and extracts helpers for complex logic: a function
that does not fit on a screen or two usually does more than one thing.


## Example
\`\`\`python
def train(config):
    ...  # 180 lines of setup, loop, evaluation and saving
\`\`\`

## Use instead
\`\`\`python
def train(config):
    model = build_model(config)
    for epoch in range(config.epochs):
        run_epoch(model, config)
    save(model, config.output)
\`\`\`

## Fix safety
No fix: splitting a function is a design decision.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const max = structureOptionsSection.read(ctx)['max-function-lines'];
    const body = node.childForFieldName('body');
    const name = node.childForFieldName('name');
    if (!body || !name) return;
    // No more lines of code than lines: most functions are told short without counting.
    if (body.endPosition.row - node.startPosition.row + 1 <= max) return;
    const lines = codeLines(node, body, ctx.source);
    if (lines <= max) return;
    ctx.report(name, `Function \`${name.text}\` has ${lines} lines of code (max ${max})`);
  },
};

/** Lines from `def` to the end of the body, without the docstring, blank lines and comment-only lines. */
function codeLines(node: Node, body: Node, source: string): number {
  const docstring = findDocstring(body);
  const skipFrom = docstring ? docstring.node.startPosition.row : -1;
  const skipTo = docstring ? docstring.node.endPosition.row : -1;
  const text = source.slice(node.startIndex, body.endIndex).split('\n');
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const row = node.startPosition.row + i;
    if (row >= skipFrom && row <= skipTo) continue;
    const trimmed = text[i].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    count++;
  }
  return count;
}
