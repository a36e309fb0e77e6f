import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV503 subprocess-without-timeout', () => {
  it('flags waiting calls that capture the child without a timeout, at the callee', async () => {
    const source = [
      'import subprocess',
      'from subprocess import check_output, Popen, PIPE',
      'subprocess.run(["git", "fetch"], capture_output=True)',
      'check_output(["git", "status"])',
      'subprocess.call(["ls"], stdout=subprocess.PIPE)',
      'subprocess.check_call(["make"])',
      'def f():',
      '    proc = Popen(["ioreg"], stdout=PIPE)',
      '    out, _ = proc.communicate()',
      '    with Popen(["ls"], stdout=PIPE) as p:',
      '        p.communicate()',
      '    Popen(["ls"]).communicate(b"")',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV503')).toEqual([
      'PCV503 2:0-2:14',
      'PCV503 3:0-3:12',
      'PCV503 4:0-4:15',
      'PCV503 5:0-5:21',
      'PCV503 8:13-8:29',
      'PCV503 10:8-10:21',
    ]);
    const [first] = await check(source, ['PCV503']);
    expect(first.message).toBe('`subprocess.run` without a `timeout=` can wait forever');
  });

  it('passes timeouts, **kwargs, interactive children, Popen creation and unrelated communicate()', async () => {
    const source = [
      'import subprocess',
      'subprocess.run(["git", "fetch"], capture_output=True, timeout=60)',
      'subprocess.run(cmd, **options)',
      'subprocess.call([editor, path])',
      'subprocess.check_call(args)',
      'proc = subprocess.Popen(["ls"])',
      'proc.wait()',
      'def f(channel):',
      '    channel.communicate()',
      '    p = subprocess.Popen(["ls"], stdout=subprocess.PIPE)',
      '    p.communicate(timeout=5)',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV503')).toEqual([]);
  });
});
