import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import { allRules } from '../../server/src/rules/registry';
import { flagged, getParser } from '../helpers/analyze';

describe('N802 invalid-function-name', () => {
  it('flags camelCase functions, methods and nested functions on the name', async () => {
    const source = [
      'def processSessions(): pass',
      'class Engine:',
      '    def addSession(self): pass',
      '    def _Private(self):',
      '        def innerHelper(): pass',
      'def __fooBar__(): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual([
      'N802 0:4-0:19',
      'N802 2:8-2:18',
      'N802 3:8-3:16',
      'N802 4:12-4:23',
      'N802 5:4-5:14',
    ]);
  });

  it('accepts snake_case, dunders, digits and non-cased letters', async () => {
    const source = [
      'def process_sessions(): pass',
      'def __init__(self): pass',
      'def v2_api(): pass',
      'def école(): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual([]);
  });

  it('skips unittest hooks (default ignore-names) and honours configured globs', async () => {
    const source = [
      'class T:',
      '    def setUp(self): pass',
      '    def tearDownClass(cls): pass',
      '    def testFoo(self): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual(['N802 3:8-3:15']);
    const options = { 'pep8-naming': { 'ignore-names': ['test*'] } };
    expect(await flagged(source, 'N802', { options })).toEqual(['N802 1:8-1:13', 'N802 2:8-2:21']);
    const extended = { 'pep8-naming': { 'extend-ignore-names': ['test*'] } };
    expect(await flagged(source, 'N802', { options: extended })).toEqual([]);
  });

  it('skips @override and @overload methods (typing and typing_extensions, aliased or not)', async () => {
    const source = [
      'import typing as t',
      'from typing_extensions import override',
      'class A(Base):',
      '    @override',
      '    def doThing(self): pass',
      '    @t.overload',
      '    def getIt(self): pass',
      '    @other',
      '    def notSkipped(self): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual(['N802 8:8-8:18']);
  });

  it('does not count an override decorator that is not imported from typing', async () => {
    expect(await flagged('@override\ndef doThing(): pass\n', 'N802')).toEqual(['N802 1:4-1:11']);
  });

  it('skips visit_* of ast.NodeVisitor subclasses, also through a local base class', async () => {
    const source = [
      'import ast',
      'class Visitor(ast.NodeVisitor):',
      '    def visit_Name(self, node): pass',
      '    def visitName(self, node): pass',
      'class Sub(Visitor):',
      '    def visit_Call(self, node): pass',
      'class Plain:',
      '    def visit_Call(self, node): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual(['N802 3:8-3:17', 'N802 7:8-7:18']);
  });

  it('skips do_* methods of http.server handlers', async () => {
    const source = [
      'from http.server import BaseHTTPRequestHandler',
      'class Handler(BaseHTTPRequestHandler):',
      '    def do_GET(self): pass',
      'def do_GET(): pass',
      '',
    ].join('\n');
    expect(await flagged(source, 'N802')).toEqual(['N802 3:4-3:10']);
  });

  it('re-checks cached units when a module-level base class changes (incremental analysis stays exact)', async () => {
    const parser = await getParser();
    const config = makeEngineConfig({ enabled: ['N802'] });
    const file = { isPackageInit: false, isPrivateModule: false, isStub: false };
    const run = (source: string, previous?: ReturnType<typeof analyze>['cache']) => {
      const tree = parser.parse(source)!;
      const result = analyze({ rules: allRules, source, tree, config, file }, previous);
      tree.delete();
      return result;
    };
    const sub = ['class Sub(Visitor):', '    def visit_Call(self, node): pass', ''].join('\n');
    const first = run(['import ast', 'class Visitor(ast.NodeVisitor): pass', sub].join('\n'));
    expect(first.diagnostics).toEqual([]);
    const second = run(['import ast', 'class Visitor(object): pass', sub].join('\n'), first.cache);
    expect(second.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}`)).toEqual([
      '3:8',
    ]);
  });
});
