/**
 * The window publish (lsp/window-publish.ts): after an edit, only the statements around it are
 * parsed and analysed; the rest of the file's findings are carried, moved by the lines the edit
 * added. What it publishes equals a fresh analysis where the edit leaves the file's other
 * statements as they were; once reconciled, the whole analysis always does.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import type { Diagnostic, FileInfo } from '../server/src/engine/types';
import { DocumentStore } from '../server/src/lsp/documents';
import { WindowPublisher } from '../server/src/lsp/window-publish';
import { allRules } from '../server/src/rules/registry';
import { freshDiagnostics } from '../tools/fuzz/differential';
import { getParser } from './helpers/analyze';
import { clockStepping } from './helpers/clock';
import { openedWithWindows } from './helpers/windows';

const config = makeEngineConfig({ enabled: allRules.map((rule) => rule.meta.code) });
const file: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };
const input = { config, file, rules: allRules };

function functions(count: number, prefix: string): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`def ${prefix}_${i}(a, b):\n    return a + b  # noqa: E501\n\n`);
  return parts.join('');
}

const SOURCE = `import os\nimport sys\n\n${functions(20, 'early')}class Holder:\n    x = 1\n\n${functions(20, 'late')}print(sys.argv)\n`;

/** The line of SOURCE that reads `text`. */
function lineOf(text: string): number {
  return SOURCE.split('\n').indexOf(text);
}

async function fresh(text: string): Promise<Diagnostic[]> {
  return freshDiagnostics(await getParser(), text, config);
}

/** A document opened and analysed whole, as the scheduler does on open. */
async function opened(maxLines?: number) {
  const windows = new WindowPublisher(0, maxLines);
  const { store, document, whole, window, windowNotAbsorbed } = await openedWithWindows(
    SOURCE,
    windows,
    input,
  );
  const edit = (version: number, line: number, character: number, text: string) =>
    store.change(document.uri, version, [
      { range: { start: { line, character }, end: { line, character } }, text },
    ]);
  const insert = (version: number, line: number, text: string) => edit(version, line, 0, text);
  return {
    store,
    document,
    windows,
    whole,
    window,
    windowNotAbsorbed,
    insert,
    edit,
  };
}

/**
 * A document opened as `opened` does, with windows of 30 lines at most together, the lines of two
 * functions of SOURCE far apart, and its parses so far.
 */
async function farApart(early: string, late: string) {
  const opening = await opened(30);
  return {
    ...opening,
    early: lineOf(`def ${early}(a, b):`),
    late: lineOf(`def ${late}(a, b):`),
    parses: opening.document.parses,
  };
}

describe('window publish', () => {
  it('publishes from a window that equals a fresh analysis when the edit is self-contained', async () => {
    const { document, window, insert, store } = await opened();
    const line = SOURCE.split('\n').indexOf('class Holder:');
    insert(2, line, 'def BadName(x):\n    return x\n\n');
    const published = window();
    expect(published).toBeDefined();
    expect(document.needsReconcile).toBe(true);
    expect(published).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('publishes the last statement edited to bind a module-level name as a fresh analysis does', async () => {
    const { document, window, insert, store } = await opened();
    // No statement after the window; the new name changes the module facts the others read.
    insert(2, SOURCE.split('\n').length - 2, 'shown = ');
    expect(window()).toEqual(await fresh(document.text.getText()));
    // And a statement typed after the last one.
    insert(3, SOURCE.split('\n').length - 1, 'def lateExtra():\n    return 1\n');
    expect(window()).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('keeps file-rule findings after the window, moved by the lines added', async () => {
    const { document, window, insert, store } = await opened();
    const before = await fresh(SOURCE);
    // F401 on `import os` before the window; RUF100 (unused `# noqa: E501`) on the lines after it.
    expect(before.some((d) => d.code === 'F401')).toBe(true);
    insert(2, 12, 'LIMIT = 1\n');
    const published = window() ?? [];
    expect(published.filter((d) => d.code === 'F401')).toEqual(before.filter((d) => d.code === 'F401'));
    expect(published).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('stops an unclosed """ at the window, and settles on the whole analysis once reconciled', async () => {
    const { document, window, whole, insert, store } = await opened();
    insert(2, 12, 'def typed():\n    """Unclosed\n');
    const published = window() ?? [];
    // The statements after the window are still there, unlike in the whole file's parse.
    expect(published.some((d) => d.range.start.line > 60)).toBe(true);
    expect(document.reconcile()).toBe(true);
    expect(window()).toBeUndefined();
    expect(whole(document)).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('gives distant edits windows of their own, each publish exact, and settles on the whole analysis', async () => {
    // Windows of 30 lines at most together: one window over both edits would span 100 and be refused.
    const { document, window, whole, edit, store, early, late, parses } = await farApart(
      'early_2',
      'late_15',
    );
    // Lines added in the first window move the findings (RUF100 on every `# noqa: E501`) between the two.
    edit(2, early, 0, 'def Early(x):\n    return x\n\n');
    expect(window()).toEqual(await fresh(document.text.getText()));
    expect(document.parsed).toBe(false);
    // Unparsed, an edit far away gets a window of its own.
    edit(3, late + 3, 8, 'x');
    expect(document.windowAroundEdits({ maxLines: 30 })?.windows.length).toBe(2);
    expect(window()).toEqual(await fresh(document.text.getText()));
    // Both windows read without syntax errors: the tree was parsed with them (incrementally, once).
    expect(document.parsed).toBe(true);
    expect(document.parses).toBe(parses + 1);
    expect(document.needsReconcile).toBe(true);
    // Two edits far apart from the absorbed tree, then a third between them: three windows.
    edit(4, late + 3, 0, '\n');
    edit(5, early + 30, 0, 'VALUE = 1\n');
    edit(6, early + 3, 4, 'y');
    expect(document.windowAroundEdits({ maxLines: 30 })?.windows.length).toBe(3);
    expect(window()).toEqual(await fresh(document.text.getText()));
    expect(document.parses).toBe(parses + 2);
    expect(document.reconcile()).toBe(true);
    expect(whole(document)).toEqual(await fresh(document.text.getText()));
    expect(document.needsReconcile).toBe(false);
    store.dispose();
  });

  it('parses windows far apart into the tree after their publish, or before the next one when a change came first', async () => {
    const { document, window, windowNotAbsorbed, whole, edit, store, early, late, parses } = await farApart(
      'early_2',
      'late_15',
    );
    edit(2, early, 0, 'def Early(x):\n    return x\n\n');
    expect(window()).toEqual(await fresh(document.text.getText()));
    edit(3, late + 3, 8, 'x');
    // Published without parsing the tree: that waits for the publish to be written.
    expect(windowNotAbsorbed()).toEqual(await fresh(document.text.getText()));
    expect(document.parsed).toBe(false);
    // A change came first: the next publish parses the tree with the windows before its own.
    edit(4, late + 3, 9, 'y');
    expect(document.windowAroundEdits({ maxLines: 30 })?.windows.length).toBe(2);
    expect(windowNotAbsorbed()).toEqual(await fresh(document.text.getText()));
    expect(document.parsed).toBe(true);
    expect(document.parses).toBe(parses + 1);
    // From that tree, the next edit far away is one window again.
    edit(5, early + 3, 4, 'z');
    expect(document.windowAroundEdits({ maxLines: 30 })?.windows.length).toBe(1);
    expect(window()).toEqual(await fresh(document.text.getText()));
    expect(document.reconcile()).toBe(true);
    expect(whole(document)).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('abandons parsing windows into the tree past its time, and tries again only once edits reach a new place', async () => {
    const { document, window, whole, edit, store, early, late } = await farApart('early_2', 'late_15');
    const absorbs = vi.spyOn(document, 'absorbWindows');
    // A clock that jumps a second at every reading: any parse of the windows into the tree is past its time.
    const now = clockStepping(1000);
    try {
      // Names typed on to: no file-level finding changes (windows carry those of the last whole analysis).
      edit(2, early, 11, 'x');
      expect(window()).toEqual(await fresh(document.text.getText()));
      edit(3, late, 11, 'y');
      expect(window()).toEqual(await fresh(document.text.getText()));
      expect([absorbs.mock.calls.length, document.parsed]).toEqual([1, false]);
      // The same two places: the same parse would be abandoned again, and is not tried.
      edit(4, late, 12, 'z');
      expect(window()).toEqual(await fresh(document.text.getText()));
      expect(absorbs.mock.calls.length).toBe(1);
      // A third place: tried again.
      edit(5, lineOf('def late_5(a, b):'), 10, 'w');
      expect(window()).toEqual(await fresh(document.text.getText()));
      expect([absorbs.mock.calls.length, document.parsed]).toEqual([2, false]);
    } finally {
      now.mockRestore();
    }
    // With the real clock, the next place's publish (four windows) parses them into the tree.
    edit(6, lineOf('def late_10(a, b):'), 11, 'v');
    expect(window()).toEqual(await fresh(document.text.getText()));
    expect(document.parsed).toBe(true);
    expect(document.reconcile()).toBe(true);
    expect(whole(document)).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it("parses the tree through a window's syntax error where that is cheap, and settles once reconciled", async () => {
    const { document, window, whole, edit, store, early, late, parses } = await farApart(
      'early_4',
      'late_12',
    );
    edit(2, early + 1, 16, ' +');
    expect(window()).toBeDefined();
    edit(3, late + 1, 4, 'z = 1\n    ');
    // A clock that stands still: the parse through the error is within its budget however loaded
    // the machine is (the budget is wall-clock; documents.test.ts covers a parse past it).
    const clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockReturnValue(clock);
    try {
      // Not exact (the window's error recovery is its own), but a window's, not the whole file's.
      expect(window()).toBeDefined();
    } finally {
      now.mockRestore();
    }
    // The first window has a syntax error, local to its statement: the tree was parsed through it
    // (before: left unparsed, the windows of edits far apart added up to a whole analysis).
    expect(document.parses).toBe(parses + 1);
    expect(document.needsReconcile).toBe(true);
    // The next edit far away gets a window of its own.
    edit(4, early + 10, 0, 'VALUE = 2\n');
    expect(document.windowAroundEdits({ maxLines: 30 })?.windows.length).toBe(1);
    expect(window()).toBeDefined();
    expect(document.reconcile()).toBe(true);
    expect(whole(document)).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('gives statements outside the window that read the current text, not the parsed one', async () => {
    const { document, insert, store } = await opened();
    insert(2, 12, 'def inserted():\n    return 1\n\n');
    const window = document.windowAroundEdits({ maxLines: 100 });
    const after = window?.gaps.at(-1)?.nodes[0];
    expect(after && document.text.getText().slice(after.startIndex, after.endIndex)).toBe(after?.text);
    expect(after?.text.startsWith('def early_3(a, b):')).toBe(true);
    store.dispose();
  });

  it('moves the import positions of statements it reuses as the lines above the import move', async () => {
    // Typing line breaks above a late typing import moves the import: the statements that use it
    // carry fixes that remove it (UP045's import cleanup), reused with the removal moved along.
    const source = `import os\n\n${functions(3, 'early')}def uses(a: Optional[int]) -> Optional[int]:\n    return a\n\n${functions(20, 'late')}from typing import Optional\n\nprint(os.sep)\n`;
    const store = new DocumentStore(await getParser());
    const document = store.open('file:///m.py', 'python', 1, source);
    const windows = new WindowPublisher(0);
    const whole = analyze({ source, tree: document.tree, ...input });
    windows.wholeAnalysed(document, '', whole.diagnostics, allRules);
    expect(whole.diagnostics.some((d) => d.fix?.importCleanup)).toBe(true);
    const line = source.split('\n').indexOf('def late_2(a, b):');
    // Whole lines, so that every state is valid (a window is exact only then).
    const typed = ['A = 1\n', '\n', 'B = 2\n\n\n'];
    let at = { line, character: 0 };
    for (const [index, text] of typed.entries()) {
      store.change(document.uri, index + 2, [{ range: { start: at, end: at }, text }]);
      at = { line: at.line + text.split('\n').length - 1, character: 0 };
      const published = windows.analyze(document, '', input, whole.cache);
      expect(published, `after ${index + 1} characters`).toEqual(await fresh(document.text.getText()));
    }
    store.dispose();
  });

  it('parses the next window at the same place from the last one, as a fresh parse reads it', async () => {
    // A window in a method is the whole class: the next keystroke there parses it from the last window's tree.
    const method = (i: number) =>
      `    def m_${i}(self, value):\n        total = value\n        return total\n\n`;
    const text = `import os\n\n\nclass Big:\n${Array.from({ length: 30 }, (_, i) => method(i)).join('')}\ndef after():\n    return os.sep\n`;
    const { store, document, whole } = await openedWithWindows(text, new WindowPublisher(0), input);
    const line = text.split('\n').indexOf('        total = value', 40);
    const parser = await getParser();
    const freshParse = (tree: Tree) => {
      const fresh = parser.parse(document.text.getText(), null, { includedRanges: tree.getIncludedRanges() });
      const shape = fresh?.rootNode.toString();
      fresh?.delete();
      return shape;
    };
    // `value` becomes `value_x`, a syntax error (`value_x(`), valid again (`value_x()`); the last
    // window's tree is parsed from where it had no syntax error.
    const steps: [string, boolean][] = [
      ['_', false],
      ['x', true],
      ['(', true],
      [')', false],
      ['y', true],
    ];
    for (const [index, [typed, fromLast]] of steps.entries()) {
      const at = { line, character: '        total = value'.length + Math.min(index, 3) };
      store.change(document.uri, index + 2, [{ range: { start: at, end: at }, text: typed }]);
      const made = document.windowAroundEdits({ maxLines: 1_000 });
      const tree = made?.windows[0].tree as Tree;
      expect(made?.windows.length).toBe(1);
      expect(tree.rootNode.toString(), `after ${typed}`).toBe(freshParse(tree));
      expect(made?.windows[0].reused, `after ${typed}`).toBe(fromLast);
    }
    expect(document.reconcile()).toBe(true);
    expect(whole(document)).toEqual(await fresh(document.text.getText()));
    store.dispose();
  });

  it('falls back to the whole file once the tree was parsed after the last whole analysis', async () => {
    const { document, window, insert, store } = await opened();
    insert(2, 12, 'y = 2\n');
    void document.tree;
    insert(3, 12, 'z = 3\n');
    expect(window()).toBeUndefined();
    store.dispose();
  });
});
