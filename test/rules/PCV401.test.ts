import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

const retry = (imports: string, sleep: string, loop = 'for _ in range(5):') =>
  [
    imports,
    'def fetch(url):',
    `    ${loop}`,
    '        try:',
    '            return client.get(url)',
    '        except Exception:',
    `            ${sleep}`,
    '    return None',
    '',
  ].join('\n');

describe('PCV401 fixed-sleep-retry', () => {
  it('flags the seed 002 bare retry loop at the sleep call', async () => {
    expect(await flagged(retry('import time', 'time.sleep(1)'), 'PCV401')).toEqual(['PCV401 6:12-6:25']);
  });

  it('flags constant delays however sleep is imported, in while loops too', async () => {
    expect(
      await flagged(retry('from time import sleep', 'sleep(RETRY_DELAY)', 'while True:'), 'PCV401'),
    ).toEqual(['PCV401 6:12-6:30']);
    expect(await flagged(retry('import asyncio', 'await asyncio.sleep(0.5 * 2)'), 'PCV401')).toEqual([
      'PCV401 6:18-6:40',
    ]);
  });

  it('accepts computed delays (backoff), sleeps outside handlers or loops, and unrelated sleep functions', async () => {
    expect(await flagged(retry('import time', 'time.sleep(2 ** attempt)'), 'PCV401')).toEqual([]);
    expect(await flagged(retry('import time', 'time.sleep(delay)'), 'PCV401')).toEqual([]);
    expect(await flagged(retry('import time', 'time.sleep(backoff.next())'), 'PCV401')).toEqual([]);
    expect(await flagged(retry('from mylib import sleep', 'sleep(1)'), 'PCV401')).toEqual([]);
    const noLoop = ['import time', 'try:', '    run()', 'except Exception:', '    time.sleep(1)', ''].join(
      '\n',
    );
    expect(await flagged(noLoop, 'PCV401')).toEqual([]);
    const notInHandler = ['import time', 'while True:', '    poll()', '    time.sleep(1)', ''].join('\n');
    expect(await flagged(notInHandler, 'PCV401')).toEqual([]);
    const nestedFunction = [
      'import time',
      'for _ in range(3):',
      '    try:',
      '        run()',
      '    except Exception:',
      '        def later():',
      '            time.sleep(1)',
      '',
    ].join('\n');
    expect(await flagged(nestedFunction, 'PCV401')).toEqual([]);
  });
});
