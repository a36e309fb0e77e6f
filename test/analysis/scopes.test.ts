import { describe, expect, it } from 'vitest';
import type { Binding } from '../../server/src/analysis/scopes';
import type { Node } from '../../server/src/engine/types';
import { withScopes } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** `line:column` of every occurrence (definitions, reads, keyword and attribute uses), in order. */
function where(binding: Binding | undefined): string[] {
  if (!binding) return [];
  const nodes: Node[] = [
    ...binding.definitions,
    ...binding.references,
    ...binding.keywordUses,
    ...binding.attributeUses,
  ];
  return [...new Set(nodes.map((n) => n.startIndex))]
    .sort((a, b) => a - b)
    .map((index) => {
      const node = nodes.find((n) => n.startIndex === index)!;
      return `${node.startPosition.row}:${node.startPosition.column}`;
    });
}

describe('scope analysis', () => {
  it('hides a class body from its methods but not from the class body itself', async () => {
    const source = lines(
      'x = 1',
      'class C:',
      '    x = 2',
      '    y = x',
      '    def m(self):',
      '        return x',
    );
    await withScopes(source, (model, find) => {
      expect(model.bindingOf(find('x', 2))?.scope.kind).toBe('class');
      expect(model.bindingOf(find('x', 3))?.scope.kind).toBe('module');
      expect(where(model.bindingOf(find('x')))).toEqual(['0:0', '5:15']);
    });
  });

  it('follows global and nonlocal declarations', async () => {
    const source = lines(
      'count = 0',
      'def bump():',
      '    global count',
      '    count += 1',
      'def outer():',
      '    total = 0',
      '    def inner():',
      '        nonlocal total',
      '        total = 2',
      '    return total',
    );
    await withScopes(source, (model, find) => {
      expect(where(model.bindingOf(find('count')))).toEqual(['0:0', '2:11', '3:4']);
      const total = model.bindingOf(find('total', 2));
      expect(total?.scope.node.childForFieldName('name')?.text).toBe('outer');
      expect(where(total)).toEqual(['5:4', '7:17', '8:8', '9:11']);
    });
  });

  it('gives comprehensions their own scope, with the first iterable read outside', async () => {
    const source = lines('def f(items, n):', '    return [n for n in items if n] + [n]', '');
    await withScopes(source, (model, find) => {
      expect(model.bindingOf(find('items', 1))?.scope.kind).toBe('function');
      expect(model.bindingOf(find('n', 1))?.scope.kind).toBe('comprehension');
      expect(where(model.bindingOf(find('n', 1)))).toEqual(['1:12', '1:18', '1:32']);
      expect(where(model.bindingOf(find('n', 4)))).toEqual(['0:13', '1:38']);
    });
  });

  it('binds a walrus inside a comprehension in the enclosing function', async () => {
    const source = lines('def f(xs):', '    [(last := x) for x in xs]', '    return last');
    await withScopes(source, (model, find) => {
      expect(model.bindingOf(find('last', 1))?.scope.kind).toBe('function');
      expect(model.bindingOf(find('last'))).toBe(model.bindingOf(find('last', 1)));
    });
  });

  it('evaluates defaults, annotations and decorators outside the function', async () => {
    const source = lines(
      'size = 3',
      'def deco(f): return f',
      '@deco',
      'def f(size: int = size):',
      '    return size',
    );
    await withScopes(source, (model, find) => {
      expect(model.bindingOf(find('size', 2))?.scope.kind).toBe('module');
      expect(model.bindingOf(find('size', 1))?.kinds.has('parameter')).toBe(true);
      expect(model.bindingOf(find('size', 3))).toBe(model.bindingOf(find('size', 1)));
      expect(model.bindingOf(find('deco', 1))?.kinds.has('function')).toBe(true);
    });
  });

  it('links keyword arguments to parameters of functions, methods and constructors of the file', async () => {
    const source = lines(
      'def load(modelName): return modelName',
      'class Box:',
      '    def __init__(self, modelName): self.name = modelName',
      '    def run(self, modelName): return self.run(modelName=1)',
      'load(modelName=1)',
      'Box(modelName=2)',
      'print(modelName=3)',
    );
    await withScopes(source, (model, find) => {
      expect(where(model.bindingOf(find('modelName')))).toEqual(['0:9', '0:28', '4:5']);
      expect(where(model.bindingOf(find('modelName', 2)))).toEqual(['2:23', '2:47', '5:4']);
      expect(where(model.bindingOf(find('modelName', 4)))).toEqual(['3:18', '3:46']);
      expect(model.bindingOf(find('modelName', 8))).toBeUndefined();
    });
  });

  it('links self., cls. and Class. attribute uses to members of the class body', async () => {
    const source = lines(
      'class Cache:',
      '    maxSize = 3',
      '    def get(self): return self.maxSize',
      '    @classmethod',
      '    def make(cls): return cls.maxSize',
      '    @staticmethod',
      '    def other(x): return x.maxSize',
      'Cache.maxSize = 4',
    );
    await withScopes(source, (model, find) => {
      expect(where(model.bindingOf(find('maxSize')))).toEqual(['1:4', '2:31', '4:30', '7:6']);
      expect(model.bindingOf(find('maxSize', 3))).toBeUndefined();
    });
  });

  it('reads match captures, except and with targets, imports and deletions', async () => {
    const source = lines(
      'import os.path as p, sys',
      'from m import a as b',
      'match sys.argv:',
      '    case [first, *rest] if first: print(rest, p, b)',
      'try: pass',
      'except OSError as err: print(err)',
      'with open(p) as (f, g): del f',
    );
    await withScopes(source, (model, find) => {
      expect(model.bindingOf(find('p'))?.kinds.has('import')).toBe(true);
      expect(where(model.bindingOf(find('first')))).toEqual(['3:10', '3:27']);
      expect(where(model.bindingOf(find('rest')))).toEqual(['3:18', '3:40']);
      expect(where(model.bindingOf(find('err')))).toEqual(['5:18', '5:29']);
      expect(where(model.bindingOf(find('f')))).toEqual(['6:17', '6:28']);
      expect(model.bindingOf(find('a'))).toBeUndefined();
      expect(where(model.bindingOf(find('b')))).toEqual(['1:19', '3:49']);
    });
  });

  it('does not overflow on deep nesting', async () => {
    const depth = 3000;
    const source = `x = ${'['.repeat(depth)}y${']'.repeat(depth)}\n`;
    await withScopes(source, (model) => {
      expect(model.uses.filter((u) => u.node.text === 'y')).toHaveLength(1);
    });
  });
});
