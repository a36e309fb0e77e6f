/**
 * `check-file.ts` for a Jupyter notebook (`.ipynb`): its code cells analysed as one module
 * (notebook/module.ts), findings reported per cell, and with `--fix` the notebook written back with
 * only the `source` of the fixed cells changed (notebook/ipynb.ts splices their JSON text).
 */
import type { Parser } from 'web-tree-sitter';
import { fixUntilStable } from '../engine/fix-loop';
import type { Diagnostic, Fix } from '../engine/types';
import { parseNotebookModule } from '../notebook/cell-trees';
import { readNotebook, type SourceSpans, withCellSources } from '../notebook/ipynb';
import { NotebookFileText } from '../notebook/ipynb-positions';
import { NotebookModule, withinCells } from '../notebook/module';
import type { ConfigCache } from '../project/config';
import { unifiedDiff } from './diff';
import { textPath } from './display-path';
import type { CheckOptions, FileReport, ReportedDiagnostic } from './file-report';
import { analyzeForFixes, encodeSource, readForCheck } from './source-file';
import { writeFixedFile } from './write-fixes';

export function checkNotebook(
  filePath: string,
  configs: ConfigCache,
  parser: Parser,
  options: CheckOptions,
): FileReport {
  const { report, fileConfig, read } = readForCheck(filePath, configs);
  if (!read) return report;
  const { config, file } = fileConfig;
  const notebook = readNotebook(read.source);
  if (notebook.kind === 'skipped') report.skipped = notebook.reason;
  if (notebook.kind === 'error') report.error = notebook.reason;
  if (notebook.kind !== 'notebook') return report;

  const cellIndexes = notebook.cells.map((cell) => cell.index);
  const module = new NotebookModule(notebook.cells.map((cell) => cell.source));
  const run = (text: string) => {
    const analysed = analyzeForFixes(text, parser, config, file, options.rules, parseNotebookModule);
    return analysed && { ...analysed, diagnostics: withinCells(text, analysed.diagnostics) };
  };
  const first = run(module.text);
  if (!first) {
    report.error = 'the parser gave up on this notebook';
    return report;
  }
  // Where each finding is in the file's text too: the editor shows a closed notebook's findings on the file.
  report.diagnostics = new NotebookFileText(read.source, notebook.sources).withFileRanges(
    inCells(module, cellIndexes, first.diagnostics),
  );
  if (!options.fix) return report;

  const fixed = fixUntilStable(module.text, run, { unsafe: options.unsafeFixes, first });
  if (fixed.applied === 0) return report;
  const cells = module.splitEdited(fixed.text);
  if (!cells) {
    report.warning = 'fixes not applied: they reached across cells or into Jupyter syntax';
    return report;
  }
  const after = new NotebookModule(cells);
  const remaining = after.text === fixed.text ? fixed.diagnostics : (run(after.text)?.diagnostics ?? []);
  const changed = new Map<number, string>();
  cells.forEach((source, i) => {
    if (source !== module.cells[i]) changed.set(cellIndexes[i], source);
  });
  const outcome = writeNotebook(filePath, read, notebook.sources, changed, options);
  if (outcome.diff !== undefined) report.diff = outcome.diff;
  if (outcome.notWritten) report.notWritten = outcome.notWritten;
  if (outcome.writeError) report.writeError = outcome.writeError;
  if (outcome.notWritten || outcome.writeError) return report;
  report.diagnostics = inCells(after, cellIndexes, remaining);
  report.fixed = fixed.applied;
  if (fixed.refused.length > 0)
    report.warning = `not applied, would break the syntax: ${fixed.refused.join('; ')}`;
  return report;
}

interface WriteOutcome {
  diff?: string;
  notWritten?: string;
  writeError?: string;
}

/** The notebook with its changed cell sources spliced in, written (or shown as a diff per cell). */
function writeNotebook(
  filePath: string,
  read: { bytes: Buffer; source: string; hasBom: boolean },
  spans: SourceSpans,
  changed: ReadonlyMap<number, string>,
  options: CheckOptions,
): WriteOutcome {
  if (options.fixedText === 'diff') return { diff: cellDiffs(filePath, read.source, changed) };
  const text = withCellSources(read.source, spans, changed);
  const written = writeFixedFile(
    filePath,
    read.bytes,
    encodeSource(text, read.hasBom),
    options.writableRoots,
  );
  if (written.kind === 'skipped') return { notWritten: written.reason };
  if (written.kind === 'failed') return { writeError: written.reason };
  return {};
}

/** `--diff` for a notebook: one unified diff per changed cell, headed `path:cell N`. */
function cellDiffs(filePath: string, text: string, changed: ReadonlyMap<number, string>): string {
  const notebook = readNotebook(text);
  if (notebook.kind !== 'notebook') return '';
  const before = new Map(notebook.cells.map((cell) => [cell.index, cell.source]));
  return [...changed]
    .sort(([a], [b]) => a - b)
    .map(([index, after]) =>
      unifiedDiff(`${textPath(filePath)}:cell ${index + 1}`, before.get(index) ?? '', after),
    )
    .join('');
}

/**
 * Module diagnostics as cell diagnostics: ranges (and fix edits) relative to the cell, `cell` its
 * 1-based index among all the notebook's cells (Ruff's numbering). A fix with an edit in another
 * cell is not shown as this finding's fix.
 */
export function inCells(
  module: NotebookModule,
  cellIndexes: readonly number[],
  diagnostics: readonly Diagnostic[],
): ReportedDiagnostic[] {
  const reported: ReportedDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const at = module.rangeToCell(diagnostic.range);
    if (!at) continue;
    reported.push({
      ...diagnostic,
      range: at.range,
      fix: diagnostic.fix && fixInCell(module, at.cell, diagnostic.fix),
      cell: cellIndexes[at.cell] + 1,
    });
  }
  return reported;
}

function fixInCell(module: NotebookModule, cell: number, fix: Fix): Fix | null {
  const edits = fix.edits.map((edit) => ({ ...edit, at: module.rangeToCell(edit.range) }));
  if (edits.some((edit) => edit.at?.cell !== cell)) return null;
  return {
    ...fix,
    edits: edits.map(({ at, newText }) => ({ range: at?.range ?? fix.edits[0].range, newText })),
  };
}
