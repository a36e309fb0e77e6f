import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D104 undocumented-public-package', () => {
  it('flags a package __init__ without a docstring at 0:0', async () => {
    expect(await flagged('from .core import run\n', 'D104', { file: { isPackageInit: true } })).toEqual([
      'D104 0:0-0:0',
    ]);
  });

  it('accepts a documented package and ignores plain modules and private packages', async () => {
    expect(await flagged('"""Runs things."""\n', 'D104', { file: { isPackageInit: true } })).toEqual([]);
    expect(await flagged('import os\n', 'D104')).toEqual([]);
    expect(
      await flagged('import os\n', 'D104', { file: { isPackageInit: true, isPrivateModule: true } }),
    ).toEqual([]);
  });
});
