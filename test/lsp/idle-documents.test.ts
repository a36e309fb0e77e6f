/**
 * Open documents nobody uses let go of their trees and analysis caches (documents.ts
 * `releaseIdleTrees`, diagnostics-scheduler.ts `releaseCaches`), through the built server: their
 * findings stay, and the next edit of one is analysed afresh, its publish equal to a fresh analysis
 * (file rules included: an import that the edit leaves unused, a name bound twice).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ANALYSES_KEPT, RELEASE_TREE_AFTER_MS } from '../../server/src/lsp/documents';
import { startDebugClient, type TestClient, uriOf } from './helpers';

let client: TestClient;
let workspace: string;

beforeAll(async () => {
  ({ client, workspace } = await startDebugClient());
}, 120_000);

afterAll(() => client.stop());

const SOURCE = 'import os\nimport sys\n\n\ndef helper(value):\n    return os.sep + sys.platform + value\n';

/** The server's current diagnostics of `uri` (what code actions read) and those of a fresh analysis. */
async function debugOf(
  uri: string,
  version: number,
): Promise<{ current: Diagnostic[]; fresh: Diagnostic[] }> {
  const debug = await client.request<{ version: number; diagnostics: Diagnostic[]; fresh: Diagnostic[] }>(
    'pyconv/debugDocument',
    { uri },
  );
  expect(debug.version).toBe(version);
  return { current: debug.diagnostics, fresh: debug.fresh };
}

describe('documents left idle', () => {
  it('keep their findings and are analysed afresh when edited again', async () => {
    // The analyses of the documents last used are kept: those of the first two opened are let go of.
    const names = Array.from({ length: ANALYSES_KEPT + 2 }, (_, i) => `module_${i}`);
    const uris = names.map((name) => uriOf(path.join(workspace, `${name}.py`)));
    for (const uri of uris) {
      await client.open(uri, SOURCE);
      await client.diagnosticsFor(uri, 1);
    }
    const [idle] = uris;
    const before = await client.diagnosticsFor(idle, 1);
    expect(before).toEqual((await debugOf(idle, 1)).fresh);
    await new Promise((resolve) => setTimeout(resolve, RELEASE_TREE_AFTER_MS + 2_000));
    expect(await debugOf(idle, 1)).toEqual({ current: before, fresh: before });
    // `sys` used no longer (F401), `helper` bound twice (F811).
    const body = { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } };
    await client.change(idle, 2, [{ range: body, text: '    return os.sep + value\n' }]);
    await client.change(idle, 3, [
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'helper = 1\n' },
    ]);
    const { fresh } = await debugOf(idle, 3);
    expect(fresh.map((d) => d.code)).toEqual(expect.arrayContaining(['F401', 'F811']));
    await client.waitFor(
      'the settled diagnostics of version 3',
      () =>
        (client.diagnostics.get(idle) ?? []).some(
          (p) => p.version === 3 && JSON.stringify(p.diagnostics) === JSON.stringify(fresh),
        ),
      60_000,
    );
  }, 120_000);
});
