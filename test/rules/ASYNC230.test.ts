import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('ASYNC230 blocking-open-call-in-async-function', () => {
  it('flags open, io.open, io.open_code and Path(...).open in coroutines at the function', async () => {
    const source = [
      'import io, pathlib',
      'from pathlib import Path',
      'async def load():',
      '    open("x")',
      '    io.open("x"); io.open_code("x")',
      '    Path("x").open()',
      '    with pathlib.Path("x").open() as f: pass',
      '    local = Path("x")',
      '    local.open()',
      '    a, b = Path("a"), Path("b")',
      '    b.open()',
      '',
    ].join('\n');
    expect(await flagged(source, 'ASYNC230')).toEqual([
      'ASYNC230 3:4-3:8',
      'ASYNC230 4:4-4:11',
      'ASYNC230 4:18-4:30',
      'ASYNC230 5:4-5:18',
      'ASYNC230 6:9-6:31',
      'ASYNC230 8:4-8:14',
      'ASYNC230 10:4-10:10',
    ]);
  });

  it('accepts sync code, nested scopes, rebound names, parameters and other openers', async () => {
    const source = [
      'import codecs, tempfile, os',
      'from pathlib import Path, PosixPath',
      'def sync(): open("x")',
      'async def load(p: Path):',
      '    p.open()',
      '    f = lambda: open("x")',
      '    def inner(): open("x")',
      '    codecs.open("x"); tempfile.TemporaryFile(); os.fdopen(1)',
      '    a = Path("x") / "y"',
      '    a.open()',
      '    b = PosixPath("x")',
      '    b.open()',
      '    h = Path("x")',
      '    h = 3',
      '    h.open()',
      '    async with aiofiles.open("x") as f: pass',
      'async def shadow(open):',
      '    open("x")',
      '',
    ].join('\n');
    expect(await flagged(source, 'ASYNC230')).toEqual([]);
  });
});
