import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

const LOGGER = 'import logging\nlogger = logging.getLogger(__name__)\n';

describe('G001 logging-string-format', () => {
  it('flags literal .format() messages of logging calls at the message, without parentheses', async () => {
    const source = `${LOGGER}logger.info("x {}".format(y))\nlogging.warning(("w {}".format(y)))\nlogger.log(logging.INFO, "l {}".format(y))\nlogger.error(msg=("a" "b").format(y))\n`;
    expect(await flagged(source, 'G001')).toEqual([
      'G001 2:12-2:28',
      'G001 3:17-3:33',
      'G001 4:25-4:41',
      'G001 5:17-5:36',
    ]);
  });

  it('accepts templates in variables, f-strings, non-loggers and .format() outside the message', async () => {
    const source = `${LOGGER}logger.info(template.format(y))\nlogger.info(f"{y}".format(z))\nprinter.info("x {}".format(y))\nlogger.info("x %s", "{}".format(y))\n`;
    expect(await flagged(source, 'G001')).toEqual([]);
  });
});
