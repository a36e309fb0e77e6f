import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D107 undocumented-public-init', () => {
  it('flags __init__ of public classes', async () => {
    const source = [
      'class Engine:',
      '    """Doc."""',
      '    def __init__(self, model):',
      '        self.model = model',
      '',
    ].join('\n');
    expect(await flagged(source, 'D107')).toEqual(['D107 2:8-2:16']);
  });

  it('skips documented __init__ and __init__ of private classes', async () => {
    const source = [
      'class Engine:',
      '    """Doc."""',
      '    def __init__(self):',
      '        """Doc."""',
      'class _Engine:',
      '    def __init__(self): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'D107')).toEqual([]);
  });
});
