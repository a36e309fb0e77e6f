import type { FileContext, FileRule } from '../../engine/rule';
import type { Node } from '../../engine/types';

const TEST_FOLDERS = new Set(['test', 'tests', 'testing']);

/** The top-level function and class definitions of the module. */
function topLevelDefinitions(root: Node): Node[] {
  const definitions: Node[] = [];
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const definition =
      statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition' || definition?.type === 'class_definition')
      definitions.push(definition);
  }
  return definitions;
}

function nameOf(definition: Node): string {
  return definition.childForFieldName('name')?.text ?? '';
}

/** A class holding at least one `test_*` method: pytest collects it only when it is named `Test*`. */
function hasTestMethods(classNode: Node): boolean {
  const body = classNode.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    if (!statement) continue;
    const definition =
      statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition' && nameOf(definition).startsWith('test')) return true;
  }
  return false;
}

function definesTests(definitions: readonly Node[]): boolean {
  return definitions.some((d) =>
    d.type === 'function_definition'
      ? nameOf(d).startsWith('test_')
      : nameOf(d).startsWith('Test') || hasTestMethods(d),
  );
}

function checkTestModule(ctx: FileContext, definitions: readonly Node[]): void {
  const parts = (ctx.file.path ?? '').split('/');
  const file = parts[parts.length - 1] ?? '';
  if (!file.endsWith('.py') || file.startsWith('test_') || file === 'conftest.py' || file === '__init__.py')
    return;
  if (!parts.slice(0, -1).some((folder) => TEST_FOLDERS.has(folder))) return;
  if (!definesTests(definitions)) return;
  const stem = file.replace(/\.py$/, '').replace(/^tests?_|_tests?$/g, '');
  const origin = { line: 0, character: 0 };
  ctx.report({ start: origin, end: origin }, `Test module \`${file}\` should be named \`test_${stem}.py\``);
}

export const testNaming: FileRule = {
  kind: 'file',
  meta: {
    code: 'PCV105',
    name: 'test-naming',
    summary: 'Test modules are named `test_*.py`; test classes start with `Test`.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Two checks, for pytest's collection conventions as style guide 004 states them:
- a module inside a \`test\`, \`tests\` or \`testing\` folder that defines tests (a top-level
  \`test_*\` function, or a class with \`test*\` methods or named \`Test*\`) must be named
  \`test_*.py\`; \`conftest.py\`, \`__init__.py\` and helper modules without tests are fine.
  The finding sits at the start of the file;
- in a test module (\`test_*.py\`, \`*_test.py\`, or any module under a test folder), a top-level
  class with \`test*\` methods must be named \`Test...\`.

Off by default: only style guide 004 asks for it, and unittest-style suites (\`FooTests(TestCase)\`, run
by unittest's own loader) are common.

## Why
Style guide 004: "Prefix \`test_\` for all test files", "Test classes: prefix with \`Test\`". pytest only
collects \`test_*.py\` files and \`Test*\` classes by default, so misnamed tests silently never run.

## Example
\`\`\`python
# tests/inference_checks.py
class InferenceMetricsSuite:
    def test_defaults(self): ...
\`\`\`

## Use instead
\`\`\`python
# tests/test_inference.py
class TestInferenceMetrics:
    def test_defaults(self): ...
\`\`\`

## Fix safety
There is no fix: renaming a file or a class belongs to the author.`,
  },
  check(ctx) {
    const path = ctx.file.path;
    if (!path) return;
    const parts = path.split('/');
    const file = parts[parts.length - 1] ?? '';
    const inTestFolder = parts.slice(0, -1).some((folder) => TEST_FOLDERS.has(folder));
    const isTestModule = /^test_.*\.py$|_test\.py$/.test(file) || inTestFolder;
    // Both checks concern test modules only: other modules' statements are not read at all.
    if (!isTestModule) return;
    const definitions = topLevelDefinitions(ctx.root);
    checkTestModule(ctx, definitions);
    for (const definition of definitions) {
      if (definition.type !== 'class_definition') continue;
      const name = definition.childForFieldName('name');
      if (!name || name.text.startsWith('Test') || !hasTestMethods(definition)) continue;
      ctx.report(name, `Test class \`${name.text}\` should start with \`Test\``);
    }
  },
};
