import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('ASYNC210 blocking-http-call-in-async-function', () => {
  it('flags module-level HTTP calls of requests, httpx, urllib and urllib3 in coroutines', async () => {
    const source = [
      'import requests, httpx, urllib3',
      'from urllib.request import urlopen',
      'async def fetch(url):',
      '    requests.get(url); httpx.post(url)',
      '    urlopen(url)',
      '    urllib3.request("GET", url)',
      '    [requests.head(u) for u in url]',
      '    requests.request("GET", url)',
      '',
    ].join('\n');
    expect(await flagged(source, 'ASYNC210')).toEqual([
      'ASYNC210 3:4-3:16',
      'ASYNC210 3:23-3:33',
      'ASYNC210 4:4-4:11',
      'ASYNC210 5:4-5:19',
      'ASYNC210 6:5-6:18',
      'ASYNC210 7:4-7:20',
    ]);
  });

  it('accepts sync functions, lambdas, client methods and other functions', async () => {
    const source = [
      'import requests, httpx',
      'def sync(url): requests.get(url)',
      'async def fetch(url, client):',
      '    await client.get(url)',
      '    httpx.stream("GET", url); requests.Session().get(url)',
      '    f = lambda: requests.get(url)',
      'async def shadow(requests):',
      '    requests.get("x")',
      '',
    ].join('\n');
    expect(await flagged(source, 'ASYNC210')).toEqual([]);
  });
});
