import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('UP045 non-pep604-annotation-optional', () => {
  it('flags Optional under any import name, in annotations and elsewhere on 3.10+', async () => {
    const source = [
      'from typing import Optional',
      'import typing as t',
      'def f(a: Optional[int], b: t.Optional[str] = None) -> "Optional[int]": ...',
      'X = Optional[int]',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP045')).toEqual([
      'UP045 2:9-2:22',
      'UP045 2:27-2:42',
      'UP045 2:55-2:68',
      'UP045 3:4-3:17',
    ]);
  });

  it('gates on the target version and __future__ annotations', async () => {
    const source = 'from typing import Optional\ndef f(a: Optional[int]) -> None: ...\nX = Optional[int]\n';
    expect(await flagged(source, 'UP045', { targetVersion: 'py39' })).toEqual([]);
    const future = `from __future__ import annotations\n${source}`;
    expect(await flagged(future, 'UP045', { targetVersion: 'py39' })).toEqual(['UP045 2:9-2:22']);
  });

  it('leaves quoted members where Python evaluates the annotation, and unrelated Optionals', async () => {
    const source = [
      'from typing import Optional',
      'def f(a: Optional["Foo"]) -> None:',
      '    b: Optional["Foo"] = None',
      'class Optional2: pass',
      'def g(a: Optional2) -> None: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'UP045')).toEqual(['UP045 2:7-2:22']);
    expect(await flagged('def f(a: Optional[int]) -> None: ...\n', 'UP045')).toEqual([]);
  });

  it('rewrites to X | None and drops the import it leaves unused', async () => {
    const source = 'from typing import List, Optional\n\ndef f(a: Optional[List[int]]) -> None: ...\n';
    const result = await fixedBoth(source, 'UP045');
    expect(result.plain).toBe('from typing import List\n\ndef f(a: List[int] | None) -> None: ...\n');
    expect(result.safe).toBe(true);
    const only = 'from typing import Optional\n\ndef f(a: Optional[int]) -> None: ...\n';
    expect((await fixedBoth(only, 'UP045')).plain).toBe('\ndef f(a: int | None) -> None: ...\n');
  });

  it('keeps the import while other uses remain, and collapses nested Optionals', async () => {
    const source =
      'from typing import Optional\n\ndef f(a: Optional[Optional[int]], b: Optional[int | None]) -> None: ...\n';
    expect((await fixedBoth(source, 'UP045', 0)).plain).toBe(
      'from typing import Optional\n\ndef f(a: int | None, b: Optional[int | None]) -> None: ...\n',
    );
    expect((await fixedBoth(source, 'UP045', 2)).plain).toBe(
      'from typing import Optional\n\ndef f(a: Optional[Optional[int]], b: int | None) -> None: ...\n',
    );
  });

  it('is unsafe below 3.10 and has no fix outside annotations', async () => {
    const future =
      'from __future__ import annotations\nfrom typing import Optional\ndef f(a: Optional[int]) -> None: ...\n';
    expect((await fixedBoth(future, 'UP045', 0, { targetVersion: 'py38' })).safe).toBe(false);
    const runtime = 'from typing import Optional\nX = Optional[int]\n';
    expect((await check(runtime, ['UP045']))[0].fix).toBeNull();
  });
});
