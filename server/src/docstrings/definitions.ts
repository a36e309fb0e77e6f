/**
 * Ruff's model of documentable definitions: what kind a class or function is (class, nested class,
 * function, nested function, method) and whether it is public, so that D101-D107 report what Ruff
 * reports. Also name resolution for decorators and raised exceptions through module facts.
 */
import type { ModuleFacts } from '../engine/module-facts';
import type { Node } from '../engine/types';

export type DefinitionKind = 'class' | 'nested-class' | 'function' | 'nested-function' | 'method';

const BUILTINS = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError ' +
    'BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ' +
    'ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning ' +
    'EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError ' +
    'FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError ' +
    'InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ' +
    'ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError ' +
    'OverflowError PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError ' +
    'RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration ' +
    'StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError ' +
    'UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ' +
    'UnicodeWarning UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin ' +
    'bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr ' +
    'dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash ' +
    'help hex id input int isinstance issubclass iter len license list locals map max memoryview min next ' +
    'object oct open ord pow print property quit range repr reversed round set setattr slice sorted ' +
    'staticmethod str sum super tuple type vars zip __import__'
  ).split(' '),
);

/** The enclosing class/function definitions (lambdas dropped), outermost first. */
export function definitionScopes(scopes: readonly Node[]): Node[] {
  return scopes.filter((s) => s.type === 'class_definition' || s.type === 'function_definition');
}

export function definitionKind(node: Node, parent: Node | undefined): DefinitionKind {
  if (node.type === 'class_definition') return parent ? 'nested-class' : 'class';
  if (!parent) return 'function';
  return parent.type === 'class_definition' ? 'method' : 'nested-function';
}

function nameOf(node: Node): string {
  return node.childForFieldName('name')?.text ?? '';
}

function isMagic(name: string): boolean {
  return name.startsWith('__') && name.endsWith('__');
}

/** Decorator expressions of a definition (from its `decorated_definition` parent). */
export function decorators(node: Node): Node[] {
  const parent = node.parent;
  if (parent?.type !== 'decorated_definition') return [];
  const result: Node[] = [];
  for (const child of parent.namedChildren) {
    if (child?.type === 'decorator') {
      const expr = child.namedChild(0);
      if (expr) result.push(expr);
    }
  }
  return result;
}

/** Ruff's `method_visibility`: `x.setter`/`x.deleter` are private; `_x` is private unless magic. */
function methodIsPublic(node: Node): boolean {
  const name = nameOf(node);
  for (const decorator of decorators(node)) {
    if (decorator.text === `${name}.setter` || decorator.text === `${name}.deleter`) return false;
  }
  return !name.startsWith('_') || isMagic(name);
}

/**
 * Whether Ruff considers the definition public: walks from the outermost enclosing definition
 * down, since a member of a private class (or a module-level name missing from `__all__`) is private.
 */
export function isPublicDefinition(node: Node, scopes: readonly Node[], module: ModuleFacts): boolean {
  const chain = [...definitionScopes(scopes), node];
  let parentPublic = true;
  let parent: Node | undefined;
  for (const definition of chain) {
    const kind = definitionKind(definition, parent);
    const name = nameOf(definition);
    let isPublic: boolean;
    switch (kind) {
      case 'class':
      case 'function':
        isPublic =
          parentPublic && (!module.dunderAll || module.dunderAll.includes(name)) && !name.startsWith('_');
        break;
      case 'nested-class':
        isPublic = parentPublic && parent?.type !== 'function_definition' && !name.startsWith('_');
        break;
      case 'nested-function':
        isPublic = false;
        break;
      case 'method':
        isPublic = parentPublic && methodIsPublic(definition);
        break;
    }
    parentPublic = isPublic;
    parent = definition;
  }
  return parentPublic;
}

/**
 * The qualified name of a module-level reference, as Ruff's `resolve_qualified_name` gives it from
 * module scope: through imports, `builtins.X` for unshadowed builtins, `<module>.X` for classes and
 * functions defined in the module; undefined for anything else.
 */
export function resolveGlobal(expr: Node, module: ModuleFacts): string | undefined {
  const chain = nameChain(expr);
  if (!chain) return undefined;
  const { name, tail } = chain;
  const kind = module.globalBindings.get(name);
  if (kind === 'import') {
    const imported = module.imports.get(name);
    return imported === undefined ? undefined : [imported, ...tail].join('.');
  }
  if (kind === 'class' || kind === 'function') return ['<module>', name, ...tail].join('.');
  if (kind === 'other') return undefined;
  if (BUILTINS.has(name)) return ['builtins', name, ...tail].join('.');
  return undefined;
}

/** `a.b.c` -> the name `a` and the attributes `['b', 'c']`; undefined unless the chain starts with a name. */
export function nameChain(expr: Node): { name: string; tail: string[] } | undefined {
  let head: Node = expr;
  const tail: string[] = [];
  while (head.type === 'attribute') {
    const attribute = head.childForFieldName('attribute');
    const object = head.childForFieldName('object');
    if (!attribute || !object) return undefined;
    tail.unshift(attribute.text);
    head = object;
  }
  if (head.type !== 'identifier') return undefined;
  return { name: head.text, tail };
}

/** `f(...)` -> `f`: Ruff's `map_callable`. */
export function mapCallable(expr: Node): Node {
  if (expr.type === 'call') return expr.childForFieldName('function') ?? expr;
  return expr;
}

/** `typing.X` or `typing_extensions.X`. */
export function isTypingMember(expr: Node, module: ModuleFacts, member: string): boolean {
  const name = resolveGlobal(expr, module);
  return name === `typing.${member}` || name === `typing_extensions.${member}`;
}

export function hasTypingDecorator(node: Node, module: ModuleFacts, member: string): boolean {
  return decorators(node).some((d) => isTypingMember(d, module, member));
}

/** A decorator's resolved name, or its dotted text when it cannot be resolved (for user settings). */
export function decoratorNames(node: Node, module: ModuleFacts): string[] {
  return decorators(node).map((d) => {
    const callee = mapCallable(d);
    return resolveGlobal(callee, module) ?? callee.text;
  });
}

const PROPERTY_DECORATORS = new Set([
  'builtins.property',
  'enum.property',
  'functools.cached_property',
  'abc.abstractproperty',
  'types.DynamicClassAttribute',
]);

export function isProperty(node: Node, module: ModuleFacts, extra: readonly string[]): boolean {
  return decorators(node).some((d) => {
    const name = resolveGlobal(mapCallable(d), module);
    return name !== undefined && (PROPERTY_DECORATORS.has(name) || extra.includes(name));
  });
}

export function isAbstract(node: Node, module: ModuleFacts): boolean {
  return decorators(node).some((d) => {
    const name = resolveGlobal(d, module);
    return (
      name === 'abc.abstractmethod' ||
      name === 'abc.abstractclassmethod' ||
      name === 'abc.abstractstaticmethod' ||
      name === 'abc.abstractproperty'
    );
  });
}

export function isStaticMethod(node: Node, module: ModuleFacts): boolean {
  return decorators(node).some((d) => resolveGlobal(d, module) === 'builtins.staticmethod');
}

/**
 * `ignore-decorators`: a function with one of these decorators is skipped by every docstring rule.
 * User entries are qualified names (`typing.overload`); unresolvable decorators match by their text.
 */
export function hasIgnoredDecorator(node: Node, module: ModuleFacts, ignored: readonly string[]): boolean {
  if (ignored.length === 0 || node.type !== 'function_definition') return false;
  return decoratorNames(node, module).some(
    (name) => ignored.includes(name.replace(/^builtins\./, '')) || ignored.includes(name),
  );
}

/** All parameter names of a function, with the kind of each. */
export interface Parameter {
  name: string;
  kind: 'positional' | 'vararg' | 'kwarg' | 'keyword-only';
  annotation: Node | null;
  node: Node;
}

export function functionParameters(fn: Node): Parameter[] {
  const list = fn.childForFieldName('parameters');
  const result: Parameter[] = [];
  if (!list) return result;
  let keywordOnly = false;
  for (const param of list.namedChildren) {
    if (!param) continue;
    switch (param.type) {
      case 'identifier':
        result.push({
          name: param.text,
          kind: keywordOnly ? 'keyword-only' : 'positional',
          annotation: null,
          node: param,
        });
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
      case 'typed_parameter': {
        const inner =
          param.type === 'typed_parameter' ? param.namedChild(0) : param.childForFieldName('name');
        const annotation = param.childForFieldName('type');
        if (!inner) break;
        if (inner.type === 'list_splat_pattern') {
          keywordOnly = true;
          result.push({ name: inner.namedChild(0)?.text ?? '', kind: 'vararg', annotation, node: param });
        } else if (inner.type === 'dictionary_splat_pattern') {
          result.push({ name: inner.namedChild(0)?.text ?? '', kind: 'kwarg', annotation, node: param });
        } else {
          result.push({
            name: inner.text,
            kind: keywordOnly ? 'keyword-only' : 'positional',
            annotation,
            node: param,
          });
        }
        break;
      }
      case 'list_splat_pattern':
        keywordOnly = true;
        result.push({ name: param.namedChild(0)?.text ?? '', kind: 'vararg', annotation: null, node: param });
        break;
      case 'dictionary_splat_pattern':
        result.push({ name: param.namedChild(0)?.text ?? '', kind: 'kwarg', annotation: null, node: param });
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      default:
        break;
    }
  }
  return result;
}
