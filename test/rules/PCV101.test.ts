import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV101 module-constant-case', () => {
  it('flags names bound once at module level to a frozen literal', async () => {
    const source = [
      'max_len = 4096',
      '_retry_delay = 1.5',
      'hour = 60 * 60',
      'names = ("a", "b")',
      'allowed = frozenset({"x", "y"})',
      'offset = -1',
      'from typing import Final',
      'dataset: Final = load()',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV101')).toEqual([
      'PCV101 0:0-0:7',
      'PCV101 1:0-1:12',
      'PCV101 2:0-2:4',
      'PCV101 3:0-3:5',
      'PCV101 4:0-4:7',
      'PCV101 5:0-5:6',
      'PCV101 7:0-7:7',
    ]);
  });

  it('finds `global` rebinds in a file that starts with blank lines', async () => {
    // The module node starts after leading blank lines: the keyword search must use file offsets.
    const body = ['state = 1', 'mode = 2', 'def bump():', '    global state', '    state = 2', ''].join('\n');
    expect(await flagged(`\n\n${body}`, 'PCV101')).toEqual(['PCV101 3:0-3:4']);
    expect(await flagged(body, 'PCV101')).toEqual(['PCV101 1:0-1:4']);
  });

  it('suggests the UPPER_SNAKE_CASE spelling, keeping leading underscores', async () => {
    const [finding] = await check('_maxLen = 3\n', ['PCV101']);
    expect(finding.message).toBe('Module-level constant `_maxLen` should be UPPER_SNAKE_CASE (`_MAX_LEN`)');
  });

  it('skips rebound names, placeholders, flags, mutables, dunders and framework names', async () => {
    const source = [
      'MAX_LEN = 1',
      'counter = 0',
      'counter += 1',
      'cache = None',
      'sentinel = ...',
      'verbose = False',
      'items = [1, 2]',
      'label = f"{x}"',
      '__version__ = "1.0"',
      'app_name = "polls"',
      'state = 1',
      'def bump():',
      '    global state',
      '    state = 2',
      'try:',
      '    mode = "fast"',
      'except ImportError:',
      '    mode = "slow"',
      'def local():',
      '    inner = 3',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV101')).toEqual([]);
  });

  it('skips a name that code the parser could not read may rebind', async () => {
    const source = ['limit = 10', 'other = 5', 'limit = (', ''].join('\n');
    expect(await flagged(source, 'PCV101')).toEqual(['PCV101 1:0-1:5']);
  });
});
