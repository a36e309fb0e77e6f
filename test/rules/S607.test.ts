import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('S607 start-process-with-partial-path', () => {
  it('flags literal commands without a full path at the command, without parentheses', async () => {
    const source =
      'import os, subprocess\nsubprocess.run(["ls", "-l"])\nsubprocess.run(args=(("git")))\nos.system("ls")\nos.execl("", "x")\nsubprocess.Popen(("make",))\n';
    expect(await flagged(source, 'S607')).toEqual([
      'S607 1:15-1:27',
      'S607 2:22-2:27',
      'S607 3:10-3:14',
      'S607 4:9-4:11',
      'S607 5:17-5:26',
    ]);
  });

  it('accepts full paths, drive letters, computed commands, bytes and non-process calls', async () => {
    const source =
      'import os, subprocess\nsubprocess.run(["/bin/ls"])\nsubprocess.run("./run")\nsubprocess.run("\\\\ls")\nsubprocess.run("C:/ls")\nsubprocess.run([cmd, "ls"])\nsubprocess.run(f"ls")\nsubprocess.run(b"ls")\nos.spawnl(os.P_WAIT, "ls")\nrun("ls")\n';
    expect(await flagged(source, 'S607')).toEqual([]);
  });
});
