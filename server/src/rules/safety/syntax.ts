import { LITERAL_CONSTANTS } from '../../analysis/python-names';
import type { BaseContext, UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';

/**
 * Syntax helpers shared by the exceptions and safety families: calls and their arguments, string
 * literal values, truthiness, name resolution (imports, function-local imports, builtins) and
 * statement visiting the way Ruff's statement visitors do it.
 */

/** The expression inside any number of parentheses. */
export function unparenthesize(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChildren.find((child) => child && child.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

/**
 * The nearest enclosing expression as Ruff's AST sees it: parentheses are not nodes there, and a
 * call's arguments (positional or keyword) have the call itself as their parent.
 */
export function parentExpression(node: Node): Node | null {
  let current = node.parent;
  while (current) {
    if (current.type === 'parenthesized_expression' || current.type === 'argument_list')
      current = current.parent;
    else if (current.type === 'keyword_argument') current = current.parent;
    else break;
  }
  if (!current || !EXPRESSION_TYPES.has(current.type)) return null;
  return current;
}

const EXPRESSION_TYPES = new Set([
  'call',
  'attribute',
  'subscript',
  'binary_operator',
  'unary_operator',
  'boolean_operator',
  'not_operator',
  'comparison_operator',
  'conditional_expression',
  'await',
  'lambda',
  'list',
  'tuple',
  'set',
  'dictionary',
  'pair',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'named_expression',
  'interpolation',
  'list_splat',
  'dictionary_splat',
  'slice',
]);

export interface CallArguments {
  /** Positional arguments in order, including `*args` splats. */
  positional: Node[];
  keywords: ReadonlyMap<string, Node>;
  /** The keyword_argument nodes, for ranges that cover `name=value`. */
  keywordNodes: ReadonlyMap<string, Node>;
  hasDoubleSplat: boolean;
  list: Node | null;
}

/** The keywords of a call without any: one map for all (most calls have none, and call rules ask for every call). */
const NO_KEYWORDS: ReadonlyMap<string, Node> = new Map();

export function callArguments(call: Node): CallArguments {
  const list = call.childForFieldName('arguments');
  const result: CallArguments = {
    positional: [],
    keywords: NO_KEYWORDS,
    keywordNodes: NO_KEYWORDS,
    hasDoubleSplat: false,
    list: list && list.type === 'argument_list' ? list : null,
  };
  if (!result.list) return result;
  let keywords: Map<string, Node> | undefined;
  let keywordNodes: Map<string, Node> | undefined;
  const children = result.list.namedChildren;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (!name || !value) continue;
      if (!keywords || !keywordNodes) {
        keywords = new Map();
        keywordNodes = new Map();
        result.keywords = keywords;
        result.keywordNodes = keywordNodes;
      }
      if (!keywords.has(name.text)) {
        keywords.set(name.text, value);
        keywordNodes.set(name.text, child);
      }
    } else if (child.type === 'dictionary_splat') {
      result.hasDoubleSplat = true;
    } else {
      result.positional.push(child);
    }
  }
  return result;
}

/** Ruff's `find_argument_value`: the keyword, else the positional argument before any `*splat`. */
export function findArgument(args: CallArguments, name: string, position: number): Node | undefined {
  const keyword = args.keywords.get(name);
  if (keyword) return keyword;
  for (let i = 0; i < args.positional.length; i++) {
    if (args.positional[i].type === 'list_splat') return undefined;
    if (i === position) return args.positional[i];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Strings

export interface StringPart {
  node: Node;
  prefix: string;
  isFString: boolean;
  isBytes: boolean;
  isTemplate: boolean;
  isRaw: boolean;
  /** The text between the quotes, as written. */
  raw: string;
  quote: string;
}

/** The parts of a `string` or implicitly concatenated string; undefined for other nodes. */
export function stringParts(node: Node): StringPart[] | undefined {
  const unwrapped = unparenthesize(node);
  if (unwrapped.type === 'string') return [describeString(unwrapped)];
  if (unwrapped.type === 'concatenated_string') {
    return unwrapped.namedChildren.filter((c): c is Node => c?.type === 'string').map(describeString);
  }
  return undefined;
}

function describeString(node: Node): StringPart {
  const start = node.child(0);
  const end = node.child(node.childCount - 1);
  const opening = start?.type === 'string_start' ? start.text : '"';
  const prefix = opening.replace(/["']+$/, '');
  const quote = opening.slice(prefix.length);
  const lower = prefix.toLowerCase();
  const contentStart = start ? start.endIndex : node.startIndex;
  const contentEnd = end?.type === 'string_end' ? end.startIndex : node.endIndex;
  const raw = node.text.slice(contentStart - node.startIndex, contentEnd - node.startIndex);
  return {
    node,
    prefix,
    isFString: lower.includes('f'),
    isBytes: lower.includes('b'),
    isTemplate: lower.includes('t'),
    isRaw: lower.includes('r'),
    raw,
    quote,
  };
}

/** Whether the node is what Ruff calls an f-string: any implicit concatenation with an f-part. */
export function isFString(node: Node): boolean {
  const parts = stringParts(node);
  return !!parts && parts.some((p) => p.isFString) && !parts.some((p) => p.isTemplate);
}

/** The value of a plain string literal (no f/b/t parts), escapes decoded; otherwise undefined. */
export function stringLiteralValue(node: Node): string | undefined {
  const parts = stringParts(node);
  if (!parts || parts.some((p) => p.isFString || p.isBytes || p.isTemplate)) return undefined;
  return parts.map((p) => (p.isRaw ? p.raw : decodeEscapes(p.raw))).join('');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes Python string escapes (`\n`, `\x41`, `\u00e9`, octal, line continuations). */
export function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[i + 1];
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === '\n') {
      i++;
    } else if (next === '\r') {
      i += raw[i + 2] === '\n' ? 2 : 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + width);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === width) {
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 1 + width;
      } else {
        out += c;
      }
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(raw.slice(i + 1))?.[0] ?? next;
      out += String.fromCodePoint(Number.parseInt(octal, 8));
      i += octal.length;
    } else if (next === 'N' && raw[i + 2] === '{') {
      const close = raw.indexOf('}', i + 3);
      // Named characters are not resolved; a placeholder keeps emptiness and length checks honest.
      out += '\uFFFD';
      i = close === -1 ? raw.length : close;
    } else {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Truthiness (Ruff's `Truthiness::from_expr`, reduced to what the rules here need)

export type Truthiness = 'true' | 'truthy' | 'false' | 'falsey' | 'none' | 'unknown';

const ITERABLE_INITIALIZERS = new Set([
  'list',
  'tuple',
  'set',
  'frozenset',
  'dict',
  'str',
  'bytes',
  'bytearray',
]);

export function truthiness(expression: Node): Truthiness {
  const node = unparenthesize(expression);
  switch (node.type) {
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'none':
      return 'none';
    case 'lambda':
    case 'generator_expression':
    case 'ellipsis':
      return 'truthy';
    case 'integer':
    case 'float':
      return Number(node.text.replace(/_/g, '').replace(/[jJ]$/, '')) === 0 ? 'falsey' : 'truthy';
    case 'string':
    case 'concatenated_string': {
      const parts = stringParts(node) ?? [];
      if (parts.some((p) => p.isTemplate)) return 'truthy';
      if (parts.some((p) => p.raw.length > 0 && !p.isFString)) return 'truthy';
      if (parts.every((p) => p.raw.length === 0)) return 'falsey';
      return parts.some((p) => p.isFString && isNonEmptyFString(p.node)) ? 'truthy' : 'unknown';
    }
    case 'list':
    case 'set':
    case 'tuple': {
      const items = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (items.length === 0) return 'falsey';
      return items.every((c) => c.type === 'list_splat') ? 'unknown' : 'truthy';
    }
    case 'dictionary': {
      const items = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (items.length === 0) return 'falsey';
      return items.every((c) => c.type === 'dictionary_splat') ? 'unknown' : 'truthy';
    }
    case 'call': {
      const func = node.childForFieldName('function');
      if (func?.type !== 'identifier' || !ITERABLE_INITIALIZERS.has(func.text)) return 'unknown';
      const args = callArguments(node);
      if (args.positional.length === 0 && args.keywords.size === 0 && !args.hasDoubleSplat) return 'falsey';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/**
 * An f-string part that is never empty, as Ruff's `is_non_empty_f_string`: literal text, a
 * self-documenting `{x=}`, or a replacement field whose value always prints as something.
 */
function isNonEmptyFString(fString: Node): boolean {
  return fString.namedChildren.some((child) => {
    if (child?.type === 'string_content') return true;
    if (child?.type !== 'interpolation') return false;
    if (child.children.some((token) => token?.type === '=')) return true;
    const expression = child.namedChild(0);
    return !!expression && printsNonEmpty(expression);
  });
}

const ALWAYS_PRINTED = new Set([
  ...LITERAL_CONSTANTS,
  'list',
  'tuple',
  'set',
  'dictionary',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
]);

/** Whether `str(value)` is never empty, judged from the syntax alone (Ruff's cases). */
function printsNonEmpty(value: Node): boolean {
  const node = unparenthesize(value);
  if (ALWAYS_PRINTED.has(node.type)) return true;
  switch (node.type) {
    case 'conditional_expression': {
      const [body, , orelse] = node.namedChildren;
      return !!body && !!orelse && printsNonEmpty(body) && printsNonEmpty(orelse);
    }
    case 'named_expression': {
      const named = node.childForFieldName('value');
      return !!named && printsNonEmpty(named);
    }
    case 'string':
    case 'concatenated_string': {
      const parts = stringParts(node) ?? [];
      if (parts.some((p) => p.isBytes || p.isTemplate)) return true;
      if (parts.some((p) => p.raw.length > 0 && !p.isFString)) return true;
      return parts.some((p) => p.isFString && isNonEmptyFString(p.node));
    }
    default:
      return false;
  }
}

export function isTruthy(value: Truthiness): boolean | undefined {
  if (value === 'true' || value === 'truthy') return true;
  if (value === 'false' || value === 'falsey' || value === 'none') return false;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Name resolution

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);
const NESTED_SCOPE_TYPES = new Set([
  'function_definition',
  'class_definition',
  'decorated_definition',
  'lambda',
]);

/** What the enclosing functions bind that can shadow imports and builtins. */
interface ScopeInfo {
  /** Imports made inside the enclosing functions, e.g. `def f(): import requests` (inner wins). */
  imports: Map<string, string>;
  /** Parameter names of the enclosing functions and lambdas. */
  parameters: Set<string>;
}

const EMPTY_SCOPE: ScopeInfo = { imports: new Map(), parameters: new Set() };

/**
 * The local imports and parameters of the enclosing scopes, computed once per innermost scope and
 * analysis. Ruff resolves function-local imports too; they belong to the unit, so using them keeps
 * the incremental contract.
 */
function scopeInfo(ctx: UnitContext): ScopeInfo {
  const innermost = ctx.scopes[ctx.scopes.length - 1];
  if (!innermost) return EMPTY_SCOPE;
  return ctx.shared(innermost, 'enclosing-scope-info', scopeInfoOfInnermost);
}

/** `enclosingScopeInfo` as `ctx.shared` calls it (made once: scope info is asked for most calls). */
function scopeInfoOfInnermost(_innermost: Node, ctx: UnitContext): ScopeInfo {
  return enclosingScopeInfo(ctx);
}

function enclosingScopeInfo(ctx: UnitContext): ScopeInfo {
  const info: ScopeInfo = { imports: new Map(), parameters: new Set() };
  for (const scope of ctx.scopes) {
    if (!FUNCTION_TYPES.has(scope.type)) continue;
    const parameters = scope.childForFieldName('parameters');
    for (const parameter of parameters?.namedChildren ?? []) {
      const name = parameter ? parameterName(parameter) : undefined;
      if (name) info.parameters.add(name);
    }
    const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : null;
    if (body) for (const [name, qualified] of importsInBody(body, ctx)) info.imports.set(name, qualified);
  }
  return info;
}

const NO_IMPORTS: ReadonlyMap<string, string> = new Map();

function importsInBody(body: Node, ctx: UnitContext): ReadonlyMap<string, string> {
  // A function body is scanned once per analysis of its unit, however many calls it holds; most
  // import nothing, which their text tells at once (a search of the file from the body on would
  // run to its end when no import follows).
  return ctx.shared(body, 'imports-in-body', () =>
    body.text.includes('import') ? bodyImports(body) : NO_IMPORTS,
  );
}

function bodyImports(body: Node): ReadonlyMap<string, string> {
  const imports = new Map<string, string>();
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'import_statement') recordImport(child, imports);
      else if (child.type === 'import_from_statement') recordFromImport(child, imports);
      else if (!NESTED_SCOPE_TYPES.has(child.type) && isStatementContainer(child)) pending.push(child);
    }
  }
  return imports;
}

function isStatementContainer(node: Node): boolean {
  return (
    node.type === 'block' ||
    node.type.endsWith('_statement') ||
    node.type.endsWith('_clause') ||
    node.type === 'match_statement'
  );
}

function recordImport(node: Node, imports: Map<string, string>): void {
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') {
      const dotted = name.childForFieldName('name');
      const alias = name.childForFieldName('alias');
      if (dotted && alias) imports.set(alias.text, dotted.text);
    } else {
      const first = name.text.split('.')[0];
      imports.set(first, first);
    }
  }
}

function recordFromImport(node: Node, imports: Map<string, string>): void {
  const moduleName = node.childForFieldName('module_name')?.text;
  if (!moduleName) return;
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') {
      const original = name.childForFieldName('name');
      const alias = name.childForFieldName('alias');
      if (original && alias) imports.set(alias.text, `${moduleName}.${original.text}`);
    } else {
      imports.set(name.text, `${moduleName}.${name.text}`);
    }
  }
}

/**
 * What an expression refers to through imports (module-level or local to the enclosing
 * functions): `requests.get`, `time.sleep` for `from time import sleep`. Undefined when the head
 * name is not imported.
 */
export function importedName(node: Node, ctx: UnitContext): string | undefined {
  return ctx.shared(node, 'imported-name', resolveImported);
}

function resolveImported(node: Node, ctx: UnitContext): string | undefined {
  const tail: string[] = [];
  let head = unparenthesize(node);
  while (head.type === 'attribute') {
    const attribute = head.childForFieldName('attribute');
    const object = head.childForFieldName('object');
    if (!attribute || !object) return undefined;
    tail.unshift(attribute.text);
    head = unparenthesize(object);
  }
  if (head.type !== 'identifier') return undefined;
  const name = head.text;
  const scope = scopeInfo(ctx);
  const local = scope.imports.get(name);
  if (local === undefined && (isRebound(name, ctx) || scope.parameters.has(name))) return undefined;
  const base = local ?? ctx.module.imports.get(name);
  // A relative import resolves only when the package path is known; Ruff without a file path
  // (and the wasm oracle) leaves it unresolved, and so do we.
  if (base === undefined || base.startsWith('.')) return undefined;
  return [base, ...tail].join('.');
}

/**
 * The qualified name as Ruff's `resolve_qualified_name` gives it, with builtins spelled
 * `builtins.X`: an identifier that is not imported is taken to be the builtin of that name
 * (shadowing by a module-level definition is not seen; other statements are outside the unit).
 */
export function qualifiedName(node: Node, ctx: UnitContext): string | undefined {
  const imported = importedName(node, ctx);
  if (imported !== undefined) return imported;
  const unwrapped = unparenthesize(node);
  if (unwrapped.type === 'identifier' && !isBoundLocally(unwrapped, ctx) && !isRebound(unwrapped.text, ctx)) {
    return `builtins.${unwrapped.text}`;
  }
  return undefined;
}

/** The builtin a name refers to (`Exception`, `print`), also through `builtins.X`; else undefined. */
export function builtinName(node: Node, ctx: UnitContext): string | undefined {
  const name = qualifiedName(node, ctx);
  return name?.startsWith('builtins.') ? name.slice('builtins.'.length) : undefined;
}

/**
 * The module's last binding of the name is a definition or an assignment (`def open(...)`,
 * `ndbm = None` after a guarded import): Ruff resolves the name to that, not to an import or a
 * builtin.
 */
function isRebound(name: string, ctx: UnitContext): boolean {
  const kind = ctx.module.globalBindings.get(name);
  return kind !== undefined && kind !== 'import';
}

/** A parameter of an enclosing function with this name shadows any import or builtin. */
function isBoundLocally(identifier: Node, ctx: UnitContext): boolean {
  return scopeInfo(ctx).parameters.has(identifier.text);
}

export function parameterName(parameter: Node): string | undefined {
  if (parameter.type === 'identifier') return parameter.text;
  const name = parameter.childForFieldName('name');
  if (name) return name.text;
  const inner = parameter.namedChildren.find((c) => c?.type === 'identifier');
  return inner?.text;
}

// ---------------------------------------------------------------------------------------------
// Statements

const SKIPPED_COMPOUNDS = new Set([
  'try_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
]);

/**
 * Visits the statements of a block and of the compound statements inside it (if/elif/else, for,
 * while, with, match), never entering `try`, `def` or `class`, as Ruff's statement visitors do.
 * `loopElse` says whether the `else:` blocks of loops are visited too.
 */
export function visitStatements(block: Node, visit: (statement: Node) => void, loopElse = true): void {
  const pending: Node[] = [block];
  while (pending.length > 0) {
    const container = pending.pop() as Node;
    for (let i = container.namedChildCount - 1; i >= 0; i--) {
      const statement = container.namedChild(i);
      if (!statement || statement.type === 'comment') continue;
      if (statement.type === 'case_clause') {
        const consequence = statement.childForFieldName('consequence');
        if (consequence) pending.push(consequence);
        continue;
      }
      visit(statement);
      if (SKIPPED_COMPOUNDS.has(statement.type)) continue;
      for (const block of compoundBlocks(statement, loopElse)) pending.push(block);
    }
  }
}

function compoundBlocks(statement: Node, loopElse: boolean): Node[] {
  const blocks: Node[] = [];
  const isLoop = statement.type === 'for_statement' || statement.type === 'while_statement';
  for (const child of statement.namedChildren) {
    if (!child) continue;
    if (child.type === 'block') blocks.push(child);
    else if (child.type === 'elif_clause' || (child.type === 'else_clause' && (loopElse || !isLoop))) {
      for (const inner of child.namedChildren) if (inner?.type === 'block') blocks.push(inner);
    }
  }
  return blocks;
}

/** The parts of an `except` clause: the type expression, the bound name and the body. */
export interface ExceptParts {
  keyword: Node;
  type: Node | null;
  /** Every type expression: one, or several for Python 3.14's unparenthesized `except A, B:`. */
  types: Node[];
  name: Node | null;
  body: Node | null;
  star: boolean;
}

export function exceptParts(clause: Node): ExceptParts | undefined {
  const keyword = clause.child(0);
  if (keyword?.type !== 'except') return undefined;
  let type: Node | null = null;
  let name: Node | null = null;
  let body: Node | null = null;
  let star = false;
  const types: Node[] = [];
  for (let i = 1; i < clause.childCount; i++) {
    const child = clause.child(i);
    if (!child) continue;
    if (child.type === '*') star = true;
    else if (child.type === 'block') body = child;
    else if (
      child.isNamed &&
      child.type !== 'comment' &&
      type !== null &&
      clause.fieldNameForChild(i) === 'value'
    ) {
      types.push(child);
    } else if (child.isNamed && child.type !== 'comment' && type === null) {
      if (child.type === 'as_pattern') {
        type = child.namedChild(0);
        const alias = child.childForFieldName('alias');
        name = alias?.namedChildren.find((c) => c?.type === 'identifier') ?? null;
      } else {
        type = child;
      }
    } else if (child.isNamed && child.type === 'identifier' && type !== null && name === null) {
      name = child;
    }
  }
  if (type) types.unshift(type);
  return { keyword, type, types, name, body, star };
}

/** The exception a `raise` statement raises (`X` in `raise X from e`), or null for a bare raise. */
export function raisedException(raise: Node): Node | null {
  const cause = raise.childForFieldName('cause');
  for (const child of raise.namedChildren) {
    if (child && child.type !== 'comment' && (!cause || child.id !== cause.id)) return child;
  }
  return null;
}

/**
 * The last name of a callee as written (`sleep` for `time.sleep`), read from the source text: a
 * cheap test that lets call rules skip most calls before resolving names.
 */
export function calleeTail(func: Node, source: string): string {
  const text = source.slice(func.startIndex, func.endIndex);
  return text.slice(text.lastIndexOf('.') + 1).trim();
}

/** Whether a callee could resolve to one of `names`: its last name is one, or it is imported. */
export function mayBeCallTo(func: Node, ctx: UnitContext, names: ReadonlySet<string>): boolean {
  const tail = calleeTail(func, ctx.source);
  return names.has(tail) || ctx.module.imports.has(tail) || scopeInfo(ctx).imports.has(tail);
}

/** Ruff's `map_callable`: the function of a call, else the expression itself. */
export function mapCallable(node: Node): Node {
  const unwrapped = unparenthesize(node);
  if (unwrapped.type === 'call') return unwrapped.childForFieldName('function') ?? unwrapped;
  return unwrapped;
}

export type { BaseContext };
