import { describe, expect, it } from 'vitest';
import { check, flagged, formatRange } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('UP007 non-pep604-annotation-union', () => {
  it('flags Union, qualified and from typing_extensions', async () => {
    const source = [
      'import typing',
      'from typing_extensions import Union',
      'def f(a: typing.Union[int, str], b: Union[int]) -> None: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP007')).toEqual(['UP007 2:9-2:31', 'UP007 2:36-2:46']);
  });

  it('accepts PEP 604 unions and NamedTuple members', async () => {
    const source =
      'from typing import Union, NamedTuple\ndef f(a: int | str, b: Union[NamedTuple, int]) -> None: ...\n';
    expect(await flagged(source, 'UP007')).toEqual([]);
  });

  it('joins members with |, parenthesising what binds looser', async () => {
    const source =
      'from typing import Union, List\n\ndef f(a: Union[int, List[str]], b: List[int]) -> None: ...\n';
    expect((await fixedBoth(source, 'UP007')).plain).toBe(
      'from typing import List\n\ndef f(a: int | List[str], b: List[int]) -> None: ...\n',
    );
    const multiline =
      'from typing import Union\nx: Union[\n    int,\n    str,\n] = 1\ny: Union[int, str] = 2\n';
    expect((await fixedBoth(multiline, 'UP007')).plain).toBe(
      'from typing import Union\nx: int | str = 1\ny: Union[int, str] = 2\n',
    );
  });

  it('flattens tuples among the members, as Ruff does', async () => {
    const source = 'from typing import Union\ndef f(x: Union[(str, int), float]): pass\n';
    expect((await fixedBoth(source, 'UP007', 0, { targetVersion: 'py310' })).plain).toBe(
      'def f(x: str | int | float): pass\n',
    );
    const nested =
      'from typing import Union\ndef f(x: Union[((str, (bytes, int))), float], y: Union[(int,)]): pass\n';
    const both = await check(nested, ['UP007'], { targetVersion: 'py310' });
    expect(both.map((d) => d.fix?.edits[0].newText)).toEqual(['str | (bytes | int) | float', 'int']);
  });

  it('offers no fix where no valid union can be written', async () => {
    const source = [
      'from typing import Union',
      'def f(x: Union[()]): pass',
      'def g(x: Union[int : float]): pass',
      'def h(x: Union[(), int]): pass',
      '',
    ].join('\n');
    const diagnostics = await check(source, ['UP007'], { targetVersion: 'py310' });
    expect(diagnostics.map((d) => `${formatRange(d.range)} ${d.fix === null}`)).toEqual([
      '1:9-1:18 true',
      '2:9-2:27 true',
      '3:9-3:23 true',
    ]);
  });

  it('fixes the value of a TypeAlias imported under another name, or from typing_extensions', async () => {
    const source = [
      'from typing import Union',
      'from typing import TypeAlias as _TypeAlias',
      'import typing_extensions',
      'X: _TypeAlias = Union[int, str]',
      'X2: typing_extensions.TypeAlias = Union[int, str]',
      'type X3 = Union[int, str]',
      'X4 = Union[int, str]',
      '',
    ].join('\n');
    const diagnostics = await check(source, ['UP007']);
    expect(diagnostics.map((d) => `${formatRange(d.range)} ${d.fix ? 'fix' : 'none'}`)).toEqual([
      '3:16-3:31 fix',
      '4:34-4:49 fix',
      '5:10-5:25 fix',
      '6:5-6:20 none',
    ]);
    expect((await fixedBoth(source, 'UP007', 0)).plain).toContain('X: _TypeAlias = int | str');
  });
});
