import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('PCV103 type-alias-case', () => {
  it('flags explicit aliases anywhere and implicit subscripted aliases at module level', async () => {
    const source = [
      'import typing as t',
      'from typing import Dict, Optional, TypeAlias, NewType',
      'session_map = Dict[str, int]',
      'maybe_int = Optional[int]',
      'pairs = list[tuple[int, int]]',
      'callback = t.Callable[..., None]',
      'json_value: TypeAlias = dict',
      'user_id = NewType("user_id", int)',
      'type vector = list[float]',
      'def f():',
      '    local_alias: TypeAlias = int',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV103')).toEqual([
      'PCV103 2:0-2:11',
      'PCV103 3:0-3:9',
      'PCV103 4:0-4:5',
      'PCV103 5:0-5:8',
      'PCV103 6:0-6:10',
      'PCV103 7:0-7:7',
      'PCV103 8:5-8:11',
      'PCV103 10:4-10:15',
    ]);
  });

  it('accepts CapWords aliases and leaves ordinary subscripts alone', async () => {
    const source = [
      'from typing import Dict, TypeAlias',
      'SessionMap = Dict[str, int]',
      '_Private = list[int]',
      'JSON: TypeAlias = dict',
      'first = items[0]',
      'row = table["key"]',
      'def f():',
      '    local = Dict[str, int]',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV103')).toEqual([]);
  });
});
