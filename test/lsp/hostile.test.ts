import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { brief, ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const PYPROJECT = '[tool.pyconv]\nselect = ["N801", "E722"]\n';

interface DebugDocument {
  version: number;
  text: string;
  diagnostics: Diagnostic[];
  fresh: Diagnostic[];
}

let counter = 0;

/** After the hostile part: an ordinary file still gets its diagnostic, with the exact range. */
async function stillServes(client: TestClient, workspace: string): Promise<void> {
  const uri = uriOf(path.join(workspace, `ordinary${counter++}.py`));
  await client.open(uri, 'x = 1\n\nclass bad:\n    pass\n');
  const expected = ['N801 2:6-2:9'];
  // Under a small time budget (see 'the time budget of one analysis') a loaded machine may show a
  // partial result first, with the budget's message: the complete one follows.
  await client
    .waitFor('complete diagnostics of the ordinary file', () => {
      const last = client.diagnostics.get(uri)?.at(-1);
      return last?.version === 1 && last.diagnostics.length === expected.length;
    })
    .catch(() => undefined);
  expect((await client.diagnosticsFor(uri, 1)).map(brief)).toEqual(expected);
  expect(client.alive).toBe(true);
}

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

describe('hostile documents', () => {
  let client: TestClient;
  let workspace: string;
  const uri = (name: string) => uriOf(path.join(workspace, name));

  beforeAll(async () => {
    workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    client = new TestClient({ workspace, settings: { debounceMs: 0 }, env: { PYCONV_DEBUG: '1' } });
    await client.initialize();
  });

  afterAll(async () => {
    await client.stop();
  });

  it('skips a 10 MB file with one message, and keeps serving', async () => {
    const big = 'class bad:\n    pass\n'.repeat(500_000);
    await client.open(uri('big.py'), big);
    expect(await client.diagnosticsFor(uri('big.py'), 1)).toEqual([]);
    const messages = client.messages.filter((m) => m.message.includes('larger than max-file-size'));
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toContain('big.py is larger than max-file-size (1048576 bytes)');
    await stillServes(client, workspace);
  }, 30_000);

  it('checks a 1 MB single line', async () => {
    const line = `class bad: x = [${'1, '.repeat(330_000)}1]`;
    await client.open(uri('line.py'), line);
    expect((await client.diagnosticsFor(uri('line.py'), 1)).map(brief)).toEqual(['N801 0:6-0:9']);
    await stillServes(client, workspace);
  }, 30_000);

  it('analyses and answers requests on code nested 5,000 levels deep', async () => {
    const deep = `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\ny = ${'['.repeat(5000)}${']'.repeat(5000)}\nclass bad: pass\n`;
    await client.open(uri('deep.py'), deep);
    expect((await client.diagnosticsFor(uri('deep.py'), 1)).map(brief)).toEqual(['N801 2:6-2:9']);
    const textDocument = { uri: uri('deep.py') };
    const position = { line: 0, character: 2500 };
    await client.request('textDocument/hover', { textDocument, position });
    await client.request('textDocument/completion', { textDocument, position });
    await client.request('textDocument/prepareRename', { textDocument, position: { line: 0, character: 0 } });
    await client.request('textDocument/rename', {
      textDocument,
      position: { line: 0, character: 0 },
      newName: 'z',
    });
    const actions = await client.request<unknown[]>('textDocument/codeAction', {
      textDocument,
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(Array.isArray(actions)).toBe(true);
    await stillServes(client, workspace);
  }, 30_000);

  it('survives 5,000-deep chains of every expression kind that rules descend into', async () => {
    const n = 5000;
    const deep = [
      `a = x${'.b'.repeat(n)}`,
      `b = ${'1 + '.repeat(n)}1`,
      `c = ${'"s" + '.repeat(n)}"s"`,
      `d = "SELECT * FROM t WHERE x = " + ${'y + '.repeat(n)}z`,
      `e = ${'not '.repeat(n)}x`,
      `g = ${'f('.repeat(n)}${')'.repeat(n)}`,
      `h = ${'lambda: '.repeat(n)}0`,
      `i = ${'-'.repeat(n)}1`,
      `j = ${'x if y else '.repeat(n)}z`,
      `k = ${'('.repeat(n)}1,${')'.repeat(n)}`,
      `def m(p=${'['.repeat(n)}${']'.repeat(n)}, q: ${'Union['.repeat(n)}int${']'.repeat(n)} = None):`,
      `    return ${'('.repeat(n)}1,${')'.repeat(n)}`,
      `def o(r=${'{1: '.repeat(n)}1${'}'.repeat(n)}) -> ${'Optional['.repeat(n)}Any${']'.repeat(n)}:`,
      '    """Doc."""',
      `    logger.info(${'"%s" % '.repeat(n)}"x")`,
      `    return ${'await '.repeat(n)}x`,
      'class bad: pass',
      '',
    ].join('\n');
    await client.open(uri('chains.py'), deep);
    const diagnostics = await client.diagnosticsFor(uri('chains.py'), 1);
    expect(diagnostics.map(brief)).toContain('N801 16:6-16:9');
    const textDocument = { uri: uri('chains.py') };
    for (let line = 0; line < 16; line++) {
      await client.request('textDocument/hover', { textDocument, position: { line, character: 3000 } });
      // An error answer is fine (a keyword cannot be renamed); a crash is not.
      await client
        .request('textDocument/prepareRename', { textDocument, position: { line, character: 0 } })
        .catch((error: { code: number }) => expect(error.code).not.toBe(-32603));
    }
    await client.request('textDocument/codeAction', {
      textDocument,
      range: { start: { line: 0, character: 0 }, end: { line: 17, character: 0 } },
      context: { diagnostics, only: ['source.fixAll'] },
    });
    expect(client.logs.join('\n')).not.toMatch(/Maximum call stack|RangeError/);
    await stillServes(client, workspace);
  }, 30_000);

  it.each([
    // Not valid Python (syntax errors, E999), but the valid statements are still checked.
    ['NUL bytes', 'nul.py', 'x = 1\u0000\u0000\nclass bad:\n    pass\n', ['E999 0:5-0:7', 'N801 1:6-1:9']],
    [
      'lone surrogates',
      'surrogates.py',
      's = "\uD800"\nclass bad:\n    t\uDC00 = "\uDFFF"\n',
      ['N801 1:6-1:9', 'E999 2:5-2:6'],
    ],
    ['nothing but syntax errors', 'errors.py', ')]}:= = def class (\n'.repeat(2000), ['E999 0:0-0:1']],
    ['an empty file', 'empty.py', '', []],
  ])('survives %s', async (_what, name, text, expected) => {
    await client.open(uri(name), text);
    expect((await client.diagnosticsFor(uri(name), 1)).map(brief)).toEqual(expected);
    const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri: uri(name) });
    expect(debug.text).toBe(text);
    await stillServes(client, workspace);
  });

  it('publishes the last version of a file that changes while it is analysed', async () => {
    const start = 'def f(a):\n    return a\n\n\n'.repeat(5_000);
    const local = TextDocument.create(uri('busy.py'), 'python', 1, start);
    await client.open(uri('busy.py'), start);
    for (let version = 2; version <= 21; version++) {
      const change = {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: 'class bad: pass\n',
      };
      TextDocument.update(local, [change], version);
      void client.change(uri('busy.py'), version, [change]);
    }
    const diagnostics = await client.diagnosticsFor(uri('busy.py'), 21);
    expect(diagnostics.map(brief).slice(0, 2)).toEqual(['N801 0:6-0:9', 'N801 1:6-1:9']);
    expect(diagnostics).toHaveLength(20);
    const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri: uri('busy.py') });
    expect([debug.version, debug.text === local.getText()]).toEqual([21, true]);
    await stillServes(client, workspace);
  }, 30_000);
});

describe('the time budget of one analysis', () => {
  it('publishes partial diagnostics with one message, then completes them in steps', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({
      workspace,
      settings: { debounceMs: 0, timeBudgetMs: 20 },
      env: { PYCONV_DEBUG: '1' },
    });
    try {
      await client.initialize();
      const file = uriOf(path.join(workspace, 'slow.py'));
      const classes = 1500;
      await client.open(
        file,
        Array.from({ length: classes }, (_, i) => `class bad${i}:\n    x = [1, 2, 3]\n\n\n`).join(''),
      );
      const published = () => client.diagnostics.get(file) ?? [];
      await client.waitFor(
        'complete diagnostics',
        () => published().at(-1)?.diagnostics.length === classes,
        30_000,
      );
      expect(published().length).toBeGreaterThan(1);
      expect(published()[0].diagnostics.length).toBeLessThan(classes);
      const notes = client.messages.filter((m) => m.message.includes('pyconv.timeBudgetMs (20 ms)'));
      expect(notes).toHaveLength(1);
      const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri: file });
      expect(published().at(-1)?.diagnostics).toEqual(debug.fresh);
      await stillServes(client, workspace);
    } finally {
      await client.stop();
    }
  }, 40_000);
});

describe('a large file just opened', () => {
  it('shows the diagnostics found within a first look, silently, then completes them', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    const client = new TestClient({ workspace, settings: { debounceMs: 0 }, env: { PYCONV_DEBUG: '1' } });
    try {
      await client.initialize();
      const file = uriOf(path.join(workspace, 'large.py'));
      const classes = 3000;
      await client.open(
        file,
        Array.from({ length: classes }, (_, i) => `class bad${i}:\n    x = [1, 2, 3]\n\n\n`).join(''),
      );
      const published = () => client.diagnostics.get(file) ?? [];
      await client.waitFor(
        'complete diagnostics',
        () => published().at(-1)?.diagnostics.length === classes,
        30_000,
      );
      // The first publish holds the statements from the top that the first look reached: 60 ms of
      // statements, more than the one statement a first slice after the per-file work reaches.
      const first = published()[0].diagnostics;
      expect(brief(first[0])).toBe('N801 0:6-0:10');
      expect(first.length).toBeGreaterThan(1);
      expect(first.length).toBeLessThanOrEqual(classes);
      expect(client.messages.filter((m) => m.message.includes('timeBudgetMs'))).toEqual([]);
      const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri: file });
      expect(published().at(-1)?.diagnostics).toEqual(debug.fresh);
    } finally {
      await client.stop();
    }
  }, 40_000);
});

describe('hostile pyproject.toml', () => {
  it.each([
    ['is not TOML', '[tool.pyconv\nselect = ["N801"', /pyproject\.toml/],
    ['has wrong types', '[tool.pyconv]\nselect = 5\nmax-file-size = "big"\n', /select/],
    ['selects unknown codes', '[tool.pyconv]\nselect = ["N801", "XYZ999"]\n', /XYZ999/],
  ])(
    'reports a pyproject.toml that %s and keeps checking with the defaults',
    async (_what, pyproject, message) => {
      const workspace = makeWorkspace({ 'pyproject.toml': pyproject });
      const client = new TestClient({ workspace, settings: { debounceMs: 0 } });
      try {
        await client.initialize();
        const file = uriOf(path.join(workspace, 'mod.py'));
        await client.open(file, 'class bad:\n    pass\n');
        const diagnostics = await client.diagnosticsFor(file, 1);
        expect(diagnostics.map(brief)).toContain('N801 0:6-0:9');
        const shown = await client.waitFor('a message', () =>
          client.messages.find((m) => message.test(m.message)),
        );
        expect(shown.message).toContain('pyproject.toml');
        const pyprojectUri = uriOf(path.join(workspace, 'pyproject.toml'));
        expect((await client.diagnosticsFor(pyprojectUri)).length).toBeGreaterThan(0);
      } finally {
        await client.stop();
      }
    },
    30_000,
  );

  it('starts and checks a file at once in a workspace of 10,000 files', async () => {
    const workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    for (let dir = 0; dir < 100; dir++) {
      mkdirSync(path.join(workspace, `pkg${dir}`));
      for (let file = 0; file < 100; file++)
        writeFileSync(path.join(workspace, `pkg${dir}`, `m${file}.py`), 'class bad:\n    pass\n');
    }
    const client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    try {
      const started = performance.now();
      await client.initialize();
      const file = uriOf(path.join(workspace, 'pkg50', 'm50.py'));
      await client.open(file, 'class bad:\n    pass\n');
      expect((await client.diagnosticsFor(file, 1)).map(brief)).toEqual(['N801 0:6-0:9']);
      // Nothing is scanned: the answer does not wait for the 10,000 files.
      expect(performance.now() - started).toBeLessThan(5_000);
      await stillServes(client, workspace);
    } finally {
      await client.stop();
    }
  }, 60_000);
});

describe('protocol abuse', () => {
  let client: TestClient;
  let workspace: string;
  const uri = (name: string) => uriOf(path.join(workspace, name));

  beforeAll(async () => {
    workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    client = new TestClient({ workspace, settings: { debounceMs: 0 }, env: { PYCONV_DEBUG: '1' } });
    await client.initialize();
  });

  afterAll(async () => {
    await client.stop();
  });

  it('survives a message that is not JSON', async () => {
    const body = '{"jsonrpc": "2.0", "id": 99, "method": ';
    client.writeRaw(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await stillServes(client, workspace);
  });

  it('answers unknown methods and wrong parameter types with errors', async () => {
    await expect(client.request('pyconv/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    await client.connection.sendNotification('pyconv/noSuchNotification', { x: 1 });
    await expect(
      client.request('textDocument/hover', { textDocument: { uri: 5 }, position: 'here' }),
    ).rejects.toMatchObject({ code: -32602 });
    const error = await client.request('textDocument/codeAction', null).catch((e: { code: number }) => e);
    expect([-32602, -32603]).toContain((error as { code: number }).code);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: 7,
      contentChanges: 'no',
    });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await stillServes(client, workspace);
  });

  it('answers requests about documents never opened and positions past the end', async () => {
    const never = { uri: uri('never.py') };
    const far = { line: 1_000_000, character: 1_000_000 };
    expect(await client.request('textDocument/hover', { textDocument: never, position: far })).toBeNull();
    expect(
      await client.request('textDocument/codeAction', {
        textDocument: never,
        range: { start: far, end: far },
        context: { diagnostics: [] },
      }),
    ).toEqual([]);
    await client.change(never.uri, 2, [{ text: 'x = 1\n' }]);
    await client.open(uri('short.py'), 'class bad:\n    pass\n');
    await client.diagnosticsFor(uri('short.py'), 1);
    const textDocument = { uri: uri('short.py') };
    expect(await client.request('textDocument/hover', { textDocument, position: far })).toBeNull();
    await client.request('textDocument/completion', { textDocument, position: far });
    await client.request('textDocument/codeAction', {
      textDocument,
      range: { start: far, end: { line: -1, character: -5 } },
      context: { diagnostics: [] },
    });
    await client.change(uri('short.py'), 2, [{ range: { start: far, end: far }, text: '\nx = 1' }]);
    const debug = await client.request<DebugDocument>('pyconv/debugDocument', textDocument);
    expect(debug.text).toBe('class bad:\n    pass\n\nx = 1');
    await stillServes(client, workspace);
  });

  it('takes a didChange with a version gap as the new version', async () => {
    await client.open(uri('gap.py'), 'x = 1\n');
    await client.change(uri('gap.py'), 7, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: 'class bad: pass\n',
      },
    ]);
    expect((await client.diagnosticsFor(uri('gap.py'), 7)).map(brief)).toEqual(['N801 0:6-0:9']);
    const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri: uri('gap.py') });
    expect([debug.version, debug.text]).toEqual([7, 'class bad: pass\nx = 1\n']);
  });

  it('keeps up with a burst of 1,000 changes', async () => {
    const local = TextDocument.create(uri('flood.py'), 'python', 1, 'class bad:\n    pass\n');
    await client.open(uri('flood.py'), local.getText());
    for (let version = 2; version <= 1001; version++) {
      const line = version % 2;
      const change = {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        text: version % 3 ? 'a' : '\n',
      };
      TextDocument.update(local, [change], version);
      void client.change(uri('flood.py'), version, [change]);
    }
    const diagnostics = await client.diagnosticsFor(uri('flood.py'), 1001);
    const debug = await client.request<DebugDocument>('pyconv/debugDocument', { uri: uri('flood.py') });
    expect(debug.text).toBe(local.getText());
    expect(diagnostics).toEqual(debug.fresh);
    await stillServes(client, workspace);
  }, 30_000);
});
