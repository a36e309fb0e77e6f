import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D106 undocumented-public-nested-class', () => {
  it('flags public classes nested in public classes', async () => {
    const source = ['class Model:', '    """Doc."""', '    class Config:', '        pass', ''].join('\n');
    expect(await flagged(source, 'D106')).toEqual(['D106 2:10-2:16']);
  });

  it('skips classes in functions, private nested classes and nested classes of private classes', async () => {
    const source = [
      'def build():',
      '    """Doc."""',
      '    class Local: pass',
      'class Model:',
      '    """Doc."""',
      '    class _Hidden: pass',
      'class _Private:',
      '    class Config: pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'D106')).toEqual([]);
  });
});
