import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN201 missing-return-type-undocumented-public-function', () => {
  it('flags public functions and methods on the name', async () => {
    const source = [
      'def load(path: str):',
      '    return open(path).read()',
      'class Store:',
      '    def get(self, key: str):',
      '        return None',
      '    @property',
      '    def size(self):',
      '        return 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN201')).toEqual(['ANN201 0:4-0:8', 'ANN201 3:8-3:11', 'ANN201 6:8-6:12']);
  });

  it('skips the implementation of an overload imported in the class body, as Ruff', async () => {
    const source = [
      'class A:',
      '    from typing import overload',
      '    @overload',
      '    def f(self, x: int) -> int: ...',
      '    @overload',
      '    def f(self, x: str) -> str: ...',
      '    def f(self, x):',
      '        return x',
      '    def g(self, x):',
      '        return x',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN201')).toEqual(['ANN201 8:8-8:9']);
    expect(await flagged(source, 'ANN001')).toEqual(['ANN001 8:16-8:17']);
  });

  it('leaves private, nested, unexported and annotated functions to others', async () => {
    const source = [
      '__all__ = ["exported"]',
      'def exported() -> None: pass',
      'def unexported(): pass',
      'def _private(): pass',
      'def outer() -> None:',
      '    def inner(): pass',
      'class _Hidden:',
      '    def method(self): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN201')).toEqual([]);
    expect(await flagged('def f(): pass\n', 'ANN201', { file: { isPrivateModule: true } })).toEqual([]);
  });

  it('honours suppress-none-returning', async () => {
    const source = 'def f():\n    return None\ndef g():\n    return 1\n';
    expect(
      await flagged(source, 'ANN201', {
        options: { 'flake8-annotations': { 'suppress-none-returning': true } },
      }),
    ).toEqual(['ANN201 2:4-2:5']);
  });

  it('adds -> None, literal types and unions like Ruff', async () => {
    expect((await fixedBoth('def f(x: int):\n    print(x)\n', 'ANN201')).plain).toBe(
      'def f(x: int) -> None:\n    print(x)\n',
    );
    const conditional = 'def f(x: int):\n    if x:\n        return 1\n';
    expect((await fixedBoth(conditional, 'ANN201')).plain).toBe(
      'def f(x: int) -> int | None:\n    if x:\n        return 1\n',
    );
    expect((await fixedBoth(conditional, 'ANN201', 0, { targetVersion: 'py39' })).plain).toBe(
      'from typing import Optional\ndef f(x: int) -> Optional[int]:\n    if x:\n        return 1\n',
    );
    const raises = 'import os\n\ndef fail():\n    raise ValueError("no")\n';
    expect((await fixedBoth(raises, 'ANN201')).plain).toBe(
      'import os\nfrom typing import NoReturn\n\ndef fail() -> NoReturn:\n    raise ValueError("no")\n',
    );
    expect((await fixedBoth(raises, 'ANN201', 0, { targetVersion: 'py311' })).plain).toContain(
      'def fail() -> Never:',
    );
  });

  it('gives generators an Iterator placeholder and unknown returns Any', async () => {
    const gen = 'def numbers():\n    yield 1\n';
    const result = await fixedBoth(gen, 'ANN201');
    expect(result.snippet).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
      'from collections.abc import Iterator\nfrom typing import Any\ndef numbers() -> Iterator[${1:Any}]:\n    yield 1\n',
    );
    expect(result.plain).toBe(
      'from collections.abc import Iterator\nfrom typing import Any\ndef numbers() -> Iterator[Any]:\n    yield 1\n',
    );
    expect((await fixedBoth('def f(x: int):\n    return x * 2\n', 'ANN201')).snippet).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
      'from typing import Any\ndef f(x: int) -> ${1:Any}:\n    return x * 2\n',
    );
  });
});
