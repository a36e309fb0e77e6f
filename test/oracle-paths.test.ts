/**
 * The oracle's stand-ins for what Ruff's CLI derives from a file's path (tools/oracle/core.ts):
 * package roots, private modules, relative imports made absolute, same-package first-party imports.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEngineConfig } from '../server/src/engine/config';
import {
  absolutizeRelativeImports,
  adjustForPath,
  RuffOracle,
  ruffPathView,
  ruffSettings,
} from '../tools/oracle/core';
import { getParser } from './helpers/analyze';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pyconv-oracle-'));
  // site/pkg/_sub/mod.py inside the packages pkg and pkg._sub; site itself is no package.
  for (const dir of ['site/pkg/_sub', 'loose']) mkdirSync(path.join(root, dir), { recursive: true });
  for (const file of ['site/pkg/__init__.py', 'site/pkg/_sub/__init__.py', 'site/pkg/_sub/mod.py']) {
    writeFileSync(path.join(root, file), '');
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ruffPathView', () => {
  it('takes the module path from the top-most package, keeping __init__ as a segment', () => {
    expect(ruffPathView(path.join(root, 'site/pkg/_sub/mod.py'))).toEqual({
      packageName: 'pkg',
      modulePath: ['pkg', '_sub', 'mod'],
      packageRelativePath: 'pkg/_sub/mod.py',
      isPrivateModule: true,
      isPackageInit: false,
    });
    expect(ruffPathView(path.join(root, 'site/pkg/__init__.py'))).toMatchObject({
      modulePath: ['pkg', '__init__'],
      isPrivateModule: false,
      isPackageInit: true,
    });
  });

  it('judges a file outside any package by its own name only', () => {
    expect(ruffPathView(path.join(root, 'loose/_tool.py'))).toEqual({
      isPrivateModule: true,
      isPackageInit: false,
    });
    expect(ruffPathView(path.join(root, '_loose/tool.py')).isPrivateModule).toBe(false);
  });

  it('drops D1xx in private modules and renames ANN201 and D100 as the CLI reports them', () => {
    const findings = ['D100', 'D103', 'ANN201', 'N802'].map((code) => ({
      code,
      line: 1,
      column: 1,
      message: '',
    }));
    expect(
      adjustForPath(findings, { isPrivateModule: true, isPackageInit: false }).map((f) => f.code),
    ).toEqual(['ANN202', 'N802']);
    expect(
      adjustForPath(findings, { isPrivateModule: false, isPackageInit: true }).map((f) => f.code),
    ).toEqual(['D104', 'D103', 'ANN201', 'N802']);
  });
});

describe('absolutizeRelativeImports', () => {
  it('rewrites only the module names of relative imports, keeping every line', async () => {
    const source = [
      'from . import a',
      'from .errors import (',
      '    E,',
      ')',
      'def f():',
      '    from ..up import b',
      '    from ...too_far import c',
      'from os import path  # from .x import y',
      '',
    ].join('\n');
    const tree = (await getParser()).parse(source)!;
    const result = absolutizeRelativeImports(source, tree, ['pkg', 'sub', 'mod']);
    tree.delete();
    expect(result.source).toBe(
      [
        'from pkg.sub import a',
        'from pkg.sub.errors import (',
        '    E,',
        ')',
        'def f():',
        '    from pkg.up import b',
        '    from ...too_far import c',
        'from os import path  # from .x import y',
        '',
      ].join('\n'),
    );
    expect([...result.lines].sort()).toEqual([1, 2, 6]);
    const at = (line: number, column: number) =>
      result.toOriginal({ code: 'X', line, column, message: '' }).column;
    // `from pkg.up import b` on line 6: before, inside and after the rewritten name.
    expect([at(6, 1), at(6, 10), at(6, 16), at(6, 24), at(8, 30)]).toEqual([1, 10, 14, 22, 30]);
  });
});

describe('Ruff with path facts', () => {
  const codes = ['DOC501', 'I001'];
  const config = makeEngineConfig({ enabled: codes });
  const oracle = new RuffOracle(ruffSettings(config, codes), codes);
  afterAll(() => oracle.free());

  it('reports DOC501 for a relatively imported exception once the import is absolute', async () => {
    const source = [
      'from .errors import Boom',
      '',
      '',
      'def f():',
      '    """Do it."""',
      '    raise Boom',
      '',
    ].join('\n');
    const lines = (text: string) =>
      oracle
        .check(text)
        .findings.filter((f) => f.code === 'DOC501')
        .map((f) => `${f.line}:${f.column}`);
    expect(lines(source)).toEqual([]);
    const tree = (await getParser()).parse(source)!;
    const absolute = absolutizeRelativeImports(source, tree, ['pkg', 'mod']).source;
    tree.delete();
    // Ruff reports DOC501 at the docstring.
    expect(lines(absolute)).toEqual(['5:5']);
  });

  it('sorts imports of the file’s own package as first-party', () => {
    const source = 'import attr\nimport requests\n';
    const i001 = (pkg?: string) => oracle.check(source, pkg).findings.filter((f) => f.code === 'I001').length;
    expect(i001()).toBe(0);
    expect(i001('attr')).toBe(1);
  });
});
