import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('S604 call-with-shell-equals-true', () => {
  it('flags other calls passing a truthy shell', async () => {
    const source = ['utils.execute(cmd, shell=True)', 'run_command(shell="yes")', ''].join('\n');
    expect(await flagged(source, 'S604')).toEqual(['S604 0:0-0:13', 'S604 1:0-1:11']);
  });

  it('flags f-strings that are never empty (debug text, printed literals), as Ruff', async () => {
    const source = [
      'foo(shell=f"{x=}")',
      'foo(shell=f"{b\'\'}")',
      'foo(shell=f"{x}{1}")',
      'foo(shell=f"{1 if c else (y := 2)}")',
      'foo(shell=f"{x}")',
      'foo(shell=f"{\'\'}")',
      'foo(shell=f"{x if c else 1}")',
      'foo(shell=f"{-1}")',
      '',
    ].join('\n');
    expect(await flagged(source, 'S604')).toEqual([
      'S604 0:0-0:3',
      'S604 1:0-1:3',
      'S604 2:0-2:3',
      'S604 3:0-3:3',
    ]);
  });

  it('leaves subprocess calls to S602 and accepts falsy or unknown shell values', async () => {
    const source = [
      'import subprocess',
      'subprocess.run(cmd, shell=True)',
      'helper(cmd, shell=False)',
      'helper(cmd, shell=0)',
      'helper(cmd, shell=flag)',
      '',
    ].join('\n');
    expect(await flagged(source, 'S604')).toEqual([]);
  });
});
