import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

const LOGGER = 'import logging\nlogger = logging.getLogger(__name__)\n';

describe('G002 logging-percent-format', () => {
  it('flags % messages of logging calls at the message, without parentheses', async () => {
    const source = `${LOGGER}logger.info("x %s" % y)\nlogging.warning((template % y))\nlogger.log(logging.INFO, "l %s" % y)\nlogger.error(msg="e %s" % y)\n`;
    expect(await flagged(source, 'G002')).toEqual([
      'G002 2:12-2:22',
      'G002 3:17-3:29',
      'G002 4:25-4:35',
      'G002 5:17-5:27',
    ]);
  });

  it('accepts lazy arguments, non-loggers, other operators and % outside the message', async () => {
    const source = `${LOGGER}logger.info("x %s", y)\nprinter.info("x %s" % y)\nlogger.info("x" + y)\nlogger.info("x %s", "%s" % y)\n`;
    expect(await flagged(source, 'G002')).toEqual([]);
  });
});
