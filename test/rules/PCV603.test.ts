import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('PCV603 missing-dunder-all', () => {
  const api = '"""Models."""\n\ndef load_model(name):\n    return name\n';

  it('flags a public module with public definitions and no __all__, at 0:0', async () => {
    expect(await flagged(api, 'PCV603', { file: { path: 'pkg/models.py' } })).toEqual(['PCV603 0:0-0:0']);
    const init = '"""Pkg."""\nfrom pkg.models import load_model\n';
    expect(await flagged(init, 'PCV603', { file: { path: 'pkg/__init__.py', isPackageInit: true } })).toEqual(
      ['PCV603 0:0-0:0'],
    );
  });

  it('accepts any __all__ and modules without public names', async () => {
    expect(await flagged(`__all__ = ["load_model"]\n${api}`, 'PCV603')).toEqual([]);
    expect(await flagged('import os\nDEBUG = True\ndef _helper(): pass\n', 'PCV603')).toEqual([]);
    expect(
      await flagged('from pkg.models import load_model\n', 'PCV603', { file: { path: 'pkg/cli.py' } }),
    ).toEqual([]);
  });

  it('skips private modules, stubs, tests and scripts', async () => {
    expect(await flagged(api, 'PCV603', { file: { path: 'pkg/_impl.py', isPrivateModule: true } })).toEqual(
      [],
    );
    expect(await flagged(api, 'PCV603', { file: { path: 'pkg/models.pyi', isStub: true } })).toEqual([]);
    expect(await flagged(api, 'PCV603', { file: { path: 'tests/helpers.py' } })).toEqual([]);
    expect(await flagged(api, 'PCV603', { file: { path: 'pkg/test_models.py' } })).toEqual([]);
    expect(await flagged(`${api}\nif __name__ == "__main__":\n    load_model("x")\n`, 'PCV603')).toEqual([]);
  });
});
