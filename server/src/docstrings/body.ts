/**
 * What a function's body returns, yields and raises, and what its return annotation says about
 * generators, computed the way Ruff's pydoclint does (nested functions and classes excluded). Shared
 * by the DOC rules and the docstring templates, so it lives beside them rather than in a rule family.
 */

import type { ModuleFacts } from '../engine/module-facts';
import type { Node } from '../engine/types';
import { functionParameters, mapCallable, nameChain, resolveGlobal } from './definitions';

export interface ReturnEntry {
  kind: 'value' | 'implicit-none' | 'explicit-none';
}

export interface YieldEntry {
  isNoneYield: boolean;
}

export interface RaisedException {
  /** Qualified name segments; builtins start with `''` as in Ruff (`['', 'ValueError']`). */
  segments: string[];
  start: number;
}

export interface BodyEntries {
  returns: ReturnEntry[];
  yields: YieldEntry[];
  raised: RaisedException[];
}

const INTERESTING = new Set([
  'except_clause',
  'except_group_clause',
  'raise_statement',
  'return_statement',
  'yield',
]);
const SKIPPED = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

/**
 * Walks the function body in source order, iteratively, as Ruff's pydoclint `BodyVisitor` does:
 * an `except` handler makes its exception types the target of a bare `raise` and of `raise e`.
 */
export function bodyEntries(fn: Node, scopes: readonly Node[], module: ModuleFacts): BodyEntries {
  const entries: BodyEntries = { returns: [], yields: [], raised: [] };
  const body = fn.childForFieldName('body');
  if (!body) return entries;
  let locals: Locals | undefined;
  const resolve = (expr: Node): string[] | undefined => {
    // Only functions that raise need their local bindings.
    locals ??= localNames([...scopes.filter((s) => s.type === 'function_definition'), fn]);
    return resolveInFunction(expr, locals, module);
  };
  let suspended: Node | null = null;
  let exceptionVariables = new Map<string, Node>();
  // A cursor walk: materialising every node of a large body is what costs time here.
  const handlerDepths: number[] = [];
  const cursor = body.walk();
  let depth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      const descend = cursor.nodeIsNamed && !SKIPPED.has(type) && type !== 'ERROR';
      if (descend && INTERESTING.has(type)) {
        const node = cursor.currentNode;
        switch (type) {
          case 'except_clause':
          case 'except_group_clause': {
            const handler = exceptHandler(node);
            suspended = handler.types;
            if (handler.name && handler.types) exceptionVariables.set(handler.name, handler.types);
            handlerDepths.push(depth);
            break;
          }
          case 'raise_statement':
            recordRaise(node, resolve, suspended, exceptionVariables, entries);
            break;
          case 'return_statement': {
            const value = node.namedChild(0);
            entries.returns.push({
              kind: !value ? 'implicit-none' : value.type === 'none' ? 'explicit-none' : 'value',
            });
            break;
          }
          case 'yield': {
            const isFrom = node.children.some((c) => c?.type === 'from');
            const value = node.namedChild(0);
            entries.yields.push({ isNoneYield: !isFrom && (!value || value.type === 'none') });
            break;
          }
        }
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (handlerDepths.length > 0 && handlerDepths[handlerDepths.length - 1] === depth) {
          handlerDepths.pop();
          suspended = null;
          exceptionVariables = new Map();
        }
        if (depth === 0) return finish(entries);
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

function finish(entries: BodyEntries): BodyEntries {
  const sorted = [...entries.raised].sort(
    (a, b) => compareSegments(a.segments, b.segments) || a.start - b.start,
  );
  const raised: RaisedException[] = [];
  for (const entry of sorted) {
    const last = raised[raised.length - 1];
    if (!last || compareSegments(last.segments, entry.segments) !== 0) raised.push(entry);
  }
  return { ...entries, raised };
}

function compareSegments(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

function exceptHandler(node: Node): { types: Node | null; name: string | undefined } {
  let value = node.childForFieldName('value');
  if (!value) {
    value = node.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment') ?? null;
  }
  if (value?.type === 'as_pattern') {
    const alias = value.childForFieldName('alias');
    const types = value.namedChild(0);
    return { types: unparenthesize(types), name: alias?.namedChild(0)?.text ?? alias?.text };
  }
  const alias = node.childForFieldName('alias');
  return { types: unparenthesize(value), name: alias?.text };
}

function unparenthesize(node: Node | null): Node | null {
  let current = node;
  while (current?.type === 'parenthesized_expression') current = current.namedChild(0);
  return current;
}

function recordRaise(
  node: Node,
  resolve: (expr: Node) => string[] | undefined,
  suspended: Node | null,
  variables: Map<string, Node>,
  entries: BodyEntries,
): void {
  const cause = node.childForFieldName('cause');
  const exc = node.namedChildren.find(
    (c) =>
      c &&
      c !== cause &&
      c.type !== 'comment' &&
      c.startIndex < (cause?.startIndex ?? Number.MAX_SAFE_INTEGER),
  );
  const store = (types: Node, start: number, skipBase: boolean) => {
    const list = types.type === 'tuple' ? types.namedChildren.filter((c): c is Node => !!c) : [types];
    for (const type of list) {
      const segments = resolve(type);
      if (!segments) continue;
      if (skipBase && isBaseException(segments)) continue;
      entries.raised.push({ segments, start });
    }
  };
  if (exc) {
    const direct = resolve(mapCallable(exc));
    if (direct) entries.raised.push({ segments: direct, start: exc.startIndex });
    else if (exc.type === 'identifier') {
      const bound = variables.get(exc.text);
      if (bound) store(bound, node.startIndex, true);
    }
  } else if (suspended) {
    store(suspended, node.startIndex, true);
  }
}

function isBaseException(segments: string[]): boolean {
  return (
    segments.length === 2 &&
    (segments[0] === '' || segments[0] === 'builtins') &&
    ['BaseException', 'Exception', 'BaseExceptionGroup', 'ExceptionGroup'].includes(segments[1])
  );
}

/** A function's own bindings: `name -> imported qualified name`, or null for any other local binding. */
type Locals = Map<string, string | null>;

function resolveInFunction(expr: Node, locals: Locals, module: ModuleFacts): string[] | undefined {
  const chain = nameChain(expr);
  if (!chain) return undefined;
  const { name: head, tail } = chain;
  if (locals.has(head)) {
    const imported = locals.get(head);
    return imported ? [...imported.split('.'), ...tail] : undefined;
  }
  const name = resolveGlobal(expr, module);
  if (!name) return undefined;
  return name.startsWith('builtins.') ? ['', ...name.slice('builtins.'.length).split('.')] : name.split('.');
}

/** Names bound inside the given functions (parameters, assignments, imports, nested definitions...). */
function localNames(functions: readonly Node[]): Locals {
  const locals: Locals = new Map();
  const globals = new Set<string>();
  for (const fn of functions) {
    for (const param of functionParameters(fn)) locals.set(param.name, null);
    const body = fn.childForFieldName('body');
    const pending: Node[] = body ? [body] : [];
    while (pending.length > 0) {
      const node = pending.pop()!;
      switch (node.type) {
        case 'function_definition':
        case 'class_definition': {
          const name = node.childForFieldName('name');
          if (name) locals.set(name.text, null);
          continue;
        }
        case 'lambda':
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression':
          continue;
        case 'global_statement':
          for (const name of node.namedChildren) if (name) globals.add(name.text);
          continue;
        case 'assignment':
        case 'augmented_assignment':
        case 'for_statement':
        case 'for_in_clause':
          bindTargets(node.childForFieldName('left'), locals);
          break;
        case 'named_expression':
          bindTargets(node.childForFieldName('name'), locals);
          break;
        case 'as_pattern_target':
          bindTargets(node.namedChild(0), locals);
          break;
        case 'import_statement':
        case 'import_from_statement':
          bindImports(node, locals);
          continue;
      }
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
  }
  for (const name of globals) locals.delete(name);
  return locals;
}

function bindTargets(target: Node | null, locals: Locals): void {
  if (!target) return;
  const pending = [target];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'identifier') locals.set(node.text, null);
    else if (node.type !== 'attribute' && node.type !== 'subscript') {
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
  }
}

function bindImports(node: Node, locals: Locals): void {
  const moduleName = node.childForFieldName('module_name')?.text;
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    const original = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
    const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
    if (!original) continue;
    if (moduleName !== undefined) locals.set((alias ?? original).text, `${moduleName}.${original.text}`);
    else if (alias) locals.set(alias.text, original.text);
    else locals.set(original.text.split('.')[0], original.text.split('.')[0]);
  }
}

const GENERATOR_TYPES = new Set(
  ['typing', 'typing_extensions', 'collections.abc'].flatMap((m) =>
    ['Iterable', 'AsyncIterable', 'Iterator', 'AsyncIterator', 'Generator', 'AsyncGenerator'].map(
      (t) => `${m}.${t}`,
    ),
  ),
);

/**
 * Ruff's `generator_annotation_arguments`: for `Iterator[X]`/`Generator[Y, S, R]` (and friends),
 * the type arguments (`[]` when unparameterised); undefined for other annotations.
 */
export function generatorArguments(
  annotation: Node,
  module: ModuleFacts,
): { family: 'iter' | 'gen'; args: Node[] } | undefined {
  const expr = annotation.type === 'type' ? annotation.namedChild(0) : annotation;
  if (!expr) return undefined;
  let base: Node | null = expr;
  let args: Node[] = [];
  if (expr.type === 'generic_type') {
    base = expr.namedChild(0);
    const params = expr.namedChildren.find((c) => c?.type === 'type_parameter');
    args = (params?.namedChildren ?? [])
      .filter((c): c is Node => !!c)
      .map((c) => (c.type === 'type' ? (c.namedChild(0) ?? c) : c));
  } else if (expr.type === 'subscript') {
    base = expr.childForFieldName('value');
    args = expr.childrenForFieldName('subscript').filter((c): c is Node => !!c);
  }
  if (!base) return undefined;
  const name = resolveGlobal(base, module);
  if (!name || !GENERATOR_TYPES.has(name)) return undefined;
  return { family: /Generator$/.test(name) ? 'gen' : 'iter', args };
}

export function isNoneAnnotation(annotation: Node): boolean {
  const expr = annotation.type === 'type' ? annotation.namedChild(0) : annotation;
  return expr?.type === 'none';
}

/** `-> Iterator[...]` or `-> Generator[..., ..., None]`: the generator returns nothing. */
export function indicatesNoneReturned(generator: { family: 'iter' | 'gen'; args: Node[] }): boolean {
  if (generator.family === 'iter' || generator.args.length <= 1) return true;
  return generator.args.length < 3 || generator.args[2].type === 'none';
}

/** The yielded type is absent (`Iterator`) or `None`. */
export function yieldsNothing(generator: { family: 'iter' | 'gen'; args: Node[] }): boolean {
  if (generator.args.length === 0) return true;
  if (generator.family === 'iter' && generator.args.length > 1) return false;
  return generator.args[0].type === 'none';
}
