import type { UnitRule } from '../../engine/rule';
import { visitPep604 } from './pep604';

export const nonPep604AnnotationUnion: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'UP007',
    name: 'non-pep604-annotation-union',
    summary: '`Union[X, Y]` is written `X | Y`.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Flags \`Union[X, Y]\` (from \`typing\` or \`typing_extensions\`) and asks for the PEP 604 form
\`X | Y\`, exactly as Ruff's UP007: on Python 3.10+ targets and in stubs everywhere, on older
targets only in annotations of modules with \`from __future__ import annotations\`. Unions with
a quoted member where Python evaluates the annotation, starred members and \`NamedTuple\` members
are left alone, as Ruff does.
Strings that hold a type are read as Ruff's semantic model reads them: annotations,
\`cast("...")\`, \`TypeAlias\` values (under any import name) and \`type\` statements, the fields of
functional \`NamedTuple\`/\`TypedDict\`, \`TypeVar\`/\`NewType\` arguments, nested strings
(\`"List['int']"\`), raw, triple-quoted and multi-line strings. A string whose text is not its value (escapes, implicit
concatenation) is not checked, as in Ruff.

## Why
Style guide 004 asks for \`int | float\` rather than \`Union[int, float]\`; PEP 604 is the default
style of pyconv.

## Example
\`\`\`python
from typing import Union

def scale(value: Union[int, float]) -> float: ...
\`\`\`

## Use instead
\`\`\`python
def scale(value: int | float) -> float: ...
\`\`\`

## Fix safety
The fix joins the members with \` | \` (parenthesising conditional expressions and multi-line
members) and removes \`Union\` from its import when that was its only use (Ruff leaves that to F401).
Tuples among the members are flattened, as in Ruff: \`Union[(str, int), float]\` becomes \`str | int | float\`
(\`(str, int) | float\` would raise TypeError). No fix where no valid union can be written: an
empty tuple (\`Union[()]\`, where Ruff writes \`()\`) or a slice (\`Union[int : float]\`). Safe on Python 3.10+
targets without comments inside the expression; unsafe otherwise. No fix where the expression is a value rather than a type (\`X = Union[int, str]\`), as in Ruff;
\`X: TypeAlias = Union[...]\` (any import name of \`TypeAlias\`) and functional \`NamedTuple\` fields
are types and are fixed.`,
  },
  nodeTypes: ['subscript', 'generic_type', 'string', 'concatenated_string'],
  visit(node, ctx) {
    visitPep604(node, ctx, 'Union');
  },
};
