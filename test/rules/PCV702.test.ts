import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const options = { 'pyconv-house': { 'name-patterns': { 'observability.metrics.counter': '^familyos_' } } };

describe('PCV702 call-name-pattern', () => {
  it('flags literal names that do not match, at the string', async () => {
    const source = [
      'from observability.metrics import counter',
      'from observability import metrics',
      'a = counter("memory_requests_total", ["method"])',
      'b = metrics.counter(name="requests")',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV702', { options })).toEqual(['PCV702 2:12-2:35', 'PCV702 3:25-3:35']);
    const [first] = await check(source, ['PCV702'], { options });
    expect(first.message).toBe(
      '`memory_requests_total` does not match `^familyos_`, the house pattern for `observability.metrics.counter` names',
    );
  });

  it('passes matching names, names built at run time, other callables and no configuration', async () => {
    const source = [
      'from observability.metrics import counter, histogram',
      'a = counter("familyos_memory_requests_total", ["method"])',
      'b = counter(f"{prefix}_total")',
      'c = counter(name)',
      'd = histogram("latency_seconds")',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV702', { options })).toEqual([]);
    expect(await flagged('from observability.metrics import counter\ncounter("x")\n', 'PCV702')).toEqual([]);
  });
});
