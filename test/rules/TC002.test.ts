import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('TC002 typing-only-third-party-import', () => {
  it('flags third-party imports used only in typing-only places, at the name or alias', async () => {
    const source = [
      'import numpy as np',
      'import pandas',
      'def f(frame: "pandas.DataFrame"):',
      '    values: np.ndarray = frame.to_numpy()',
      '    return values',
      '',
    ].join('\n');
    expect(await flagged(source, 'TC002')).toEqual(['TC002 0:16-0:18', 'TC002 1:7-1:13']);
    const [first] = await check(source, ['TC002'], { options: {} });
    expect(first.message).toBe('Move third-party import `numpy` into a type-checking block');
  });

  it('passes annotations Python evaluates (signatures, module variables) without the future import', async () => {
    const source = [
      'import numpy',
      'import pandas',
      'ARRAY: numpy.ndarray = None',
      'def f(x: pandas.DataFrame): ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'TC002')).toEqual([]);
  });
});
