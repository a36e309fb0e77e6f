/**
 * The project index's parts without a server: module summaries (imports, `__all__`, attribute
 * chains, names by string), module names from source roots and relative imports, and who a rename
 * reaches (re-exports followed, aliases not, refusals with their reasons).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../../server/src/parser/python';
import { absoluteModule, moduleOf, sourceRoots } from '../../server/src/project/module-resolution';
import { contentHash, ProjectIndex, summarizeText } from '../../server/src/project/project-index';
import { validateSettings } from '../../server/src/project/validate';

let parser: Parser;
beforeAll(async () => {
  parser = await createPythonParser();
});

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('module summaries', () => {
  it('reads imports, __all__, attribute chains through imported names and names as strings', () => {
    const summary = summarizeText(
      parser,
      lines(
        'import a.b',
        'import c.d as m',
        'from ..e import f as g, h',
        'from . import k',
        'from z import *',
        '__all__ = ["f", "h"]',
        '__all__ += ["x"]',
        'def use():',
        '    return a.b.n(m.q.r, k.s, other.t, getattr(m, "hidden"))',
        'mock.patch("c.d.q")',
        'mocker.patch.object(m, "patched")',
      ),
    );
    expect(summary).toEqual({
      imports: [
        { kind: 'import', module: 'a.b' },
        { kind: 'import', module: 'c.d', alias: 'm' },
        { kind: 'from', module: 'e', level: 2, names: [{ name: 'f', alias: 'g' }, { name: 'h' }] },
        { kind: 'from', module: '', level: 1, names: [{ name: 'k' }] },
        { kind: 'star', module: 'z', level: 0 },
      ],
      all: { names: ['f', 'h', 'x'], dynamic: false },
      attributeChains: ['a.b.n', 'k.s', 'm.q.r'],
      namesAsStrings: ['hidden', 'patched'],
      patchTargets: ['c.d.q'],
    });
  });

  it('calls an __all__ built from anything but string lists dynamic', () => {
    for (const statement of [
      '__all__ = [n for n in dir()]',
      '__all__ += other.__all__',
      '__all__.extend(names)',
    ]) {
      expect(summarizeText(parser, lines('__all__ = ["a"]', statement)).all?.dynamic, statement).toBe(true);
    }
    expect(summarizeText(parser, lines('__all__ = ["a"] + ["b"]', '__all__.append("c")')).all).toEqual({
      names: ['a', 'b', 'c'],
      dynamic: false,
    });
  });
});

describe('module resolution', () => {
  const roots = ['/w', '/w/src'];

  it('names a file by the innermost root, packages by their folder, namespace packages too', () => {
    expect(moduleOf('/w/src/inv/__init__.py', roots)).toEqual({ name: 'inv', isPackage: true });
    expect(moduleOf('/w/shop/pricing.py', roots)).toEqual({ name: 'shop.pricing', isPackage: false });
    expect(moduleOf('/w/ns/deep/mod.pyi', roots)).toEqual({ name: 'ns.deep.mod', isPackage: false });
    expect(moduleOf('/w/bad-name/mod.py', roots)).toBeUndefined();
    expect(moduleOf('/elsewhere/mod.py', roots)).toBeUndefined();
  });

  it('takes the `src` key (relative to the configuring file), else the root and its src/ folder', () => {
    expect(sourceRoots('/w', ['lib', '../shared'])).toEqual(['/w/lib', '/shared']);
    expect(sourceRoots('/nonexistent-root', undefined)).toEqual(['/nonexistent-root']);
    const where = { file: 'pyproject.toml', table: ['tool', 'pyconv'] };
    expect(validateSettings({ src: ['src', 'lib'] }, where).settings.src).toEqual(['src', 'lib']);
    const bad = validateSettings({ src: 'src' }, where);
    expect(bad.settings.src).toBeUndefined();
    expect(bad.problems.map((p) => p.message)).toEqual(['`src` must be a list of folder paths']);
  });

  it('resolves relative imports from a module and from a package', () => {
    const module = { name: 'a.b.c', isPackage: false };
    const pkg = { name: 'a.b', isPackage: true };
    expect(absoluteModule(module, 'x', 1)).toBe('a.b.x');
    expect(absoluteModule(module, '', 2)).toBe('a');
    expect(absoluteModule(pkg, 'x', 1)).toBe('a.b.x');
    expect(absoluteModule(pkg, 'x', 2)).toBe('a.x');
    expect(absoluteModule(module, 'x', 4)).toBeUndefined();
  });
});

describe('rename impact', () => {
  function indexOf(files: Record<string, string>): ProjectIndex {
    const index = new ProjectIndex();
    index.setRoots(['/w']);
    for (const [name, text] of Object.entries(files))
      index.set(path.join('/w', name), contentHash(text), summarizeText(parser, text));
    return index;
  }
  const base = {
    'shop/__init__.py': 'from .pricing import total\n',
    'shop/pricing.py': 'def total(): pass\n',
    'shop/cart.py': 'from .pricing import total as t\n',
    'app.py': 'from shop import total\n',
    'unrelated.py': 'total = 1\n',
    'attr.py': 'import shop.pricing as p\np.total()\n',
  };

  it('follows unaliased re-exports, not aliases, and finds module attribute uses', () => {
    const impact = indexOf(base).renameImpact('/w/shop/pricing.py', 'total');
    expect(impact).toEqual({
      ok: true,
      // Every module that imports it without an alias binds it under its name: `from app import total` would need the rename too.
      modules: new Set(['shop.pricing', 'shop', 'app']),
      files: ['/w/app.py', '/w/attr.py', '/w/shop/__init__.py', '/w/shop/cart.py'],
      patchFiles: [],
    });
  });

  it('refuses star imports of a public name, dynamic __all__, string uses and files outside the roots', () => {
    const star = indexOf({ ...base, 'star.py': 'from shop import *\n' }).renameImpact(
      '/w/shop/pricing.py',
      'total',
    );
    expect(star).toEqual({
      ok: false,
      reason: '`from shop import *` in star.py imports `total` under its name; pyconv cannot rename it there',
    });
    const hidden = indexOf({
      ...base,
      'shop/__init__.py': 'from .pricing import total\n__all__ = []\n',
      'star.py': 'from shop import *\n',
    });
    expect(hidden.renameImpact('/w/shop/pricing.py', 'total').ok).toBe(true);
    const dynamic = indexOf({
      ...base,
      'shop/__init__.py': 'from .pricing import total\n__all__ = list(names)\n',
    });
    expect(dynamic.renameImpact('/w/shop/pricing.py', 'total')).toEqual({
      ok: false,
      reason: '`__all__` of `shop` is built dynamically; pyconv cannot tell whether it lists `total`',
    });
    const strings = indexOf({ ...base, 'app.py': 'import shop\ngetattr(shop, "total")\n' });
    expect(strings.renameImpact('/w/shop/pricing.py', 'total').ok).toBe(false);
    expect(indexOf(base).renameImpact('/x/loose.py', 'total')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the project cannot be resolved/),
    });
  });
});
