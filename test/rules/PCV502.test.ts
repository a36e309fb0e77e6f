import { describe, expect, it } from 'vitest';
import { looksLikeSecret } from '../../server/src/rules/safety/PCV502-secret-literal';
import { check, flagged } from '../helpers/analyze';

describe('PCV502 secret-literal', () => {
  it('flags credential-shaped literals given to credential-like names, at the literal', async () => {
    const source = [
      'API_KEY = "sk-prod-abc123"',
      'self.github_token = "ghp_aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3jK5"',
      'client = Client(apiKey="7cbde8d63dac4aeccc5252cbbcef7c4c")',
      'settings = {"aws_secret": "Ib3sfma5qllDXi9kyyocfyTHjeXeBfNorLUQmuBh"}',
      'def connect(access_key="AKIA2UC26YX2FGFEWCG3"): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV502')).toEqual([
      'PCV502 0:10-0:26',
      'PCV502 1:20-1:62',
      'PCV502 2:23-2:57',
      'PCV502 3:26-3:68',
      'PCV502 4:23-4:45',
    ]);
    const [first] = await check(source, ['PCV502']);
    expect(first.message).toBe(
      '`API_KEY` holds what looks like a real credential; load it from the environment or a secret manager',
    );
  });

  it('passes placeholders, names, environment lookups and non-credential names', async () => {
    const source = [
      'import os',
      'API_KEY = os.environ["API_KEY"]',
      'API_KEY = ""',
      'OPENAI_API_KEY = "your-api-key-here"',
      'BOT_TOKEN = "YOUR_BOT_TOKEN_HERE"',
      'access_token = "xxxxx-xxxxxxxxx-xxxxxxxxxx"',
      'CACHE_KEY = "ls:all_products"',
      'STORAGE_KEY = "lumamath_lesson_progress"',
      'TOKEN_TYPE = "bearer"',
      'pad_token = "<pad>"',
      'GAP_TOKEN = "ds16.value_state.no_observation_in_period"',
      'api_key = f"{prefix}-7cbde8d63dac4aeccc5252cbbcef7c4c"',
      'REQUEST_ID = "7cbde8d63dac4aeccc5252cbbcef7c4c"',
      'API_KEY = "test-key-1234567890abcdef"',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV502')).toEqual([]);
  });

  it('judges the shape: issuer prefixes, long random words, hex', () => {
    expect(looksLikeSecret('sk-prod-abc123')).toBe(true);
    expect(looksLikeSecret('xoxb-1234567890-abcdefghij')).toBe(true);
    expect(looksLikeSecret('1b9c10e5284a52df35c6a15893708dd2')).toBe(true);
    expect(looksLikeSecret('7982870671:AAFqMnSwbUasAaIoVd3gB3ySvMQAZ0mFmh8')).toBe(true);
    expect(looksLikeSecret('hibbidybibiddyboo')).toBe(false);
    expect(looksLikeSecret('https://example.org/api/v1/keys')).toBe(false);
    expect(looksLikeSecret('sk-xxxxxxxx')).toBe(false);
  });
});
