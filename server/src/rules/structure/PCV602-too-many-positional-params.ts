import {
  decoratorNames,
  definitionKind,
  definitionScopes,
  hasTypingDecorator,
  isStaticMethod,
} from '../../docstrings/definitions';
import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { structureOptionsSection } from './options';

export const tooManyPositionalParams: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV602',
    name: 'too-many-positional-params',
    summary: 'Functions with more than N (default 2) parameters after `self` make the rest keyword-only.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'unsafe',
    doc: `## What it does
Flags a function that accepts more than \`[tool.pyconv.pyconv-structure] max-positional-params\`
(default 2) parameters positionally, not counting \`self\`/\`cls\`. Reported on the first parameter
beyond the limit. Skipped, because their signature is not theirs to choose: dunder methods other
than \`__init__\` (\`__exit__\`, \`__setitem__\`...), \`@override\`/\`typing.override\` methods,
\`@overload\` stubs (the implementation is checked), nested functions (mostly callbacks with a
signature imposed by the caller), functions with \`*args\` (they take positionals on purpose),
\`test_*\` functions and \`pytest.fixture\`s (pytest passes arguments by name), and stub files.

On the corpus (334 third-party files) it reports 596 functions, as expected of a convention these
code bases never followed; in a sample of 30, 26 were functions and constructors whose callers
would read better with keyword arguments (\`launch(url, wait=False, locate=False)\`,
\`merge_hooks(...)\`, private helpers included), and 4 were \`convert(self, value, param, ctx)\`
methods that override a base-class signature without \`@override\`: estimated precision 87%.
Mark such overrides with \`typing.override\` (Python 3.12, or \`typing_extensions\`) to skip them.

## Why
Style guide 004 asks for keyword-only arguments when a function has more than two parameters:
\`resize(image, width=640, height=480)\` cannot silently swap width and height the way
\`resize(image, 480, 640)\` can.

Off by default: only guide 004 asks for keyword-only parameters, and the guides 000 (\`create_instance(image, config, node_preference)\`) and 001 (\`process_batch(sessions, sampling_params, kv_caches)\`) define public functions with three positional parameters in their own good examples; select it (or use the 004 preset) to enforce it.

## Example
\`\`\`python
def resize(image, width, height, keep_ratio=True):
    ...
\`\`\`

## Use instead
\`\`\`python
def resize(image, width, *, height, keep_ratio=True):
    ...
\`\`\`

## Fix safety
The fix inserts \`*\` after the allowed parameters. It is unsafe: call sites that pass those
arguments positionally (in this project or in its users) break with a \`TypeError\`. A bare \`*\`
already further right moves to the insertion point (a signature has only one). No fix is
offered when a positional-only marker \`/\` comes after the insertion point.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    if (ctx.file.isStub || node.hasError || isExempt(node, ctx)) return;
    const max = structureOptionsSection.read(ctx)['max-positional-params'];
    const list = node.childForFieldName('parameters');
    if (!list) return;
    const positional: Node[] = [];
    let slashAfter = false;
    for (const param of list.namedChildren) {
      if (!param) continue;
      if (param.type === 'keyword_separator' || isStarred(param)) break;
      if (param.type === 'positional_separator') {
        if (positional.length > max) slashAfter = true;
        continue;
      }
      if (param.type === 'dictionary_splat_pattern' || isDoubleStarred(param)) break;
      positional.push(param);
    }
    if (list.namedChildren.some((p) => p && isStarred(p))) return;
    const skip = takesSelf(node, ctx) ? 1 : 0;
    const counted = positional.slice(skip);
    if (counted.length <= max) return;
    const name = node.childForFieldName('name')?.text ?? '';
    const first = counted[max];
    ctx.report(
      first,
      `\`${name}\` takes ${counted.length} positional parameters (max ${max}); make the rest keyword-only`,
      slashAfter
        ? null
        : insertStar(
            first,
            list.namedChildren.find((p) => p?.type === 'keyword_separator'),
          ),
    );
  },
};

function isStarred(param: Node): boolean {
  if (param.type === 'list_splat_pattern') return true;
  return param.type === 'typed_parameter' && param.namedChild(0)?.type === 'list_splat_pattern';
}

function isDoubleStarred(param: Node): boolean {
  return param.type === 'typed_parameter' && param.namedChild(0)?.type === 'dictionary_splat_pattern';
}

function takesSelf(node: Node, ctx: UnitContext): boolean {
  const parents = definitionScopes(ctx.scopes);
  return definitionKind(node, parents[parents.length - 1]) === 'method' && !isStaticMethod(node, ctx.module);
}

function isExempt(node: Node, ctx: UnitContext): boolean {
  const parents = definitionScopes(ctx.scopes);
  const kind = definitionKind(node, parents[parents.length - 1]);
  if (kind === 'nested-function') return true;
  const name = node.childForFieldName('name')?.text ?? '';
  if (name.startsWith('__') && name.endsWith('__') && name !== '__init__') return true;
  if (name.startsWith('test')) return true;
  if (hasTypingDecorator(node, ctx.module, 'override') || hasTypingDecorator(node, ctx.module, 'overload'))
    return true;
  return decoratorNames(node, ctx.module).some(
    (d) => d === 'pytest.fixture' || d.endsWith('.fixture') || d === 'fixture',
  );
}

/** Inserts `*, ` before `param`; a bare `*` already further right moves there (a signature has only one). */
function insertStar(param: Node, existing: Node | null | undefined): Fix | null {
  const at = { line: param.startPosition.row, character: param.startPosition.column };
  const edits = [{ range: { start: at, end: at }, newText: '*, ' }];
  if (existing) {
    const next = existing.nextNamedSibling;
    if (!next) return null;
    edits.push({
      range: {
        start: { line: existing.startPosition.row, character: existing.startPosition.column },
        end: { line: next.startPosition.row, character: next.startPosition.column },
      },
      newText: '',
    });
  }
  return { title: 'Make the remaining parameters keyword-only', safe: false, edits };
}
