/**
 * `--add-noqa`: every line with findings gets `# noqa: CODES` (merged into an existing directive),
 * so that a team can turn a rule family on today and fix its findings later. Files are written
 * atomically, through the same checks as `--fix` (write-fixes.ts).
 */
import type { Parser } from 'web-tree-sitter';
import { applyFixes } from '../engine/fixes';
import { noqaEditsFor, noqaSourceOf } from '../engine/noqa-edit';
import type { EngineConfig, FileInfo } from '../engine/types';
import { parseNotebookModule } from '../notebook/cell-trees';
import { readNotebook, withCellSources } from '../notebook/ipynb';
import { NotebookModule } from '../notebook/module';
import { type ParseModule, parsePython } from '../parser/python';
import { type ConfigCache, DEFAULT_MAX_FILE_SIZE, isNotebookPath } from '../project/config';
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
  const outcome = isNotebookPath(filePath)
    ? notebookWithNoqa(read.source, (source) => withNoqa(source, parser, config, file, parseNotebookModule))
    : withNoqa(read.source, parser, config, file, parsePython);
  if (outcome.kind !== 'text') return { path: filePath, added: 0, [outcome.kind]: outcome.reason };
  if (outcome.added === 0) return { path: filePath, added: 0 };
  const written = writeFixedFile(
    filePath,
    read.bytes,
    encodeSource(outcome.text, read.hasBom),
    writableRoots,
  );
  if (written.kind === 'written') return { path: filePath, added: outcome.added };
  const reason = written.reason.replace('fixes not written', 'noqa directives not written');
  return written.kind === 'skipped'
    ? { path: filePath, added: 0, warning: reason }
    : { path: filePath, added: 0, error: reason };
}

type NoqaOutcome =
  | { kind: 'text'; text: string; added: number }
  | { kind: 'error' | 'warning'; reason: string };

/** The source with a noqa directive on every line with findings. */
function withNoqa(
  source: string,
  parser: Parser,
  config: EngineConfig,
  file: FileInfo,
  parse: ParseModule,
): NoqaOutcome {
  const checked = checkText(source, parser, config, file, { fix: false, unsafeFixes: false }, {}, parse);
  const tree = checked && checked.diagnostics.length > 0 ? parse(parser, source) : undefined;
  if (!checked || (checked.diagnostics.length > 0 && !tree))
    return { kind: 'error', reason: 'the parser gave up on this file' };
  if (!tree) return { kind: 'text', text: source, added: 0 };
  let edits: ReturnType<typeof noqaEditsFor>;
  try {
    edits = noqaEditsFor(noqaSourceOf(source, tree), checked.diagnostics);
  } finally {
    tree.delete();
  }
  const { text } = applyFixes(source, [{ title: 'Add noqa directives', safe: true, edits }]);
  return { kind: 'text', text, added: edits.length };
}

/** A notebook's text with the directives in its cells' sources (spliced into the file's JSON text). */
function notebookWithNoqa(json: string, analyse: (source: string) => NoqaOutcome): NoqaOutcome {
  const notebook = readNotebook(json);
  if (notebook.kind !== 'notebook')
    return { kind: notebook.kind === 'error' ? 'error' : 'warning', reason: notebook.reason };
  const module = new NotebookModule(notebook.cells.map((cell) => cell.source));
  const outcome = analyse(module.text);
  if (outcome.kind !== 'text' || outcome.added === 0) return outcome;
  const cells = module.splitEdited(outcome.text);
  if (!cells)
    return { kind: 'warning', reason: 'noqa directives not written: they would touch Jupyter syntax' };
  const changed = new Map<number, string>();
  cells.forEach((cell, i) => {
    if (cell !== module.cells[i]) changed.set(notebook.cells[i].index, cell);
  });
  return { kind: 'text', text: withCellSources(json, notebook.sources, changed), added: outcome.added };
}
