import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN202 missing-return-type-private-function', () => {
  it('flags private, nested, unexported functions and property setters', async () => {
    const source = [
      '__all__ = ["Api"]',
      'def _helper(): pass',
      'def unexported(): pass',
      'class Api:',
      '    def run(self) -> None:',
      '        def step(): pass',
      '    @property',
      '    def value(self) -> int: return 1',
      '    @value.setter',
      '    def value(self, v: int): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN202')).toEqual([
      'ANN202 1:4-1:11',
      'ANN202 2:4-2:14',
      'ANN202 5:12-5:16',
      'ANN202 9:8-9:13',
    ]);
  });

  it('reports public names of a private module as private', async () => {
    expect(await flagged('def run(): pass\n', 'ANN202', { file: { isPrivateModule: true } })).toEqual([
      'ANN202 0:4-0:7',
    ]);
    expect(await flagged('def run(): pass\n', 'ANN202')).toEqual([]);
  });

  it('fixes with the inferred type', async () => {
    expect((await fixedBoth('def _name():\n    return "x"\n', 'ANN202')).plain).toBe(
      'def _name() -> str:\n    return "x"\n',
    );
  });
});
