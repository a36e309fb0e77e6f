import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
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
});
