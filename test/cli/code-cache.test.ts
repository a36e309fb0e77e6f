/**
 * dist/cli.js runs the CLI's bundle from V8's code cache (server/src/launch/code-cache.ts): the first
 * run writes it as it exits, the next takes it (so leaves it as it is), with the same output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, folder, removeFolders } from '../helpers/cli';

let cacheDir: string;

beforeAll(() => {
  buildCli();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pyconv-code-cache-'));
});

afterAll(() => {
  removeFolders();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('the V8 code cache of the CLI bundle', () => {
  it('is written by a first run and taken by the next, which says the same', () => {
    const project = folder({ 'mod.py': 'class bad_name:\n    pass\n' });
    const check = () =>
      spawnSync(process.execPath, [cli, 'check', '--select', 'N801', '--no-cache', 'mod.py'], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, PYCONV_CODE_CACHE_DIR: cacheDir },
      });
    const first = check();
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('N801');
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^cli-main-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
    const written = statSync(path.join(cacheDir, files[0])).mtimeMs;

    const second = check();
    expect({ status: second.status, stdout: second.stdout }).toEqual({
      status: first.status,
      stdout: first.stdout,
    });
    expect(readdirSync(cacheDir)).toEqual(files);
    expect(statSync(path.join(cacheDir, files[0])).mtimeMs).toBe(written);
  }, 120_000);
});
