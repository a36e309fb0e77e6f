import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV104 typevar-name', () => {
  it('flags a TypeVar assigned to another name than its argument', async () => {
    const source = ['from typing import TypeVar', 'T = TypeVar("Model")', ''].join('\n');
    const [finding] = await check(source, ['PCV104']);
    expect(finding.message).toBe('TypeVar `T` is assigned to a different name than its argument `"Model"`');
    expect(await flagged(source, 'PCV104')).toEqual(['PCV104 1:0-1:1']);
  });

  it('flags names that are neither one capital letter nor CapWords ending in T', async () => {
    const source = [
      'import typing as t',
      'from typing_extensions import ParamSpec',
      'item_type = t.TypeVar("item_type")',
      'Model = t.TypeVar("Model")',
      'Params = ParamSpec("Params")',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV104')).toEqual(['PCV104 2:0-2:9', 'PCV104 3:0-3:5', 'PCV104 4:0-4:6']);
  });

  it('accepts T, K, ModelT, _T_co and names matching a configured pattern; ignores non-typing TypeVar', async () => {
    const source = [
      'from typing import TypeVar',
      'T = TypeVar("T")',
      'K = TypeVar("K", bound=str)',
      'ModelT = TypeVar("ModelT")',
      '_T_co = TypeVar("_T_co", covariant=True)',
      'Thing = other.TypeVar("Thing")',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV104')).toEqual([]);
    const options = { 'pyconv-naming': { 'typevar-pattern': '^[A-Z]$' } };
    expect(await flagged(source, 'PCV104', { options })).toEqual(['PCV104 3:0-3:6', 'PCV104 4:0-4:5']);
  });
});
