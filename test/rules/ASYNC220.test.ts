import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

const SOURCE = [
  'import os, subprocess',
  'from os import P_WAIT',
  'async def work(mode, pid):',
  '    subprocess.Popen(["ls"]); os.popen("ls")',
  '    os.system("ls"); subprocess.run(["ls"]); subprocess.check_output(["ls"])',
  '    os.wait(); os.waitpid(pid, 0)',
  '    os.spawnl(os.P_NOWAIT, "ls"); os.spawnl(P_WAIT, "ls"); os.spawnl(mode, "ls")',
  '    os.spawnv(); os.spawnl(mode=os.P_NOWAIT)',
  '    waiting = os.P_WAIT',
  '    os.spawnl(waiting, "ls")',
  '    os.spawnl(0, "ls"); os.spawnl(*args)',
  'def sync():',
  '    subprocess.run(["ls"]); os.wait()',
  'async def nested():',
  '    def inner(): subprocess.Popen(["ls"])',
  '    await asyncio.create_subprocess_exec("ls")',
  '',
].join('\n');

describe('ASYNC220/221/222 process calls in async functions', () => {
  it('ASYNC220 flags subprocess creation, and os.spawn* with a mode other than P_WAIT', async () => {
    expect(await flagged(SOURCE, 'ASYNC220')).toEqual([
      'ASYNC220 3:4-3:20',
      'ASYNC220 3:30-3:38',
      'ASYNC220 6:4-6:13',
      'ASYNC220 6:59-6:68',
      'ASYNC220 7:17-7:26',
      'ASYNC220 10:4-10:13',
    ]);
  });

  it('ASYNC221 flags calls that run a process, and os.spawn* with P_WAIT or no mode', async () => {
    expect(await flagged(SOURCE, 'ASYNC221')).toEqual([
      'ASYNC221 4:4-4:13',
      'ASYNC221 4:21-4:35',
      'ASYNC221 4:45-4:68',
      'ASYNC221 6:34-6:43',
      'ASYNC221 7:4-7:13',
      'ASYNC221 9:4-9:13',
      'ASYNC221 10:24-10:33',
    ]);
  });

  it('ASYNC222 flags os.wait* calls', async () => {
    expect(await flagged(SOURCE, 'ASYNC222')).toEqual(['ASYNC222 5:4-5:11', 'ASYNC222 5:15-5:25']);
  });
});
