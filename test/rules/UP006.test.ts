import { describe, expect, it } from 'vitest';
import { check, flagged, formatRange } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('UP006 non-pep585-annotation', () => {
  it('flags typing aliases on the name, in any position on 3.9+', async () => {
    const source = [
      'import typing',
      'from typing import Dict, List',
      'def f(a: List[int], b: typing.Dict[str, int]) -> "List[str]": ...',
      'isinstance(x, Dict)',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP006')).toEqual([
      'UP006 2:9-2:13',
      'UP006 2:23-2:34',
      'UP006 2:50-2:54',
      'UP006 3:14-3:18',
    ]);
    expect((await check(source, ['UP006']))[1].message).toBe(
      'Use `dict` instead of `typing.Dict` for type annotation',
    );
  });

  it('is quiet before 3.9 without __future__ annotations, and for names that are not typing aliases', async () => {
    const source = 'from typing import List\ndef f(a: List[int]) -> None: ...\n';
    expect(await flagged(source, 'UP006', { targetVersion: 'py38' })).toEqual([]);
    expect(await flagged('def f(a: List[int]) -> None: ...\nList = 1\n', 'UP006')).toEqual([]);
  });

  it('replaces the name and removes its now unused import', async () => {
    const source = 'from typing import Dict, List\n\ndef f(a: List[int]) -> Dict[str, int]: ...\n';
    expect((await fixedBoth(source, 'UP006', 0)).plain).toBe(
      'from typing import Dict\n\ndef f(a: list[int]) -> Dict[str, int]: ...\n',
    );
    expect((await fixedBoth(source, 'UP006', 1)).plain).toBe(
      'from typing import List\n\ndef f(a: List[int]) -> dict[str, int]: ...\n',
    );
  });

  it('imports deque from collections for Deque', async () => {
    const source = 'import os\nfrom typing import Deque\n\ndef f(a: Deque[int]) -> None: ...\n';
    expect((await fixedBoth(source, 'UP006')).plain).toBe(
      'import os\nfrom collections import deque\n\ndef f(a: deque[int]) -> None: ...\n',
    );
  });

  it('reads strings that are types, both levels of nested strings, as Ruff', async () => {
    const source = [
      'from typing import List, cast',
      'z = cast("List[int]", [])',
      'def d(x: "List[\'List[str]\']"): ...',
      'def c(x: "Li" "st[str]"): ...',
      '',
    ].join('\n');
    const diagnostics = await check(source, ['UP006']);
    expect(diagnostics.map((d) => `${formatRange(d.range)} ${d.fix ? 'fix' : 'none'}`)).toEqual([
      '1:10-1:14 fix',
      '2:10-2:14 fix',
      '2:16-2:20 fix',
      '3:9-3:23 none',
    ]);
  });
});
