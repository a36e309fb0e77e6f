import type { FileRule } from '../../engine/rule';
import { isMigrationName, isModuleName } from './case';
import { isIgnoredName } from './options';

const PACKAGE_FILES = new Set(['__init__.py', '__init__.pyi', '__main__.py', '__main__.pyi']);

/**
 * The module name Ruff's N999 checks for a path: the file's stem, or the folder's name for
 * `__init__`/`__main__` files; undefined when the path is not a Python file.
 */
export function moduleNameOf(path: string): { name: string; inMigrations: boolean } | undefined {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const file = parts[parts.length - 1];
  if (!file || !/\.pyi?$/.test(file)) return undefined;
  const folder = parts[parts.length - 2];
  const inMigrations = folder === 'versions' || folder === 'migrations';
  if (PACKAGE_FILES.has(file)) return folder === undefined ? undefined : { name: folder, inMigrations };
  return { name: file.replace(/\.pyi?$/, ''), inMigrations };
}

export const invalidModuleName: FileRule = {
  kind: 'file',
  meta: {
    code: 'N999',
    name: 'invalid-module-name',
    summary: 'Module file names are snake_case.',
    seeds: ['001', '004'],
    defaultEnabled: true,
    fix: 'none',
    offInNotebooks:
      "because a notebook's file name is a title for people (`01 Data cleaning.ipynb`), never imported as a module",
    doc: `## What it does
Flags a Python file whose module name is not lowercase snake_case (ASCII letters, digits and
\`_\`, not starting with a digit, not a keyword), as Ruff's N999 does. For \`__init__.py\` and
\`__main__.py\` the package folder's name is checked. Files in \`migrations\`/\`versions\` folders may
start with a digit (\`0001_initial.py\`). Names matching \`[tool.pyconv.pep8-naming] ignore-names\`
/ \`extend-ignore-names\` are skipped. The finding sits at the start of the file.

Differences from Ruff: Ruff checks only files inside a package (a folder with \`__init__.py\`) and,
for \`__init__.py\`, names the topmost package; pyconv sees only the path, so it checks every saved
file and names the file's own folder. Unsaved buffers are not checked.

## Why
The style guides 001 and 004 name modules in snake_case (\`model_loader.py\`); a name with dashes or capitals
cannot be imported, or imports differently on case-insensitive file systems.

## Example
\`\`\`text
src/ModelLoader.py
src/model-loader.py
\`\`\`

## Use instead
\`\`\`text
src/model_loader.py
\`\`\`

## Fix safety
There is no automatic fix (the CLI never renames files). In the editor, a quick fix "Rename module
\`Old\` to \`old\` and update its imports" (unsafe) moves the file with a RenameFile operation and
updates every import of the module the project index knows (\`import a.Old\` and its \`a.Old.x\` uses,
\`import a.Old as m\`, \`from a.Old import x\`, relative forms, \`from a import Old\` and the uses of
\`Old\`), in one workspace edit. It is offered only to editors that apply file renames in workspace
edits; otherwise, and for a package folder, a \`.pyi\` stub beside the file, a name already taken or
the module named in a string (\`importlib\`, \`patch()\`), it is shown disabled with the reason.`,
  },
  check(ctx) {
    if (!ctx.file.path) return;
    const module = moduleNameOf(ctx.file.path);
    if (!module) return;
    const valid = module.inMigrations ? isMigrationName(module.name) : isModuleName(module.name);
    if (valid || isIgnoredName(ctx, module.name)) return;
    const origin = { line: 0, character: 0 };
    ctx.report({ start: origin, end: origin }, `Invalid module name: '${module.name}'`);
  },
};
