/** Reading, decoding and analysing one source text: what the per-file checks share. */
import { readFileSync, statSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { analyzeOnce } from '../engine/analyze';
import type { FixPassAnalysis } from '../engine/fix-loop';
import { hasUnresolvedFixes, resolveFixes } from '../engine/resolve-fixes';
import type { Rule } from '../engine/rule';
import type { EngineConfig, FileInfo, FixDetail } from '../engine/types';
import { type ParseModule, parsePython } from '../parser/python';
import { type ConfigCache, DEFAULT_MAX_FILE_SIZE } from '../project/config';
import type { FileConfig } from '../project/settings';
import { allRules } from '../rules/registry';
import type { FileReport } from './file-report';

const UTF8_BOM = '\uFEFF';

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

/**
 * Parses and analyses a text for the fix loop (lazy fixes resolved); undefined if the parser gave
 * up. With `fixDetail` `'availability'`, for a report that shows no edit, some fixes have none
 * (see `FixDetail`): never for the fix loop.
 */
export function analyzeForFixes(
  source: string,
  parser: Parser,
  config: EngineConfig,
  file: FileInfo,
  rules: readonly Rule[] = allRules,
  parse: ParseModule = parsePython,
  fixDetail: FixDetail = 'edits',
): FixPassAnalysis | undefined {
  const tree = parse(parser, source);
  if (!tree) return undefined;
  try {
    const { diagnostics, moduleSnapshot, scopeModel } = analyzeOnce({
      source,
      tree,
      config,
      file,
      rules,
      fixDetail,
    });
    // Renames are lazy fixes: resolve them while the tree exists, for --fix and the JSON output
    // (for the text output, whether each can be made).
    const scopes = hasUnresolvedFixes(diagnostics) ? scopeModel() : undefined;
    return {
      diagnostics: resolveFixes(diagnostics, tree.rootNode, scopes, moduleSnapshot, fixDetail),
      hasSyntaxError: tree.rootNode.hasError,
    };
  } finally {
    tree.delete();
  }
}

/**
 * The start of every per-file check: the file's configuration and its text, or the report saying
 * why it is not checked (too large, unreadable, not UTF-8).
 */
export function readForCheck(
  filePath: string,
  configs: ConfigCache,
): { report: FileReport; fileConfig: FileConfig; read?: Extract<ReadSource, { kind: 'read' }> } {
  const report: FileReport = { path: filePath, diagnostics: [], fixed: 0 };
  const fileConfig = configs.forFile(filePath);
  const read = readSource(filePath, fileConfig.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (read.kind === 'skipped') report.skipped = read.reason;
  if (read.kind === 'error') report.error = read.reason;
  return { report, fileConfig, ...(read.kind === 'read' ? { read } : {}) };
}
