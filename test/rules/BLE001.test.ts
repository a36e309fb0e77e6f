import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

const handler = (type: string, body: string[]) =>
  [
    'import logging',
    'logger = logging.getLogger(__name__)',
    'try:',
    '    run()',
    `except ${type}:`,
    ...body.map((l) => `    ${l}`),
    '',
  ].join('\n');

describe('BLE001 blind-except', () => {
  it('flags Exception and BaseException, also inside tuples, at the exception name', async () => {
    expect(await flagged(handler('Exception', ['pass']), 'BLE001')).toEqual(['BLE001 4:7-4:16']);
    expect(await flagged(handler('(ValueError, BaseException) as e', ['print(e)']), 'BLE001')).toEqual([
      'BLE001 4:20-4:33',
    ]);
  });

  it('accepts handlers that re-raise', async () => {
    expect(await flagged(handler('Exception', ['raise']), 'BLE001')).toEqual([]);
    expect(await flagged(handler('Exception as e', ['raise e']), 'BLE001')).toEqual([]);
    expect(await flagged(handler('Exception as e', ['raise AppError() from e']), 'BLE001')).toEqual([]);
    expect(await flagged(handler('Exception as e', ['if bad:', '    raise']), 'BLE001')).toEqual([]);
  });

  it('flags raises that do not re-raise the caught exception', async () => {
    expect(await flagged(handler('Exception as e', ['raise AppError() from other']), 'BLE001')).toEqual([
      'BLE001 4:7-4:16',
    ]);
    expect(await flagged(handler('Exception', ['def f():', '    raise']), 'BLE001')).toEqual([
      'BLE001 4:7-4:16',
    ]);
  });

  it('accepts handlers that log the exception, and flags logging without exc_info', async () => {
    expect(await flagged(handler('Exception', ['logger.exception("failed")']), 'BLE001')).toEqual([]);
    expect(await flagged(handler('Exception', ['logging.exception("failed")']), 'BLE001')).toEqual([]);
    expect(
      await flagged(handler('Exception', ['self.log.error("failed", exc_info=True)']), 'BLE001'),
    ).toEqual([]);
    // Ruff's logger-name test looks at the start of the name: `_log` does not look like a logger.
    expect(
      await flagged(handler('Exception', ['self._log.error("failed", exc_info=True)']), 'BLE001'),
    ).toEqual(['BLE001 4:7-4:16']);
    expect(await flagged(handler('Exception', ['logger.error("failed", exc_info=False)']), 'BLE001')).toEqual(
      ['BLE001 4:7-4:16'],
    );
    expect(await flagged(handler('Exception', ['logger.error("failed")']), 'BLE001')).toEqual([
      'BLE001 4:7-4:16',
    ]);
    expect(await flagged(handler('Exception', ['reporter.exception("not a logger")']), 'BLE001')).toEqual([
      'BLE001 4:7-4:16',
    ]);
  });

  it('does not flag a shadowed Exception name or specific exceptions', async () => {
    expect(await flagged(handler('ValueError', ['pass']), 'BLE001')).toEqual([]);
    expect(
      await flagged(
        ['from errors import Exception', 'try:', '    run()', 'except Exception:', '    pass', ''].join('\n'),
        'BLE001',
      ),
    ).toEqual([]);
  });

  it('reads Python 3.14 unparenthesized handler tuples', async () => {
    const source = ['try:', '    run()', 'except ValueError, Exception:', '    pass', ''].join('\n');
    expect(await flagged(source, 'BLE001', { targetVersion: 'py314' })).toEqual(['BLE001 2:19-2:28']);
  });
});
