import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV106 private-module', () => {
  it('flags modules and packages whose name starts with an underscore, at the file start', async () => {
    expect(await flagged('X = 1\n', 'PCV106', { file: { path: 'pkg/_helpers.py' } })).toEqual([
      'PCV106 0:0-0:0',
    ]);
    expect(
      await flagged('', 'PCV106', { file: { path: 'pkg/_internal/__init__.py', isPackageInit: true } }),
    ).toEqual(['PCV106 0:0-0:0']);
    const [diagnostic] = await check('X = 1\n', ['PCV106'], { file: { path: 'pkg/_helpers.py' } });
    expect(diagnostic.message).toBe('`_helpers` is a private module; organize with a subpackage instead');
  });

  it('passes public and dunder modules, and unsaved buffers', async () => {
    for (const path of ['pkg/helpers.py', 'pkg/__init__.py', 'pkg/__main__.py', 'pkg/helpers/core.py']) {
      expect(await flagged('X = 1\n', 'PCV106', { file: { path } })).toEqual([]);
    }
    expect(await flagged('X = 1\n', 'PCV106')).toEqual([]);
  });
});
