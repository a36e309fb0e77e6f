import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('S602 subprocess-popen-with-shell-equals-true', () => {
  it('flags subprocess calls with a truthy shell at the function', async () => {
    const source = [
      'import subprocess',
      'from subprocess import run',
      'subprocess.run(cmd, shell=True)',
      'run(f"echo {x}", shell=1)',
      '',
    ].join('\n');
    expect(await flagged(source, 'S602')).toEqual(['S602 2:0-2:14', 'S602 3:0-3:3']);
  });

  it('flags a shell given as a never-empty f-string, as Ruff', async () => {
    const source = [
      'from subprocess import Popen',
      'Popen("true", shell=f"{x=}")',
      'Popen("true", shell=f"{b\'\'}")',
      'Popen("true", shell=f"{x}")',
      '',
    ].join('\n');
    expect(await flagged(source, 'S602')).toEqual(['S602 1:0-1:5', 'S602 2:0-2:5']);
  });

  it('says a literal command seems safe and a computed one is a security issue', async () => {
    const source = [
      'import subprocess',
      'subprocess.run("ls", shell=True)',
      'subprocess.run(cmd, shell=True)',
      '',
    ].join('\n');
    const messages = (await check(source, ['S602'])).map((d) => d.message);
    expect(messages[0]).toContain('seems safe');
    expect(messages[1]).toBe('`subprocess` call with `shell=True` identified, security issue');
  });

  it('accepts shell=False, unknown shell values, calls without a command, and shadowed modules', async () => {
    const source = [
      'import subprocess',
      'subprocess.run("ls", shell=False)',
      'subprocess.run("ls", shell=flag)',
      'subprocess.run(shell=True)',
      'def f(subprocess):',
      '    subprocess.run("ls", shell=True)',
      '',
    ].join('\n');
    expect(await flagged(source, 'S602')).toEqual([]);
  });
});
