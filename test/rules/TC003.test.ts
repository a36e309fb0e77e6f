import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('TC003 typing-only-standard-library-import', () => {
  it('flags standard-library imports used only in annotations under the future import', async () => {
    const source = [
      'from __future__ import annotations',
      'import pathlib',
      'from decimal import Decimal',
      'def read(path: pathlib.Path) -> Decimal: ...',
      '',
    ].join('\n');
    expect(await flagged(source, 'TC003')).toEqual(['TC003 1:7-1:14', 'TC003 2:20-2:27']);
    const [first] = await check(source, ['TC003']);
    expect(first.message).toBe('Move standard library import `pathlib` into a type-checking block');
  });

  it('passes typing, modules another runtime import loads, __all__, base classes and Literal strings', async () => {
    const source = [
      'from __future__ import annotations',
      'from typing import Literal',
      'from json import JSONDecoder, JSONEncoder',
      'import abc',
      'import enum',
      'import heapq',
      'def f(d: JSONDecoder, m: Literal["enum"]) -> heapq.Thing:',
      '    return JSONEncoder()',
      'class K(abc.ABC): ...',
      '__all__ = ["heapq", "f", "K"]',
      '',
    ].join('\n');
    expect(await flagged(source, 'TC003')).toEqual([]);
  });
});
