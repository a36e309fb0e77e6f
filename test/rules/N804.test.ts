import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';
import { fixedText, resolvedDiagnostics } from '../helpers/rename';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('N804 invalid-first-argument-name-for-class-method', () => {
  it('flags class methods, implicit ones included, underlining the name and its annotation', async () => {
    const source = lines(
      'class A:',
      '    @classmethod',
      '    def a(self): pass',
      '    @classmethod()',
      '    def b(klass: type = None, x=1): pass',
      '    def __init_subclass__(self, **kw): pass',
      '    def __class_getitem__(self, item): pass',
    );
    expect(await flagged(source, 'N804')).toEqual([
      'N804 2:10-2:14',
      'N804 4:10-4:21',
      'N804 5:26-5:30',
      'N804 6:26-6:30',
    ]);
  });

  it('accepts cls, instance and static methods, __new__ and methods without positional parameters', async () => {
    const source = lines(
      'class A:',
      '    @classmethod',
      '    def a(cls): pass',
      '    @classmethod',
      '    def b(*args): pass',
      '    @classmethod',
      '    def c(*, x): pass',
      '    def d(self): pass',
      '    @staticmethod',
      '    def e(x): pass',
      '    def __new__(klass): pass',
      'def f(self): pass',
    );
    expect(await flagged(source, 'N804')).toEqual([]);
  });

  it('expects cls in every method of a metaclass, also through a local base class', async () => {
    const source = lines(
      'import abc',
      'class M(type):',
      '    def m(self): pass',
      '    def n(cls): pass',
      '    def __new__(mcs, name, bases, ns): pass',
      'class Sub(M):',
      '    def m(self): pass',
      'class AM(abc.ABCMeta):',
      '    def m(self): pass',
      'class Maybe(with_metaclass(Base), type):',
      '    def m(self): pass',
    );
    expect(await flagged(source, 'N804')).toEqual(['N804 2:10-2:14', 'N804 6:10-6:14', 'N804 8:10-8:14']);
  });

  it('honours classmethod-decorators and ignore-names', async () => {
    const source = lines(
      'class A:',
      '    @factory',
      '    def a(self): pass',
      '    @lib.factory',
      '    def b(self): pass',
      '    @classmethod',
      '    def c(klass): pass',
    );
    const options = {
      'pep8-naming': { 'classmethod-decorators': ['factory'], 'extend-ignore-names': ['klass'] },
    };
    expect(await flagged(source, 'N804', { options })).toEqual(['N804 2:10-2:14', 'N804 4:10-4:14']);
  });

  it('renames the parameter and its uses to cls, unless another parameter is named cls', async () => {
    const source = lines(
      'class A:',
      '    @classmethod',
      '    def make(klass, x):',
      '        return klass(x)',
      '    @classmethod',
      '    def other(klass, cls): pass',
    );
    const diagnostics = await resolvedDiagnostics(source, ['N804']);
    expect(diagnostics.map((d) => d.fix?.title ?? null)).toEqual(['Rename `klass` to `cls`', null]);
    expect(await fixedText(source, ['N804'])).toBe(
      lines(
        'class A:',
        '    @classmethod',
        '    def make(cls, x):',
        '        return cls(x)',
        '    @classmethod',
        '    def other(klass, cls): pass',
      ),
    );
  });
});
