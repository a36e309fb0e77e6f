import { nodeRange } from '../../engine/positions';
import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Fix, Node, Position } from '../../engine/types';
import { builtinName, mapCallable, qualifiedName, unparenthesize } from './syntax';

const MUTABLE_LITERALS = new Set([
  'list',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
]);
const MUTABLE_CALLS = new Set([
  'builtins.dict',
  'builtins.list',
  'builtins.set',
  'collections.Counter',
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.deque',
]);
const IMMUTABLE_NON_GENERIC = new Set([
  'collections.abc.Sized',
  'typing.LiteralString',
  'typing.Sized',
  ...['bool', 'bytes', 'complex', 'float', 'int', 'object', 'range', 'str'].map((n) => `builtins.${n}`),
]);
const IMMUTABLE_GENERIC = new Set([
  ...['frozenset', 'tuple', 'frozendict'].map((n) => `builtins.${n}`),
  ...['ByteString', 'Collection', 'Container', 'Iterable', 'Mapping', 'Reversible', 'Sequence', 'Set'].map(
    (n) => `collections.abc.${n}`,
  ),
  ...[
    'AbstractSet',
    'ByteString',
    'Callable',
    'Collection',
    'Container',
    'FrozenSet',
    'Iterable',
    'Literal',
    'Mapping',
    'Never',
    'NoReturn',
    'Reversible',
    'Sequence',
    'Tuple',
  ].map((n) => `typing.${n}`),
]);

export const mutableArgumentDefault: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'B006',
    name: 'mutable-argument-default',
    summary: 'No mutable default arguments (`[]`, `{}`, `set()`, `list()`, `defaultdict()`, ...).',
    seeds: ['004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Flags parameter defaults that are mutable, as Ruff's stable B006 does: list, dict and set
displays and comprehensions, and calls to \`list\`/\`dict\`/\`set\`/\`collections.Counter\`/
\`OrderedDict\`/\`defaultdict\`/\`deque\`. A tuple holding one (\`([],)\`), a generator or a walrus
(\`(x := [])\`) is not flagged: only Ruff's preview mode flags those. A parameter
annotated with an immutable type (\`Sequence[str]\`, \`Mapping[str, int]\`, \`tuple[int, ...]\`,
\`frozenset\`, \`Optional[...]\` of one of those) is not flagged. Stub files are skipped.

## Why
Guide 004: "Avoid mutable defaults (use \`None\` + inline assignment)". The default is built once,
when the \`def\` runs, and shared by every call: appending to it in one call leaks into the next.

## Example
\`\`\`python
def collect(results, seen=[]):
    seen.append(results)
    return seen
\`\`\`

## Use instead
\`\`\`python
def collect(results, seen=None):
    if seen is None:
        seen = []
    seen.append(results)
    return seen
\`\`\`

## Fix safety
The fix replaces the default with \`None\` and adds \`if x is None: x = <default>\` at the start of
the body, after the docstring and any imports, as Ruff's does. It is unsafe: a caller that passes
\`None\` on purpose now gets the default, and code that relied on the shared object (a cache)
changes behaviour. No fix for a body on the same line as the \`def\`; a stub body (\`...\`,
\`pass\`, a docstring, \`raise NotImplementedError\`) only gets the \`None\` default.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    if (ctx.file.isStub) return;
    const parameters = node.childForFieldName('parameters');
    if (!parameters) return;
    for (const parameter of parameters.namedChildren) {
      if (
        !parameter ||
        (parameter.type !== 'default_parameter' && parameter.type !== 'typed_default_parameter')
      )
        continue;
      const value = parameter.childForFieldName('value');
      const name = parameter.childForFieldName('name');
      if (!value || !name || !isGuaranteedMutable(value, ctx)) continue;
      const annotation = parameter.childForFieldName('type');
      if (annotation && isImmutableAnnotation(annotationExpression(annotation), ctx)) continue;
      ctx.report(
        unparenthesize(value),
        'Do not use mutable data structures for argument defaults',
        moveInitialization(node, name.text, value, ctx),
      );
    }
  },
};

function annotationExpression(type: Node): Node {
  return type.type === 'type' && type.namedChildCount === 1 ? (type.namedChild(0) as Node) : type;
}

/**
 * Ruff's stable B006 (`is_mutable_expr`): a display, comprehension or mutable call, parenthesised
 * or not. Ruff's preview also flags generators and tuples or walrus expressions holding one; its
 * stable release, which users run, does not, and neither does pyconv.
 */
function isGuaranteedMutable(expression: Node, ctx: UnitContext): boolean {
  return isMutable(unparenthesize(expression), ctx);
}

function isMutable(node: Node, ctx: UnitContext): boolean {
  if (MUTABLE_LITERALS.has(node.type)) return true;
  if (node.type !== 'call') return false;
  let func = mapCallable(node);
  if (func.type === 'subscript') func = func.childForFieldName('value') ?? func;
  const name = qualifiedName(func, ctx);
  return name !== undefined && MUTABLE_CALLS.has(name);
}

function isImmutableAnnotation(expression: Node, ctx: UnitContext): boolean {
  const node = unparenthesize(expression);
  switch (node.type) {
    case 'none':
      return true;
    case 'identifier':
    case 'attribute': {
      const name = qualifiedName(node, ctx);
      return name !== undefined && (IMMUTABLE_NON_GENERIC.has(name) || IMMUTABLE_GENERIC.has(name));
    }
    case 'generic_type':
    case 'subscript': {
      const value = node.type === 'subscript' ? node.childForFieldName('value') : node.namedChild(0);
      if (!value) return false;
      const name = qualifiedName(value, ctx);
      if (name === undefined) return false;
      if (IMMUTABLE_GENERIC.has(name)) return true;
      const slice = subscriptItems(node);
      if (name === 'typing.Union')
        return slice.length > 1 && slice.every((item) => isImmutableAnnotation(item, ctx));
      if (name === 'typing.Optional') return slice.length === 1 && isImmutableAnnotation(slice[0], ctx);
      if (name === 'typing.Annotated' || name === 'typing_extensions.Annotated') {
        return slice.length > 1 && isImmutableAnnotation(slice[0], ctx);
      }
      return false;
    }
    case 'type':
      return node.namedChildCount === 1 && isImmutableAnnotation(node.namedChild(0) as Node, ctx);
    case 'union_type':
      return node.namedChildren.every((c) => !c || c.type === 'comment' || isImmutableAnnotation(c, ctx));
    case 'binary_operator': {
      const operator = node.childForFieldName('operator');
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return (
        operator?.text === '|' &&
        !!left &&
        !!right &&
        isImmutableAnnotation(left, ctx) &&
        isImmutableAnnotation(right, ctx)
      );
    }
    default:
      return false;
  }
}

/** The elements inside `X[...]`: one for `X[a]`, several for `X[a, b]`. */
function subscriptItems(node: Node): Node[] {
  if (node.type === 'subscript') {
    const items = node.childrenForFieldName('subscript').filter((c): c is Node => !!c);
    if (items.length === 1 && items[0].type === 'tuple')
      return items[0].namedChildren.filter((c): c is Node => !!c);
    return items;
  }
  const args = node.namedChildren.find((c) => c?.type === 'type_parameter');
  return args ? args.namedChildren.filter((c): c is Node => !!c).map(annotationExpression) : [];
}

function moveInitialization(def: Node, name: string, value: Node, ctx: UnitContext): Fix | null {
  const body = def.childForFieldName('body');
  const statements = body?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
  const first = statements[0];
  if (!body || !first || body.hasError) return null;
  // Ruff does not fix single-line functions: the body shares the line of `def ...:`.
  const colon = def.children.find((c) => c?.type === ':' && c.startIndex < body.startIndex);
  if (!colon || colon.endPosition.row === first.startPosition.row) return null;
  const defaultEdit = { range: nodeRange(value), newText: 'None' };
  const title = `Replace with \`None\`; initialize within function`;
  if (isStubBody(statements, ctx)) return { title, safe: false, edits: [defaultEdit] };

  // The engine writes line breaks as the file's own (engine/line-endings.ts).
  const lineEnding = '\n';
  const bodyIndent = lineIndentation(ctx.source, first);
  const defIndent = lineIndentation(ctx.source, def);
  const unit =
    bodyIndent.startsWith(defIndent) && bodyIndent.length > defIndent.length
      ? bodyIndent.slice(defIndent.length)
      : '    ';
  const block = `if ${name} is None:${lineEnding}${bodyIndent}${unit}${name} = ${value.text}${lineEnding}`;
  // Inserted where the statement it goes before starts (not at its line's start): a docstring
  // template inserted there in the same pass then conflicts and waits for the next one, which puts
  // it first, so the block never goes in before the docstring.
  let content = `${block}${bodyIndent}`;
  let at: Position = { line: first.startPosition.row, character: first.startPosition.column };
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    if (!isDocstringOrImport(statement)) break;
    const next = statements[i + 1];
    if (next) {
      if (next.startPosition.row === statement.endPosition.row) continue;
      at = { line: next.startPosition.row, character: next.startPosition.column };
    } else {
      content = `${bodyIndent}${block}`;
      const afterLine = lineEndAfter(ctx.source, statement);
      if (afterLine === undefined) {
        content = `${lineEnding}${content}`;
        at = { line: statement.endPosition.row, character: lineLength(ctx.source, statement) };
      } else {
        at = { line: statement.endPosition.row + 1, character: 0 };
      }
      break;
    }
  }
  return { title, safe: false, edits: [defaultEdit, { range: { start: at, end: at }, newText: content }] };
}

function isDocstringOrImport(statement: Node): boolean {
  if (statement.type === 'import_statement' || statement.type === 'import_from_statement') return true;
  if (statement.type === 'future_import_statement') return true;
  return (
    statement.type === 'expression_statement' &&
    statement.namedChildCount === 1 &&
    isStringNode(statement.namedChild(0))
  );
}

function isStringNode(node: Node | null): boolean {
  return !!node && (node.type === 'string' || node.type === 'concatenated_string');
}

function isStubBody(statements: Node[], ctx: UnitContext): boolean {
  return statements.every((statement) => {
    if (statement.type === 'pass_statement') return true;
    if (statement.type === 'expression_statement' && statement.namedChildCount === 1) {
      const value = statement.namedChild(0);
      return !!value && (isStringNode(value) || value.type === 'ellipsis');
    }
    if (statement.type === 'raise_statement') {
      const raised = statement.namedChild(0);
      if (!raised) return false;
      const name = builtinName(mapCallable(raised), ctx);
      return name === 'NotImplementedError' || name === 'NotImplemented';
    }
    return false;
  });
}

function lineIndentation(source: string, node: Node): string {
  const lineStart = source.lastIndexOf('\n', node.startIndex - 1) + 1;
  const prefix = source.slice(lineStart, node.startIndex);
  return /^[ \t]*$/.test(prefix) ? prefix : (/^[ \t]*/.exec(prefix)?.[0] ?? '');
}

/** Undefined when the statement's line is the last one and has no line ending. */
function lineEndAfter(source: string, node: Node): number | undefined {
  const newline = source.indexOf('\n', node.endIndex);
  return newline === -1 ? undefined : newline + 1;
}

function lineLength(source: string, node: Node): number {
  const lineStart = source.lastIndexOf('\n', node.endIndex - 1) + 1;
  const lineEnd = source.indexOf('\n', node.endIndex);
  return (lineEnd === -1 ? source.length : lineEnd) - lineStart;
}
