/** Syntax errors over the protocol: published as E999 errors, and hidden by `pyconv.showSyntaxErrors: false`. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { brief, ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const SOURCE = 'class bad_name:\n    pass\n\n\ndef f(x):\n    return x +\n';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

describe('syntax errors in the editor', () => {
  let client: TestClient;
  let uri: string;

  beforeAll(async () => {
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n',
      'mod.py': SOURCE,
    });
    uri = uriOf(path.join(workspace, 'mod.py'));
    client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    await client.initialize();
  });

  afterAll(async () => {
    await client.stop();
  });

  it('publishes an E999 error at the place, beside the rules, without a rule page or a noqa action', async () => {
    await client.open(uri, SOURCE, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map(brief)).toEqual(['N801 0:6-0:14', 'E999 5:13-5:14']);
    const syntax = diagnostics[1];
    expect(syntax).toMatchObject({
      severity: 1,
      source: 'pyconv',
      message: 'Syntax error: unexpected end of line after `+`',
    });
    expect(syntax.codeDescription).toBeUndefined();
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: syntax.range,
      context: { diagnostics: [syntax] },
    });
    expect(actions.map((a) => a.title)).not.toContain('Disable E999 for this line');
  });

  it('hides syntax errors with showSyntaxErrors: false, and shows them again when it is set back', async () => {
    const publishes = () => client.diagnostics.get(uri)?.length ?? 0;
    const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
    let before = publishes();
    client.settings = { debounceMs: 0, showSyntaxErrors: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor('diagnostics without syntax errors', () => publishes() > before);
    expect(codes(await client.diagnosticsFor(uri))).toEqual(['N801']);

    before = publishes();
    client.settings = { debounceMs: 0 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor('diagnostics with syntax errors', () => publishes() > before);
    expect(codes(await client.diagnosticsFor(uri))).toEqual(['N801', 'E999']);
  });
});

describe('syntax errors pulled', () => {
  it('leaves them out of a pulled report with showSyntaxErrors: false', async () => {
    const workspace = makeWorkspace({
      'pyproject.toml': '[tool.pyconv]\nselect = ["N801"]\n',
      'mod.py': SOURCE,
    });
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = new TestClient({
      workspace,
      pull: true,
      settings: { debounceMs: 0, showSyntaxErrors: false },
    });
    try {
      await client.initialize();
      await client.open(uri, SOURCE, 1);
      const report = await client.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', {
        textDocument: { uri },
      });
      expect(report.items?.map(brief)).toEqual(['N801 0:6-0:14']);
    } finally {
      await client.stop();
    }
  });
});
