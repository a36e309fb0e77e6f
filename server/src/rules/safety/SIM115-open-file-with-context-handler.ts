import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import {
  callArguments,
  importedName,
  mayBeCallTo,
  parentExpression,
  qualifiedName,
  unparenthesize,
} from './syntax';

const OPENERS = new Set([
  ...['builtins', 'bz2', 'codecs', 'dbm', 'gzip', 'tarfile', 'shelve', 'tokenize', 'wave'].map(
    (m) => `${m}.open`,
  ),
  ...['gnu', 'ndbm', 'dumb', 'sqlite3'].map((m) => `dbm.${m}.open`),
  'fileinput.FileInput',
  'fileinput.input',
  'io.open',
  'io.open_code',
  'lzma.LZMAFile',
  'lzma.open',
  'tarfile.TarFile.taropen',
  'tempfile.TemporaryFile',
  'tempfile.NamedTemporaryFile',
  'tempfile.SpooledTemporaryFile',
]);
const INSTANCE_OPENERS: Record<string, readonly string[]> = {
  'pathlib.Path': ['open'],
  'zipfile.ZipFile': ['open'],
  'lzma.LZMAFile': ['open'],
  'tarfile.TarFile': ['open', 'taropen', 'gzopen', 'bz2open', 'xzopen'],
};
/** The last names of every opener above, for a cheap first test. */
const OPENER_NAMES = new Set([
  ...[...OPENERS].map((name) => name.slice(name.lastIndexOf('.') + 1)),
  ...Object.values(INSTANCE_OPENERS).flat(),
]);
const STATEMENT_TYPES_STOP = new Set(['block', 'module']);

export const openFileWithContextHandler: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'SIM115',
    name: 'open-file-with-context-handler',
    summary: 'Open files in a `with` statement.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags calls that open a file outside a context manager, as Ruff's SIM115 does: \`open()\`,
\`io.open\`, \`gzip.open\`, \`bz2.open\`, \`lzma.open\`, \`tarfile.open\`, \`codecs.open\`,
\`tempfile.TemporaryFile\`/\`NamedTemporaryFile\`/\`SpooledTemporaryFile\`, \`pathlib.Path(...).open()\`,
\`zipfile.ZipFile(...).open()\` and a few more. Not flagged: a call inside a \`with\` statement's
header, inside a \`return\` statement, closed at once (\`open(p).close()\`), passed to
\`stack.enter_context(...)\` (or awaited \`enter_async_context\`) under \`with contextlib.ExitStack()\`
(\`AsyncExitStack\`), passed to \`self.enterContext\`/\`cls.enterClassContext\`, or made in
\`__enter__\`.

## Why
Guide 002's first example: a file opened without \`with\` stays open when the code in between raises.

## Example
\`\`\`python
f = open(path)
data = f.read()
f.close()
\`\`\`

## Use instead
\`\`\`python
with open(path) as f:
    data = f.read()
\`\`\`

## Fix safety
No automatic fix: the block that should live inside \`with\` is for the author to choose.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (!func || !mayBeCallTo(func, ctx, OPENER_NAMES) || !isOpenCall(func, ctx)) return;
    if (isImmediatelyClosed(node)) return;
    const statement = enclosingStatement(node);
    if (statement?.type === 'with_statement' || statement?.type === 'return_statement') return;
    if (isEnteredOnStack(node, ctx)) return;
    if (isUnittestContext(node)) return;
    const scope = ctx.scopes[ctx.scopes.length - 1];
    if (scope?.type === 'function_definition' && scope.childForFieldName('name')?.text === '__enter__')
      return;
    ctx.report(func, 'Use a context manager for opening files');
  },
};

function isOpenCall(func: Node, ctx: UnitContext): boolean {
  const name = qualifiedName(func, ctx);
  if (name !== undefined) return OPENERS.has(name);
  const callee = unparenthesize(func);
  if (callee.type !== 'attribute') return false;
  const object = callee.childForFieldName('object');
  const method = callee.childForFieldName('attribute')?.text;
  if (!object || !method || unparenthesize(object).type !== 'call') return false;
  const factory = unparenthesize(object).childForFieldName('function');
  const instance = factory ? importedName(factory, ctx) : undefined;
  return instance !== undefined && (INSTANCE_OPENERS[instance]?.includes(method) ?? false);
}

/** `open(p).close()`: the grandparent is a call of `.close` without arguments. */
function isImmediatelyClosed(call: Node): boolean {
  const parent = parentExpression(call);
  if (parent?.type !== 'attribute' || parent.childForFieldName('attribute')?.text !== 'close') return false;
  const grandparent = parentExpression(parent);
  if (grandparent?.type !== 'call' || grandparent.childForFieldName('function')?.id !== parent.id)
    return false;
  const args = callArguments(grandparent);
  return args.positional.length === 0 && args.keywords.size === 0 && !args.hasDoubleSplat;
}

/** The innermost statement holding the node (a compound statement only through its header). */
function enclosingStatement(node: Node): Node | null {
  let child = node;
  for (let current = node.parent; current; current = current.parent) {
    if (STATEMENT_TYPES_STOP.has(current.type)) return child;
    child = current;
  }
  return null;
}

function isEnteredOnStack(call: Node, ctx: UnitContext): boolean {
  const parent = parentExpression(call);
  let stackType: string;
  if (parent?.type === 'call' && calledMethod(parent) === 'enter_context') stackType = 'contextlib.ExitStack';
  else {
    const grandparent = parent ? parentExpression(parent) : null;
    if (
      parent?.type !== 'call' ||
      grandparent?.type !== 'await' ||
      calledMethod(parent) !== 'enter_async_context'
    )
      return false;
    stackType = 'contextlib.AsyncExitStack';
  }
  for (let current = call.parent; current; current = current.parent) {
    if (current.type !== 'with_statement') continue;
    const clause = current.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (item?.type !== 'with_item') continue;
      let value = item.childForFieldName('value');
      value = value ? unparenthesize(value) : null;
      if (value?.type === 'as_pattern') value = value.namedChild(0);
      value = value ? unparenthesize(value) : null;
      const factory = value?.type === 'call' ? value.childForFieldName('function') : null;
      if (factory && importedName(factory, ctx) === stackType) return true;
    }
  }
  return false;
}

function calledMethod(call: Node): string | undefined {
  const func = call.childForFieldName('function');
  return func?.type === 'attribute' ? func.childForFieldName('attribute')?.text : undefined;
}

function isUnittestContext(call: Node): boolean {
  const parent = parentExpression(call);
  if (parent?.type !== 'call') return false;
  const func = parent.childForFieldName('function');
  if (func?.type !== 'attribute') return false;
  const object = func.childForFieldName('object');
  const method = func.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier') return false;
  return (
    (object.text === 'cls' && method === 'enterClassContext') ||
    (object.text === 'self' && (method === 'enterContext' || method === 'enterAsyncContext'))
  );
}
