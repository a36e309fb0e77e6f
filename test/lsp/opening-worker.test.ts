/**
 * The opening worker (lsp/opening-worker.ts), through the built server: the first large file
 * opened gets its complete findings from the second thread, equal to a fresh analysis and never
 * replaced by partial ones; the server's own analysis then agrees and publishes nothing more.
 * The worker answers once: the next large file is the server's alone.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startInWorkspace, type TestClient, uriOf } from './helpers';

let client: TestClient;
let workspace: string;

beforeAll(async () => {
  // A time budget no analysis here reaches: a partial result is only ever a first look.
  ({ client, workspace } = await startInWorkspace(
    { 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' },
    { settings: { debounceMs: 0, timeBudgetMs: 600_000 }, env: { PYCONV_DEBUG: '1' } },
  ));
}, 120_000);

afterAll(() => client.stop());

/** About 10k lines of functions with findings of several rules. */
function largeModule(name: string): string {
  const parts = ['"""A module."""\nimport os\nfrom typing import Optional\n\n\n'];
  for (let i = 0; i < 1_700; i++)
    parts.push(
      `def ${name}${i}(value: Optional[int], items=[]) -> int:\n    return (value or 0) + len(os.sep)\n\n\n`,
      `class ${name}Box${i}:\n    def get(self, key):\n        return key\n\n\n`,
    );
  return parts.join('');
}

const workerLines = () => client.logs.filter((line) => line.includes('from the opening worker'));

/** The fresh analysis of the document's current text (the debug request's), as published. */
async function freshOf(uri: string): Promise<string> {
  const debug = await client.request<{ version: number; fresh: Diagnostic[] }>('pyconv/debugDocument', {
    uri,
  });
  expect(debug.version).toBe(1);
  return JSON.stringify(debug.fresh);
}

const publishedOf = (uri: string) =>
  (client.diagnostics.get(uri) ?? [])
    .filter((p) => p.version === 1)
    .map((p) => JSON.stringify(p.diagnostics));

describe('the opening worker', () => {
  it('publishes the first large file complete from a second thread, then the server agrees', async () => {
    const uri = uriOf(path.join(workspace, 'first.py'));
    await client.open(uri, largeModule('Helper'));
    // Asked before the server's own analysis is complete, the debug request would complete it first.
    await client.waitFor('the opening worker', () => workerLines().length > 0, 120_000);
    expect(workerLines()[0]).toContain(uri);
    await client.waitFor(
      'the analysis to agree',
      () => client.logs.some((line) => line.includes(`${uri}: the analysis agrees`)),
      120_000,
    );
    const fresh = await freshOf(uri);
    const published = publishedOf(uri);
    // The worker's publish is the complete one: nothing partial, nothing again, after it.
    expect(published.slice(published.indexOf(fresh))).toEqual([fresh]);
    expect(workerLines()).toHaveLength(1);
  }, 180_000);

  it('answers once: the next large file is analysed by the server alone', async () => {
    const uri = uriOf(path.join(workspace, 'second.py'));
    await client.open(uri, largeModule('Other'));
    await client.waitFor('a first publish', () => publishedOf(uri).length > 0, 120_000);
    const fresh = await freshOf(uri);
    await client.waitFor('the complete diagnostics', () => publishedOf(uri).at(-1) === fresh, 120_000);
    expect(workerLines()).toHaveLength(1);
  }, 180_000);
});
