import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN204 missing-return-type-special-method', () => {
  it('flags dunder methods, __init__ included', async () => {
    const source = [
      'class Cache:',
      '    def __init__(self, size: int):',
      '        self.size = size',
      '    def __len__(self):',
      '        return self.size',
      '    def __eq__(self, other: object) -> bool: return True',
      'def __getattr__(name: str): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN204')).toEqual(['ANN204 1:8-1:16', 'ANN204 3:8-3:15']);
  });

  it('honours mypy-init-return when an argument is typed', async () => {
    const source =
      'class A:\n    def __init__(self, x: int): pass\nclass B:\n    def __init__(self, x): pass\n';
    expect(
      await flagged(source, 'ANN204', { options: { 'flake8-annotations': { 'mypy-init-return': true } } }),
    ).toEqual(['ANN204 3:8-3:16']);
  });

  it('adds -> None to __init__ and known dunder types', async () => {
    const source = 'class A:\n    def __init__(self): pass\n    def __repr__(self): return "A"\n';
    expect((await fixedBoth(source, 'ANN204', 0)).plain).toBe(
      'class A:\n    def __init__(self) -> None: pass\n    def __repr__(self): return "A"\n',
    );
    expect((await fixedBoth(source, 'ANN204', 1)).plain).toBe(
      'class A:\n    def __init__(self): pass\n    def __repr__(self) -> str: return "A"\n',
    );
  });
});
