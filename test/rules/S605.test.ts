import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('S605 start-process-with-a-shell', () => {
  it('flags shell-running calls with a positional command at the callee', async () => {
    const source =
      'import os, subprocess\nfrom os import popen\nos.system("ls")\npopen(cmd)\nsubprocess.getoutput(f"ls {x}")\nos.system(*args)\n';
    expect(await flagged(source, 'S605')).toEqual([
      'S605 2:0-2:9',
      'S605 3:0-3:5',
      'S605 4:0-4:20',
      'S605 5:0-5:9',
    ]);
  });

  it('says a literal command seems safe and anything else may be an injection', async () => {
    const source = 'import os\nos.system(("ls" " -l"))\nos.system(b"ls")\n';
    const messages = (await check(source, ['S605'])).map((d) => d.message);
    expect(messages).toEqual([
      'Starting a process with a shell: seems safe, but may be changed in the future; consider rewriting without `shell`',
      'Starting a process with a shell, possible injection detected',
    ]);
  });

  it('accepts calls without a positional command, argument lists and other modules', async () => {
    const source =
      'import os, subprocess\nos.system()\nos.system(command="ls")\nsubprocess.run(["ls"])\nshell.system("ls")\n';
    expect(await flagged(source, 'S605')).toEqual([]);
  });
});
