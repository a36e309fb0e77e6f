import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D100 undocumented-public-module', () => {
  it('flags a module without a docstring at 0:0', async () => {
    expect(await flagged('import os\n', 'D100')).toEqual(['D100 0:0-0:0']);
    expect(await flagged('# comment\nfrom __future__ import annotations\n"""Too late."""\n', 'D100')).toEqual(
      ['D100 0:0-0:0'],
    );
    expect(await flagged('', 'D100')).toEqual(['D100 0:0-0:0']);
  });

  it('accepts a docstring after comments, and skips private modules, stubs and packages', async () => {
    expect(await flagged('#!/usr/bin/env python\n"""Tools."""\nimport os\n', 'D100')).toEqual([]);
    expect(await flagged('import os\n', 'D100', { file: { isPrivateModule: true } })).toEqual([]);
    expect(await flagged('import os\n', 'D100', { file: { isStub: true } })).toEqual([]);
    expect(await flagged('import os\n', 'D100', { file: { isPackageInit: true } })).toEqual([]);
  });

  it('does not take an f-string or bytes for a docstring', async () => {
    expect(await flagged('f"""Tools."""\n', 'D100')).toEqual(['D100 0:0-0:0']);
    expect(await flagged('b"""Tools."""\n', 'D100')).toEqual(['D100 0:0-0:0']);
  });
});
