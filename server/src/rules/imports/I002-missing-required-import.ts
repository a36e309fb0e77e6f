import type { FileContext, FileRule } from '../../engine/rule';
import type { Node, TextEdit } from '../../engine/types';
import { statementsMentioning } from '../statements-mentioning';
import { aliasOf, fromModule, memberNodes } from './isort/annotate';
import { resolveIsortSettings } from './isort/settings';
import { isPythonWhitespace, SourceText, trimPythonWhitespaceStart, withoutTerminator } from './isort/text';

/** One required name: `import a [as b]` or `from m import a [as b]`. */
export interface RequiredImport {
  module?: string;
  level: number;
  name: string;
  asname?: string;
  /** Set for `from` imports. */
  isFrom: boolean;
}

const NAME = String.raw`[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*`;
const ALIAS = String.raw`(${NAME})(?:\s+as\s+([\p{L}_][\p{L}\p{N}_]*))?`;
const IMPORT_RE = /^import\s+(.+)$/u;
const FROM_RE = new RegExp(String.raw`^from\s+(\.*)(${NAME})?\s+import\s+\(?\s*(.+?)\s*,?\s*\)?$`, 'u');
const ALIAS_RE = new RegExp(`^${ALIAS}$`, 'u');

/** Parses `isort.required-imports` entries; undefined for text that is not an import. */
export function parseRequiredImport(text: string): RequiredImport[] | undefined {
  const trimmed = text.trim();
  const from = FROM_RE.exec(trimmed);
  const straight = from ? null : IMPORT_RE.exec(trimmed);
  const list = from ? from[3] : straight?.[1];
  if (list === undefined) return undefined;
  const result: RequiredImport[] = [];
  for (const part of list.split(',')) {
    const alias = ALIAS_RE.exec(part.trim());
    if (!alias) return undefined;
    result.push(
      from
        ? { isFrom: true, level: from[1].length, module: from[2], name: alias[1], asname: alias[2] }
        : { isFrom: false, level: 0, name: alias[1], asname: alias[2] },
    );
  }
  return result;
}

export function requiredImportText(r: RequiredImport): string {
  const alias = r.asname === undefined ? r.name : `${r.name} as ${r.asname}`;
  return r.isFrom ? `from ${'.'.repeat(r.level)}${r.module ?? ''} import ${alias}` : `import ${alias}`;
}

export const missingRequiredImport: FileRule = {
  kind: 'file',
  meta: {
    code: 'I002',
    name: 'missing-required-import',
    summary: 'Imports listed in `isort.required-imports` are present.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'safe',
    offInNotebooks:
      'because IPython compiles each cell on its own: an import added to the first cell (a `__future__` import above all) would not apply to the others',
    doc: `## What it does
Reports each import listed in \`[tool.pyconv.isort] required-imports\` (for example
\`["from __future__ import annotations"]\`) that is missing from the module's top-level
statements, as Ruff's I002 does. Files holding only a docstring (or nothing) are skipped, and so
are \`__future__\` imports in stubs. The diagnostic is at the start of the file.

Off by default: it needs \`required-imports\` to be set (guide 004 requires
\`from __future__ import annotations\`).

## Why
Guide 004 writes annotations in the modern syntax everywhere, which needs
\`from __future__ import annotations\` on older Pythons; requiring it keeps every module alike.

## Example
\`\`\`python
"""Session scheduling."""
import logging
\`\`\`

## Use instead
\`\`\`python
"""Session scheduling."""
from __future__ import annotations

import logging
\`\`\`

## Fix safety
Safe: the import is inserted where Ruff inserts it, after the module docstring, leading comments
and any other \`from __future__\` imports.`,
  },
  check(ctx) {
    const settings = resolveIsortSettings(ctx);
    if (settings.requiredImports.length === 0) return;
    const units = ctx.root.namedChildren.filter((n): n is Node => n !== null);
    const leading = leadingStatements(units);
    if (leading.complete && leading.statements.every(isDocstringStatement)) return;
    const text = new SourceText(ctx.source);
    const required = settings.requiredImports.flatMap((s) => parseRequiredImport(s) ?? []);
    let imports: ImportFacts[] | undefined;
    for (const r of [...required].reverse()) {
      if (ctx.file.isStub && r.isFrom && r.module === '__future__' && r.level === 0) continue;
      imports ??= topLevelImports(ctx, units);
      if (imports.some((facts) => includesImport(facts, r))) continue;
      const importText = requiredImportText(r);
      ctx.report(
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        `Missing required import: \`${importText}\``,
        {
          title: `Insert required import: \`${importText}\``,
          safe: true,
          edits: [insertion(importText, leading.statements, text)],
        },
      );
    }
  },
};

/**
 * The module's first statements (comments aside), up to the first that is neither a docstring nor
 * a `__future__` import: all that the insertion point and the docstring-only test look at.
 * `complete` when that is every statement.
 */
function leadingStatements(units: readonly Node[]): { statements: Node[]; complete: boolean } {
  const statements: Node[] = [];
  for (const unit of units) {
    if (unit.type === 'comment') continue;
    statements.push(unit);
    if (unit.type !== 'future_import_statement' && !isDocstringStatement(unit))
      return { statements, complete: false };
  }
  return { statements, complete: true };
}

/** What one module-level import statement imports (kept per statement text across analyses). */
interface ImportFacts {
  type: string;
  module?: string;
  level: number;
  members: Array<{ name: string; asname?: string; wildcard: boolean }>;
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** The module-level import statements, read only from the statements whose text says `import`. */
function topLevelImports(ctx: FileContext, units: readonly Node[]): ImportFacts[] {
  const found: ImportFacts[] = [];
  for (const index of statementsMentioning(units, ctx.source, 'import', true)) {
    const facts = ctx.memo(units[index], 'import', importFacts);
    if (facts) found.push(facts);
  }
  return found;
}

function importFacts(node: Node): ImportFacts | null {
  const type = node.type;
  if (!IMPORT_TYPES.has(type)) return null;
  const members = memberNodes(node).map((m) =>
    m.type === 'wildcard_import' ? { name: '*', wildcard: true } : { ...aliasOf(m), wildcard: false },
  );
  return type === 'import_statement' ? { type, level: 0, members } : { type, ...fromModule(node), members };
}

function isDocstringStatement(node: Node): boolean {
  return (
    node.type === 'expression_statement' && node.namedChildCount === 1 && isStringLiteral(node.namedChild(0))
  );
}

function isStringLiteral(node: Node | null): boolean {
  if (!node) return false;
  if (node.type === 'concatenated_string') return node.namedChildren.every((c) => isStringLiteral(c));
  if (node.type !== 'string') return false;
  const prefix = /^[A-Za-z]*/.exec(node.text)?.[0].toLowerCase() ?? '';
  return !prefix.includes('f') && !prefix.includes('b') && !prefix.includes('t');
}

function includesImport(facts: ImportFacts, r: RequiredImport): boolean {
  if (!r.isFrom) {
    if (facts.type !== 'import_statement') return false;
    return facts.members.some((m) => sameAlias(m, r));
  }
  if (facts.type === 'import_statement') return false;
  if (facts.module !== r.module || facts.level !== r.level) return false;
  return facts.members.some((m) => !m.wildcard && sameAlias(m, r));
}

function sameAlias(alias: { name: string; asname?: string }, r: RequiredImport): boolean {
  return alias.name === r.name && alias.asname === r.asname;
}

/** Where Ruff's importer puts a new import: after the last leading `__future__` import, else at the start of the file. */
function insertion(importText: string, statements: Node[], text: SourceText): TextEdit {
  const nl = text.lineEnding;
  let index = 0;
  if (statements[0] && isDocstringStatement(statements[0])) index = 1;
  let lastFuture: Node | undefined;
  while (statements[index]?.type === 'future_import_statement') lastFuture = statements[index++];
  if (lastFuture) return afterStatement(lastFuture.endIndex, importText, text);
  return startOfFile(importText, statements, text, nl);
}

function at(offset: number, newText: string, text: SourceText): TextEdit {
  // Counted from the start of the file: insertion points are near it, and the rest is not scanned.
  const position = text.positionFrom(0, { line: 0, character: 0 }, offset);
  return { range: { start: position, end: position }, newText };
}

/** First non-whitespace character after `offset` on its line, if it is `c`. */
function nextCharIs(offset: number, c: string, text: SourceText): number | undefined {
  let i = offset;
  while (i < text.text.length && isPythonWhitespace(text.text[i])) i++;
  return text.text[i] === c ? i : undefined;
}

function afterStatement(end: number, importText: string, text: SourceText): TextEdit {
  const semicolon = nextCharIs(end, ';', text);
  if (semicolon !== undefined) return at(semicolon + 1, ` ${importText};`, text);
  if (nextCharIs(end, '\\', text) !== undefined) return at(end, `; ${importText}`, text);
  return at(text.fullLineEnd(end), importText + text.lineEnding, text);
}

function startOfFile(importText: string, statements: Node[], text: SourceText, nl: string): TextEdit {
  let location = text.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const docstrings: Node[] = [];
  for (const s of statements) {
    if (!isDocstringStatement(s)) break;
    docstrings.push(s);
  }
  const lastDocstring = docstrings[docstrings.length - 1];
  if (lastDocstring) {
    const end = lastDocstring.endIndex;
    const semicolon = nextCharIs(end, ';', text);
    if (semicolon !== undefined) return at(semicolon + 1, ` ${importText};`, text);
    location = end;
    while (nextCharIs(location, '\\', text) !== undefined) location = text.fullLineEnd(location);
    location = text.fullLineEnd(location);
  }
  // Skip comment lines, and blank lines once a comment was seen; blank lines before any comment
  // are passed over without moving the insertion point.
  let seenComment = false;
  let offset = location;
  // Line by line, reading only as far as the comments reach.
  while (offset < text.text.length) {
    const lineStart = offset;
    offset = text.fullLineEnd(offset);
    const line = text.text.slice(lineStart, offset);
    const content = trimPythonWhitespaceStart(withoutTerminator(line));
    if (content === '') {
      if (seenComment) location = offset;
      continue;
    }
    if (!content.startsWith('#')) break;
    location = offset;
    seenComment = true;
  }
  return at(location, importText + nl, text);
}
