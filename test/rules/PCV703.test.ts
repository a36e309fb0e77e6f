import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const options = { 'pyconv-house': { 'with-calls': ['observability.trace.start_span'] } };

describe('PCV703 call-outside-with', () => {
  it('flags calls that are not with items, at the call', async () => {
    const source = [
      'from observability.trace import start_span',
      'span = start_span("a")',
      'def f():',
      '    start_span("b").end()',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV703', { options })).toEqual(['PCV703 1:7-1:22', 'PCV703 3:4-3:19']);
    const [first] = await check(source, ['PCV703'], { options });
    expect(first.message).toBe(
      '`observability.trace.start_span(...)` must be opened with `with` (house rule)',
    );
  });

  it('passes with and async with items, and does nothing unconfigured', async () => {
    const source = [
      'from observability.trace import start_span',
      'async def f():',
      '    with start_span("a") as span, (start_span("b")):',
      '        pass',
      '    async with start_span("c"):',
      '        pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV703', { options })).toEqual([]);
    expect(await flagged('from observability.trace import start_span\nstart_span("x")\n', 'PCV703')).toEqual(
      [],
    );
  });
});
