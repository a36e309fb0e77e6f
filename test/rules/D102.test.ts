import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('D102 undocumented-public-method', () => {
  it('flags public methods, __new__ and __call__, on the name', async () => {
    const source = [
      'class Engine:',
      '    """Doc."""',
      '    def run(self): pass',
      '    def __call__(self): pass',
      '    def __new__(cls): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'D102')).toEqual(['D102 2:8-2:11', 'D102 3:8-3:16', 'D102 4:8-4:15']);
  });

  it('skips private methods, setters, overloads, overrides and members of private classes', async () => {
    const source = [
      'from typing import overload',
      'from typing_extensions import override',
      'class Engine:',
      '    """Doc."""',
      '    def _helper(self): pass',
      '    @property',
      '    def size(self):',
      '        """Doc."""',
      '    @size.setter',
      '    def size(self, value): pass',
      '    @overload',
      '    def get(self, key: int) -> int: ...',
      '    @override',
      '    def close(self): pass',
      '    def get(self, key):',
      '        """Doc."""',
      'class _Private:',
      '    def run(self): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'D102')).toEqual([]);
  });

  it('skips functions with an ignore-decorators decorator', async () => {
    const source = [
      'import pytest',
      'class T:',
      '    """Doc."""',
      '    @pytest.fixture',
      '    def db(self): pass',
      '',
    ].join('\n');
    expect(
      await flagged(source, 'D102', { options: { pydocstyle: { 'ignore-decorators': ['pytest.fixture'] } } }),
    ).toEqual([]);
    expect(await flagged(source, 'D102')).toEqual(['D102 4:8-4:10']);
  });
});
