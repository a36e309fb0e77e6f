import { nodeRange } from '../../engine/positions';
import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';

/** Members that moved, keyed by source module; each entry: since which 3.x, to which module. */
interface Move {
  since: number;
  to: string;
  names: readonly string[];
}

const COLLECTIONS_ABC = [
  'AsyncGenerator',
  'AsyncIterable',
  'AsyncIterator',
  'Awaitable',
  'ByteString',
  'Callable',
];
const ABC_REST = [
  'Collection',
  'Container',
  'Coroutine',
  'Generator',
  'Hashable',
  'ItemsView',
  'Iterable',
  'Iterator',
  'KeysView',
  'Mapping',
  'MappingView',
  'MutableMapping',
  'MutableSequence',
  'MutableSet',
  'Reversible',
  'Sequence',
  'Set',
  'Sized',
  'ValuesView',
];
/** `typing.ByteString` is deprecated in `collections.abc` too (removed in 3.14): Ruff moves it nowhere. */
const TYPING_ABC_39 = [
  ...COLLECTIONS_ABC.filter((n) => n !== 'Callable' && n !== 'ByteString'),
  ...ABC_REST.filter((n) => n !== 'Set'),
];

const TYPING_EXTENSIONS_TO_TYPING: Readonly<Record<number, readonly string[]>> = {
  0: [
    'AbstractSet',
    'AnyStr',
    'AsyncIterable',
    'AsyncIterator',
    'Awaitable',
    'BinaryIO',
    'Callable',
    'ClassVar',
    'Collection',
    'Container',
    'Coroutine',
    'DefaultDict',
    'Dict',
    'FrozenSet',
    'Generic',
    'Hashable',
    'IO',
    'ItemsView',
    'Iterable',
    'Iterator',
    'KeysView',
    'List',
    'Mapping',
    'MappingView',
    'Match',
    'MutableMapping',
    'MutableSequence',
    'MutableSet',
    'Optional',
    'Pattern',
    'Reversible',
    'Sequence',
    'Set',
    'Sized',
    'TYPE_CHECKING',
    'Text',
    'TextIO',
    'Tuple',
    'Type',
    'Union',
    'ValuesView',
    'cast',
    'no_type_check',
    'no_type_check_decorator',
  ],
  7: ['ChainMap', 'Counter', 'Deque', 'ForwardRef', 'NoReturn'],
  8: ['Final', 'OrderedDict'],
  9: ['Annotated'],
  10: [
    'Concatenate',
    'Literal',
    'NewType',
    'ParamSpecArgs',
    'ParamSpecKwargs',
    'TypeAlias',
    'TypeGuard',
    'get_args',
    'get_origin',
  ],
  11: [
    'Any',
    'LiteralString',
    'Never',
    'NotRequired',
    'Required',
    'Self',
    'assert_never',
    'assert_type',
    'clear_overloads',
    'final',
    'get_overloads',
    'overload',
    'reveal_type',
  ],
  12: [
    'Protocol',
    'SupportsAbs',
    'SupportsBytes',
    'SupportsComplex',
    'SupportsFloat',
    'SupportsIndex',
    'SupportsInt',
    'SupportsRound',
    'TypeAliasType',
    'Unpack',
    'NamedTuple',
    'dataclass_transform',
    'override',
  ],
  13: [
    'get_protocol_members',
    'is_protocol',
    'NoDefault',
    'ReadOnly',
    'TypeIs',
    'get_type_hints',
    'ContextManager',
    'Generator',
    'AsyncContextManager',
    'AsyncGenerator',
    'Protocol',
    'runtime_checkable',
    'ParamSpec',
    'TypeVar',
    'TypeVarTuple',
  ],
};

/** The moves of a module at a target version, in the order Ruff reports them. */
function movesFor(module: string, minor: number): Move[] {
  switch (module) {
    case 'collections':
      return [{ since: 0, to: 'collections.abc', names: [...COLLECTIONS_ABC, ...ABC_REST] }];
    case 'pipes':
      return [{ since: 0, to: 'shlex', names: ['quote'] }];
    case 'typing_extensions': {
      const typing = Object.entries(TYPING_EXTENSIONS_TO_TYPING)
        .filter(([since]) => minor >= Number(since))
        .flatMap(([, names]) => names);
      return [
        { since: 12, to: 'collections.abc', names: ['Buffer'] },
        { since: 13, to: 'warnings', names: ['deprecated'] },
        {
          since: 12,
          to: 'types',
          names: minor >= 13 ? ['get_original_bases', 'CapsuleType'] : ['get_original_bases'],
        },
        { since: 0, to: 'typing', names: typing },
      ];
    }
    case 'mypy_extensions':
      return [{ since: 7, to: 'typing', names: minor >= 8 ? ['NoReturn', 'TypedDict'] : ['NoReturn'] }];
    case 'typing':
      return [
        {
          since: 9,
          to: 'collections.abc',
          names: minor >= 10 ? [...TYPING_ABC_39, 'Callable'] : TYPING_ABC_39,
        },
        { since: 9, to: 'collections', names: ['ChainMap', 'Counter', 'OrderedDict'] },
        { since: 9, to: 're', names: ['Match', 'Pattern'] },
      ];
    case 'typing.io':
      return [{ since: 7, to: 'typing', names: ['BinaryIO', 'IO', 'TextIO'] }];
    case 'typing.re':
      return minor >= 9
        ? [{ since: 9, to: 're', names: ['Match', 'Pattern'] }]
        : [{ since: 7, to: 'typing', names: ['Match', 'Pattern'] }];
    case 'backports.strenum':
      return [{ since: 11, to: 'enum', names: ['StrEnum'] }];
    default:
      return [];
  }
}

/** `typing` names that PEP 585 renamed: reported one by one, without a fix (UP006 rewrites the uses). */
const TYPING_RENAMES_39: Readonly<Record<string, string>> = {
  AsyncContextManager: 'contextlib.AbstractAsyncContextManager',
  ContextManager: 'contextlib.AbstractContextManager',
  AbstractSet: 'collections.abc.Set',
  Tuple: 'tuple',
  List: 'list',
  FrozenSet: 'frozenset',
  Dict: 'dict',
  Type: 'type',
  Set: 'set',
  Deque: 'collections.deque',
  DefaultDict: 'collections.defaultdict',
};

interface ImportedName {
  node: Node;
  name: string;
  text: string;
}

function importedNames(statement: Node): ImportedName[] {
  return statement.childrenForFieldName('name').flatMap((node) => {
    if (!node) return [];
    const name = node.type === 'aliased_import' ? node.childForFieldName('name')?.text : node.text;
    return name ? [{ node, name, text: node.text }] : [];
  });
}

function check(statement: Node, ctx: UnitContext): void {
  const moduleNode = statement.childForFieldName('module_name');
  if (moduleNode?.type !== 'dotted_name') return;
  if (statement.namedChildren.some((c) => c?.type === 'wildcard_import')) return;
  const names = importedNames(statement);
  const minor = ctx.config.targetVersion[1];
  const module = moduleNode.text;
  for (const move of movesFor(module, minor)) {
    if (minor < move.since) continue;
    const matched = names.filter((n) => move.names.includes(n.name));
    if (matched.length === 0) continue;
    const members = matched.map((n) => `\`${n.name}\``).join(', ');
    const unmatched = names.filter((n) => !matched.includes(n));
    ctx.report(
      statement,
      `Import from \`${move.to}\` instead: ${members}`,
      moveFix(statement, ctx, move.to, matched, unmatched),
    );
  }
  if (module === 'typing' && minor >= 9) {
    for (const name of names) {
      const target = TYPING_RENAMES_39[name.name];
      if (target) ctx.report(statement, `\`typing.${name.name}\` is deprecated, use \`${target}\` instead`);
    }
  }
}

function moveFix(
  statement: Node,
  ctx: UnitContext,
  target: string,
  matched: readonly ImportedName[],
  unmatched: readonly ImportedName[],
): Fix | null {
  const moved = `from ${target} import ${matched.map((n) => n.text).join(', ')}`;
  const range = nodeRange(statement);
  if (unmatched.length === 0)
    return { title: `Import from \`${target}\``, safe: true, edits: [{ range, newText: moved }] };
  // Splitting the statement needs it to stand alone on its line, to indent the new one like it.
  const lineStart = ctx.source.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const before = ctx.source.slice(lineStart, statement.startIndex);
  if (before.trim() !== '' || hasComment(statement)) return null;
  const kept = withoutNames(statement, unmatched);
  return {
    title: `Import from \`${target}\``,
    safe: true,
    edits: [{ range, newText: `${kept}\n${before}${moved}` }],
  };
}

/**
 * The statement's text keeping only `kept` names, in its own layout: each kept name with what
 * followed it up to the next name, the last one bare, then what closed the original list.
 */
function withoutNames(statement: Node, kept: readonly ImportedName[]): string {
  const all = importedNames(statement);
  const text = statement.text;
  const offset = (index: number): number => index - statement.startIndex;
  const first = all[0].node;
  const last = all[all.length - 1].node;
  let result = text.slice(0, offset(first.startIndex));
  kept.forEach((name, i) => {
    const index = all.findIndex((n) => n.node.startIndex === name.node.startIndex);
    const next = all[index + 1];
    const isLastKept = i === kept.length - 1;
    result +=
      isLastKept || !next
        ? name.text
        : text.slice(offset(name.node.startIndex), offset(next.node.startIndex));
  });
  return result + text.slice(offset(last.endIndex));
}

function hasComment(node: Node): boolean {
  return node.descendantsOfType('comment').length > 0;
}

export const deprecatedImport: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'UP035',
    name: 'deprecated-import',
    summary: 'Deprecated `typing` (and `collections`, `typing_extensions`) imports are replaced.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags \`from ... import\` statements that take names from where they are deprecated, for the
target version, exactly as Ruff's UP035: \`typing\` generics that live in \`collections.abc\`,
\`collections\` and \`re\` since 3.9 (\`Callable\` since 3.10), \`typing_extensions\` backports that
\`typing\` has at the target version, \`collections\` ABCs, \`mypy_extensions\`, \`typing.io\`,
\`typing.re\`, \`pipes.quote\` and \`backports.strenum\`. The PEP 585 aliases (\`typing.List\` and
kin) are reported one by one as deprecated, without a fix.

## Why
Style guide 004 writes modern typing throughout. Guides 000 and 001 import \`List\`, \`Dict\` and
\`Callable\` from \`typing\` in their own examples, so the rule is off by default (with UP006); enable
both for a 3.9+ code base that wants to drop the old spellings.

## Example
\`\`\`python
from typing import Callable, Iterator, Optional
\`\`\`

## Use instead
\`\`\`python
from collections.abc import Callable, Iterator
from typing import Optional
\`\`\`

## Fix safety
Safe: the same objects are imported from their new home. A statement that keeps some names is
split in two, the kept names first in the statement's own layout; then it must stand alone on its
line and hold no comment, otherwise there is no fix.`,
  },
  nodeTypes: ['import_from_statement'],
  visit: check,
};
