import { compileConfigRegex, type LinearMatcher } from '../../engine/config-patterns';
import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { DEFAULT_TYPEVAR_PATTERN, pyconvNamingOptions } from './options';
import { calleeOf, isTypingMember, resolve } from './syntax';
import { plainString } from './values';

const TYPE_VARIABLE_FACTORIES = ['TypeVar', 'ParamSpec', 'TypeVarTuple'];

const patternCache = new Map<string, LinearMatcher>();

/** The configured pattern in RE2 (linear time); one RE2 cannot compile was refused by validation. */
function compiled(pattern: string): LinearMatcher {
  let matcher = patternCache.get(pattern);
  if (!matcher) {
    const result = compileConfigRegex(pattern);
    matcher = 'error' in result ? (compileConfigRegex(DEFAULT_TYPEVAR_PATTERN) as LinearMatcher) : result;
    patternCache.set(pattern, matcher);
  }
  return matcher;
}

function firstPositional(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return undefined;
  const first = args.namedChildren.find((c) => c !== null && c.type !== 'comment');
  return first && first.type !== 'keyword_argument' ? first : undefined;
}

export const typeVarName: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV104',
    name: 'typevar-name',
    summary: 'A `TypeVar` is named after itself: one capital letter or CapWords ending in `T`.',
    seeds: ['001', '004'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Checks \`TypeVar\`, \`ParamSpec\` and \`TypeVarTuple\` definitions (from \`typing\` or
\`typing_extensions\`): the variable must be assigned to the name given as first argument
(\`T = TypeVar("T")\`), and the name must match \`[tool.pyconv.pyconv-naming] typevar-pattern\`,
by default a single capital letter or CapWords ending in \`T\`, optionally private and with PEP 484's
variance suffix: \`T\`, \`K\`, \`ModelT\`, \`_T_co\`, \`ResultT_contra\`.

## Why
The style guides 001 and 004 name type variables with single capital letters (\`T = TypeVar("T")\`); a
mismatched first argument confuses type checkers' messages and is an error for some of them.

## Example
\`\`\`python
T = TypeVar("Model")
item_type = TypeVar("item_type")
\`\`\`

## Use instead
\`\`\`python
ModelT = TypeVar("ModelT")
ItemT = TypeVar("ItemT")
\`\`\`

## Fix safety
There is no fix: choosing a name is the author's call.`,
  },
  nodeTypes: ['assignment'],
  visit(node, ctx) {
    const left = node.childForFieldName('left');
    const value = node.childForFieldName('right');
    if (left?.type !== 'identifier' || value?.type !== 'call') return;
    const qualified = resolve(ctx, calleeOf(value));
    const factory = TYPE_VARIABLE_FACTORIES.find((member) => isTypingMember(qualified, member));
    if (!factory) return;
    const declared = plainString(firstPositional(value));
    if (declared !== undefined && declared !== left.text) {
      ctx.report(
        left,
        `${factory} \`${left.text}\` is assigned to a different name than its argument \`"${declared}"\``,
      );
      return;
    }
    const { 'typevar-pattern': pattern } = pyconvNamingOptions.read(ctx);
    if (compiled(pattern).test(left.text)) return;
    const expected =
      pattern === DEFAULT_TYPEVAR_PATTERN
        ? 'a single capital letter or CapWords ending in `T`'
        : `a name matching \`${pattern}\``;
    ctx.report(left, `${factory} \`${left.text}\` should be ${expected}`);
  },
};
