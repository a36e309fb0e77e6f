import { generatorArguments, yieldsNothing } from '../../docstrings/body';
import { docstringFix } from '../../docstrings/edit';
import { documentsYields, startsWithWord } from '../../docstrings/reading';
import type { UnitRule } from '../../engine/rule';
import { placeholderSectionEdit, pydoclintTarget } from './doc-common';

export const docstringMissingYields: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'DOC402',
    name: 'docstring-missing-yields',
    summary: 'A generator documents `Yields:`.',
    seeds: ['001'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a docstring without a \`Yields:\` section on a generator, exactly as Ruff's pydoclint DOC402
(preview); a \`Yields\` section (Google, NumPy) or a \`:yields:\` field (Sphinx) documents it. A
generator: the body (nested functions and lambdas excluded) has a \`yield\` or \`yield from\`, and the return annotation is not a generator type yielding nothing
(\`Iterator\`, \`Generator[None, ...]\`), or, unannotated, some \`yield\` has a value other than
\`None\`. Not checked: docstrings starting with "Yield"/"Yields" (Google convention only, as Ruff), stub bodies, one-line docstrings
when \`[tool.pyconv.pydoclint] ignore-one-line-docstrings = true\`. Reported on the docstring.

## Why
Style guide 001 documents what a generator yields under \`Yields:\` (not \`Returns:\`).

## Example
\`\`\`python
def batches(items, size):
    """Splits items into batches."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
\`\`\`

## Use instead
\`\`\`python
def batches(items, size):
    """Splits items into batches.

    Yields:
        Lists of at most \`size\` items.
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]
\`\`\`

## Fix safety
The fix adds a \`Yields:\` section (before \`Raises:\` when there is one) with a \`TODO.\`
description; unsafe so that fix-all does not spread placeholders.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const target = pydoclintTarget(node, ctx);
    if (!target) return;
    const { info } = target;
    const documented = documentsYields(info.reading);
    if (documented || startsWithWord(info.reading, info.docstring.body, ['Yield', 'Yields'])) return;
    if (target.body().yields.length === 0) return;
    const annotation = node.childForFieldName('return_type');
    if (annotation) {
      const generator = generatorArguments(annotation, ctx.module);
      if (generator && yieldsNothing(generator)) return;
    } else if (!target.body().yields.some((y) => !y.isNoneYield)) {
      return;
    }
    // Reads the docstring's layout: built only when the edits are read.
    const edit = ctx.fixEdits(() => [placeholderSectionEdit(info, ctx.source, 'Yields')]);
    ctx.report(
      info.docstring.node,
      '`yield` is not documented in docstring',
      docstringFix('Add a "Yields:" section', edit),
    );
  },
};
