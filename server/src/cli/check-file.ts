/**
 * The CLI's per-file work, kept free of output and process state so that it can move into worker
 * threads: read, decode, parse, analyse and (with `--fix`) apply fixes until nothing changes.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { analyzeOnce } from '../engine/analyze';
import { type AnalyzeForFixes, type FixPassAnalysis, fixUntilStable } from '../engine/fix-loop';
import { resolveFixes } from '../engine/resolve-fixes';
import type { Rule } from '../engine/rule';
import type { Diagnostic, EngineConfig, FileInfo } from '../engine/types';
import { parsePython } from '../parser/python';
import { type ConfigCache, DEFAULT_MAX_FILE_SIZE } from '../project/config';
import { allRules } from '../rules/registry';
import { unifiedDiff } from './diff';
import { textPath } from './display-path';
import { writeFixedFile } from './write-fixes';

export interface CheckOptions {
  fix: boolean;
  unsafeFixes: boolean;
  /** The rules to run (default: the registry); tests pass their own. */
  rules?: readonly Rule[];
  /** Real paths `--fix` may write under (those named on the command line); default: the file itself. */
  writableRoots?: readonly string[];
  /** What becomes of a fixed text: the file is written (default), or only its diff reported (`--diff`). */
  fixedText?: 'write' | 'diff';
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
  /** With `fixedText: 'diff'`: the unified diff of what `--fix` would change (the file is not written). */
  diff?: string;
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
  const read = readSource(filePath, maxFileSize);
  if (read.kind === 'skipped') report.skipped = read.reason;
  if (read.kind === 'error') report.error = read.reason;
  if (read.kind !== 'read') return report;
  const { bytes, source, hasBom } = read;

  const checked = checkText(source, parser, config, file, options);
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

/** Analyses a source text and, with `options.fix`, fixes it until stable; undefined if the parser gave up. */
export function checkText(
  source: string,
  parser: Parser,
  config: EngineConfig,
  file: FileInfo,
  options: CheckOptions,
): CheckedText | undefined {
  const run: AnalyzeForFixes = (text) => analyzeText(text, parser, config, file, options.rules);
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

export type ReadSource =
  | { kind: 'read'; bytes: Buffer; source: string; hasBom: boolean }
  /** Deliberately not read (too large). */
  | { kind: 'skipped'; reason: string }
  /** Unreadable or not UTF-8. */
  | { kind: 'error'; reason: string };

/** A file's bytes and its text (a leading BOM set aside), unless too large, unreadable or not UTF-8. */
export function readSource(filePath: string, maxFileSize: number): ReadSource {
  let bytes: Buffer;
  try {
    const size = statSync(filePath).size;
    if (size > maxFileSize) {
      return {
        kind: 'skipped',
        reason: `larger than max-file-size (${size} > ${maxFileSize} bytes), not checked`,
      };
    }
    bytes = readFileSync(filePath);
  } catch (error) {
    return {
      kind: 'error',
      reason: `cannot read file (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const decoded = decodeSource(bytes);
  if (decoded === undefined) return { kind: 'error', reason: 'not valid UTF-8, not checked' };
  return { kind: 'read', bytes, ...decoded };
}

/** UTF-8 bytes as text, a leading BOM set aside (to be put back by `encodeSource`); undefined if not UTF-8. */
export function decodeSource(bytes: Uint8Array): { source: string; hasBom: boolean } | undefined {
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) return undefined;
  const hasBom = decoded.startsWith(UTF8_BOM);
  return { source: hasBom ? decoded.slice(1) : decoded, hasBom };
}

/** The bytes to write for a text read by `readSource` (its BOM put back). */
export function encodeSource(text: string, hasBom: boolean): Buffer {
  return Buffer.from(hasBom ? UTF8_BOM + text : text, 'utf8');
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
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
    const { diagnostics, moduleSnapshot } = analyzeOnce({ source, tree, config, file, rules });
    // Renames are lazy fixes: resolve them while the tree exists, for --fix and the JSON output.
    return {
      diagnostics: resolveFixes(diagnostics, tree.rootNode, undefined, moduleSnapshot),
      hasSyntaxError: tree.rootNode.hasError,
    };
  } finally {
    tree.delete();
  }
}
