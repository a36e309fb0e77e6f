/**
 * `pyconv check --fix --unsafe-fixes` renames module-level names across the checked files, all of
 * them or none: runs the built CLI (dist/cli.js) on a package whose names other modules import,
 * then python3 must import it and call the renamed names. When one file of a rename cannot be
 * written (here, a symlink to a file outside the checked paths), no file changes at all.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPORARY_FILE_PATTERN } from '../../server/src/cli/atomic-write';
import { buildCli, folder, removeFolders, runCli } from '../helpers/cli';

beforeAll(buildCli, 120_000);
afterAll(removeFolders);

const FILES: Record<string, string> = {
  'pyproject.toml': '[tool.pyconv]\nselect = ["N802"]\n',
  'shop/__init__.py': 'from .pricing import computeTotal\n\n__all__ = ["computeTotal"]\n',
  'shop/pricing.py': 'def computeTotal(items):\n    return sum(items)\n',
  'shop/cart.py': [
    'from . import pricing',
    'from .pricing import computeTotal as ct',
    '',
    '',
    'def checkout(items):',
    '    return ct(items) + pricing.computeTotal(items)',
    '',
  ].join('\n'),
};

const fix = (root: string) => runCli(root, ['check', '--fix', '--unsafe-fixes', '--no-cache', root]);

function snapshot(root: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(path.join(root, name), 'utf8')]));
}

describe('pyconv check --fix --unsafe-fixes: renames across files', () => {
  it('renames in every importing file, and the package still imports and runs', () => {
    const root = folder(FILES);
    const run = fix(root);
    expect(run.stderr).toContain('renamed `computeTotal` to `compute_total` in 3 files');
    expect(readFileSync(path.join(root, 'shop/cart.py'), 'utf8')).toContain(
      'from .pricing import compute_total as ct',
    );
    const python = spawnSync(
      'python3',
      ['-c', 'import shop, shop.cart\nprint(shop.compute_total([1, 2]), shop.cart.checkout([1]))'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
    );
    expect(`${python.stdout}${python.stderr}`).toBe('3 2\n');
  });

  it('changes no file when one file of the rename cannot be written', () => {
    const outside = folder({
      'elsewhere.py': 'from shop.pricing import computeTotal\n\nprint(computeTotal([1]))\n',
    });
    const root = folder(FILES);
    symlinkSync(path.join(outside, 'elsewhere.py'), path.join(root, 'shop', 'linked.py'));
    const names = [...Object.keys(FILES), 'shop/linked.py'];
    const before = snapshot(root, names);
    const run = fix(root);
    expect(run.stderr).toContain('renames across files not written, every file left as it was');
    expect(run.code).toBe(2);
    expect(snapshot(root, names)).toEqual(before);
    const leftovers = readdirSync(path.join(root, 'shop')).filter((name) =>
      TEMPORARY_FILE_PATTERN.test(name),
    );
    expect(leftovers).toEqual([]);
  });

  it('refuses a rename whose name is star-imported, and leaves the per-file fix undone too', () => {
    const root = folder({ ...FILES, 'shop/star.py': 'from shop.pricing import *\n' });
    const run = fix(root);
    expect(run.stderr).toContain(
      '`computeTotal` not renamed to `compute_total`: `from shop.pricing import *` in shop/star.py imports `computeTotal` under its name',
    );
    expect(readFileSync(path.join(root, 'shop/pricing.py'), 'utf8')).toBe(FILES['shop/pricing.py']);
  });
});
