import { describe, expect, it } from 'vitest';
import { moduleNameOf } from '../../server/src/rules/naming/N999-invalid-module-name';
import { flagged } from '../helpers/analyze';

const at = (path: string) => ({ file: { path } });

describe('N999 invalid-module-name', () => {
  it('flags file names that are not snake_case, at the start of the file', async () => {
    expect(await flagged('x = 1\n', 'N999', at('src/ModelLoader.py'))).toEqual(['N999 0:0-0:0']);
    expect(await flagged('x = 1\n', 'N999', at('src/model-loader.py'))).toEqual(['N999 0:0-0:0']);
    expect(await flagged('x = 1\n', 'N999', at('src/import.py'))).toEqual(['N999 0:0-0:0']);
    expect(await flagged('x = 1\n', 'N999', at('src/1st.py'))).toEqual(['N999 0:0-0:0']);
  });

  it('accepts snake_case, private and dunder modules, migrations and unsaved buffers', async () => {
    expect(await flagged('x = 1\n', 'N999', at('src/model_loader2.py'))).toEqual([]);
    expect(await flagged('x = 1\n', 'N999', at('src/_private.py'))).toEqual([]);
    expect(await flagged('x = 1\n', 'N999', at('app/migrations/0001_initial.py'))).toEqual([]);
    expect(await flagged('x = 1\n', 'N999', at('alembic/versions/0002_add.py'))).toEqual([]);
    expect(await flagged('x = 1\n', 'N999', {})).toEqual([]);
  });

  it('checks the package folder for __init__.py and __main__.py', async () => {
    expect(await flagged('', 'N999', at('src/BadPkg/__init__.py'))).toEqual(['N999 0:0-0:0']);
    expect(await flagged('', 'N999', at('src/good_pkg/__main__.py'))).toEqual([]);
    expect(moduleNameOf('__init__.py')).toBeUndefined();
    expect(moduleNameOf('a/b/__init__.pyi')).toEqual({ name: 'b', inMigrations: false });
    expect(moduleNameOf('a/notes.txt')).toBeUndefined();
  });

  it('honours ignore-names', async () => {
    const options = { 'pep8-naming': { 'extend-ignore-names': ['Model*'] } };
    expect(await flagged('x = 1\n', 'N999', { ...at('src/ModelLoader.py'), options })).toEqual([]);
  });
});
