import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeActionParams } from 'vscode-languageserver';
import { checkFile } from '../server/src/cli/check-file';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { type AnalyzeForFixes, fixUntilStable } from '../server/src/engine/fix-loop';
import { nodeRange } from '../server/src/engine/positions';
import type { UnitRule } from '../server/src/engine/rule';
import type { Diagnostic, Fix, RuleMeta } from '../server/src/engine/types';
import { OpenDocument } from '../server/src/lsp/documents';
import { FIX_ALL_KIND, provideCodeActions } from '../server/src/lsp/features/code-actions';
import { ConfigCache } from '../server/src/project/config';
import { getParser } from './helpers/analyze';

const dir = mkdtempSync(path.join(tmpdir(), 'pyconv-fixloop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function meta(code: string): RuleMeta {
  return { code, name: 'fake', summary: '', seeds: [], defaultEnabled: true, fix: 'safe', doc: '' };
}

/** Puts `y = 0` indented with eight spaces before each `return`: tree-sitter parses it; in a tab-indented block CPython raises TabError. */
const insertSpacesBeforeReturn: UnitRule = {
  kind: 'unit',
  meta: meta('N801'),
  nodeTypes: ['return_statement'],
  visit(node, ctx) {
    const at = { line: node.startPosition.row, character: 0 };
    ctx.report(node, 'spaces', {
      title: 'Spaces in a tab block',
      safe: true,
      edits: [{ range: { start: at, end: at }, newText: '        y = 0\n' }],
    });
  },
};

const renameX: UnitRule = {
  kind: 'unit',
  meta: meta('N802'),
  nodeTypes: ['identifier'],
  visit(node, ctx) {
    if (node.text !== 'x') return;
    ctx.report(node, 'x', { title: 'x to z', safe: true, edits: [{ range: nodeRange(node), newText: 'z' }] });
  },
};

const TAB_SOURCE = 'def f():\n\tx = 1\n\treturn x\n';

describe('the fix loop', () => {
  it('refuses a fix whose indentation CPython rejects although tree-sitter parses it (CLI --fix)', async () => {
    const file = path.join(dir, 'tabs.py');
    writeFileSync(file, TAB_SOURCE);
    const configs = new ConfigCache({ overrides: { select: ['N801', 'N802'] } });
    const report = checkFile(file, configs, await getParser(), {
      fix: true,
      unsafeFixes: false,
      rules: [insertSpacesBeforeReturn, renameX],
    });
    expect(readFileSync(file, 'utf8')).toBe('def f():\n\tz = 1\n\treturn z\n');
    expect(report.warning).toBe('not applied, would break the syntax: Spaces in a tab block');
  });

  it('is pure: text and an analyse function in, text out', async () => {
    const parser = await getParser();
    const config = makeEngineConfig({ enabled: ['N801', 'N802'] });
    const file = { isPackageInit: false, isPrivateModule: false, isStub: false };
    const run: AnalyzeForFixes = (text) => {
      const tree = parser.parse(text);
      if (!tree) return undefined;
      try {
        const { diagnostics } = analyze({
          source: text,
          tree,
          config,
          file,
          rules: [insertSpacesBeforeReturn, renameX],
        });
        return { diagnostics, hasSyntaxError: tree.rootNode.hasError };
      } finally {
        tree.delete();
      }
    };
    const result = fixUntilStable(TAB_SOURCE, run, { unsafe: false });
    expect(result.text).toBe('def f():\n\tz = 1\n\treturn z\n');
    expect(result.applied).toBe(2);
    expect(result.refused).toEqual(['Spaces in a tab block']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['N801']);
  });

  it('guards the editor fix-all too: a fix that breaks the syntax is left out', async () => {
    const parser = await getParser();
    const source = 'def f():\n    pass\n';
    const document = new OpenDocument('file:///t.py', 'python', 1, source, parser);
    const breaking: Fix = {
      title: 'Break it',
      safe: true,
      edits: [
        { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } }, newText: 'pass(' },
      ],
    };
    const current: Diagnostic[] = [
      { code: 'E722', message: 'm', range: breaking.edits[0].range, severity: 'warning', fix: breaking },
    ];
    const params: CodeActionParams = {
      textDocument: { uri: document.uri },
      range: breaking.edits[0].range,
      context: { diagnostics: [], only: [FIX_ALL_KIND] },
    };
    const actions = provideCodeActions(params, {
      document,
      current,
      unsafeFixes: false,
      snippets: 'none',
      resolveSupport: false,
      analyzeImports: () => undefined,
      analyzeText: (text) => {
        const tree = parser.parse(text);
        if (!tree) return undefined;
        const hasSyntaxError = tree.rootNode.hasError;
        tree.delete();
        return { diagnostics: hasSyntaxError ? [] : current, hasSyntaxError };
      },
    });
    expect(actions).toEqual([]);
  });
  it('removes two unused imports of one block one per pass, leaving `pass` (Ruff isolates them)', async () => {
    const file = path.join(dir, 'block.py');
    const source =
      'import sys\n\nif sys.platform == "win32":\n    # Windows\n    from os import sep\n    from os import getcwd\nelse:\n    x = 1\n';
    writeFileSync(file, source);
    const configs = new ConfigCache({ overrides: { select: ['F401'] } });
    const report = checkFile(file, configs, await getParser(), { fix: true, unsafeFixes: false });
    expect(readFileSync(file, 'utf8')).toBe(
      'import sys\n\nif sys.platform == "win32":\n    # Windows\n    pass\nelse:\n    x = 1\n',
    );
    expect(report.fixed).toBe(2);
  });
});
