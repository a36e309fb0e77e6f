// Opening a document whose text the findings cache holds (`.pyconv_cache/`, written by the CLI):
// its findings are published at once, before the server's own analysis of it finished, identical to
// a fresh analysis; the analysis that follows publishes nothing new; code actions still work; a
// changed text or another configuration is not answered from the cache. Over stdio, built server.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { ensureBuilt, makeWorkspace, TestClient, type TestClientOptions, uriOf } from './helpers';

const CLI_JS = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const FROM_CACHE = 'from the findings cache';
const AGREES = 'the analysis agrees with the findings cache';

/** A file long enough to be answered from the cache (over 2,000 lines), with findings on every function. */
function largeFile(): string {
  const lines = ['import os', 'import sys', '', ''];
  for (let i = 0; i < 700; i++) lines.push(`def BadName${i}(x):`, `    l = ${i}`, '    return x', '', '');
  return `${lines.join('\n')}\n`;
}

interface Observed {
  /** How many publishes of the file had arrived when the analysis confirmed the cache's answer. */
  publishesWhenConfirmed?: number;
}

/** A client whose log messages also note how many publishes of `uri` preceded the confirmation. */
async function withClient(
  options: TestClientOptions,
  uri: string,
  body: (client: TestClient, observed: Observed) => Promise<void>,
): Promise<void> {
  const client = new TestClient({ env: { PYCONV_DEBUG: '1' }, ...options });
  const observed: Observed = {};
  client.connection.onNotification('window/logMessage', (params: { message: string }) => {
    client.logs.push(params.message);
    if (params.message.includes(AGREES))
      observed.publishesWhenConfirmed = client.diagnostics.get(uri)?.length ?? 0;
  });
  try {
    await client.initialize();
    await body(client, observed);
  } finally {
    await client.stop();
  }
}

async function freshDiagnostics(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const debug = await client.request<{ fresh: Diagnostic[] }>('pyconv/debugDocument', { uri });
  return debug.fresh;
}

function logged(client: TestClient, what: string): boolean {
  return client.logs.some((line) => line.includes(what));
}

describe('opening a document the findings cache holds', () => {
  let workspace: string;
  let file: string;
  let uri: string;
  let text: string;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({ 'pkg/big.py': largeFile() });
    file = path.join(workspace, 'pkg', 'big.py');
    uri = uriOf(file);
    text = readFileSync(file, 'utf8');
    execFileSync(process.execPath, [CLI_JS, 'check', '.', '--exit-zero'], { cwd: workspace, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('publishes the cached findings before its analysis, identical to a fresh analysis, once', async () => {
    await withClient({ workspace }, uri, async (client, observed) => {
      await client.open(uri, text);
      const published = await client.diagnosticsFor(uri, 1);
      await client.waitFor('the analysis', () => logged(client, AGREES), 30_000);
      expect(logged(client, FROM_CACHE)).toBe(true);
      expect(observed.publishesWhenConfirmed).toBe(1);
      expect(published.length).toBeGreaterThan(2800);
      expect(published).toEqual(await freshDiagnostics(client, uri));
      // The analysis said the same: nothing published again.
      expect(client.diagnostics.get(uri)?.length).toBe(1);
    });
  }, 60_000);

  it('offers the fixes of the version answered from the cache', async () => {
    await withClient({ workspace }, uri, async (client) => {
      await client.open(uri, text);
      const published = await client.diagnosticsFor(uri, 1);
      const unused = published.find((d) => d.code === 'F401');
      expect(unused).toBeDefined();
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: unused?.range,
        context: { diagnostics: [unused], only: ['quickfix'] },
      });
      expect(actions.some((action) => action.title.includes('os'))).toBe(true);
    });
  }, 60_000);

  it('answers a pull from the cache, then "unchanged" once the analysis agrees', async () => {
    await withClient({ workspace, pull: true }, uri, async (client) => {
      await client.open(uri, text);
      const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
        textDocument: { uri },
      });
      expect(first.kind).toBe('full');
      expect(first.resultId).toMatch(/\|cache$/);
      expect(logged(client, AGREES)).toBe(false);
      expect(first.kind === 'full' && first.items).toEqual(await freshDiagnostics(client, uri));
      await client.waitFor('the analysis', () => logged(client, AGREES), 30_000);
      const next = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId: first.resultId,
      });
      expect(next).toEqual({ kind: 'unchanged', resultId: first.resultId });
      expect(client.diagnostics.get(uri)).toBeUndefined();
    });
  }, 60_000);

  it('does not answer a changed text or another configuration from the cache', async () => {
    await withClient({ workspace }, uri, async (client) => {
      await client.open(uri, `${text}\n\ndef OtherName(x):\n    return x\n`);
      await client.waitFor(
        'a complete analysis',
        () => {
          const last = client.diagnostics.get(uri)?.at(-1);
          return last?.diagnostics.some((d) => d.message.includes('OtherName'));
        },
        30_000,
      );
      expect(logged(client, FROM_CACHE)).toBe(false);
    });
    await withClient({ workspace, settings: { ignore: ['N802'] } }, uri, async (client) => {
      await client.open(uri, text);
      const published = await client.waitFor(
        'a complete analysis',
        () => {
          const last = client.diagnostics.get(uri)?.at(-1);
          return last && last.diagnostics.length > 2000 && last.diagnostics;
        },
        30_000,
      );
      expect(logged(client, FROM_CACHE)).toBe(false);
      expect(published.some((d) => d.code === 'N802')).toBe(false);
    });
  }, 60_000);

  // Last: it damages the cache the other tests read.
  it('ignores a corrupt entry', async () => {
    const folder = path.join(workspace, '.pyconv_cache');
    const cacheFile = path.join(
      folder,
      readdirSync(folder).find((name) => name.startsWith('results-') && name.endsWith('.json')) ?? '',
    );
    const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      entries: Record<string, { diagnostics: unknown[] }>;
    };
    for (const entry of Object.values(data.entries)) entry.diagnostics = [['N802', 'bad', 9, -1]];
    writeFileSync(cacheFile, JSON.stringify(data));
    await withClient({ workspace, env: { PYCONV_DEBUG: '1' } }, uri, async (client) => {
      await client.open(uri, text);
      await client.waitFor(
        'a complete analysis',
        () => (client.diagnostics.get(uri)?.length ?? 0) >= 2,
        30_000,
      );
      expect(logged(client, FROM_CACHE)).toBe(false);
      expect(client.diagnostics.get(uri)?.at(-1)?.diagnostics).toEqual(await freshDiagnostics(client, uri));
    });
  }, 60_000);
});
