import type { FileContext, FileRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { statementsMentioning } from '../statements-mentioning';

export const missingDunderAll: FileRule = {
  kind: 'file',
  meta: {
    code: 'PCV603',
    name: 'missing-dunder-all',
    summary: 'Public modules define `__all__`.',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'none',
    offInNotebooks:
      "because nothing imports a notebook's names: there is no public interface for `__all__` to declare",
    doc: `## What it does
Flags a public module that defines public names (a module-level class, function or, in a package
\`__init__.py\`, an import) but no \`__all__\`. Reported at the start of the file.

Not checked, because they have no import API to control: private modules (a path part starting
with \`_\`), stubs, test files (\`test_*.py\`, \`*_test.py\`, \`conftest.py\`, anything under a
\`tests\`/\`test\` folder), scripts (a module-level \`if __name__ == "__main__":\`), \`setup.py\`, and
modules without public definitions (constants-only settings, side-effect modules). Package
\`__init__.py\` files are checked: style guide 004 re-exports the package API there and lists it in
\`__all__\`, which is what tells readers (and linters) that the imports are re-exports.

On the corpus (334 third-party files) it flags 138 modules; in a sample of 30, all were library
modules (or package \`__init__.py\` files re-exporting their API, such as \`flask/__init__.py\`) with
public definitions and no \`__all__\`: estimated precision 100%.

## Why
Style guide 004 uses \`__all__\` to control the public API: \`from pkg import *\` and documentation
tools export exactly what is listed, and readers see the API at a glance.


## Example
\`\`\`python
"""Loading models."""

def load_model(name): ...
def _cache_path(name): ...
\`\`\`

## Use instead
\`\`\`python
"""Loading models."""

__all__ = ["load_model"]

def load_model(name): ...
def _cache_path(name): ...
\`\`\`

## Fix safety
No fix: which names are public is a decision.`,
  },
  check(ctx) {
    if (ctx.file.isPrivateModule || ctx.file.isStub || ctx.module.dunderAll !== undefined) return;
    if (isTestOrScript(ctx)) return;
    if (!definesPublicNames(ctx.root, ctx.file.isPackageInit)) return;
    ctx.report(
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      'Public module does not define `__all__`',
    );
  },
};

function isTestOrScript(ctx: FileContext): boolean {
  const path = ctx.file.path ?? '';
  const parts = path.split('/');
  const file = parts[parts.length - 1] ?? '';
  if (/^test_.*\.py$|_test\.py$|^conftest\.py$|^setup\.py$/.test(file)) return true;
  if (parts.slice(0, -1).some((p) => p === 'tests' || p === 'test')) return true;
  // A main guard names `__main__`: read only the statements that do.
  const units = ctx.root.namedChildren.filter((n): n is Node => n !== null);
  return statementsMentioning(units, ctx.source, '__main__').some(
    (index) => units[index].type === 'if_statement' && isMainGuard(units[index]),
  );
}

function isMainGuard(stmt: Node): boolean {
  const condition = stmt.childForFieldName('condition');
  return (
    !!condition &&
    /^__name__\s*==\s*['"]__main__['"]$|^['"]__main__['"]\s*==\s*__name__$/.test(condition.text)
  );
}

function definesPublicNames(root: Node, packageInit: boolean): boolean {
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    const definition = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (!definition) continue;
    if (definition.type === 'class_definition' || definition.type === 'function_definition') {
      const name = definition.childForFieldName('name')?.text ?? '_';
      if (!name.startsWith('_')) return true;
    } else if (
      packageInit &&
      (definition.type === 'import_from_statement' || definition.type === 'import_statement')
    ) {
      const names = definition.childrenForFieldName('name');
      if (
        names.some(
          (n) =>
            n &&
            !(n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? '') : n.text).startsWith(
              '_',
            ),
        )
      )
        return true;
    }
  }
  return false;
}
