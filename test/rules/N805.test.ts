import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedText, resolvedDiagnostics } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('N805 invalid-first-argument-name-for-method', () => {
  it('flags instance methods, underlining the name and its annotation (not the default)', async () => {
    const source = lines(
      'class A:',
      '    def a(this): pass',
      '    def b(cls, x): pass',
      '    def c(x: "A" = None): pass',
      '    def d(x, /, y): pass',
      '    async def e(x): pass',
      '    def f(x=1): pass',
    );
    expect(await flagged(source, 'N805')).toEqual([
      'N805 1:10-1:14',
      'N805 2:10-2:13',
      'N805 3:10-3:16',
      'N805 4:10-4:11',
      'N805 5:16-5:17',
      'N805 6:10-6:11',
    ]);
  });

  it('finds methods inside if/try blocks of a class body and in nested and local classes', async () => {
    const source = lines(
      'class A:',
      '    if flag:',
      '        def a(x): pass',
      '    try:',
      '        def b(x): pass',
      '    except E:',
      '        pass',
      '    class Inner:',
      '        def c(x): pass',
      'def factory():',
      '    class Local:',
      '        def d(x): pass',
    );
    expect(await flagged(source, 'N805')).toEqual([
      'N805 2:14-2:15',
      'N805 4:14-4:15',
      'N805 8:14-8:15',
      'N805 11:14-11:15',
    ]);
  });

  it('accepts self, functions, nested functions, lambdas, static and class methods, __new__', async () => {
    const source = lines(
      'class A:',
      '    def a(self): pass',
      '    def b(): pass',
      '    def c(*args): pass',
      '    def d(*, x): pass',
      '    f = lambda x: x',
      '    def g(self):',
      '        def inner(x): pass',
      '    @staticmethod',
      '    def h(x): pass',
      '    @classmethod',
      '    def i(cls): pass',
      '    def __new__(klass): pass',
      'def free(x): pass',
    );
    expect(await flagged(source, 'N805')).toEqual([]);
  });

  it('leaves methods of metaclasses to N804, and of classes that may be metaclasses to neither', async () => {
    const source = lines(
      'from typing import Any',
      'class M(type):',
      '    def a(x): pass',
      'class Maybe(with_metaclass(Base), type):',
      '    def b(x): pass',
      'class ModelMeta(ModelBase):',
      '    def __new__(cls, name: str, bases: tuple[Any, ...], attrs: dict[str, Any], **kwargs: Any): pass',
      '    def c(x): pass',
      'class Plain(ModelBase):',
      '    def d(x): pass',
    );
    expect(await flagged(source, 'N805')).toEqual(['N805 9:10-9:11']);
  });

  it('honours staticmethod-decorators and ignore-names', async () => {
    const source = lines(
      'class A:',
      '    @pure',
      '    def a(x): pass',
      '    def b(this): pass',
      '    def c(that): pass',
    );
    const options = {
      'pep8-naming': { 'staticmethod-decorators': ['pure'], 'extend-ignore-names': ['this'] },
    };
    expect(await flagged(source, 'N805', { options })).toEqual(['N805 4:10-4:14']);
  });

  it('renames the parameter and its uses to self; says why not when the method reads self already', async () => {
    const source = lines(
      'class A:',
      '    def run(this, x):',
      '        return this.go(x)',
      '    def other(this):',
      '        return self',
      '    def both(this, self): pass',
    );
    const diagnostics = await resolvedDiagnostics(source, ['N805']);
    expect(diagnostics.map((d) => d.fix?.edits.length ?? null)).toEqual([2, 0, null]);
    expect(diagnostics[1].fix?.unavailable).toMatch(/self/);
    expect(await fixedText(source, ['N805'])).toBe(
      lines(
        'class A:',
        '    def run(self, x):',
        '        return self.go(x)',
        '    def other(this):',
        '        return self',
        '    def both(this, self): pass',
      ),
    );
  });
});
