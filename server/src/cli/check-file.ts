/**
 * The CLI's per-file work, kept free of output and process state so that it can move into worker
 * threads: read, decode, parse, analyse and (with `--fix`) apply fixes until nothing changes.
 */
import type { Parser } from 'web-tree-sitter';
import { type AnalyzeForFixes, type FixPassAnalysis, fixUntilStable } from '../engine/fix-loop';
import type { Diagnostic, EngineConfig, FileInfo } from '../engine/types';
import { type ParseModule, parsePython } from '../parser/python';
import { type ConfigCache, isNotebookPath } from '../project/config';
import { type ImportsOthersNeed, withImportsOthersNeed } from '../project/kept-imports';
import { checkNotebook } from './check-notebook';
import { unifiedDiff } from './diff';
import { textPath } from './display-path';
import type { CheckOptions, FileReport } from './file-report';
import { analyzeForFixes, encodeSource, readForCheck } from './source-file';
import { writeFixedFile } from './write-fixes';

export type { CheckOptions, FileReport, ReportedDiagnostic } from './file-report';
export { decodeSource, encodeSource, type ReadSource, readSource } from './source-file';

/** Checks one file found by the walk: Python source, or a Jupyter notebook (`check-notebook.ts`). */
export function checkFile(
  filePath: string,
  configs: ConfigCache,
  parser: Parser,
  options: CheckOptions = { fix: false, unsafeFixes: false },
): FileReport {
  if (isNotebookPath(filePath)) return checkNotebook(filePath, configs, parser, options);
  const { report, fileConfig, read } = readForCheck(filePath, configs);
  if (!read) return report;
  const { config, file } = fileConfig;
  const { bytes, source, hasBom } = read;

  const checked = checkText(source, parser, config, file, options, {
    names: options.keepNames?.[filePath],
    imports: options.keepImports?.[filePath],
  });
  if (!checked) {
    report.error = 'the parser gave up on this file';
    return report;
  }
  report.diagnostics = checked.diagnostics;
  report.fixed = checked.fixed;
  if (checked.warning) report.warning = checked.warning;
  if (checked.text === source) return report;
  if (options.fixedText === 'diff') {
    report.diff = unifiedDiff(textPath(filePath), source, checked.text);
    return report;
  }
  const written = writeFixedFile(filePath, bytes, encodeSource(checked.text, hasBom), options.writableRoots);
  if (written.kind !== 'written') {
    // The file still holds what was read: report that.
    report.diagnostics = checked.unfixed;
    report.fixed = 0;
    if (written.kind === 'skipped') report.notWritten = written.reason;
    else report.writeError = written.reason;
  }
  return report;
}

export interface CheckedText {
  /** The findings in `text`. */
  diagnostics: Diagnostic[];
  /** The findings in the text as given (before fixes). */
  unfixed: Diagnostic[];
  /** The text after `--fix` (the source itself without it). */
  text: string;
  fixed: number;
  warning?: string;
}

/** What the fixes of one file must leave alone, for the sake of other modules (cli/cross-file-fixes.ts). */
export interface KeptForFile {
  /** Module-level names whose rename fixes are not applied. */
  names?: readonly string[];
  /** Imported names other modules import from this one: F401 does not remove them. */
  imports?: ImportsOthersNeed;
}

/** Analyses a source text and, with `options.fix`, fixes it until stable; undefined if the parser gave up. */
export function checkText(
  source: string,
  parser: Parser,
  config: EngineConfig,
  file: FileInfo,
  options: CheckOptions,
  kept: KeptForFile = {},
  parse: ParseModule = parsePython,
): CheckedText | undefined {
  // The fix loop applies edits; a check that only reports gets as much of the fixes as it shows.
  const fixDetail = options.fix ? 'edits' : options.fixDetail;
  const run: AnalyzeForFixes = (text) =>
    withImportsOthersNeed(
      withKeptNames(
        analyzeForFixes(text, parser, config, file, options.rules, parse, fixDetail),
        kept.names ?? [],
      ),
      text,
      kept.imports,
    );
  const first = run(source);
  if (!first) return undefined;
  if (!options.fix)
    return { diagnostics: first.diagnostics, unfixed: first.diagnostics, text: source, fixed: 0 };
  const fixed = fixUntilStable(source, run, { unsafe: options.unsafeFixes, first });
  return {
    diagnostics: fixed.diagnostics,
    unfixed: first.diagnostics,
    text: fixed.text,
    fixed: fixed.applied,
    warning:
      fixed.refused.length > 0
        ? `not applied, would break the syntax: ${fixed.refused.join('; ')}`
        : undefined,
  };
}

/** The analysis with the rename fixes of `names` made unavailable (a rename across files was refused). */
function withKeptNames(
  analysis: FixPassAnalysis | undefined,
  names: readonly string[],
): FixPassAnalysis | undefined {
  if (!analysis || names.length === 0) return analysis;
  const diagnostics = analysis.diagnostics.map((diagnostic) => {
    const fix = diagnostic.fix;
    if (fix?.resolve?.kind !== 'rename' || !names.includes(fix.resolve.name)) return diagnostic;
    return {
      ...diagnostic,
      fix: {
        ...fix,
        edits: [],
        unavailable: 'other modules use the name; the rename across files was refused',
      },
    };
  });
  return { ...analysis, diagnostics };
}
