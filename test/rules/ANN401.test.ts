import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('ANN401 any-type', () => {
  it('flags Any in arguments and returns on the annotation', async () => {
    const source = [
      'from typing import Any, Optional',
      'import typing as t',
      'def f(x: Any, y: Optional[Any], z: "Any", *args: t.Any) -> int | Any: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'ANN401')).toEqual([
      'ANN401 2:9-2:12',
      'ANN401 2:17-2:30',
      'ANN401 2:35-2:40',
      'ANN401 2:49-2:54',
      'ANN401 2:59-2:68',
    ]);
    expect((await check(source, ['ANN401']))[0].message).toBe(
      'Dynamically typed expressions (typing.Any) are disallowed in `x`',
    );
  });

  it('accepts Any nested in containers, overrides and (with the option) star args', async () => {
    const source = [
      'from typing import Any, override',
      'def f(x: list[Any], y: dict[str, Any]) -> None: ...',
      'class A:',
      '    @override',
      '    def m(self, x: Any) -> Any: ...',
      'def g(*args: Any, **kwargs: Any) -> None: ...',
      '',
    ].join('\n');
    expect(
      await flagged(source, 'ANN401', { options: { 'flake8-annotations': { 'allow-star-arg-any': true } } }),
    ).toEqual([]);
  });

  it('is off by default and has no fix', async () => {
    const { allRules } = await import('../../server/src/rules/registry');
    const rule = allRules.find((r) => r.meta.code === 'ANN401');
    expect(rule?.meta.defaultEnabled).toBe(false);
    expect(
      (await check('from typing import Any\ndef f(x: Any) -> None: ...\n', ['ANN401']))[0].fix,
    ).toBeNull();
  });
});
