/**
 * A `pyproject.toml` with backtracking patterns does not freeze the server: the hostile patterns
 * are matched in linear time against a 10,000-character name, and the server keeps answering.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief, ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

const LONG = 'a'.repeat(10_000);
const PYPROJECT = [
  '[tool.pyconv]',
  'select = ["N801", "N802", "PCV104"]',
  'exclude = ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]',
  '[tool.pyconv.pyconv-naming]',
  'typevar-pattern = "^(a|a)+$"',
  '[tool.pyconv.pep8-naming]',
  'extend-ignore-names = ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]',
  '',
].join('\n');

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

describe('hostile configuration patterns', () => {
  let client: TestClient;
  let workspace: string;

  beforeAll(async () => {
    workspace = makeWorkspace({ 'pyproject.toml': PYPROJECT });
    client = new TestClient({ workspace, settings: { debounceMs: 0 } });
    await client.initialize();
  });

  afterAll(async () => {
    await client.stop();
  });

  it('checks long names against them and keeps answering requests', async () => {
    const uri = uriOf(path.join(workspace, `${'a'.repeat(150)}.py`));
    const text = `from typing import TypeVar\n${LONG}b = TypeVar("${LONG}b")\ndef A${LONG}():\n    pass\n`;
    await client.open(uri, text);
    const found = (await client.diagnosticsFor(uri, 1)).map((d) => d.code);
    expect(found.sort()).toEqual(['N802', 'PCV104']);
    const hover = client.request('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 5 },
    });
    await expect(hover).resolves.toBeDefined();
    const other = uriOf(path.join(workspace, 'ordinary.py'));
    await client.open(other, 'class bad:\n    pass\n');
    expect((await client.diagnosticsFor(other, 1)).map(brief)).toEqual(['N801 0:6-0:9']);
    expect(client.alive).toBe(true);
  }, 20_000);
});
