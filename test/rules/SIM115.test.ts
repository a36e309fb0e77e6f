import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('SIM115 open-file-with-context-handler', () => {
  it('flags file openers outside with, at the function', async () => {
    const source = [
      'import gzip',
      'import pathlib',
      'f = open(path)',
      'data = open(path).read()',
      'g = gzip.open(path)',
      'p = pathlib.Path(path).open()',
      '',
    ].join('\n');
    expect(await flagged(source, 'SIM115')).toEqual([
      'SIM115 2:4-2:8',
      'SIM115 3:7-3:11',
      'SIM115 4:4-4:13',
      'SIM115 5:4-5:27',
    ]);
  });

  it('accepts with headers, return, immediate close, ExitStack, __enter__ and shadowed open', async () => {
    const source = [
      'import contextlib',
      'with open(path) as f, contextlib.closing(open(other)) as g:',
      '    pass',
      'open(path).close()',
      'def opener():',
      '    return open(path)',
      'with contextlib.ExitStack() as stack:',
      '    f = stack.enter_context(open(path))',
      'class R:',
      '    def __enter__(self):',
      '        self.f = open(path)',
      'def shadow(open):',
      '    f = open(path)',
      '',
    ].join('\n');
    expect(await flagged(source, 'SIM115')).toEqual([]);
  });

  it('flags enter_context without an ExitStack around it', async () => {
    expect(await flagged('f = stack.enter_context(open(path))\n', 'SIM115')).toEqual(['SIM115 0:24-0:28']);
  });
});
