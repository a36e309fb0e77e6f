import type { UnitRule } from '../../engine/rule';
import { isCapWords } from './case';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix, toCapWords } from './rename-fix';

export const invalidClassName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N801',
    name: 'invalid-class-name',
    summary: 'Class names use CapWords.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags class names that are not CapWords (PascalCase), as PEP 8 and Ruff's N801 do: after any
leading underscores the name must start with an uppercase letter and contain no further \`_\`
(so \`Foo_\` is flagged, as Ruff flags it). Names matching \`[tool.pyconv.pep8-naming]
ignore-names\` / \`extend-ignore-names\` are skipped.

## Why
Three of the five style guides (000, 001, 004) name classes in PascalCase, so that a reader can
tell a class from a function or a variable at a glance.

## Example
\`\`\`python
class inference_engine:
    ...
\`\`\`

## Use instead
\`\`\`python
class InferenceEngine:
    ...
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: ['class_definition'],
  visit(node, ctx) {
    const name = node.childForFieldName('name');
    if (!name) return;
    if (isCapWords(name.text) || isIgnoredName(ctx, name.text)) return;
    ctx.report(
      name,
      `Class name \`${name.text}\` should use CapWords convention`,
      renameFix(name.text, toCapWords(name.text), isCapWords),
    );
  },
};
