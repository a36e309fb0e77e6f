/**
 * dist/server.js runs the server's bundle from V8's code cache (server/src/launch/code-cache.ts):
 * the first start writes it as it exits, the next takes it (and so leaves it as it is), and a cache
 * that is not V8's (of something else, truncated, one byte changed) never stops the server from
 * starting: it is written afresh.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief, ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

let cacheDir: string;
let workspace: string;

beforeAll(async () => {
  await ensureBuilt();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pyconv-code-cache-'));
  workspace = makeWorkspace({ 'pyproject.toml': '[tool.pyconv]\nselect = ["N"]\n' });
});

afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
});

/** Starts the server with the cache in `dir`, checks a file, stops it; returns what it published. */
async function startAndStop(env: Record<string, string>): Promise<string[]> {
  const client = new TestClient({ workspace, settings: { debounceMs: 0 }, env });
  try {
    await client.initialize();
    const uri = uriOf(path.join(workspace, 'mod.py'));
    await client.open(uri, 'class bad_name:\n    pass\n');
    return (await client.diagnosticsFor(uri, 1)).map(brief);
  } finally {
    await client.stop();
  }
}

function cacheFiles(): string[] {
  return readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));
}

describe('the V8 code cache of the server bundle', () => {
  it('is written by a first start, taken by the next, and written afresh when it is not V8s', async () => {
    const env = { PYCONV_CODE_CACHE_DIR: cacheDir };
    expect(await startAndStop(env)).toEqual(['N801 0:6-0:14']);
    const [file] = cacheFiles();
    expect(cacheFiles()).toHaveLength(1);
    const cache = path.join(cacheDir, file);
    const written = statSync(cache).mtimeMs;
    expect(statSync(cache).size).toBeGreaterThan(100_000);

    // Taken: V8 accepted it, so the server left it as it was (a refused cache is written again).
    expect(await startAndStop(env)).toEqual(['N801 0:6-0:14']);
    expect(cacheFiles()).toEqual([file]);
    expect(statSync(cache).mtimeMs).toBe(written);

    const whole = readFileSync(cache);
    const flipped = Buffer.from(whole);
    flipped[whole.length >> 1] ^= 0xff;
    for (const garbage of [Buffer.from('not a code cache'), whole.subarray(0, 1000), flipped]) {
      writeFileSync(cache, garbage);
      expect(await startAndStop(env)).toEqual(['N801 0:6-0:14']);
      expect(cacheFiles()).toEqual([file]);
      expect(statSync(cache).size).toBeGreaterThan(100_000);
      expect(readFileSync(cache).equals(garbage)).toBe(false);
    }
  }, 60_000);

  it('is not written with PYCONV_CODE_CACHE_DIR=off', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'pyconv-home-'));
    try {
      const env = { PYCONV_CODE_CACHE_DIR: 'off', HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') };
      expect(await startAndStop(env)).toEqual(['N801 0:6-0:14']);
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});
