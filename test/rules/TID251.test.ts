import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

const BANS = {
  options: {
    'flake8-tidy-imports': {
      'banned-api': {
        'time.sleep': { msg: 'use the scheduler backoff' },
        billing: { msg: 'call the billing API' },
        'typing.Optional': { msg: 'use X | None' },
      },
    },
  },
};

describe('TID251 banned-api', () => {
  it('flags banned modules, their submodules, banned members and attribute uses', async () => {
    const source = [
      'import time',
      'import billing.internal as bi',
      'from billing import invoices',
      'from time import sleep',
      'time.sleep(1)',
      'x: "typing.Optional[int]" = None',
      '',
    ].join('\n');
    expect(await flagged(source, 'TID251', BANS)).toEqual([
      'TID251 1:7-1:29',
      'TID251 2:0-2:28',
      'TID251 3:17-3:22',
      'TID251 4:0-4:10',
    ]);
    const messages = (await check(source, ['TID251'], BANS)).map((d) => d.message);
    expect(messages[0]).toBe('`billing` is banned: call the billing API');
  });

  it('reads forward-reference annotations through the imports', async () => {
    const source = 'import typing as t\ndef f(x: "t.Optional[int]") -> None: ...\n';
    expect(await flagged(source, 'TID251', BANS)).toEqual(['TID251 1:10-1:20']);
  });

  it('accepts unbanned names, look-alikes and files without bans', async () => {
    const source = 'import timeit\nimport billing_client\nfrom time import monotonic\ntime.sleep(1)\n';
    expect(await flagged(source, 'TID251', BANS)).toEqual([]);
    expect(await flagged('import time\ntime.sleep(1)\n', 'TID251')).toEqual([]);
  });

  it('resolves attribute uses through imports inside functions, as Ruff does', async () => {
    // Checked against Ruff: an import counts after it in its own function and in nested
    // functions, not in a class body's methods, and not where a parameter shadows it.
    const source = [
      'def outer():',
      '    time.sleep(0)',
      '    import time',
      '    time.sleep(1)',
      '',
      '    def inner():',
      '        time.sleep(2)',
      '',
      '    def shadow(time):',
      '        time.sleep(3)',
      '',
      '    class K:',
      '        import asyncio as aio',
      '        aio.sleep(4)',
      '',
      '        def method(self):',
      '            aio.sleep(5)',
      '',
      '',
      'def other():',
      '    from asyncio import sleep as nap',
      '    import time as t',
      '    t.sleep(6)',
      '    nap(7)',
      '',
      '',
      'time.sleep(8)',
      '',
    ].join('\n');
    const bans = {
      options: {
        'flake8-tidy-imports': {
          'banned-api': { 'time.sleep': { msg: 'm' }, 'asyncio.sleep': { msg: 'm' } },
        },
      },
    };
    expect(await flagged(source, 'TID251', bans)).toEqual([
      'TID251 3:4-3:14',
      'TID251 6:8-6:18',
      'TID251 13:8-13:17',
      'TID251 20:24-20:36',
      'TID251 22:4-22:11',
    ]);
  });
});
