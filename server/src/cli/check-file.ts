/**
 * The CLI's per-file work, kept free of output and process state so that it can move into worker
 * threads: read, decode, parse, analyse and (with `--fix`) apply fixes until nothing changes.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { analyze } from '../engine/analyze';
import { type AnalyzeForFixes, type FixPassAnalysis, fixUntilStable } from '../engine/fix-loop';
import { resolveFixes } from '../engine/resolve-fixes';
import type { Rule } from '../engine/rule';
import type { Diagnostic, EngineConfig, FileInfo } from '../engine/types';
import { parsePython } from '../parser/python';
import { type ConfigCache, DEFAULT_MAX_FILE_SIZE } from '../project/config';
import { allRules } from '../rules/registry';
import { writeFixedFile } from './write-fixes';

export interface CheckOptions {
  fix: boolean;
  unsafeFixes: boolean;
  /** The rules to run (default: the registry); tests pass their own. */
  rules?: readonly Rule[];
  /** Real paths `--fix` may write under (those named on the command line); default: the file itself. */
  writableRoots?: readonly string[];
}

export interface FileReport {
  /** Absolute path. */
  path: string;
  diagnostics: Diagnostic[];
  /** How many fixes `--fix` applied (the file was rewritten when this is above 0). */
  fixed: number;
  /** The file could not be checked (unreadable, not UTF-8, ...). */
  error?: string;
  /** The file was deliberately not checked (too large). */
  skipped?: string;
  /** `--fix` stopped early, e.g. because a fix would have broken the syntax. */
  warning?: string;
  /** `--fix` did not write the file on purpose (a symlink out of the checked paths). */
  notWritten?: string;
  /** `--fix` could not write the file (changed meanwhile, write failed); the file is as it was. */
  writeError?: string;
}

const UTF8_BOM = '\uFEFF';

export function checkFile(
  filePath: string,
  configs: ConfigCache,
  parser: Parser,
  options: CheckOptions = { fix: false, unsafeFixes: false },
): FileReport {
  const report: FileReport = { path: filePath, diagnostics: [], fixed: 0 };
  const { config, file, maxFileSize = DEFAULT_MAX_FILE_SIZE } = configs.forFile(filePath);
  let bytes: Buffer;
  try {
    const size = statSync(filePath).size;
    if (size > maxFileSize) {
      report.skipped = `larger than max-file-size (${size} > ${maxFileSize} bytes), not checked`;
      return report;
    }
    bytes = readFileSync(filePath);
  } catch (error) {
    report.error = `cannot read file (${error instanceof Error ? error.message : String(error)})`;
    return report;
  }
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) {
    report.error = 'not valid UTF-8, not checked';
    return report;
  }
  const hasBom = decoded.startsWith(UTF8_BOM);
  const source = hasBom ? decoded.slice(1) : decoded;

  const run: AnalyzeForFixes = (text) => analyzeText(text, parser, config, file, options.rules);
  const first = run(source);
  if (!first) {
    report.error = 'the parser gave up on this file';
    return report;
  }
  if (!options.fix) {
    report.diagnostics = first.diagnostics;
    return report;
  }
  const fixed = fixUntilStable(source, run, { unsafe: options.unsafeFixes, first });
  report.diagnostics = fixed.diagnostics;
  report.fixed = fixed.applied;
  if (fixed.refused.length > 0)
    report.warning = `not applied, would break the syntax: ${fixed.refused.join('; ')}`;
  if (fixed.text !== source) {
    const content = Buffer.from(hasBom ? UTF8_BOM + fixed.text : fixed.text, 'utf8');
    const written = writeFixedFile(filePath, bytes, content, options.writableRoots);
    if (written.kind !== 'written') {
      // The file still holds what was read: report that.
      report.diagnostics = first.diagnostics;
      report.fixed = 0;
      if (written.kind === 'skipped') report.notWritten = written.reason;
      else report.writeError = written.reason;
    }
  }
  return report;
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    // ignoreBOM keeps a BOM in the text, so that it can be written back after fixes.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function analyzeText(
  source: string,
  parser: Parser,
  config: EngineConfig,
  file: FileInfo,
  rules: readonly Rule[] = allRules,
): FixPassAnalysis | undefined {
  const tree = parsePython(parser, source);
  if (!tree) return undefined;
  try {
    const { diagnostics } = analyze({ source, tree, config, file, rules });
    // Renames are lazy fixes: resolve them while the tree exists, for --fix and the JSON output.
    return { diagnostics: resolveFixes(diagnostics, tree.rootNode), hasSyntaxError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}
