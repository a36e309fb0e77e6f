import type { UnitRule } from '../../engine/rule';
import { visitPep604 } from './pep604';

export const nonPep604AnnotationOptional: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'UP045',
    name: 'non-pep604-annotation-optional',
    summary: '`Optional[X]` is written `X | None`.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Flags \`Optional[X]\` (from \`typing\` or \`typing_extensions\`, under any import name) and asks
for the PEP 604 form \`X | None\`, exactly as Ruff's UP045. It applies when the target version is
Python 3.10 or later, in stubs, and, on older targets, in annotations of a module with
\`from __future__ import annotations\` (from where it stands, as Ruff, when it follows other code).
Strings that hold a type are read as Ruff's semantic model reads them: annotations,
\`cast("...")\`, \`TypeAlias\` values (under any import name) and \`type\` statements, the fields of
functional \`NamedTuple\`/\`TypedDict\`, \`TypeVar\`/\`NewType\` arguments, nested strings
(\`"List['int']"\`), raw, triple-quoted and multi-line strings. A string whose text is not its value (escapes, implicit
concatenation) is not checked, as in Ruff. String annotations are checked inside the string;
\`Optional["Foo"]\` is left alone where Python evaluates the annotation, since \`"Foo" | None\`
fails at runtime.

## Why
Style guide 004 asks for \`str | None\` rather than \`Optional[str]\`: it reads as what it means
and needs no import. Guides 000 and 001 show \`Optional\` in examples but do not ask for it, so the
rule is on by default.

## Example
\`\`\`python
from typing import Optional

def find(key: str) -> Optional[int]: ...
\`\`\`

## Use instead
\`\`\`python
def find(key: str) -> int | None: ...
\`\`\`

## Fix safety
The fix rewrites the annotation (nested \`Optional\`s collapse into one \`| None\`, a union
inside keeps its members once) and, when that was the module's only use of the imported name
(a difference kept on purpose: Ruff leaves the unused import to F401),
removes \`Optional\` from its \`from typing import\` line. It is safe on Python 3.10+ targets and
unsafe below that (a runtime-evaluated annotation would fail) or when the expression contains a
comment that the rewrite would drop. There is no fix where Python reads the expression as a value rather than a type (\`X = Optional[int]\`;
annotations, \`TypeAlias\` values, typing subscripts, the type arguments of \`cast\`, \`TypeVar\`,
\`NewType\` and functional \`NamedTuple\`/\`TypedDict\` fields are types),
for \`Optional[None]\`, or for malformed slices. A member written over several lines is joined
onto one, as Ruff's code generator does; one holding a comment keeps its lines, in parentheses.`,
  },
  nodeTypes: ['subscript', 'generic_type', 'string', 'concatenated_string'],
  visit(node, ctx) {
    visitPep604(node, ctx, 'Optional');
  },
};
