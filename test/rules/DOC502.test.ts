import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('DOC502 docstring-extraneous-exception', () => {
  it('flags listed exceptions that the body does not raise, in one finding on the docstring', async () => {
    const source = [
      'def f(x):',
      '    """Do.',
      '',
      '    Raises:',
      '        KeyError: One.',
      '        TypeError: Two.',
      '        ValueError: Three.',
      '    """',
      '    raise ValueError(x)',
      '',
    ].join('\n');
    expect(await flagged(source, 'DOC502')).toEqual(['DOC502 1:4-7:7']);
    const [diagnostic] = await check(source, ['DOC502']);
    expect(diagnostic.message).toBe('Raised exceptions are not explicitly raised: `KeyError`, `TypeError`');
  });

  it('skips abstract methods, stubs and accurate sections', async () => {
    const source = [
      'import abc',
      'class Base(abc.ABC):',
      '    @abc.abstractmethod',
      '    def run(self):',
      '        """Do.',
      '',
      '        Raises:',
      '            KeyError: In subclasses.',
      '        """',
      '        return 1',
      'def stub():',
      '    """Do.',
      '',
      '    Raises:',
      '        KeyError: Later.',
      '    """',
      '    ...',
      'def ok():',
      '    """Do.',
      '',
      '    Raises:',
      '        KeyError: Always.',
      '    """',
      '    raise KeyError',
      '',
    ].join('\n');
    expect(await flagged(source, 'DOC502')).toEqual([]);
  });
});
