import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('F821 undefined-name', () => {
  it('flags reads of names nothing defines, with the name as range', async () => {
    const source = 'print(x)\nx = 1\ndef f():\n    return missing + x\n';
    expect(await flagged(source, 'F821')).toEqual(['F821 0:6-0:7', 'F821 3:11-3:18']);
    const messages = (await check(source, ['F821'])).map((d) => d.message);
    expect(messages).toEqual(['Undefined name `x`', 'Undefined name `missing`']);
  });

  it('follows class scopes, comprehensions, del and except-as unbinding', async () => {
    const source = [
      'class A:',
      '    v = 1',
      '    def m(self):',
      '        return v',
      '[i for i in range(3)]',
      'print(i)',
      'y = 1',
      'del y',
      'print(y)',
      'try:',
      '    pass',
      'except E as err:',
      '    pass',
      'print(err)',
      '',
    ].join('\n');
    expect(await flagged(source, 'F821')).toEqual([
      'F821 3:15-3:16',
      'F821 5:6-5:7',
      'F821 8:6-8:7',
      'F821 11:7-11:8',
      'F821 13:6-13:9',
    ]);
  });

  it('accepts builtins, module dunders, later definitions read by functions, globals and guarded reads', async () => {
    const source = [
      'print(__file__, __name__, len)',
      'def f():',
      '    return g(), G',
      'def g():',
      '    global G',
      '    G = 1',
      'class C:',
      '    print(__qualname__)',
      '    def m(self):',
      '        return __class__',
      'try:',
      '    unicode',
      'except NameError:',
      '    unicode = str',
      '',
    ].join('\n');
    expect(await flagged(source, 'F821')).toEqual([]);
  });

  it('reads string annotations and future annotations after the module', async () => {
    const source = 'def f(x: "Later", y: "list[Missing]") -> None:\n    pass\nclass Later:\n    pass\n';
    expect(await flagged(source, 'F821')).toEqual(['F821 0:27-0:34']);
    const future =
      'from __future__ import annotations\ndef f(x: Later) -> Later:\n    pass\nclass Later:\n    pass\n';
    expect(await flagged(future, 'F821')).toEqual([]);
  });

  it('knows builtins by target version and says which version adds them', async () => {
    const source = 'print(ExceptionGroup)\n';
    expect(await flagged(source, 'F821', { targetVersion: 'py311' })).toEqual([]);
    const [finding] = await check(source, ['F821'], { targetVersion: 'py310' });
    expect(finding.message).toBe(
      'Undefined name `ExceptionGroup`. Consider specifying `requires-python = ">= 3.11"` or `tool.ruff.target-version = "py311"` in your `pyproject.toml` file.',
    );
  });

  it('leaves star-import modules to F405 and allows __path__ in a package __init__', async () => {
    expect(await flagged('from os import *\nprint(anything)\n', 'F821')).toEqual([]);
    expect(await flagged('print(__path__)\n', 'F821', { file: { isPackageInit: true } })).toEqual([]);
    expect(await flagged('print(__path__)\n', 'F821')).toEqual(['F821 0:6-0:14']);
  });
});
