import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV402 uncapped-retry-loop', () => {
  it('flags `while True:` retries with no cap, at the loop header', async () => {
    const source = [
      'import time',
      'def get(url):',
      '    while True:',
      '        try:',
      '            return client.get(url, timeout=5)',
      '        except ConnectionError:',
      '            time.sleep(1)',
      'def fetch(url):',
      '    while 1:',
      '        try:',
      '            data = client.get(url)',
      '            break',
      '        except KeyboardInterrupt:',
      '            raise',
      '        except Exception:',
      '            continue',
      '    return data',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV402')).toEqual(['PCV402 2:4-2:14', 'PCV402 8:4-8:11']);
    const [first] = await check(source, ['PCV402']);
    expect(first.message).toBe(
      'Retry loop has no cap on its attempts; count them and give up (re-raise) after a limit',
    );
  });

  it('passes capped retries, for loops, event loops and non-blocking polls', async () => {
    const source = [
      'def capped(url):',
      '    attempt = 0',
      '    while True:',
      '        try:',
      '            return client.get(url)',
      '        except ConnectionError:',
      '            attempt += 1',
      '            if attempt >= 5:',
      '                raise',
      'def counted(url):',
      '    attempt = 0',
      '    while True:',
      '        if attempt >= 5:',
      '            break',
      '        attempt += 1',
      '        try:',
      '            return client.get(url)',
      '        except ConnectionError:',
      '            pass',
      'def bounded(url):',
      '    for _ in range(5):',
      '        try:',
      '            return client.get(url)',
      '        except ConnectionError:',
      '            pass',
      'def serve(sock):',
      '    while True:',
      '        try:',
      '            handle(sock.accept())',
      '        except OSError:',
      '            log()',
      'def poll(sock):',
      '    while True:',
      '        wait_readable(sock)',
      '        try:',
      '            return sock.recv(1024)',
      '        except BlockingIOError:',
      '            pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV402')).toEqual([]);
  });
});
