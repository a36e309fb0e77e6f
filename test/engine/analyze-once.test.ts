/**
 * `analyzeOnce` (the CLI's whole-file path) takes its own shortcuts: no fact tracking, no cache,
 * file rules reading the module's snapshot instead of the tree. Its result must equal `analyze`'s
 * (the server's path, which the rule tests exercise) on every fixture, every rule enabled.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeOnce } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import { resolveFixes } from '../../server/src/engine/resolve-fixes';
import type { Diagnostic, FileInfo } from '../../server/src/engine/types';
import { parsePython } from '../../server/src/parser/python';
import { allRules } from '../../server/src/rules/registry';
import { getParser } from '../helpers/analyze';

const ROOT = path.resolve(__dirname, '../..');

function pythonFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.py'))
    .map((name) => path.join(folder, name))
    .sort();
}

const FILES = [
  ...pythonFilesUnder(path.join(ROOT, 'test/fixtures')),
  ...pythonFilesUnder(path.join(ROOT, 'examples')),
];
const CONFIG = makeEngineConfig({ enabled: allRules.map((rule) => rule.meta.code) });
const FILE: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

/** Lazy fixes resolved (their resolvers are functions), as the CLI prints them (with the scopes the TC rules computed). */
function printed(
  diagnostics: readonly Diagnostic[],
  resolve: (d: readonly Diagnostic[]) => Diagnostic[],
): string {
  return JSON.stringify(resolve(diagnostics), null, 1);
}

describe('analyzeOnce equals analyze', () => {
  it('has fixtures to compare', () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  it.each(FILES.map((file) => [path.relative(ROOT, file), file]))('%s', async (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const parser = await getParser();
    const tree = parsePython(parser, source);
    if (!tree) throw new Error('parse failed');
    try {
      const input = { source, tree, config: CONFIG, file: FILE, rules: allRules };
      const once = analyzeOnce(input);
      const fresh = analyze(input);
      expect(once.partial).toBe(false);
      expect(
        printed(once.diagnostics, (d) =>
          resolveFixes(d, tree.rootNode, once.scopeModel(), once.moduleSnapshot),
        ),
      ).toBe(printed(fresh.diagnostics, (d) => resolveFixes(d, tree.rootNode)));
    } finally {
      tree.delete();
    }
  });
});
