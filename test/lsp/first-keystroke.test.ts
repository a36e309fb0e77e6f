/**
 * The first keystrokes in a large file whose opening analysis has not finished, through the built
 * server: each is published at once from what is known (the opening analysis goes on from the
 * cache), rather than waiting for the whole file; once every statement is analysed, from a window,
 * the opening analysis's file rules left to the pause while someone types; then the complete
 * result, equal to a fresh analysis.
 * And the opening analysis itself: in slices (a first look is published before the rest), each
 * continuing the last one's work on the same tree and text (see `Continuation` in
 * engine/analyze.ts), its complete result equal to a fresh analysis, file rules included: an
 * import used only at the end of the file (F401 reads every statement), a name bound twice far
 * apart (F811), a file-wide `# ruff: noqa` for one code, and an unused suppression (RUF100).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

let client: TestClient;
let uri: string;
let workspace: string;

beforeAll(async () => {
  await ensureBuilt();
  workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' });
  // A time budget no analysis here reaches: a partial result is only ever a first look.
  client = new TestClient({
    workspace,
    settings: { debounceMs: 0, timeBudgetMs: 600_000 },
    env: { PYCONV_DEBUG: '1' },
  });
  await client.initialize();
  uri = uriOf(path.join(workspace, 'large.py'));
}, 120_000);

afterAll(() => client.stop());

/**
 * The fresh analysis of `uri` (the debug request's, which analyses what is left of the file
 * itself), once a publish of `version` equals it.
 */
async function completeOf(uri: string, version: number): Promise<Diagnostic[]> {
  const debug = await client.request<{ version: number; fresh: Diagnostic[] }>('pyconv/debugDocument', {
    uri,
  });
  expect(debug.version).toBe(version);
  const complete = JSON.stringify(debug.fresh);
  const published = () => (client.diagnostics.get(uri) ?? []).filter((p) => p.version === version);
  await client.waitFor(
    `the complete diagnostics of version ${version}`,
    () => published().some((p) => JSON.stringify(p.diagnostics) === complete),
    120_000,
  );
  return debug.fresh;
}

/** About 15k lines: far more than one first look (60 ms of analysis) covers. */
function largeModule(): string {
  // `sys` is unused: F401, a file rule's finding.
  const parts = ['"""A module."""\nimport os\nimport sys\nfrom typing import Optional\n\n\n'];
  for (let i = 0; i < 2_500; i++)
    parts.push(
      `def Helper${i}(value: Optional[int], items=[]) -> int:\n    return (value or 0) + len(os.sep)\n\n\n`,
    );
  return parts.join('');
}

describe('the first keystroke while a large file is first analysed', () => {
  it('is published from a first look of its own, then settles on a fresh analysis', async () => {
    const source = largeModule();
    await client.open(uri, source);
    await client.waitFor('the first look', () => client.diagnostics.get(uri)?.some((p) => p.version === 1));
    const line = Math.floor(source.split('\n').length / 2);
    await client.change(uri, 2, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# typed\n' },
    ]);
    const ofVersion2 = () => (client.diagnostics.get(uri) ?? []).filter((p) => p.version === 2);
    const [first] = await client.waitFor(
      'diagnostics of version 2',
      () => ofVersion2().length > 0 && ofVersion2(),
      120_000,
    );
    // Asked once version 2 was published: this request analyses the rest of the file itself.
    const fresh = await completeOf(uri, 2);
    const complete = JSON.stringify(fresh);
    // Before: the keystroke waited for the rest of the opening analysis, its one publish the whole file's.
    expect(first.diagnostics.length).toBeLessThan(fresh.length);
    expect(JSON.stringify(ofVersion2().at(-1)?.diagnostics)).toBe(complete);
  }, 180_000);

  it('publishes keystrokes typed without a pause at once, leaves the file rules to the pause, then settles on a fresh analysis', async () => {
    const source = largeModule();
    const other = uri.replace('large.py', 'typed.py');
    await client.open(other, source);
    await client.waitFor('the first look', () => client.diagnostics.get(other)?.some((p) => p.version === 1));
    const lines = source.split('\n');
    const line = lines.findIndex((text) => text.startsWith('def Helper10('));
    const lastHelper = lines.findIndex((text) => text.startsWith('def Helper2499('));
    const publishesOf = (version: number) =>
      (client.diagnostics.get(other) ?? []).filter((p) => p.version === version);
    const hasFileRuleFinding = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'F401');
    // Keystrokes one after another, each sent once the last was published (as the benchmark types),
    // until every statement is analysed (the last one's findings are published), then 20 more.
    let version = 1;
    let afterUnits = 0;
    let withFileRules = 0;
    while (afterUnits < 20 && version < 600) {
      version++;
      const at = { line, character: 4 };
      // `Helper10` becomes `xHelper10` and back.
      const change =
        version % 2 === 0
          ? { range: { start: at, end: at }, text: 'x' }
          : { range: { start: at, end: { line, character: 5 } }, text: '' };
      await client.change(other, version, [change]);
      const [first] = await client.waitFor(
        `diagnostics of v${version}`,
        () => publishesOf(version).length > 0 && publishesOf(version),
        120_000,
      );
      if (hasFileRuleFinding(first.diagnostics)) withFileRules++;
      if (afterUnits > 0 || first.diagnostics.some((d) => d.range.start.line >= lastHelper)) afterUnits++;
    }
    expect(afterUnits).toBe(20);
    // The file rules (one block of the event loop) wait for the pause (RECONCILE_AFTER_MS, 400 ms
    // without a change or publish): no keystroke waited for them. Before: they ran once the
    // statements were analysed, and every keystroke after showed their findings. (On a very loaded
    // machine, a large publish may take the client longer than that to read: a pause, then.)
    expect(withFileRules).toBeLessThan(20);
    const debug = await client.request<{ version: number; fresh: Diagnostic[] }>('pyconv/debugDocument', {
      uri: other,
    });
    expect(debug.version).toBe(version);
    expect(hasFileRuleFinding(debug.fresh)).toBe(true);
    const complete = JSON.stringify(debug.fresh);
    await client.waitFor(
      'the settled diagnostics',
      () => publishesOf(version).some((p) => JSON.stringify(p.diagnostics) === complete),
      120_000,
    );
    expect(JSON.stringify(publishesOf(version).at(-1)?.diagnostics)).toBe(complete);
  }, 300_000);

  it('answers a code action during the opening analysis from what is known, not after the whole file', async () => {
    const source = largeModule();
    const third = uri.replace('large.py', 'actions.py');
    await client.open(third, source);
    const line = source.split('\n').findIndex((text) => text.startsWith('def Helper1('));
    const shownOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.range.start.line === line);
    await client.waitFor('the first look', () => client.diagnostics.get(third)?.some((p) => p.version === 1));
    // A keystroke on that line: its quick look knows the line's findings.
    const at = { line, character: 4 };
    await client.change(third, 2, [{ range: { start: at, end: at }, text: 'x' }]);
    const look = await client.waitFor('the keystroke published', () =>
      client.diagnostics.get(third)?.find((p) => p.version === 2 && shownOf(p.diagnostics).length > 0),
    );
    const shown = shownOf(look.diagnostics);
    expect(shown.length).toBeGreaterThan(0);
    const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri: third },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: shown },
    });
    // Answered before the opening analysis ended (its file rules' F401 not published yet), and
    // without ending it: the next keystroke's publish does not know the file rules' findings either.
    const hasFileRuleFinding = (p: { diagnostics: Diagnostic[] }) =>
      p.diagnostics.some((d) => d.code === 'F401');
    expect((client.diagnostics.get(third) ?? []).some(hasFileRuleFinding)).toBe(false);
    await client.change(third, 3, [{ range: { start: at, end: { line, character: 5 } }, text: '' }]);
    const next = await client.waitFor('the next keystroke published', () =>
      client.diagnostics.get(third)?.find((p) => p.version === 3),
    );
    expect(hasFileRuleFinding(next)).toBe(false);
    expect(actions.some((action) => action.title.includes('B006') || action.title.includes('noqa'))).toBe(
      true,
    );
  }, 120_000);
});

/** A large module whose file rules read every statement (see the test below). */
function slicedModule(): string {
  const parts = [
    '"""A module."""\n# ruff: noqa: E501\nimport os\nimport sys\nfrom typing import Optional\n\n\ndef twice():\n    return 1\n\n\n',
  ];
  for (let i = 0; i < 2_000; i++)
    parts.push(
      `def Helper${i}(value: Optional[int], items=[]) -> int:\n    return (value or 0) + ${i}  # noqa: F841\n\n\n`,
    );
  parts.push('def twice():\n    return 2\n\n\nLAST = os.sep\n');
  return parts.join('');
}

describe('the opening analysis of a large file in slices', () => {
  it('publishes a first look, then a complete result equal to a fresh analysis', async () => {
    const uri = uriOf(path.join(workspace, 'sliced.py'));
    await client.open(uri, slicedModule());
    const ofVersion1 = () => (client.diagnostics.get(uri) ?? []).filter((p) => p.version === 1);
    await client.waitFor('the first look', () => ofVersion1().length > 0, 120_000);
    // Asked once the first look was published: the rest of the analysis was in slices until then.
    const fresh = await completeOf(uri, 1);
    expect(ofVersion1()[0].diagnostics.length).toBeLessThan(fresh.length);
    const codes = new Set(fresh.map((d) => d.code));
    for (const code of ['F401', 'F811', 'RUF100']) expect(codes).toContain(code);
    expect(fresh.some((d) => d.code === 'F401' && d.message.includes('sys'))).toBe(true);
    expect(fresh.some((d) => d.code === 'F401' && d.message.includes('`os`'))).toBe(false);
    expect(JSON.stringify(ofVersion1().at(-1)?.diagnostics)).toBe(JSON.stringify(fresh));
  }, 180_000);
});
