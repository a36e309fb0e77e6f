import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isLowercase } from './case';
import { isIgnoredName } from './options';
import { RENAME_FIX_SAFETY, renameFix, toSnakeCase } from './rename-fix';
import { anyQualifiedBase, decoratorsOf, directClassOf, isTypingMember, resolve } from './syntax';

/** Framework base classes whose callback methods carry camelCase parts by contract. */
const CALLBACK_BASES: ReadonlyArray<{ prefix: string; bases: ReadonlySet<string> }> = [
  { prefix: 'visit_', bases: new Set(['ast.NodeVisitor', 'ast.NodeTransformer']) },
  {
    prefix: 'do_',
    bases: new Set([
      'http.server.BaseHTTPRequestHandler',
      'http.server.CGIHTTPRequestHandler',
      'http.server.SimpleHTTPRequestHandler',
    ]),
  },
];

function isOverrideOrOverload(definition: Node, ctx: UnitContext): boolean {
  return decoratorsOf(definition).some((decorator) => {
    const qualified = resolve(ctx, decorator);
    return isTypingMember(qualified, 'override') || isTypingMember(qualified, 'overload');
  });
}

function isFrameworkCallback(name: string, definition: Node, ctx: UnitContext): boolean {
  const owner = directClassOf(definition);
  if (!owner) return false;
  const callback = CALLBACK_BASES.find((c) => name.startsWith(c.prefix));
  if (!callback) return false;
  return anyQualifiedBase(ctx, owner, (qualified) => callback.bases.has(qualified));
}

export const invalidFunctionName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'N802',
    name: 'invalid-function-name',
    summary: 'Function and method names are lowercase (snake_case).',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags function and method names that contain an uppercase letter, as PEP 8 and Ruff's N802 do.
Not flagged, exactly as in Ruff:
- names matching \`[tool.pyconv.pep8-naming] ignore-names\` (by default unittest's \`setUp\`,
  \`tearDown\`, \`setUpClass\`, \`asyncSetUp\`, ...) or \`extend-ignore-names\`;
- methods decorated with \`@typing.override\` or \`@typing.overload\` (the name is defined elsewhere);
- \`visit_*\` methods of a class deriving from \`ast.NodeVisitor\`/\`ast.NodeTransformer\` (directly
  or through classes of the same module), and \`do_*\` methods of \`http.server\` request handlers.

Dunder names are lowercase already; \`__fooBar__\` is flagged, as in Ruff.

## Why
The style guides 000, 001 and 004 name functions in snake_case; a camelCase function reads as foreign code.

## Example
\`\`\`python
def processSessions(sessions):
    ...
\`\`\`

## Use instead
\`\`\`python
def process_sessions(sessions):
    ...
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const name = node.childForFieldName('name');
    if (!name || isLowercase(name.text)) return;
    if (isOverrideOrOverload(node, ctx) || isIgnoredName(ctx, name.text)) return;
    if (isFrameworkCallback(name.text, node, ctx)) return;
    ctx.report(
      name,
      `Function name \`${name.text}\` should be lowercase`,
      renameFix(name.text, toSnakeCase(name.text), isLowercase),
    );
  },
};
