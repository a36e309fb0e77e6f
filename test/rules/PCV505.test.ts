import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV505 del-finalizer', () => {
  it('flags a __del__ that does cleanup work, at its name', async () => {
    const source = ['class Connection:', '    def __del__(self):', '        self.sock.close()', ''].join(
      '\n',
    );
    expect(await flagged(source, 'PCV505')).toEqual(['PCV505 1:8-1:15']);
    const [first] = await check(source, ['PCV505']);
    expect(first.message).toBe(
      'A `__del__` finalizer runs when the garbage collector decides; release resources explicitly',
    );
  });

  it('passes finalizers that only warn, assert or record, and functions outside classes', async () => {
    const source = [
      'import warnings',
      'class A:',
      '    def __del__(self):',
      '        if not self.closed:',
      '            warnings.warn("unclosed", ResourceWarning)',
      'class B:',
      '    def __del__(self):',
      '        assert not self._children',
      'def __del__(self):',
      '    self.close()',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV505')).toEqual([]);
  });
});
