/**
 * `--add-noqa`: every line with findings gets `# noqa: CODES` (merged into an existing directive),
 * so that a team can turn a rule family on today and fix its findings later. Files are written
 * atomically, through the same checks as `--fix` (write-fixes.ts).
 */
import type { Parser } from 'web-tree-sitter';
import { applyFixes } from '../engine/fixes';
import { noqaEditsFor, noqaSourceOf } from '../engine/noqa-edit';
import { parsePython } from '../parser/python';
import { type ConfigCache, DEFAULT_MAX_FILE_SIZE } from '../project/config';
import { checkText, encodeSource, readSource } from './check-file';
import { writeFixedFile } from './write-fixes';

export interface NoqaReport {
  path: string;
  /** Directives added or extended (one per line). */
  added: number;
  /** Why the file was not changed although it should have been, or could not be checked. */
  error?: string;
  warning?: string;
}

export function addNoqaToFile(
  filePath: string,
  configs: ConfigCache,
  parser: Parser,
  writableRoots: readonly string[],
): NoqaReport {
  const { config, file, maxFileSize = DEFAULT_MAX_FILE_SIZE } = configs.forFile(filePath);
  const read = readSource(filePath, maxFileSize);
  if (read.kind === 'skipped') return { path: filePath, added: 0, warning: read.reason };
  if (read.kind === 'error') return { path: filePath, added: 0, error: read.reason };
  const checked = checkText(read.source, parser, config, file, { fix: false, unsafeFixes: false });
  const tree = checked && checked.diagnostics.length > 0 ? parsePython(parser, read.source) : undefined;
  if (!checked || (checked.diagnostics.length > 0 && !tree)) {
    return { path: filePath, added: 0, error: 'the parser gave up on this file' };
  }
  if (!tree) return { path: filePath, added: 0 };
  let edits: ReturnType<typeof noqaEditsFor>;
  try {
    edits = noqaEditsFor(noqaSourceOf(read.source, tree), checked.diagnostics);
  } finally {
    tree.delete();
  }
  if (edits.length === 0) return { path: filePath, added: 0 };
  const { text } = applyFixes(read.source, [{ title: 'Add noqa directives', safe: true, edits }]);
  const written = writeFixedFile(filePath, read.bytes, encodeSource(text, read.hasBom), writableRoots);
  if (written.kind === 'written') return { path: filePath, added: edits.length };
  const reason = written.reason.replace('fixes not written', 'noqa directives not written');
  return written.kind === 'skipped'
    ? { path: filePath, added: 0, warning: reason }
    : { path: filePath, added: 0, error: reason };
}
