import { generatorArguments, indicatesNoneReturned, isNoneAnnotation } from '../../docstrings/body';
import { isProperty } from '../../docstrings/definitions';
import { docstringFix } from '../../docstrings/edit';
import { documentsReturns, startsWithWord } from '../../docstrings/reading';
import type { UnitRule } from '../../engine/rule';
import { placeholderSectionEdit, pydoclintTarget } from './doc-common';
import { pydocstyleOptions } from './options';

export const docstringMissingReturns: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'DOC201',
    name: 'docstring-missing-returns',
    summary: 'A function that returns a value documents `Returns:`.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a docstring without a \`Returns:\` section on a function that returns a value, exactly as
Ruff's pydoclint DOC201 (preview). The section is \`Returns:\` (Google), an underlined \`Returns\`
(NumPy) or a \`:returns:\` field (Sphinx), in \`[tool.pyconv.pydocstyle] convention\` or the style
guessed per docstring. A function returns a value when its
body (nested functions excluded) has a \`return\` and it is annotated with anything but \`None\` (or
a generator type that returns nothing, such as \`Iterator[int]\`), or, unannotated, when some
\`return\` has a value other than \`None\`. Not checked: docstrings starting with "Return"/"Returns" (Google convention only, as Ruff),
properties (\`property\`, \`functools.cached_property\`... and
\`[tool.pyconv.pydocstyle] property-decorators\`), \`__new__\`, stub bodies (\`...\`, \`pass\`,
\`raise NotImplementedError\`), one-line docstrings when
\`[tool.pyconv.pydoclint] ignore-one-line-docstrings = true\`. A \`Return:\` section (singular) does
not count, as in Ruff. Reported on the docstring.

## Why
Style guides 000, 001 and 004 document return values under \`Returns:\`.

## Example
\`\`\`python
def area(width: float, height: float) -> float:
    """Computes the area."""
    return width * height
\`\`\`

## Use instead
\`\`\`python
def area(width: float, height: float) -> float:
    """Computes the area.

    Returns:
        The area in square units.
    """
    return width * height
\`\`\`

## Fix safety
The fix adds a \`Returns:\` section (before \`Raises:\` when there is one) with a \`TODO.\`
description; unsafe so that fix-all does not spread placeholders.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    if (node.childForFieldName('name')?.text === '__new__') return;
    const target = pydoclintTarget(node, ctx);
    if (!target) return;
    const { info } = target;
    const documented = documentsReturns(info.reading);
    if (documented || startsWithWord(info.reading, info.docstring.body, ['Return', 'Returns'])) return;
    const extra = pydocstyleOptions.read(ctx)['property-decorators'];
    if (isProperty(node, ctx.module, extra) || target.body().returns.length === 0) return;
    const annotation = node.childForFieldName('return_type');
    if (annotation) {
      if (isNoneAnnotation(annotation)) return;
      const generator =
        target.body().yields.length > 0 ? generatorArguments(annotation, ctx.module) : undefined;
      if (generator && indicatesNoneReturned(generator)) return;
    } else if (!target.body().returns.some((r) => r.kind === 'value')) {
      return;
    }
    // Reads the docstring's layout: built only when the edits are read.
    const edit = ctx.fixEdits(() => [placeholderSectionEdit(info, ctx.source, 'Returns')]);
    ctx.report(
      info.docstring.node,
      '`return` is not documented in docstring',
      docstringFix('Add a "Returns:" section', edit),
    );
  },
};
