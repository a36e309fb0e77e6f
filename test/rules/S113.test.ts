import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

// biome-ignore lint/suspicious/noTemplateCurlyInString: the expected LSP snippet tab stop
const SNIPPET = '${1:10}';

import { fixed } from '../helpers/apply-fix';

describe('S113 request-without-timeout', () => {
  it('flags requests calls without timeout at the function, and timeout=None at the keyword', async () => {
    const source = [
      'import requests',
      'import httpx',
      'requests.get(url)',
      'requests.post(url, timeout=None)',
      'httpx.Client(timeout=None)',
      'def f():',
      '    from requests import delete',
      '    delete(url)',
      '',
    ].join('\n');
    expect(await flagged(source, 'S113')).toEqual([
      'S113 2:0-2:12',
      'S113 3:19-3:31',
      'S113 4:13-4:25',
      'S113 7:4-7:10',
    ]);
  });

  it('accepts calls with a timeout, httpx defaults, sessions and unrelated get functions', async () => {
    const source = [
      'import requests, httpx',
      'requests.get(url, timeout=5)',
      'httpx.get(url)',
      'session.get(url)',
      'cache.get(key)',
      '',
    ].join('\n');
    expect(await flagged(source, 'S113')).toEqual([]);
  });

  it('adds a timeout snippet after the last argument, unsafely', async () => {
    const [diagnostic] = await check('import requests\nrequests.get(url)\n', ['S113']);
    expect(diagnostic.fix?.safe).toBe(false);
    expect(diagnostic.fix?.snippet).toBe(true);
    expect(await fixed('import requests\nrequests.get(url)\n', 'S113')).toBe(
      `import requests\nrequests.get(url, timeout=${SNIPPET})\n`,
    );
    expect(await fixed('import requests\nrequests.get(\n    url,\n)\n', 'S113')).toBe(
      `import requests\nrequests.get(\n    url, timeout=${SNIPPET},\n)\n`,
    );
    expect(await fixed('import requests\nrequests.post(url, timeout=None)\n', 'S113')).toBe(
      `import requests\nrequests.post(url, timeout=${SNIPPET})\n`,
    );
  });
});
