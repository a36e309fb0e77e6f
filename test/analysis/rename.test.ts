import { describe, expect, it } from 'vitest';
import { invalidNameReason, planRename } from '../../server/src/analysis/rename';
import { withScopes } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** The outcome of renaming the n-th identifier spelled `name`: edits as `L:C-L:C=text`, or the refusal. */
async function renameOf(source: string, name: string, newName: string, nth = 0): Promise<string[] | string> {
  return withScopes(source, (model, find) => {
    const binding = model.bindingOf(find(name, nth));
    if (!binding) return 'no binding';
    const outcome = planRename(model, binding, newName);
    if (!outcome.ok) return outcome.reason;
    return outcome.edits.map(
      (e) =>
        `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`,
    );
  });
}

describe('planRename', () => {
  it('renames a module global in every function that reads it, and its __all__ entry', async () => {
    const source = lines('__all__ = ["maxLen"]', 'maxLen = 3', 'def f():', '    return maxLen');
    expect(await renameOf(source, 'maxLen', 'max_len')).toEqual([
      '0:12-0:18=max_len',
      '1:0-1:6=max_len',
      '3:11-3:17=max_len',
    ]);
  });

  it('leaves a same-named local of another function alone', async () => {
    const source = lines('def a():', '    myVar = 1', '    return myVar', 'def b():', '    myVar = 2');
    expect(await renameOf(source, 'myVar', 'my_var')).toEqual(['1:4-1:9=my_var', '2:11-2:16=my_var']);
  });

  it('refuses keywords, invalid identifiers and the same name', async () => {
    const source = lines('Klass = 1');
    expect(await renameOf(source, 'Klass', 'class')).toBe('`class` is a Python keyword');
    expect(await renameOf(source, 'Klass', '2x')).toBe('`2x` is not a valid Python identifier');
    expect(await renameOf(source, 'Klass', 'Klass')).toBe('the name is already `Klass`');
    expect(invalidNameReason('naïve_name')).toBeUndefined();
  });

  it('refuses a name that already exists in the scope', async () => {
    const source = lines('def f():', '    fooBar = 1', '    foo_bar = 2', '    return fooBar + foo_bar');
    expect(await renameOf(source, 'fooBar', 'foo_bar')).toBe('`foo_bar` already exists in function `f`');
  });

  it('refuses to hide a builtin or an outer name that the scope reads', async () => {
    const source = lines('def f(items):', '    List = 1', '    return list(items) + List');
    expect(await renameOf(source, 'List', 'list')).toBe(
      'function `f` uses the builtin `list`, which the renamed name would hide',
    );
    const outer = lines(
      'limit = 1',
      'def f():',
      '    Limit = 2',
      '    def g():',
      '        return limit',
      '    return Limit',
    );
    expect(await renameOf(outer, 'Limit', 'limit')).toBe(
      'function `g` uses `limit` of this module, which the renamed name would hide',
    );
  });

  it('refuses when a scope between a use and the binding already has the new name', async () => {
    const source = lines('maxLen = 1', 'def f():', '    max_len = 2', '    return maxLen + max_len');
    expect(await renameOf(source, 'maxLen', 'max_len')).toBe(
      '`max_len` already exists in function `f`, where `maxLen` is used',
    );
  });

  it('refuses imported names and files with syntax errors', async () => {
    expect(await renameOf(lines('from m import fooBar', 'fooBar()'), 'fooBar', 'foo_bar')).toBe(
      '`fooBar` is imported; rename it where it is defined',
    );
    expect(await renameOf(lines('import numpy as NP', 'NP.array'), 'NP', 'np')).toEqual([
      '0:16-0:18=np',
      '1:0-1:2=np',
    ]);
    expect(await renameOf(lines('fooBar = 1', 'def f(:', '    fooBar'), 'fooBar', 'foo_bar')).toBe(
      'this module has syntax errors; references to `fooBar` may be missed',
    );
  });

  it('renames a method through self. and a parameter at keyword call sites', async () => {
    const source = lines(
      'class A:',
      '    def getX(self, newValue):',
      '        return self.getX(newValue=newValue)',
      'A().getX(1)',
    );
    expect(await renameOf(source, 'getX', 'get_x')).toEqual([
      '1:8-1:12=get_x',
      '2:20-2:24=get_x',
      '3:4-3:8=get_x',
    ]);
    expect(await renameOf(source, 'newValue', 'new_value')).toEqual([
      '1:19-1:27=new_value',
      '2:25-2:33=new_value',
      '2:34-2:42=new_value',
    ]);
  });

  it('refuses a class member rename onto an attribute already used through self', async () => {
    const source = lines(
      'class A:',
      '    maxLen = 1',
      '    def f(self):',
      '        self.max_len = 2',
      '        return self.maxLen',
    );
    expect(await renameOf(source, 'maxLen', 'max_len')).toBe(
      '`max_len` is already an attribute of class `A`',
    );
  });
});

describe('planRename and string annotations', () => {
  it('renames a module-level class inside forward-reference annotations, not attributes or other words', async () => {
    const source = lines(
      'class engine_core: pass',
      'def f(x: "engine_core", y: "list[engine_core]") -> "mod.engine_core":',
      '    return "engine_core"',
    );
    expect(await renameOf(source, 'engine_core', 'EngineCore')).toEqual([
      '0:6-0:17=EngineCore',
      '1:10-1:21=EngineCore',
      '1:33-1:44=EngineCore',
    ]);
  });
});

describe('planRename and subclasses in the file', () => {
  it('renames inherited uses through self in a subclass', async () => {
    const source = lines(
      'class Base:',
      '    def getX(self): return 1',
      'class Child(Base):',
      '    def f(self): return self.getX()',
    );
    expect(await renameOf(source, 'getX', 'get_x')).toEqual(['1:8-1:12=get_x', '3:29-3:33=get_x']);
  });

  it('renames an overriding and an overridden method together, from either side', async () => {
    const source = lines(
      'class Base:',
      '    def getX(self): return 1',
      'class Child(Base):',
      '    def getX(self): return 2',
    );
    expect(await renameOf(source, 'getX', 'get_x')).toEqual(['1:8-1:12=get_x', '3:8-3:12=get_x']);
    expect(await renameOf(source, 'getX', 'get_x', 1)).toEqual(['1:8-1:12=get_x', '3:8-3:12=get_x']);
  });
});
