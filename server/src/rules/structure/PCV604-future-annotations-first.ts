import { findDocstring } from '../../docstrings/google';
import type { FileRule } from '../../engine/rule';
import type { Fix, Node, Range } from '../../engine/types';
import { statementsMentioning } from '../statements-mentioning';

export const futureAnnotationsFirst: FileRule = {
  kind: 'file',
  meta: {
    code: 'PCV604',
    name: 'future-annotations-not-first',
    summary: '`from __future__ import annotations` comes first when used.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'safe',
    offInNotebooks:
      'because IPython compiles each cell on its own: a `__future__` import applies to its cell only, so there is no module top to put it at',
    doc: `## What it does
Flags a \`from __future__ import annotations\` that is not at the top of the module, right after the
module docstring (other \`__future__\` imports may precede it). Reported on the import statement.
Python itself rejects a late \`__future__\` import with a \`SyntaxError\` when the module is
imported, so this rule catches, as you type, an import that was pasted or sorted into the wrong
place; tree-sitter parses such a file without complaint.

On the corpus (334 third-party files that all import fine) it reports nothing, as it must: every
hit is a real error, so its precision is 100% by construction.

## Why
Style guide 004 puts \`from __future__ import annotations\` first in every module, before the
standard library imports.

## Example
\`\`\`python
"""Loading models."""
import json
from __future__ import annotations
\`\`\`

## Use instead
\`\`\`python
"""Loading models."""
from __future__ import annotations

import json
\`\`\`

## Fix safety
The fix moves the statement to just after the docstring (or to the top of the file, after leading
comments such as a shebang). It is safe: the code could not be imported before.`,
  },
  check(ctx) {
    // A `__future__` import names `__future__`: most modules are done here, on every keystroke.
    if (!ctx.source.includes('__future__')) return;
    const docstring = findDocstring(ctx.root);
    const units = ctx.root.namedChildren.filter((n): n is Node => n !== null);
    const mentions = new Set(statementsMentioning(units, ctx.source, '__future__'));
    let allowed = true;
    let firstStatement: Node | undefined;
    for (const [index, stmt] of units.entries()) {
      // Past the leading statements, only a `__future__` import matters: skip the others unread.
      if (!allowed && !mentions.has(index)) continue;
      if (stmt.type === 'comment') continue;
      firstStatement ??= stmt;
      if (docstring && stmt.id === docstring.node.parent?.id) continue;
      if (stmt.type === 'future_import_statement') {
        if (!allowed && importsAnnotations(stmt)) {
          ctx.report(
            stmt,
            '`from __future__ import annotations` must come first, right after the module docstring',
            moveFix(stmt, docstring?.node.parent ?? undefined, firstStatement, ctx.source),
          );
        }
        continue;
      }
      allowed = false;
    }
  },
};

function importsAnnotations(stmt: Node): boolean {
  return stmt.namedChildren.some((n) => n?.type === 'dotted_name' && n.text === 'annotations');
}

function moveFix(
  stmt: Node,
  docstringStatement: Node | undefined,
  firstStatement: Node,
  source: string,
): Fix {
  const lineEnd = source.indexOf('\n', stmt.endIndex);
  const deleteRange: Range = {
    start: { line: stmt.startPosition.row, character: 0 },
    end:
      lineEnd < 0
        ? { line: stmt.endPosition.row, character: stmt.endPosition.column }
        : { line: stmt.endPosition.row + 1, character: 0 },
  };
  const insertLine = docstringStatement
    ? docstringStatement.endPosition.row + 1
    : firstStatement.startPosition.row;
  const at = { line: insertLine, character: 0 };
  return {
    title: 'Move `from __future__ import annotations` to the top',
    safe: true,
    edits: [
      { range: { start: at, end: at }, newText: `${stmt.text}\n` },
      { range: deleteRange, newText: '' },
    ],
  };
}
