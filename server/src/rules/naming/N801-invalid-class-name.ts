import type { UnitRule } from '../../engine/rule';
import { isCapWords } from './case';
import { isIgnoredName } from './options';

export const invalidClassName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N801',
    name: 'invalid-class-name',
    summary: 'Class names use CapWords.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'none',
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
No automatic fix here; the rename quick fix renames every reference in the file and is unsafe,
since other modules may import the name.`,
  },
  nodeTypes: ['class_definition'],
  visit(node, ctx) {
    const name = node.childForFieldName('name');
    if (!name) return;
    if (isCapWords(name.text) || isIgnoredName(ctx, name.text)) return;
    ctx.report(name, `Class name \`${name.text}\` should use CapWords convention`);
  },
};
