import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('F403 undefined-local-with-import-star', () => {
  it('flags star imports with the statement range', async () => {
    const source = 'from os.path import *\nfrom .. import *\ndef f():\n    from x import *\n';
    expect(await flagged(source, 'F403')).toEqual(['F403 0:0-0:21', 'F403 1:0-1:16', 'F403 3:4-3:19']);
    const [d] = await check(source, ['F403']);
    expect(d.message).toBe('`from os.path import *` used; unable to detect undefined names');
  });

  it('accepts named imports and noqa', async () => {
    expect(await flagged('from os.path import join\nimport os\n', 'F403')).toEqual([]);
    expect(await flagged('from os import *  # noqa: F403\n', 'F403')).toEqual([]);
  });
});
