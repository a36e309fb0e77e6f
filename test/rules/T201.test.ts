import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('T201 print', () => {
  it('flags print calls at the function name', async () => {
    const source = [
      'import sys',
      'print("x")',
      'print("y", file=sys.stderr)',
      'values = [print(v) for v in vs]',
      '',
    ].join('\n');
    expect(await flagged(source, 'T201')).toEqual(['T201 1:0-1:5', 'T201 2:0-2:5', 'T201 3:10-3:15']);
  });

  it('accepts explicit file targets, methods named print and shadowed print', async () => {
    const source = [
      'print("x", file=fh)',
      'obj.print("m")',
      'def report(print):',
      '    print("p")',
      'def print(*args):',
      '    pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'T201')).toEqual([]);
  });

  it('is off by default', async () => {
    const { allRules } = await import('../../server/src/rules/registry');
    expect(allRules.find((r) => r.meta.code === 'T201')?.meta.defaultEnabled).toBe(false);
  });
});
