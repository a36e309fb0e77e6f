import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('S105 hardcoded-password-string', () => {
  it('flags string literals assigned to password-like names, attributes and keys', async () => {
    const source = [
      'API_TOKEN = "sk-prod-abc123"',
      'self.db_password = "x"',
      'config["secret"] = "s"',
      'a = pwd = "chain"',
      'passphrase: str = "horse"',
      '',
    ].join('\n');
    expect(await flagged(source, 'S105')).toEqual([
      'S105 0:12-0:28',
      'S105 1:19-1:22',
      'S105 2:19-2:22',
      'S105 3:10-3:17',
      'S105 4:18-4:25',
    ]);
  });

  it('flags comparisons of password-like names with string literals', async () => {
    expect(await flagged('if password == "hunter2" or token != "t":\n    pass\n', 'S105')).toEqual([
      'S105 0:15-0:24',
      'S105 0:37-0:40',
    ]);
  });

  it('names the target in the message', async () => {
    const [diagnostic] = await check('API_TOKEN = "abc"\n', ['S105']);
    expect(diagnostic.message).toBe('Possible hardcoded password assigned to: "API_TOKEN"');
  });

  it('accepts empty strings, f-strings, bytes, non-string values and names that only contain the words', async () => {
    const source = [
      'password = ""',
      'token = f"{t}"',
      'token = b"x"',
      'password = os.environ["PW"]',
      'tokenizer = "gpt2"',
      'passing = "x"',
      'd[key] = "v"',
      '',
    ].join('\n');
    expect(await flagged(source, 'S105')).toEqual([]);
  });

  it('reports on the string inside parentheses, as Ruff', async () => {
    const source = [
      'PASSWORD = (',
      "    'part one'",
      "    'part two'",
      ')',
      "TOKEN = ('abc')",
      'if password == ("x"): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'S105')).toEqual(['S105 1:4-2:14', 'S105 4:9-4:14', 'S105 5:16-5:19']);
  });
});
