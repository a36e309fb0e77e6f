import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { applyFix } from '../helpers/apply-fix';

const ALL = { options: { 'flake8-tidy-imports': { 'ban-relative-imports': 'all' } } };

describe('TID252 relative-imports', () => {
  it('flags imports from parent packages by default, once per imported name', async () => {
    const source = 'from . import sibling\nfrom .. import a, b\nfrom ...pkg import c\n';
    expect(await flagged(source, 'TID252')).toEqual([
      'TID252 1:0-1:19',
      'TID252 1:0-1:19',
      'TID252 2:0-2:20',
    ]);
  });

  it('flags every relative import with ban-relative-imports = "all" (guide 001)', async () => {
    const source = 'from . import sibling\nfrom .mod import x as y\nimport os\nfrom os import path\n';
    expect(await flagged(source, 'TID252', ALL)).toEqual(['TID252 0:0-0:21', 'TID252 1:0-1:23']);
  });

  it('rewrites to an absolute import when the module path is known, unsafely', async () => {
    const source = 'from ..core.configs import ModelConfig as MC, other\n';
    const [d] = await check(source, ['TID252'], { file: { path: 'src/setu/engine/run.py' } });
    expect(d.fix?.safe).toBe(false);
    expect(applyFix(source, d.fix!)).toBe('from setu.core.configs import ModelConfig as MC, other\n');
    const [init] = await check('from . import x\n', ['TID252'], {
      ...ALL,
      file: { path: 'setu/engine/__init__.py' },
    });
    expect(applyFix('from . import x\n', init.fix!)).toBe('from setu.engine import x\n');
  });

  it('offers no fix when the path is unknown or the import climbs above it', async () => {
    const [unknown] = await check('from .. import x\n', ['TID252']);
    expect(unknown.fix).toBeNull();
    const [above] = await check('from ... import x\n', ['TID252'], { file: { path: 'pkg/mod.py' } });
    expect(above.fix).toBeNull();
  });
});
