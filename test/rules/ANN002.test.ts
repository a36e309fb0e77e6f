import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('ANN002 missing-type-args', () => {
  it('flags an unannotated *args, star included in the range', async () => {
    const source = [
      'def f(a: int, *args) -> None: pass',
      'class A:',
      '    def m(self, *rest): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN002')).toEqual(['ANN002 0:14-0:19', 'ANN002 2:16-2:21']);
  });

  it('accepts annotated *args and a bare * separator', async () => {
    expect(
      await flagged(
        'def f(*args: int, **kw: str) -> None: pass\ndef g(*, key: int) -> None: pass\n',
        'ANN002',
      ),
    ).toEqual([]);
    expect(
      await flagged('def f(*_) -> None: pass\n', 'ANN002', {
        options: { 'flake8-annotations': { 'suppress-dummy-args': true } },
      }),
    ).toEqual([]);
  });

  it('inserts an Any placeholder as a snippet', async () => {
    const source = '"""Doc."""\n\ndef f(*args) -> None: ...\n';
    const result = await fixedBoth(source, 'ANN002');
    expect(result.snippet).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
      '"""Doc."""\nfrom typing import Any\n\ndef f(*args: ${1:Any}) -> None: ...\n',
    );
    expect(result.plain).toBe('"""Doc."""\nfrom typing import Any\n\ndef f(*args: Any) -> None: ...\n');
  });
});
