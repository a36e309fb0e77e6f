import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN001 missing-type-function-argument', () => {
  it('flags unannotated arguments on their name, skipping self and cls of methods', async () => {
    const source = [
      'def f(a, b=1, /, c: int = 2, *, d):',
      '    pass',
      'class A:',
      '    def m(self, x): pass',
      '    @classmethod',
      '    def c(cls, y): pass',
      '    @staticmethod',
      '    def s(z): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN001')).toEqual([
      'ANN001 0:6-0:7',
      'ANN001 0:9-0:10',
      'ANN001 0:32-0:33',
      'ANN001 3:16-3:17',
      'ANN001 5:15-5:16',
      'ANN001 7:10-7:11',
    ]);
  });

  it('accepts annotated arguments, lambdas and overload implementations', async () => {
    const source = [
      'from typing import overload',
      'def f(a: int, b: "str" = "x") -> None: pass',
      'g = lambda x: x',
      '@overload',
      'def h(x: int) -> int: ...',
      'def h(x): return x',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN001')).toEqual([]);
  });

  it('honours suppress-dummy-args and ignore-fully-untyped', async () => {
    const source = 'def f(_, _unused, used): pass\n';
    expect(
      await flagged(source, 'ANN001', { options: { 'flake8-annotations': { 'suppress-dummy-args': true } } }),
    ).toEqual(['ANN001 0:18-0:22']);
    expect(
      await flagged(source, 'ANN001', {
        options: { 'flake8-annotations': { 'ignore-fully-untyped': true } },
      }),
    ).toEqual([]);
  });

  it('infers the type from a literal default and re-spaces the default', async () => {
    const source = 'def f(count=0, name="", ratio=1.0, flag=True) -> None:\n    pass\n';
    expect((await fixedBoth(source, 'ANN001', 0)).plain).toBe(
      'def f(count: int = 0, name="", ratio=1.0, flag=True) -> None:\n    pass\n',
    );
    expect((await fixedBoth(source, 'ANN001', 1)).plain).toBe(
      'def f(count=0, name: str = "", ratio=1.0, flag=True) -> None:\n    pass\n',
    );
    expect((await fixedBoth(source, 'ANN001', 2)).plain).toBe(
      'def f(count=0, name="", ratio: float = 1.0, flag=True) -> None:\n    pass\n',
    );
    const flag = await fixedBoth(source, 'ANN001', 3);
    expect(flag.plain).toBe('def f(count=0, name="", ratio=1.0, flag: bool = True) -> None:\n    pass\n');
    expect(flag.safe).toBe(false);
  });

  it('gives a placeholder for None and unknown defaults, importing Any where needed', async () => {
    const source = 'import os\n\ndef f(path=None, mode=os.R_OK) -> None:\n    pass\n';
    const none = await fixedBoth(source, 'ANN001', 0);
    expect(none.snippet).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
      'import os\nfrom typing import Any\n\ndef f(path: ${1:Any} | None = None, mode=os.R_OK) -> None:\n    pass\n',
    );
    expect(none.plain).toBe(
      'import os\nfrom typing import Any\n\ndef f(path: Any | None = None, mode=os.R_OK) -> None:\n    pass\n',
    );
    expect((await fixedBoth(source, 'ANN001', 1)).plain).toBe(
      'import os\nfrom typing import Any\n\ndef f(path=None, mode: Any = os.R_OK) -> None:\n    pass\n',
    );
  });

  it('reuses an existing typing import and uses Optional before Python 3.10', async () => {
    const source = 'from typing import List\n\ndef f(x=None) -> None: ...\n';
    expect((await fixedBoth(source, 'ANN001', 0, { targetVersion: 'py39' })).plain).toBe(
      'from typing import Any, List, Optional\n\ndef f(x: Optional[Any] = None) -> None: ...\n',
    );
    const aliased = 'import typing as t\n\ndef f(x) -> None: ...\n';
    expect((await fixedBoth(aliased, 'ANN001')).plain).toBe(
      'import typing as t\n\ndef f(x: t.Any) -> None: ...\n',
    );
  });
});
