/**
 * A window publish takes the statements' diagnostics of the last analysis where its window left
 * them as they were (`Assembly` in engine/analyze.ts), and their module facts (`FactsReuse` in
 * engine/module-facts.ts): what it publishes must equal the window publish made from every
 * statement's result and facts, which is what the engine published before. Two
 * copies of one document get the same keystrokes; one publisher starts each window from the last
 * analysis's statements and diagnostics, the other from its cache without them.
 */
import { describe, expect, it } from 'vitest';
import { makeEngineConfig } from '../server/src/engine/config';
import type { Diagnostic, FileInfo } from '../server/src/engine/types';
import { WindowPublisher } from '../server/src/lsp/window-publish';
import { allRules } from '../server/src/rules/registry';
import { openedWithWindows, WholeAssemblyPublisher } from './helpers/windows';

const config = makeEngineConfig({ enabled: allRules.map((rule) => rule.meta.code) });
const file: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };
const input = { config, file, rules: allRules };

/** Statements with suppressions of every kind, docstrings, a stray indented line and statements sharing lines. */
function block(index: number): string {
  return [
    `def function_${index}(a, b):  # noqa: ANN001`,
    `    """Adds`,
    `    and returns the sum.`,
    `    """  # noqa: PCV301`,
    `    print(a)  # noqa: T201`,
    '    return a + b',
    '',
    '',
    `class Holder${index}(Base):`,
    '    def method(cls):',
    '        print(cls)  # noqa: T201',
    '        return cls',
    '',
    '',
    `def optional_${index}(x: Optional[int]) -> None:`,
    '    return None',
    '',
    '',
    `print(${index}); y_${index} = 2  # noqa: T201`,
    `value_${index} = """first`,
    'second line',
    '"""  # noqa',
    '',
    '',
  ].join('\n');
}

function source(blocks: number): string {
  const parts = ['import os', 'import sys', 'from typing import List', '', ''];
  for (let index = 0; index < blocks; index++) parts.push(block(index));
  parts.push('print(sys.argv)', '');
  return parts.join('\n');
}

/** Snippets typed character by character (Enter included), and the edits that toggle suppressions. */
const TYPED = [
  'def typed(a, b):  # noqa: ANN001\n    """Doc\n    more.\n    """  # noqa: PCV301\n    print(a)  # noqa: T201\n    return a\n\n',
  'class Typed:\n    def m(self):\n        print(self)  # noqa\n\n',
  'z = 1; print(z)  # noqa: T201\n',
  '# ruff: noqa: T201\n',
  '# pyconv: disable[T201]\nprint(3)\n# pyconv: enable[T201]\n',
  'text = """a\nb\n"""  # noqa\n',
  '    indented = 1\n',
  'import json\nfrom typing import Optional\n',
  'class Base(type):\n    pass\n\n',
];

/** A deterministic stream of numbers in [0, 1). */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function twins(text: string) {
  return [
    await openedWithWindows(text, new WindowPublisher(0), input),
    await openedWithWindows(text, new WholeAssemblyPublisher(0), input),
  ] as const;
}

describe('window publishes from the last analysis', () => {
  it('publish what windows made from every statement publish, through typing, deletions and pauses', async () => {
    const random = numbers(20);
    const text = source(30);
    const documents = await twins(text);
    let version = 1;
    let windows = 0;
    const pause = () => {
      const settled = documents.map(({ document, whole }) => {
        document.reconcile();
        return whole(document);
      });
      expect(settled[0]).toEqual(settled[1]);
    };
    const publish = () => {
      const parses = documents.map(({ document }) => document.parses);
      const [spliced, whole] = documents.map(({ window }) => window());
      // Parsing a tree with its windows through a syntax error is given a time limit
      // (`OpenDocument.absorbWindows`): where one copy's was cut short, the two are brought together.
      if (documents[0].document.parses - parses[0] !== documents[1].document.parses - parses[1]) {
        pause();
        return;
      }
      if (spliced) windows++;
      expect(spliced).toEqual(whole);
    };
    const apply = (line: number, character: number, length: number, typed: string) => {
      version++;
      for (const { store, document } of documents) {
        const end = { line, character: character + length };
        store.change(document.uri, version, [{ range: { start: { line, character }, end }, text: typed }]);
      }
      publish();
    };
    for (let round = 0; round < 14; round++) {
      const lines = documents[0].document.text.getText().split('\n');
      // On the blank line before a statement of the text as written (a line of a docstring, now and then).
      const starts = lines.flatMap((text, index) =>
        /^(def|class|print|value_)/.test(text) && lines[index - 1] === '' ? [index - 1] : [],
      );
      const line = round % 7 === 6 ? starts[0] + 3 : starts[Math.floor(random() * starts.length)];
      const snippet = TYPED[round % TYPED.length];
      let at = { line, character: 0 };
      for (const char of snippet) {
        apply(at.line, at.character, 0, char);
        at =
          char === '\n'
            ? { line: at.line + 1, character: 0 }
            : { line: at.line, character: at.character + 1 };
      }
      // A range suppression or file exemption taken out again (while a range suppression is in the
      // file, every window reads all statements; a file exemption hides much).
      if (snippet.includes('disable[') || snippet.includes('ruff:')) {
        version++;
        for (const { store, document } of documents) {
          const range = { start: { line, character: 0 }, end: at };
          store.change(document.uri, version, [{ range, text: '' }]);
        }
        publish();
        at = { line, character: 0 };
      }
      // A typo taken back, and a line deleted below.
      apply(at.line, 0, 0, 'q');
      apply(at.line, 0, 1, '');
      const deleted = Math.min(lines.length - 2, line + 5 + Math.floor(random() * 20));
      const length = documents[0].document.text.getText().split('\n')[deleted].length;
      apply(deleted, 0, length, '');
      if (round % 4 === 3) pause();
    }
    expect(windows).toBeGreaterThan(300);
    for (const { store } of documents) store.dispose();
  });

  it('moves the diagnostics below a line break typed above them, suppressed ones staying suppressed', async () => {
    const documents = await twins(source(12));
    const published: (Diagnostic[] | undefined)[][] = [];
    let version = 1;
    for (const line of [40, 41, 41, 80, 12]) {
      version++;
      for (const { store, document } of documents) {
        const at = { line, character: 0 };
        store.change(document.uri, version, [{ range: { start: at, end: at }, text: '\n' }]);
      }
      const [spliced, whole] = documents.map(({ window }) => window());
      expect(spliced).toBeDefined();
      expect(spliced).toEqual(whole);
      published.push([spliced, whole]);
    }
    expect(published.at(-1)?.[0]?.some((d: Diagnostic) => d.code === 'E741')).toBe(false);
    for (const { store } of documents) store.dispose();
  });

  it('gathers every statement where a window cannot splice, those whose diagnostics a line break moved included', async () => {
    const documents = await twins(source(12));
    let version = 1;
    // A line break high up (the statements below keep their diagnostics, moved, unplaced), then a
    // file exemption typed lower down: no window splices one, every statement is gathered, those
    // left unplaced placed first (without, 53 diagnostics were published of 124).
    for (const [line, text] of [
      [40, '\n'],
      [221, '# ruff: noqa: T201\n'],
      [120, '\n'],
      [150, 'x = 1\n'],
    ] as const) {
      version++;
      for (const { store, document } of documents) {
        const at = { line, character: 0 };
        store.change(document.uri, version, [{ range: { start: at, end: at }, text }]);
      }
      const [spliced, whole] = documents.map(({ window }) => window());
      expect(spliced).toBeDefined();
      expect(spliced).toEqual(whole);
    }
    for (const { store } of documents) store.dispose();
  });
});
