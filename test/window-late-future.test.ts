/**
 * A window publish in a file with a late `from __future__ import annotations` (statements before it
 * see no future import, those after it do: see `moduleViews` in engine/analyze.ts). The window
 * publish splices the last analysis's statements there too: what it publishes must equal the
 * window publish made from every statement's result, and, wherever the text parses without
 * errors, a fresh analysis of it, through typing before, after and into the import, the import
 * typed into, a second one typed above it, and both taken away.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { SYNTAX_ERROR_CODE } from '../server/src/engine/syntax-errors';
import type { Diagnostic, FileInfo } from '../server/src/engine/types';
import type { OpenDocument } from '../server/src/lsp/documents';
import { WindowPublisher } from '../server/src/lsp/window-publish';
import { allRules } from '../server/src/rules/registry';
import { getParser } from './helpers/analyze';
import { openedWithWindows, WholeAssemblyPublisher } from './helpers/windows';

// Python 3.8: `Optional[int]` and `List[int]` may be rewritten only under the future import.
const config = makeEngineConfig({
  enabled: ['ANN001', 'ANN201', 'UP045', 'UP006', 'UP037', 'E501'],
  targetVersion: [3, 8],
});
const file: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };
const input = { config, file, rules: allRules };

function functions(from: number, count: number): string[] {
  const lines: string[] = [];
  for (let index = from; index < from + count; index++)
    lines.push(`def f_${index}(a: Optional[int], b: List[int]) -> "Holder":`, '    return a', '', '');
  return lines;
}

const SOURCE = [
  'from typing import List, Optional',
  '',
  '',
  ...functions(0, 6),
  'from __future__ import annotations',
  '',
  '',
  ...functions(6, 6),
  'class Holder:',
  '    pass',
  '',
].join('\n');

const TYPED = 'def typed(x: Optional[str]) -> List[int]:\n    return []\n\n\n';

async function fresh(document: OpenDocument): Promise<Diagnostic[] | undefined> {
  const parser = await getParser();
  const source = document.text.getText();
  const tree = parser.parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    // Only where the text has no syntax error: a window's parse may recover from one otherwise.
    const { diagnostics } = analyze({ source, tree, ...input });
    return diagnostics.some((diagnostic) => diagnostic.code === SYNTAX_ERROR_CODE) ? undefined : diagnostics;
  } finally {
    tree.delete();
  }
}

describe('window publishes in a file with a late `from __future__ import annotations`', () => {
  it('publish what a window made from every statement publishes, and a fresh analysis', async () => {
    const documents = [
      await openedWithWindows(SOURCE, new WindowPublisher(0), input),
      await openedWithWindows(SOURCE, new WholeAssemblyPublisher(0), input),
    ] as const;
    let version = 1;
    let windows = 0;
    let checkedFresh = 0;
    const lineOf = (text: string) =>
      documents[0].document.text
        .getText()
        .split('\n')
        .findIndex((line) => line.startsWith(text));
    const change = async (line: number, character: number, length: number, text: string) => {
      version++;
      for (const { store, document } of documents) {
        const end = { line, character: character + length };
        store.change(document.uri, version, [{ range: { start: { line, character }, end }, text }]);
      }
      const [spliced, whole] = documents.map(({ window }) => window());
      expect(spliced).toEqual(whole);
      if (!spliced) {
        for (const { document, whole: analysed } of documents) analysed(document);
        return;
      }
      windows++;
      const expected = await fresh(documents[0].document);
      if (expected) {
        checkedFresh++;
        expect(spliced).toEqual(expected);
      }
    };
    const type = async (line: number, text: string) => {
      let at = { line, character: 0 };
      for (const char of text) {
        await change(at.line, at.character, 0, char);
        at =
          char === '\n'
            ? { line: at.line + 1, character: 0 }
            : { line: at.line, character: at.character + 1 };
      }
    };
    // Before the import, after it, and just before it.
    await type(lineOf('def f_2'), TYPED);
    await type(lineOf('def f_8'), TYPED);
    await type(lineOf('from __future__'), TYPED);
    // A letter typed into the import and taken back (no import for a while).
    const importLine = lineOf('from __future__');
    await change(importLine, 5, 0, 'x');
    await change(importLine, 5, 1, '');
    // A second import typed further up: the statements between the two now follow an import.
    await type(lineOf('def f_2'), 'from __future__ import annotations\n');
    // The first import deleted (the second still applies), then the second.
    const lastImport = documents[0].document.text
      .getText()
      .split('\n')
      .lastIndexOf('from __future__ import annotations');
    await change(lastImport, 0, 'from __future__ import annotations'.length, '');
    await change(lineOf('from __future__'), 0, 'from __future__ import annotations'.length, '');
    expect(windows).toBeGreaterThan(200);
    expect(checkedFresh).toBeGreaterThan(20);
    for (const { store } of documents) store.dispose();
  });
});
