import type { Parser } from 'web-tree-sitter';
import { analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import { type AnalyzeForFixes, fixUntilStable } from '../../server/src/engine/fix-loop';
import { resolveFixes } from '../../server/src/engine/resolve-fixes';
import type { PythonVersion } from '../../server/src/engine/types';
import { allRules } from '../../server/src/rules/registry';
import { getParser } from './analyze';

const FILE = { isPackageInit: false, isPrivateModule: false, isStub: false };

/** Parses and analyses a text with exactly `codes` enabled, lazy fixes resolved: what the fix loop reads. */
export function analyzerFor(
  parser: Parser,
  codes: readonly string[],
  targetVersion?: PythonVersion,
): AnalyzeForFixes {
  const config = makeEngineConfig({ enabled: codes, targetVersion });
  return (text) => {
    const tree = parser.parse(text);
    if (!tree) return undefined;
    try {
      const { diagnostics } = analyze({ rules: allRules, source: text, tree, config, file: FILE });
      return {
        diagnostics: resolveFixes(diagnostics, tree.rootNode),
        hasSyntaxError: tree.rootNode.hasError,
      };
    } finally {
      tree.delete();
    }
  };
}

/** The engine's fix loop (fix-all, fix-on-save and `--fix` run it) with exactly `codes` enabled. */
export async function fixAllWith(
  source: string,
  codes: readonly string[],
  options: { unsafe: boolean; targetVersion?: PythonVersion },
): Promise<string> {
  const analyzeText = analyzerFor(await getParser(), codes, options.targetVersion);
  return fixUntilStable(source, analyzeText, { unsafe: options.unsafe }).text;
}
