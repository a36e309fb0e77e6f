import { analyzeScopes } from '../../server/src/analysis/scopes';
import { analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import { applicableFixes, applyFixes } from '../../server/src/engine/fixes';
import { resolveFixes } from '../../server/src/engine/resolve-fixes';
import type { Diagnostic, Node } from '../../server/src/engine/types';
import { allRules } from '../../server/src/rules/registry';
import { getParser } from './analyze';

const FILE = { isPackageInit: false, isPrivateModule: false, isStub: false };

/** The diagnostics of `codes` with their lazy fixes resolved against the whole tree. */
export async function resolvedDiagnostics(source: string, codes: string[]): Promise<Diagnostic[]> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const config = makeEngineConfig({ enabled: codes });
    const { diagnostics } = analyze({ rules: allRules, source, tree, config, file: FILE });
    return resolveFixes(diagnostics, tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** `source` after applying every (unsafe included) fix of `codes` once. */
export async function fixedText(source: string, codes: string[]): Promise<string> {
  const diagnostics = await resolvedDiagnostics(source, codes);
  return applyFixes(source, applicableFixes(diagnostics, true)).text;
}

/** Runs `body` with the scope model of `source` and a finder for the n-th identifier spelled `name`. */
export async function withScopes<T>(
  source: string,
  body: (model: ReturnType<typeof analyzeScopes>, find: (name: string, nth?: number) => Node) => T,
): Promise<T> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    const model = analyzeScopes(tree.rootNode);
    const identifiers = tree.rootNode
      .descendantsOfType('identifier')
      .filter((n): n is NonNullable<typeof n> => n !== null);
    const find = (name: string, nth = 0): Node => {
      const found = identifiers.filter((n) => n.text === name)[nth];
      if (!found) throw new Error(`no identifier ${name} #${nth}`);
      return found;
    };
    return body(model, find);
  } finally {
    tree.delete();
  }
}
