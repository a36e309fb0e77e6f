/**
 * A large file's opening analysis, also run whole on a second thread (lsp/opening-analysis.ts),
 * through the built server: version 1 gets at most a first look and then one complete publish, equal
 * to a fresh analysis; the main thread's own complete analysis, which follows, publishes nothing more.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

let client: TestClient;
let uri: string;

beforeAll(async () => {
  await ensureBuilt();
  const workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["ALL"]\n' });
  // A time budget no analysis here reaches: a partial result is only ever a first look.
  client = new TestClient({
    workspace,
    settings: { debounceMs: 0, timeBudgetMs: 600_000, logLevel: 'debug' },
    env: { PYCONV_DEBUG: '1' },
  });
  await client.initialize();
  uri = uriOf(path.join(workspace, 'large.py'));
}, 120_000);

afterAll(() => client.stop());

/** About 4k lines (a first look is taken over 2,000), findings in every definition. */
function largeModule(): string {
  const parts = ['"""A module."""\nimport os\nfrom typing import Optional\n\n\n'];
  for (let i = 0; i < 1_000; i++)
    parts.push(
      `def Helper${i}(value: Optional[int], items=[]) -> int:\n    return (value or 0) + len(os.sep)\n\n\n`,
    );
  return parts.join('');
}

describe('the opening analysis of a large file', () => {
  it('is answered by the second thread, published once complete, and equal to a fresh analysis', async () => {
    await client.open(uri, largeModule());
    await client.waitFor(
      'the second thread',
      () => client.logs.find((line) => line.includes('opening analysis on a second thread:')),
      120_000,
    );
    // The project index starts once the analyses have paused: the main thread's own is done by then.
    await client.waitFor(
      'the project index',
      () => client.logs.find((line) => line.includes('project index:')),
      120_000,
    );
    const debug = await client.request<{ version: number; fresh: Diagnostic[] }>('pyconv/debugDocument', {
      uri,
    });
    const fresh = JSON.stringify(debug.fresh);
    const published = (client.diagnostics.get(uri) ?? []).map((p) => JSON.stringify(p.diagnostics));
    expect(debug.version).toBe(1);
    expect(debug.fresh.length).toBeGreaterThan(1_000);
    // A first look (fewer findings) perhaps, then the complete result once, and nothing after it.
    expect(published.at(-1)).toBe(fresh);
    expect(published.length).toBeLessThanOrEqual(2);
    if (published.length === 2) expect(published[0]).not.toBe(fresh);
    expect(client.logs.join('\n')).not.toMatch(/opening analysis (not sent|failed|thread failed)/);
  }, 180_000);
});
