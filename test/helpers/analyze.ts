import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, type AnalysisResult, analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig, parseTargetVersion } from '../../server/src/engine/config';
import type { Diagnostic, EngineConfig, FileInfo, Range } from '../../server/src/engine/types';
import { createPythonParser, parsePython } from '../../server/src/parser/python';
import { allRules } from '../../server/src/rules/registry';

let parser: Parser | undefined;

export async function getParser(): Promise<Parser> {
  parser ??= await createPythonParser();
  return parser;
}

/** `source` parsed afresh with `parser` and analysed (every rule) with `cache`; the tree is let go. */
export function analyzeParsed(
  parser: Parser,
  source: string,
  setup: { config: EngineConfig; file: FileInfo },
  cache?: AnalysisCache,
): AnalysisResult {
  const tree = parser.parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    return analyze({ rules: allRules, source, tree, ...setup }, cache);
  } finally {
    tree.delete();
  }
}

export interface CheckOptions {
  /** Codes to enable; defaults to the one code under test. */
  select?: string[];
  targetVersion?: string;
  options?: Record<string, Record<string, unknown>>;
  file?: Partial<FileInfo>;
}

/** Analyses `source` with exactly the given codes enabled and returns the diagnostics. */
export async function check(source: string, codes: string[], opts: CheckOptions = {}): Promise<Diagnostic[]> {
  const p = await getParser();
  // Parsed as the server and the CLI do (a lone `\r` is a line break to tree-sitter too).
  const tree = parsePython(p, source);
  if (!tree) throw new Error('parse failed');
  try {
    const config = makeEngineConfig({
      enabled: opts.select ?? codes,
      targetVersion: opts.targetVersion ? parseTargetVersion(opts.targetVersion) : undefined,
      options: opts.options,
    });
    const file: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false, ...opts.file };
    return analyze({ rules: allRules, source, tree, config, file }).diagnostics.filter((d) =>
      codes.includes(d.code),
    );
  } finally {
    tree.delete();
  }
}

/** `L:C-L:C`, zero-based like LSP, for compact exact-range assertions. */
export function formatRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The diagnostics of one code as `CODE L:C-L:C` strings, in order. */
export async function flagged(source: string, code: string, opts: CheckOptions = {}): Promise<string[]> {
  const diagnostics = await check(source, [code], opts);
  return diagnostics.map((d) => `${d.code} ${formatRange(d.range)}`);
}
