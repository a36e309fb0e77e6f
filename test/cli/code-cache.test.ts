/**
 * dist/cli.js runs the CLI's bundle (dist/cli-main.js) from V8's code cache, as dist/server.js runs
 * the server's (server/src/launch/code-cache.ts): a first run writes it as it exits, the next takes
 * it (and leaves it as it is), a cache that is not V8's never changes what a check prints, and
 * `PYCONV_CODE_CACHE_DIR=off` writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, folder, removeFolders } from '../helpers/cli';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

const EXPECTED = 'mod.py:1:7: N801 Class name `bad_name` should use CapWords convention';

/** Checks a one-class file with the cache settings of `env`; the first line of the report. */
function check(env: Record<string, string>): string {
  const root = folder({ 'mod.py': 'class bad_name:\n    pass\n' });
  const run = spawnSync(
    process.execPath,
    [cli, 'check', '--no-cache', '--select', 'N801', '--output-format', 'concise', 'mod.py'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  return run.stdout.split('\n')[0];
}

describe('the V8 code cache of the CLI bundle', () => {
  it('is written by a first run, taken by the next, and written afresh when it is not V8s', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'pyconv-cli-code-cache-'));
    try {
      const env = { PYCONV_CODE_CACHE_DIR: cacheDir };
      const cacheFiles = () => readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));
      expect(check(env)).toBe(EXPECTED);
      const [file] = cacheFiles();
      expect(cacheFiles()).toHaveLength(1);
      expect(file.startsWith('cli-main-')).toBe(true);
      const cache = path.join(cacheDir, file);
      const written = statSync(cache).mtimeMs;
      expect(statSync(cache).size).toBeGreaterThan(100_000);

      // Taken: V8 accepted it, so the run left it as it was (a refused cache is written again).
      expect(check(env)).toBe(EXPECTED);
      expect(cacheFiles()).toEqual([file]);
      expect(statSync(cache).mtimeMs).toBe(written);

      for (const garbage of [Buffer.from('not a code cache'), readFileSync(cache).subarray(0, 1000)]) {
        writeFileSync(cache, garbage);
        expect(check(env)).toBe(EXPECTED);
        expect(cacheFiles()).toEqual([file]);
        expect(readFileSync(cache).equals(garbage)).toBe(false);
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is not written with PYCONV_CODE_CACHE_DIR=off', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'pyconv-home-'));
    try {
      const env = { PYCONV_CODE_CACHE_DIR: 'off', HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') };
      expect(check(env)).toBe(EXPECTED);
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});
