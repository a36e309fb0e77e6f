import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixed } from '../helpers/apply-fix';

const LOGGER = 'import logging\nlogger = logging.getLogger(__name__)\n';

describe('G004 logging-f-string', () => {
  it('flags f-string messages of logging calls at the message', async () => {
    const source = `${LOGGER}logger.info(f"x {y}")\nlogging.warning(f"w")\nlogger.log(logging.INFO, f"l {y}")\nself.logger.error(msg=f"e {y}")\n`;
    expect(await flagged(source, 'G004')).toEqual([
      'G004 2:12-2:20',
      'G004 3:16-3:20',
      'G004 4:25-4:33',
      'G004 5:22-5:30',
    ]);
  });

  it('accepts %-style messages, non-loggers and f-strings that are not the message', async () => {
    const source = `${LOGGER}logger.info("x %s", y)\nprinter.info(f"x {y}")\nlogger.info("x %s", f"{y}")\nlogger.log(f"{level}", "m")\n`;
    expect(await flagged(source, 'G004')).toEqual([]);
  });

  it('rewrites simple placeholders into %s arguments, unsafely', async () => {
    const source = `${LOGGER}logger.info(f"loaded {count} rows from {self.path}")\n`;
    const [diagnostic] = await check(source, ['G004']);
    expect(diagnostic.fix?.safe).toBe(false);
    expect(await fixed(source, 'G004')).toBe(
      `${LOGGER}logger.info("loaded %s rows from %s", count, self.path)\n`,
    );
  });

  it('offers no fix for format specs, calls, literal %, extra positional arguments or a msg= keyword', async () => {
    for (const call of [
      'logger.info(f"{x:.2f}")',
      'logger.info(f"{len(x)}")',
      'logger.info(f"100% {x}")',
      'logger.info(f"{x}", y)',
      'logger.info(msg=f"{x}")',
    ]) {
      const [diagnostic] = await check(`${LOGGER}${call}\n`, ['G004']);
      expect(diagnostic.fix).toBeNull();
    }
  });
});
