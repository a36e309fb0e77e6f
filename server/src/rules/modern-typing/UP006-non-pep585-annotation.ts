import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Fix, Node, Position, Range, TextEdit } from '../../engine/types';
import { importStatementEdit } from '../../engine/typing-facts';
import { atLeast, importRemovalFor, importsTyping, visitTypingNodes } from './typing-fixes';
import { documentMapper, qualifiedTypeName, type RangeMapper, type TypingContext } from './typing-syntax';

/** PEP 585: `typing` aliases and the standard generics that replace them. */
const PEP585: Readonly<Record<string, { to: string; builtin: boolean; typingExtensions: boolean }>> = {
  Dict: { to: 'dict', builtin: true, typingExtensions: false },
  FrozenSet: { to: 'frozenset', builtin: true, typingExtensions: false },
  List: { to: 'list', builtin: true, typingExtensions: false },
  Set: { to: 'set', builtin: true, typingExtensions: false },
  Tuple: { to: 'tuple', builtin: true, typingExtensions: false },
  Type: { to: 'type', builtin: true, typingExtensions: true },
  Deque: { to: 'collections.deque', builtin: false, typingExtensions: true },
  DefaultDict: { to: 'collections.defaultdict', builtin: false, typingExtensions: true },
};

const NAMES = new Set(['identifier', 'attribute']);

/** Parents under which an identifier is not an expression being read. */
const NOT_LOADED: Readonly<Record<string, string | true>> = {
  dotted_name: true,
  aliased_import: true,
  keyword_argument: 'name',
  function_definition: 'name',
  class_definition: 'name',
  parameters: true,
  default_parameter: 'name',
  typed_default_parameter: 'name',
  typed_parameter: true,
  list_splat_pattern: true,
  dictionary_splat_pattern: true,
  global_statement: true,
  nonlocal_statement: true,
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
  pattern_list: true,
  tuple_pattern: true,
  as_pattern_target: true,
  keyword_pattern: true,
  attribute: 'attribute',
};

function isLoaded(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  // `case List():` reads the class `List`.
  if (parent.type === 'dotted_name' && parent.parent?.type === 'class_pattern')
    return parent.namedChildCount === 1;
  const rule = NOT_LOADED[parent.type];
  if (rule === undefined) return true;
  if (rule === true) return false;
  return parent.childForFieldName(rule)?.startIndex !== node.startIndex;
}

/** The builtin or `collections` name that replaces the typing alias `qualified` names, if it names one. */
function pep585Target(qualified: string | undefined): (typeof PEP585)[string] | undefined {
  if (!qualified) return undefined;
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, dot);
  // `scopedTypingMember`, from the name already resolved.
  const member = module === 'typing' || module === 'typing_extensions' ? qualified.slice(dot + 1) : undefined;
  const target = member === undefined ? undefined : PEP585[member];
  return target && (module !== 'typing_extensions' || target.typingExtensions) ? target : undefined;
}

function check(node: Node, ctx: UnitContext, lazyContext: () => TypingContext, mapper: RangeMapper): void {
  const target = pep585Target(qualifiedTypeName(node, ctx));
  if (!target || !isLoaded(node)) return;
  const applies =
    atLeast(ctx, 9) ||
    ctx.file.isStub ||
    (ctx.module.futureAnnotations && lazyContext().annotation !== undefined);
  if (!applies) return;
  const from = mapper.text(node);
  ctx.report(
    mapper.range(node),
    `Use \`${target.to}\` instead of \`${from}\` for type annotation`,
    fix(node, ctx, mapper, target),
  );
}

function fix(
  node: Node,
  ctx: UnitContext,
  mapper: RangeMapper,
  target: { to: string; builtin: boolean },
): Fix | null {
  // Inside a string whose text is not its value (escapes, concatenation) Ruff offers no fix.
  if (!mapper.exact) return null;
  const replacement = target.builtin ? { text: target.to } : collectionsName(ctx, target.to);
  const removal = importRemovalFor(node, ctx);
  const removals = removal.edits;
  const edits: TextEdit[] = [{ range: mapper.range(node), newText: replacement.text }];
  if (replacement.statement) {
    const insertion = importStatementEdit(ctx.module.typing, replacement.statement);
    const removed = removals.find((r) => contains(r.range, insertion.range.start));
    // The new import would land on the line being removed: put it in that line's place.
    if (removed) removed.newText = `${replacement.statement}\n`;
    else edits.push(insertion);
  }
  edits.push(...removals);
  const title = `Replace with \`${target.to}\``;
  // A cleanup is offered only where no new import takes the line's place.
  const cleanup = replacement.statement ? undefined : removal.cleanup;
  return { title, safe: atLeast(ctx, 10), edits, ...(cleanup && { importCleanup: cleanup }) };
}

function contains(range: Range, position: Position): boolean {
  const after = (a: Position, b: Position): boolean =>
    a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}

/** `deque` through an existing import, `collections.deque` through `import collections`, or a new import. */
function collectionsName(ctx: UnitContext, qualified: string): { text: string; statement?: string } {
  const member = qualified.slice(qualified.lastIndexOf('.') + 1);
  for (const [local, target] of ctx.module.imports) if (target === qualified) return { text: local };
  for (const [local, target] of ctx.module.imports) {
    if (target === 'collections') return { text: `${local}.${member}` };
  }
  return { text: member, statement: `from collections import ${member}` };
}

export const nonPep585Annotation: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'UP006',
    name: 'non-pep585-annotation',
    summary: '`List[int]` is written `list[int]` (all PEP 585 generics).',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags the \`typing\` aliases that PEP 585 made unnecessary (\`List\`, \`Dict\`, \`Set\`,
\`FrozenSet\`, \`Tuple\`, \`Type\`, \`Deque\`, \`DefaultDict\`, also through \`typing_extensions\`
where it re-exports them), exactly as Ruff's UP006: every reference on Python 3.9+ targets and in
stubs, only annotations on older targets with \`from __future__ import annotations\`.
Strings that hold a type are read as Ruff's semantic model reads them: annotations,
\`cast("...")\`, \`TypeAlias\` values (under any import name) and \`type\` statements, the fields of
functional \`NamedTuple\`/\`TypedDict\`, \`TypeVar\`/\`NewType\` arguments, nested strings
(\`"List['int']"\`), raw, triple-quoted and multi-line strings. In a string whose text is not its value (escapes, implicit
concatenation) the whole string is reported, without a fix, as Ruff does. Names imported in a
class or function body count (\`class K: from typing import List as L\`), and \`case List():\`.

## Why
Style guide 004 asks for \`list[str]\` and \`dict[str, float]\`. Guides 000 and 001 write
\`List[...]\` and \`Dict[...]\` in their own examples, so the rule is off by default: a team
following them would see it on every signature. Enable it with \`extend-select = ["UP006"]\`.

## Example
\`\`\`python
from typing import Dict, List

def group(rows: List[str]) -> Dict[str, int]: ...
\`\`\`

## Use instead
\`\`\`python
def group(rows: list[str]) -> dict[str, int]: ...
\`\`\`

## Fix safety
The fix replaces the name with the builtin (\`Deque\` and \`DefaultDict\` with \`deque\` and
\`defaultdict\`, adding \`from collections import ...\` after the last import unless already
imported) and removes the old name from its \`from typing import\` line when that was its only use
(Ruff leaves that to F401).
It is safe on Python 3.10+ targets and unsafe below, as in Ruff.`,
  },
  nodeTypes: ['identifier', 'attribute', 'string', 'concatenated_string'],
  visit(node, ctx) {
    // Most visited names are no typing name: ruled out before any closure is made for them (the
    // same reads of the module facts as `check`'s first step).
    if (NAMES.has(node.type) && (!importsTyping(ctx.module) || !pep585Target(qualifiedTypeName(node, ctx))))
      return;
    visitTypingNodes(
      node,
      ctx,
      NAMES,
      (target, context, mapper) => check(target, ctx, context, mapper),
      documentMapper,
    );
  },
};
