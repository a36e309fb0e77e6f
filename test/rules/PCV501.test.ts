import { describe, expect, it } from 'vitest';
import { privacyOptions } from '../../server/src/rules/safety/PCV501-personal-data-in-log';
import { check, flagged } from '../helpers/analyze';

const LOGGER = 'import logging\nlogger = logging.getLogger(__name__)\n';

describe('PCV501 personal-data-in-log', () => {
  it('flags personal-data names in arguments, f-string messages, keywords and extra values', async () => {
    const source = [
      `${LOGGER}logger.info("reset for %s", user.email)`,
      'logger.info(f"login from {client_ip} as {userId}")',
      'logger.info("created", extra={"memory_id": memory_id, "user_id": user_id})',
      'logger.info("x", phone_number=phone_number)',
      'log.bind().info("x", email=email)',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV501')).toEqual([
      'PCV501 2:28-2:38',
      'PCV501 3:26-3:35',
      'PCV501 3:41-3:47',
      'PCV501 4:65-4:72',
      'PCV501 5:30-5:42',
    ]);
  });

  it('checks loggers imported from elsewhere, such as loguru', async () => {
    expect(await flagged('from loguru import logger\nlogger.info(f"signup {email}")\n', 'PCV501')).toEqual([
      'PCV501 1:22-1:27',
    ]);
  });

  it('accepts redacted values, literals, non-personal names and non-logger calls', async () => {
    const source = [
      `${LOGGER}logger.info("reset for %s", redact(user.email))`,
      'logger.info("created", extra={"memory_id": memory_id, "user_id": "[REDACTED]"})',
      'logger.info("address space %s", addresses_count, exc_info=True)',
      'logger.info("user %s", user_identity)',
      'print(email)',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV501')).toEqual([]);
  });

  it('uses the configured names', async () => {
    const source = `${LOGGER}logger.info("%s %s", email, badge_number)\n`;
    const options = { 'pyconv-privacy': { names: ['badge_number'] } };
    expect((await check(source, ['PCV501'], { options })).map((d) => d.message)).toEqual([
      'Possible personal data (`badge_number`) passed to a log call; redact it or leave it out',
    ]);
    const extended = { 'pyconv-privacy': { 'extend-names': ['badge_number'] } };
    expect(await check(source, ['PCV501'], { options: extended })).toHaveLength(2);
  });

  it('validates its option section with clear messages', () => {
    expect(privacyOptions.validate({ names: ['email'] })).toEqual({
      value: { names: ['email'], 'extend-names': [] },
      problems: [],
    });
    expect(privacyOptions.validate({ names: 'email', colour: 1 }).problems).toEqual([
      '[tool.pyconv.pyconv-privacy] `names` must be a list of identifier-like strings, e.g. ["email", "user_id"]',
      '[tool.pyconv.pyconv-privacy] unknown key "colour" (known: names, extend-names)',
    ]);
  });
});
