import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isUppercase } from './case';
import { pyconvNamingOptions } from './options';
import { bindingScope } from './syntax';
import { annotationHead } from './values';

function isBoolAnnotation(ctx: UnitContext, annotation: Node | null): boolean {
  if (!annotation) return false;
  const head = annotationHead(annotation);
  if (!head) return false;
  return (
    (head.type === 'identifier' && head.text === 'bool' && !ctx.module.imports.has('bool')) ||
    head.text === 'builtins.bool'
  );
}

function readsAsPredicate(name: string, prefixes: readonly string[]): boolean {
  const word = name.replace(/^_+/, '').toLowerCase();
  // Validation drops a prefix's trailing `_`; options handed to the engine unvalidated may keep it.
  const stems = prefixes.map((prefix) => prefix.replace(/_+$/, ''));
  return stems.some((stem) => word === stem || word.startsWith(`${stem}_`));
}

/** Whether an earlier assignment in the same function body binds `name` (only the first is reported). */
function boundEarlierInFunction(functionNode: Node, site: Node, name: string): boolean {
  const body = functionNode.childForFieldName('body');
  if (!body) return false;
  for (const assignment of body.descendantsOfType('assignment')) {
    if (!assignment || assignment.startIndex >= site.startIndex) continue;
    const left = assignment.childForFieldName('left');
    if (
      left?.type === 'identifier' &&
      left.text === name &&
      bindingScope(assignment).node?.id === functionNode.id
    )
      return true;
  }
  return false;
}

export const boolPredicateName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV102',
    name: 'bool-predicate-name',
    summary: 'Boolean variables read as predicates (`is_`, `has_`, `can_`, `should_`, ...).',
    seeds: ['001'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags a variable annotated \`bool\` (\`ready: bool = False\`, a class or dataclass field
\`cached: bool\`) or assigned \`True\`/\`False\` whose name does not read as a predicate: after
leading underscores it must be one of the configured prefixes or start with one followed by \`_\`
(default: \`is\`, \`has\`, \`have\`, \`can\`, \`should\`, \`was\`, \`were\`, \`will\`, \`did\`, \`does\`,
\`do\`, \`are\`, \`needs\`, \`must\`, \`allow\`, \`use\`, \`enable\`; set
\`[tool.pyconv.pyconv-naming] bool-prefixes\`). In a function only the first assignment of a name
is reported. UPPER_CASE constants (\`DEBUG = False\`), parameters and attributes (\`self.x = True\`)
are not checked.

Off by default: only style guide 001 asks for it, and flag-like names (\`verbose\`, \`debug\`, \`force\`)
are common and accepted elsewhere.

## Why
Style guide 001: "Boolean variables: use descriptive predicates: \`is_finished\`, \`has_cache\`,
\`can_schedule\`", so that conditions read as questions (\`if has_cache:\`).

## Example
\`\`\`python
ready: bool = False
cache = True
\`\`\`

## Use instead
\`\`\`python
is_ready: bool = False
has_cache = True
\`\`\`

## Fix safety
There is no fix: the right predicate (\`is_\`, \`has_\`, \`can_\`) depends on the meaning; the message
suggests one.`,
  },
  nodeTypes: ['assignment'],
  visit(node, ctx) {
    if (node.parent?.type === 'assignment') return;
    const left = node.childForFieldName('left');
    if (left?.type !== 'identifier') return;
    const value = node.childForFieldName('right');
    const annotated = isBoolAnnotation(ctx, node.childForFieldName('type'));
    if (!annotated && value?.type !== 'true' && value?.type !== 'false') return;
    const name = left.text;
    if (isUppercase(name) || (name.startsWith('__') && name.endsWith('__'))) return;
    const { 'bool-prefixes': prefixes } = pyconvNamingOptions.read(ctx);
    if (readsAsPredicate(name, prefixes)) return;
    const scope = bindingScope(node);
    if (scope.kind === 'function' && scope.node && boundEarlierInFunction(scope.node, node, name)) return;
    const underscores = name.match(/^_*/)?.[0] ?? '';
    ctx.report(
      left,
      `Boolean \`${name}\` should read as a predicate, e.g. \`${underscores}is_${name.slice(underscores.length)}\` or \`${underscores}has_${name.slice(underscores.length)}\``,
    );
  },
};
