/**
 * Code actions asked while the tree is not up to date, through the built server: the light bulb's
 * automatic requests do not parse the whole file for "Update docstring" (it is offered once the tree
 * is up to date); an explicit request (Ctrl+.) brings the tree up to date first and offers it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const UPDATE = 'pyconv: Update docstring';
/** A docstring without its parameter: "Update docstring" adds it. */
const SOURCE = 'def scale(value, factor):\n    """Scale a value."""\n    return value * factor\n';

let client: TestClient;
let uri: string;

/**
 * A server over a workspace selecting only `code`, with no analysis (so no parse) after a change
 * within a test: the tree and the analysis stay behind the text. Returns the client and the uri of `file` there.
 */
async function serverSelecting(code: string, file: string): Promise<[TestClient, string]> {
  await ensureBuilt();
  const workspace = makeWorkspace({ 'pyproject.toml': `[tool.pyconv]\nselect = ["${code}"]\n` });
  const started = new TestClient({ workspace, settings: { debounceMs: 600_000 } });
  await started.initialize();
  return [started, uriOf(path.join(workspace, file))];
}

beforeAll(async () => {
  [client, uri] = await serverSelecting('D417', 'scaling.py');
}, 120_000);

afterAll(() => client.stop());

function titles(triggerKind: 1 | 2): Promise<string[]> {
  const at = { line: 2, character: 4 };
  return client
    .request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics: [], triggerKind },
    })
    .then((actions) => actions.map((action) => action.title));
}

describe('Update docstring while the tree is behind the text', () => {
  it('is left out of automatic requests, offered to explicit ones, then to automatic ones too', async () => {
    await client.open(uri, SOURCE, 1);
    await client.diagnosticsFor(uri, 1);
    // A keystroke the server has not parsed yet (its analysis waits for the long debounce).
    await client.change(uri, 2, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '    # note\n' },
    ]);
    expect(await titles(2)).not.toContain(UPDATE);
    expect(await titles(1)).toContain(UPDATE);
    // The explicit request brought the tree up to date: the light bulb offers it now.
    expect(await titles(2)).toContain(UPDATE);
  });
});

describe('quick fixes in a large file while its latest version is not analysed', () => {
  /** Long enough to be published by windows (lsp/window-publish.ts): `import os` is unused. */
  const LARGE = `import os\n${Array.from({ length: 1_200 }, (_, i) => `value_${i} = ${i}\n`).join('')}`;
  let large: TestClient;
  let largeUri: string;

  beforeAll(async () => {
    [large, largeUri] = await serverSelecting('F401', 'large.py');
  }, 120_000);

  afterAll(() => large.stop());

  function fixes(triggerKind: 1 | 2, diagnostics: Diagnostic[]): Promise<string[]> {
    const at = { line: 0, character: 8 };
    return large
      .request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: largeUri },
        range: { start: at, end: at },
        context: { diagnostics, triggerKind },
      })
      .then((actions) => actions.filter((action) => action.edit).map((action) => action.title));
  }

  it('answers the light bulb without analysing, an explicit request with the fix, then both', async () => {
    await large.open(largeUri, LARGE, 1);
    const shown = await large.diagnosticsFor(largeUri, 1);
    expect(shown.map((d) => d.code)).toEqual(['F401']);
    // A keystroke below the import, not analysed (the debounce is long).
    await large.change(largeUri, 2, [
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'x' },
    ]);
    const quickFixes = (titles: string[]) => titles.filter((title) => !title.includes('Disable'));
    // The light bulb: answered at once, without the fix of a version it would have to analyse.
    expect(quickFixes(await fixes(2, shown))).toEqual([]);
    // Ctrl+.: the version is analysed (a window), and its fix offered.
    const explicit = quickFixes(await fixes(1, shown));
    expect(explicit.length).toBeGreaterThan(0);
    // Now known: the light bulb offers it too.
    expect(quickFixes(await fixes(2, shown))).toEqual(explicit);
  });
});
