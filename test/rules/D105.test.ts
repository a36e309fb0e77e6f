import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D105 undocumented-magic-method', () => {
  it('flags dunder methods other than __init__, __new__ and __call__', async () => {
    const source = [
      'class Span:',
      '    """Doc."""',
      '    def __len__(self): return 0',
      '    def __init__(self): pass',
      '    def __call__(self): pass',
      '    def __eq__(self, other):',
      '        """Doc."""',
      '',
    ].join('\n');
    expect(await flagged(source, 'D105')).toEqual(['D105 2:8-2:15']);
  });

  it('skips magic methods of private classes', async () => {
    expect(await flagged('class _Span:\n    def __len__(self): return 0\n', 'D105')).toEqual([]);
  });
});
