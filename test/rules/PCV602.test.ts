import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';
import { fixedText } from '../helpers/rename';

describe('PCV602 too-many-positional-params', () => {
  it('flags the first parameter beyond the limit, not counting self', async () => {
    const source = [
      'def resize(image, width, height, keep=True): pass',
      'class K:',
      '    def m(self, a, b, c): pass',
      '    @classmethod',
      '    def c(cls, a, b): pass',
      '    @staticmethod',
      '    def s(a, b, c): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV602')).toEqual([
      'PCV602 0:25-0:31',
      'PCV602 2:22-2:23',
      'PCV602 6:16-6:17',
    ]);
    const [first] = await check(source, ['PCV602']);
    expect(first.message).toBe('`resize` takes 4 positional parameters (max 2); make the rest keyword-only');
  });

  it('fixes by inserting `*` (unsafe)', async () => {
    const source = 'def resize(image, width, height: int, keep=True): pass\n';
    expect(await fixed(source, 'PCV602')).toBe('def resize(image, width, *, height: int, keep=True): pass\n');
    const [diagnostic] = await check(source, ['PCV602']);
    expect(diagnostic.fix?.safe).toBe(false);
  });

  it('offers no fix when a `/` follows the insertion point', async () => {
    const [diagnostic] = await check('def f(a, b, c, /, d): pass\n', ['PCV602']);
    expect(diagnostic.fix).toBeNull();
  });

  it('skips keyword-only signatures, *args, dunders, overrides, overloads, nested and test functions', async () => {
    const source = [
      'from typing import overload, override',
      'import pytest',
      'def ok(a, b, *, c, d): pass',
      'def varargs(a, b, c, *rest): pass',
      'class K:',
      '    def __exit__(self, exc_type, exc, tb): pass',
      '    @override',
      '    def handle(self, a, b, c): pass',
      '    @overload',
      '    def get(self, a: int, b: int, c: int) -> int: ...',
      'def outer():',
      '    def callback(a, b, c): pass',
      'def test_thing(tmp_path, monkeypatch, capsys): pass',
      '@pytest.fixture',
      'def app(a, b, c): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV602')).toEqual([]);
  });

  it('honours max-positional-params', async () => {
    const source = 'def f(a, b, c): pass\n';
    expect(
      await flagged(source, 'PCV602', { options: { 'pyconv-structure': { 'max-positional-params': 3 } } }),
    ).toEqual([]);
    expect(
      await flagged(source, 'PCV602', { options: { 'pyconv-structure': { 'max-positional-params': 0 } } }),
    ).toEqual(['PCV602 0:6-0:7']);
  });
});

describe('PCV602 fix with an existing bare `*`', () => {
  it('moves the `*` instead of adding a second one', async () => {
    expect(await fixedText('def resize(image, width, height, *, keep=True):\n    pass\n', ['PCV602'])).toBe(
      'def resize(image, width, *, height, keep=True):\n    pass\n',
    );
  });
});
