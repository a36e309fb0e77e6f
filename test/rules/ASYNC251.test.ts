import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('ASYNC251 blocking-sleep-in-async-function', () => {
  it('flags time.sleep in coroutines at the function', async () => {
    const source = [
      'import time',
      'from time import sleep',
      'async def poll():',
      '    time.sleep(1)',
      '    sleep(2)',
      '    [time.sleep(i) for i in x]',
      '',
    ].join('\n');
    expect(await flagged(source, 'ASYNC251')).toEqual([
      'ASYNC251 3:4-3:14',
      'ASYNC251 4:4-4:9',
      'ASYNC251 5:5-5:15',
    ]);
  });

  it('accepts sync functions, nested sync functions, lambdas, asyncio.sleep and shadowed names', async () => {
    const source = [
      'import time',
      'import asyncio',
      'def sync():',
      '    time.sleep(1)',
      'async def poll(time2):',
      '    await asyncio.sleep(1)',
      '    def inner():',
      '        time.sleep(1)',
      '    f = lambda: time.sleep(1)',
      'async def shadow(time):',
      '    time.sleep(1)',
      '',
    ].join('\n');
    expect(await flagged(source, 'ASYNC251')).toEqual([]);
  });
});
