/**
 * Bindings in the order Python creates them, as pyflakes and Ruff's semantic model see a file: a
 * read resolves to the binding current at that point (function and lambda bodies, string and
 * `__future__` annotations run after the module's statements), a binding that replaces another in
 * its scope inherits its reads, `del` unbinds, `except E as e` unbinds `e` after the handler.
 *
 * Run over one top-level statement at a time: the module scope is open. What the statement does in
 * the module scope (bindings, reads that reach it, `del`, star imports) is recorded as
 * `ModuleEvent`s with offsets relative to the statement, so that rules can keep them per statement
 * text (see unit-memo.ts) and replay the module in order (`replayModule`). Everything inside
 * function, class, lambda and comprehension scopes is resolved within the statement.
 * Iterative throughout: deep nesting must not overflow.
 */
import type { Node } from '../engine/types';
import { DUMMY_VARIABLE, LITERAL_CONSTANTS } from './python-names';
import { COMPREHENSIONS, DESTRUCTURING, parameterName, pythonName } from './scopes';

export type FlowKind =
  | 'annotation'
  | 'argument'
  | 'named-expr'
  | 'assignment'
  | 'type-param'
  | 'loop-var'
  | 'with-item'
  | 'global'
  | 'nonlocal'
  | 'class'
  | 'function'
  | 'future-import'
  | 'import'
  | 'from-import'
  | 'submodule-import'
  | 'deletion'
  | 'bound-exception'
  | 'unbound-exception'
  | 'class-cell';

export type FlowScopeKind =
  | 'module'
  | 'class'
  | 'function'
  | 'lambda'
  | 'comprehension'
  | 'type'
  | 'class-cell';

export interface FlowScope {
  readonly kind: FlowScopeKind;
  readonly node: Node;
  readonly parent: FlowScope | undefined;
  /** Name -> the binding current in this scope. */
  readonly symbols: Map<string, FlowBinding>;
  /** Every binding made in this scope, in order. */
  readonly bindings: FlowBinding[];
  /** A function that calls `locals()`: any of its variables may be read through it. */
  usesLocals: boolean;
}

export interface FlowBinding {
  readonly name: string;
  readonly kind: FlowKind;
  /** The identifier that binds (the name in `global`, the alias in `except E as e`). */
  readonly node: Node;
  readonly scope: FlowScope;
  /** The statement that binds (the innermost statement around `node`). */
  readonly statement: Node | null;
  /** Reads of it, `del` of it and `nonlocal` of it, including those inherited from the binding it replaced. */
  references: number;
  /** How many of its references are `del`. */
  deletions: number;
  /** Declared `global` (or replacing a binding that was). */
  global: boolean;
  nonlocal: boolean;
  /** A target of an unpacking assignment (`a, b = f()`), as Ruff tells them. */
  readonly unpacked: boolean;
  /** `unbound-exception`: the binding visible before the handler bound the name ('module': one at module level). */
  readonly restores?: FlowBinding | 'module';
  /** `nonlocal`: whether a nested scope rebinds an annotation-only local through `nonlocal`. */
  rebound?: boolean;
  /** What tells a redefinition (F811) apart. */
  readonly facts: RedefinitionFacts;
  /** The binding it replaced in its scope (a `del` and a `global` replace too). */
  readonly shadows?: FlowBinding;
  /**
   * The binding of an enclosing function it hides, when it is the first of its name in its scope
   * ('module': a module-level one, known only to `replayModule`).
   */
  readonly hides?: FlowBinding | 'module';
}

/** Facts about a binding's statement that Ruff's redefinition rule (F811) looks at. */
export interface RedefinitionFacts {
  /**
   * The branches of `if`/`elif`/`else`, `try` (body and `else` together, each handler, `finally`),
   * `with` and `case` bodies around the statement, outermost first, as ids joined by `/` ('' at
   * the top). Function bodies inherit their definition's.
   */
  readonly branch: string;
  /** Somewhere under an `if TYPE_CHECKING:` statement (either branch). */
  readonly typeChecking: boolean;
  /** Imports: `a.b` for `import a.b`, `m.x` for `from m import x`. */
  readonly qualified?: string;
  /** A function decorated `@overload`. */
  readonly overload: boolean;
  /** Bound by an annotated assignment (`x: int = 1`, `x: int`). */
  readonly annotated: boolean;
  /** `import x as x`, `from m import x as x`. */
  readonly explicitExport: boolean;
}

/** Offsets are relative to the start of the statement the events were recorded from. */
export type ModuleEvent =
  | {
      readonly type: 'bind';
      readonly name: string;
      readonly kind: FlowKind;
      readonly start: number;
      readonly end: number;
      /** Made after the module's statements ran (in a function body, through `global`). */
      readonly deferred: boolean;
      readonly facts: RedefinitionFacts;
    }
  /** A function's first binding of a name that hides a module-level binding. */
  | {
      readonly type: 'hide';
      readonly name: string;
      readonly kind: FlowKind;
      readonly start: number;
      readonly end: number;
      readonly deferred: boolean;
      readonly facts: RedefinitionFacts;
    }
  | ({ readonly type: 'read' } & ModuleRead)
  | {
      readonly type: 'delete';
      readonly name: string;
      readonly start: number;
      readonly end: number;
      /** In a `del` that runs only sometimes (under `if`/`while`/`match`, in a handler or `else`). */
      readonly conditional: boolean;
      readonly handled: boolean;
    }
  /** A `global` name in a function or class body: Ruff assumes the module binds it. */
  | {
      readonly type: 'declared-global';
      readonly name: string;
      /** The name in the `global` statement. */
      readonly start: number;
      readonly end: number;
      readonly deferred: boolean;
      /** Those of the definition whose body holds the statement. */
      readonly facts: RedefinitionFacts;
    }
  | { readonly type: 'star-import'; readonly deferred: boolean };

export interface ModuleRead {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Runs after the module's statements (a function or lambda body, a deferred annotation). */
  readonly deferred: boolean;
  /** Inside `try:` whose handlers catch `NameError`. */
  readonly handled: boolean;
  /** A forward reference (string or `__future__` annotation): a module binding is preferred. */
  readonly forward: boolean;
  /** The read reaches a class body's own scope first (`__module__`, `__qualname__` are defined there). */
  readonly inClassBody: boolean;
  /** Resolved before reaching the module (through `global x`): only a use, never undefined. */
  readonly resolved: boolean;
}

/** A read that resolves to nothing inside the statement, or to an unbound local. */
export interface LocalUndefined {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface FlowModel {
  readonly scopes: readonly FlowScope[];
  readonly events: readonly ModuleEvent[];
  /** Reads that fail inside function scopes (after `del`, after a handler, an annotation-only local). */
  readonly localUndefined: readonly LocalUndefined[];
}

export interface FlowOptions {
  /** `from __future__ import annotations`: annotations are forward references. */
  readonly futureAnnotations: boolean;
}

interface BindingExtras {
  readonly unpacked?: boolean;
  readonly restores?: FlowBinding | 'module';
  readonly qualified?: string;
  readonly overload?: boolean;
  readonly annotated?: boolean;
  readonly explicitExport?: boolean;
}

/** `ctx` with `typeDefinition` set: the same object when it already is (a copy per node was most of this analysis's garbage). */
/** Whether `node`'s text is `text`, its length compared first (no slice for most nodes). */
function hasText(node: Node, text: string): boolean {
  return node.endIndex - node.startIndex === text.length && node.text === text;
}

/** `typing`, `typing_extensions` or `t` (the modules `cast` is told by), lengths compared first. */
function isTypingModuleName(node: Node | null): boolean {
  if (!node) return false;
  const length = node.endIndex - node.startIndex;
  if (length !== 1 && length !== 6 && length !== 17) return false;
  return /^(typing|typing_extensions|t)$/.test(node.text);
}

/** Whether an identifier callee may be `cast` or `TypeVar`, the only names `visitCall` compares it with. */
function mayBeTypeCall(callee: Node): boolean {
  const length = callee.endIndex - callee.startIndex;
  return length === 4 || length === 7;
}

function withTypeDefinition(ctx: Context, typeDefinition: boolean): Context {
  return ctx.typeDefinition === typeDefinition ? ctx : { ...ctx, typeDefinition };
}

interface Context {
  readonly scope: FlowScope;
  readonly deferred: boolean;
  readonly handled: boolean;
  /** In an annotation or another type expression: strings are forward references. */
  readonly typeDefinition: boolean;
  readonly forward: boolean;
  /** Under `if`/`while`/`match`, in a handler or an `else` of a loop or `try`. */
  readonly conditional: boolean;
  readonly inHandler: boolean;
  /** See `RedefinitionFacts`. */
  readonly branch: string;
  readonly typeChecking: boolean;
}

type Task =
  | (() => void)
  | {
      node: Node;
      ctx: Context;
      mode: 'statement' | 'expression' | 'store';
      kind?: FlowKind;
      statement?: Node | null;
      unpacked?: boolean;
    };

const NO_FACTS: RedefinitionFacts = {
  branch: '',
  typeChecking: false,
  overload: false,
  annotated: false,
  explicitExport: false,
};

/** Kinds whose first binding in a scope Ruff links to the binding it hides in an enclosing scope. */
const HIDING_KINDS: ReadonlySet<FlowKind> = new Set([
  'annotation',
  'argument',
  'named-expr',
  'assignment',
  'loop-var',
  'with-item',
  'class',
  'function',
  'future-import',
  'import',
  'from-import',
  'submodule-import',
  'bound-exception',
  'unbound-exception',
]);

/** Targets whose parts are themselves targets (`a, (b, *c) = ...`): those of scopes.ts. */
const SEQUENCE_TARGETS = DESTRUCTURING;

const COLLECTIONS = new Set([
  'tuple',
  'list',
  'set',
  'expression_list',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
]);

/** A tuple or list target or value; `(x)` in a target, which tree-sitter parses as a tuple pattern, is not one. */
export function isCollection(node: Node): boolean {
  if (!COLLECTIONS.has(node.type)) return false;
  if (node.type !== 'tuple_pattern' || node.namedChildCount !== 1) return true;
  return node.children.some((c) => c?.type === ',');
}

const TYPING_GENERICS: ReadonlySet<string> = new Set([
  ...['Union', 'Optional', 'List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type', 'Callable'],
  ...['Iterable', 'Iterator', 'Sequence', 'Mapping', 'MutableMapping', 'MutableSequence', 'MutableSet'],
  ...['Generator', 'AsyncGenerator', 'AsyncIterator', 'AsyncIterable', 'Awaitable', 'Coroutine'],
  ...['ClassVar', 'Final', 'Deque', 'DefaultDict', 'OrderedDict', 'Counter', 'ChainMap', 'Collection'],
  ...['AbstractSet', 'Container', 'Reversible', 'ContextManager', 'AsyncContextManager', 'TypeGuard'],
  ...['TypeIs', 'Required', 'NotRequired', 'ReadOnly', 'Unpack', 'Concatenate', 'Type'],
]);

/** Expressions without parts: a task for one would do nothing (see `visitExpression`'s default). */
const INERT_LEAVES: ReadonlySet<string> = new Set([...LITERAL_CONSTANTS, 'comment']);

class FlowBuilder {
  readonly scopes: FlowScope[] = [];
  readonly events: ModuleEvent[] = [];
  readonly localUndefined: LocalUndefined[] = [];
  readonly annotationReads: Array<{ binding: FlowBinding; read: LocalUndefined }> = [];
  private readonly tasks: Task[] = [];
  private readonly deferredFunctions: Array<() => void> = [];
  private readonly deferredLambdas: Array<() => void> = [];
  private readonly deferredAnnotations: Array<() => void> = [];
  private readonly base: number;
  private branches = 0;
  /** Whether the text holds `global` at all (a `global` statement does): else no body is searched. */
  private readonly mayDeclareGlobals: boolean;
  readonly module: FlowScope;

  constructor(
    private readonly unit: Node,
    private readonly options: FlowOptions,
  ) {
    this.base = unit.startIndex;
    this.mayDeclareGlobals = unit.text.includes('global');
    this.module = this.newScope('module', unit, undefined);
  }

  run(): void {
    const ctx: Context = {
      scope: this.module,
      deferred: false,
      handled: false,
      typeDefinition: false,
      forward: false,
      conditional: false,
      inHandler: false,
      branch: '',
      typeChecking: false,
    };
    if (this.unit.type === 'module') this.pushBlock(this.unit, ctx);
    else this.pushStatement(this.unit, ctx);
    this.drain();
    for (;;) {
      const next =
        this.deferredFunctions.shift() ?? this.deferredLambdas.shift() ?? this.deferredAnnotations.shift();
      if (!next) break;
      next();
      this.drain();
    }
  }

  private drain(): void {
    while (this.tasks.length > 0) {
      const task = this.tasks.pop()!;
      if (typeof task === 'function') task();
      else if (task.node.type === 'ERROR') continue;
      else if (task.mode === 'statement') this.visitStatement(task.node, task.ctx);
      else if (task.mode === 'expression') this.visitExpression(task.node, task.ctx);
      else
        this.visitStore(
          task.node,
          task.ctx,
          task.kind ?? 'assignment',
          task.statement ?? null,
          task.unpacked ?? false,
        );
    }
  }

  newScope(kind: FlowScopeKind, node: Node, parent: FlowScope | undefined): FlowScope {
    const scope: FlowScope = { kind, node, parent, symbols: new Map(), bindings: [], usesLocals: false };
    this.scopes.push(scope);
    return scope;
  }

  // Tasks run last-in first-out: these push in reverse so that work runs in source order.
  private schedule(...tasks: Task[]): void {
    this.scheduleAll(tasks);
  }

  private scheduleAll(tasks: readonly Task[]): void {
    for (let i = tasks.length - 1; i >= 0; i--) this.tasks.push(tasks[i]);
  }

  private expr(node: Node | null | undefined, ctx: Context): Task[] {
    return node ? [{ node, ctx, mode: 'expression' }] : [];
  }

  /** `schedule(...expr(node, ctx))` without the intermediate arrays. */
  private pushExpression(node: Node | null | undefined, ctx: Context): void {
    if (node) this.tasks.push({ node, ctx, mode: 'expression' });
  }

  /** The node's named children as expressions, run in source order. */
  private pushExpressions(node: Node, ctx: Context): void {
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      // A literal reads and binds nothing: not worth a task (they are common among arguments).
      if (child && !INERT_LEAVES.has(child.type)) this.pushExpression(child, ctx);
    }
  }

  private pushStatement(node: Node, ctx: Context): void {
    this.schedule({ node, ctx, mode: 'statement' });
  }

  private blockTasks(block: Node | null | undefined, ctx: Context): Task[] {
    const tasks: Task[] = [];
    if (!block) return tasks;
    for (const node of block.namedChildren)
      if (node !== null && node.type !== 'comment') tasks.push({ node, ctx, mode: 'statement' });
    return tasks;
  }

  /** `schedule(...blockTasks(block, ctx))` without the intermediate arrays. */
  private pushBlock(block: Node, ctx: Context): void {
    const statements = block.namedChildren;
    for (let i = statements.length - 1; i >= 0; i--) {
      const node = statements[i];
      if (node !== null && node.type !== 'comment') this.tasks.push({ node, ctx, mode: 'statement' });
    }
  }

  private rel(node: Node): { start: number; end: number } {
    return { start: node.startIndex - this.base, end: node.endIndex - this.base };
  }

  // ---- bindings ----

  addBinding(
    identifier: Node,
    kind: FlowKind,
    ctx: Context,
    statement: Node | null,
    extra: BindingExtras = {},
  ): FlowBinding {
    // `import a.b` binds `a`; Ruff reports it by the whole dotted name.
    const text = identifier.text;
    const dot = text.indexOf('.');
    const name = pythonName((dot < 0 ? text : text.slice(0, dot)).trim());
    let scope = ctx.scope;
    if (kind === 'named-expr') while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
    const existing = scope.symbols.get(name);
    const facts: RedefinitionFacts = {
      branch: ctx.branch,
      typeChecking: ctx.typeChecking,
      qualified: extra.qualified,
      overload: extra.overload ?? false,
      annotated: extra.annotated ?? false,
      explicitExport: extra.explicitExport ?? false,
    };
    const binding: FlowBinding = {
      name,
      kind,
      node: identifier,
      scope,
      statement,
      references: 0,
      deletions: 0,
      global: kind === 'global',
      nonlocal: kind === 'nonlocal',
      unpacked: extra.unpacked ?? false,
      restores: extra.restores,
      facts,
      shadows: kind === 'annotation' ? undefined : existing,
      hides: existing || !HIDING_KINDS.has(kind) ? undefined : this.hiddenBinding(name, scope),
    };
    scope.bindings.push(binding);
    const shadowed = existing;
    if (shadowed) {
      // An annotation after a value does not rebind (Ruff keeps it as a delayed annotation).
      if (kind === 'annotation') return binding;
      // `del` and `global` replace a binding without taking over its reads.
      const inherits = kind !== 'deletion' && kind !== 'global';
      if (inherits && shadowed.kind !== 'deletion' && shadowed.kind !== 'unbound-exception') {
        binding.references = shadowed.references;
        binding.deletions = shadowed.deletions;
        binding.global ||= shadowed.global;
        binding.nonlocal ||= shadowed.nonlocal;
      }
    }
    scope.symbols.set(name, binding);
    // Offsets written out, not spread from `rel`: a binding is made per name, and the spread's
    // object was garbage at once.
    const start = identifier.startIndex - this.base;
    const end = identifier.endIndex - this.base;
    if (scope.kind === 'module') {
      this.events.push({ type: 'bind', name, kind, start, end, deferred: ctx.deferred, facts });
    } else if (binding.hides === 'module' && scope.kind !== 'class') {
      this.events.push({ type: 'hide', name, kind, start, end, deferred: true, facts });
    }
    return binding;
  }

  /** The binding of an enclosing function (or 'module') that a new binding of `name` in `scope` hides. */
  private hiddenBinding(name: string, scope: FlowScope): FlowBinding | 'module' | undefined {
    for (let s = scope.parent; s; s = s.parent) {
      if (s.kind === 'module') return 'module';
      if (s.kind !== 'function') continue;
      const binding = s.symbols.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  /** Resolves a read of `identifier` from `ctx.scope`. */
  load(identifier: Node, ctx: Context, range: { start: number; end: number } = this.rel(identifier)): void {
    this.resolve(pythonName(identifier.text), range, ctx);
  }

  resolve(name: string, range: { start: number; end: number }, ctx: Context): void {
    let classVisible = true;
    let index = 0;
    for (let scope: FlowScope | undefined = ctx.scope; scope; scope = scope.parent, index++) {
      if (scope.kind === 'module') {
        // Counted here only for the statement's own view (an `except ... as e` at module level is
        // read within its handler); module-level reads are resolved by `replayModule`.
        const local = scope.symbols.get(name);
        if (local?.kind === 'bound-exception') local.references++;
        this.moduleRead(name, range, ctx, false);
        return;
      }
      const skip = scope.kind === 'class' && !classVisible;
      classVisible = (scope.kind === 'type' && index === 0) || (scope.kind === 'class-cell' && index === 1);
      if (skip) continue;
      const binding = scope.symbols.get(name);
      if (binding) {
        binding.references++;
        switch (binding.kind) {
          case 'annotation':
            if (scope.kind === 'function') {
              // Decided at the end: a nested function may yet bind it through `nonlocal`.
              this.annotationReads.push({ binding, read: { name, ...range } });
              return;
            }
            binding.references--;
            continue;
          case 'deletion':
            binding.references--;
            this.localUndefined.push({ name, ...range });
            return;
          case 'unbound-exception':
            binding.references--;
            if (binding.restores === 'module') this.moduleRead(name, range, ctx, false);
            else if (binding.restores) binding.restores.references++;
            else this.localUndefined.push({ name, ...range });
            return;
          case 'global':
            this.moduleRead(name, range, ctx, true);
            return;
          default:
            return;
        }
      }
      if (index === 0 && scope.kind === 'class' && (name === '__module__' || name === '__qualname__')) return;
    }
  }

  private moduleRead(
    name: string,
    range: { start: number; end: number },
    ctx: Context,
    resolved: boolean,
  ): void {
    this.events.push({
      type: 'read',
      name,
      ...range,
      deferred: ctx.deferred,
      handled: ctx.handled,
      forward: ctx.forward,
      inClassBody: ctx.scope.kind === 'class',
      resolved,
    });
  }

  /** The binding `name` has where a handler is entered: what it is restored to after the handler. */
  private visibleBinding(name: string, scope: FlowScope): FlowBinding | 'module' | undefined {
    for (let s: FlowScope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'module') return 'module';
      if (s.kind === 'class' && s !== scope) continue;
      const binding = s.symbols.get(name);
      if (binding) return binding.kind === 'unbound-exception' ? binding.restores : binding;
    }
    return undefined;
  }

  // ---- statements ----

  visitStatement(node: Node, ctx: Context): void {
    switch (node.type) {
      case 'expression_statement':
        this.pushExpressions(node, ctx);
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.visitImport(node, ctx);
        return;
      case 'global_statement':
        if (ctx.scope.kind === 'module') return;
        for (const name of node.namedChildren) {
          if (name?.type === 'identifier') this.addBinding(name, 'global', ctx, node);
        }
        return;
      case 'nonlocal_statement':
        if (ctx.scope.kind === 'module') return;
        for (const name of node.namedChildren) {
          if (name?.type !== 'identifier') continue;
          const target = this.enclosingFunctionBinding(pythonName(name.text), ctx.scope);
          if (!target) continue;
          target.references++;
          target.rebound = true;
          this.addBinding(name, 'nonlocal', ctx, node);
        }
        return;
      case 'decorated_definition':
        this.visitDecorated(node, ctx);
        return;
      case 'function_definition':
        this.visitFunction(node, [], ctx);
        return;
      case 'class_definition':
        this.visitClass(node, [], ctx);
        return;
      case 'if_statement':
        this.visitIf(node, ctx);
        return;
      case 'for_statement': {
        const inner = { ...ctx };
        const orelse = { ...ctx, conditional: true };
        this.schedule(
          ...this.expr(node.childForFieldName('right'), ctx),
          { node: node.childForFieldName('left')!, ctx, mode: 'store', kind: 'loop-var', statement: node },
          ...this.blockTasks(node.childForFieldName('body'), inner),
          ...this.blockTasks(node.childForFieldName('alternative')?.childForFieldName('body'), orelse),
        );
        return;
      }
      case 'while_statement': {
        const inner = { ...ctx, conditional: true };
        this.schedule(
          ...this.expr(node.childForFieldName('condition'), ctx),
          ...this.blockTasks(node.childForFieldName('body'), inner),
          ...this.blockTasks(node.childForFieldName('alternative')?.childForFieldName('body'), inner),
        );
        return;
      }
      case 'try_statement':
        this.visitTry(node, ctx);
        return;
      case 'with_statement':
        this.visitWith(node, ctx);
        return;
      case 'match_statement':
        this.visitMatch(node, ctx);
        return;
      case 'delete_statement':
        for (const target of node.namedChildren) if (target) this.visitDelete(target, ctx);
        return;
      case 'type_alias_statement': {
        const left = node.childForFieldName('left')?.namedChild(0);
        const generic = left?.type === 'generic_type';
        const name = generic ? left.namedChild(0) : left;
        const typeScope = this.newScope('type', node, ctx.scope);
        const inner = { ...ctx, scope: typeScope };
        const parameters = generic ? left.namedChildren.find((c) => c?.type === 'type_parameter') : undefined;
        if (parameters) this.visitTypeParameters(parameters, inner);
        const value = node.childForFieldName('right');
        if (value) this.deferAnnotation(value, { ...inner, typeDefinition: true });
        if (name?.type === 'identifier') this.addBinding(name, 'assignment', ctx, node);
        return;
      }
      case 'ERROR':
        return;
      default:
        // return, raise, assert, pass, print, exec and the like: their expressions, in order.
        this.pushExpressions(node, ctx);
    }
  }

  private enclosingFunctionBinding(name: string, scope: FlowScope): FlowBinding | undefined {
    for (let s = scope.parent; s; s = s.parent) {
      if (s.kind === 'module') return undefined;
      if (s.kind !== 'function' && s.kind !== 'lambda') continue;
      const binding = s.symbols.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  private visitImport(node: Node, ctx: Context): void {
    const future = node.type === 'future_import_statement';
    for (const child of node.namedChildren) {
      if (child?.type === 'wildcard_import') {
        if (ctx.scope.kind === 'module') this.events.push({ type: 'star-import', deferred: ctx.deferred });
      }
    }
    const plain = node.type === 'import_statement';
    const module = plain
      ? ''
      : (node.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '__future__');
    const qualify = (dotted: string): string =>
      plain ? dotted : module.endsWith('.') ? `${module}${dotted}` : `${module}.${dotted}`;
    for (const item of node.childrenForFieldName('name')) {
      if (!item) continue;
      if (item.type === 'aliased_import') {
        const alias = item.childForFieldName('alias');
        const original = item.childForFieldName('name')?.text.replace(/\s+/g, '') ?? '';
        if (!alias) continue;
        const kind = future ? 'future-import' : plain ? 'import' : 'from-import';
        const explicitExport = pythonName(original) === pythonName(alias.text);
        this.addBinding(alias, kind, ctx, node, { qualified: qualify(original), explicitExport });
      } else if (item.type === 'dotted_name') {
        const first = item.namedChild(0);
        if (first?.type !== 'identifier') continue;
        const qualified = qualify(item.text.replace(/\s+/g, ''));
        if (plain && item.namedChildCount > 1)
          this.addBinding(item, 'submodule-import', ctx, node, { qualified });
        else if (plain) this.addBinding(first, 'import', ctx, node, { qualified });
        else if (item.namedChildCount === 1) {
          this.addBinding(first, future ? 'future-import' : 'from-import', ctx, node, { qualified });
        }
      }
    }
  }

  private visitDecorated(node: Node, ctx: Context): void {
    const decorators = node.namedChildren.filter((c): c is Node => c?.type === 'decorator');
    const definition = node.childForFieldName('definition');
    for (const decorator of decorators) this.schedule(...this.expr(decorator.namedChild(0), ctx));
    if (!definition) return;
    const defCtx = ctx;
    // After the decorators: pushed beneath them.
    this.tasks.splice(this.tasks.length - decorators.length, 0, () => {
      if (definition.type === 'function_definition') this.visitFunction(definition, decorators, defCtx);
      else if (definition.type === 'class_definition') this.visitClass(definition, decorators, defCtx);
    });
  }

  private annotationContext(ctx: Context): Context {
    const forward = this.options.futureAnnotations;
    return { ...ctx, typeDefinition: true, forward: ctx.forward || forward };
  }

  /** An annotation: read now, or after the module when annotations are deferred. */
  private visitAnnotation(node: Node | null, ctx: Context): Task[] {
    if (!node) return [];
    const annotation = this.annotationContext(ctx);
    if (annotation.forward && !ctx.forward) {
      return [() => this.deferAnnotation(node, annotation)];
    }
    return this.expr(node, annotation);
  }

  private deferAnnotation(node: Node, ctx: Context): void {
    this.deferredAnnotations.push(() =>
      this.schedule(...this.expr(node, { ...ctx, deferred: true, handled: false })),
    );
  }

  private visitFunction(node: Node, _decorators: readonly Node[], ctx: Context): void {
    const name = node.childForFieldName('name');
    const parameters =
      node.childForFieldName('parameters')?.namedChildren.filter((c): c is Node => c !== null) ?? [];
    const defaults = parameters.flatMap((p) => this.expr(p.childForFieldName('value'), ctx));
    let outer = ctx.scope;
    if (outer.kind === 'class') {
      outer = this.newScope('class-cell', node, outer);
      this.classCell(outer);
    }
    const typeScope = this.newScope('type', node, outer);
    const typeCtx: Context = { ...ctx, scope: typeScope };
    const annotations = [
      ...parameters.flatMap((p) =>
        this.visitAnnotation(p.childForFieldName('type') ?? splatType(p), typeCtx),
      ),
      ...this.visitAnnotation(node.childForFieldName('return_type'), typeCtx),
    ];
    const scope = this.newScope('function', node, typeScope);
    const bodyCtx: Context = {
      ...ctx,
      scope,
      deferred: true,
      handled: false,
      conditional: false,
      inHandler: false,
      typeDefinition: false,
      forward: false,
    };
    this.schedule(
      ...defaults,
      () => {
        const typeParameters = node.childForFieldName('type_parameters');
        if (typeParameters) this.visitTypeParameters(typeParameters, typeCtx);
      },
      ...annotations,
      () => {
        this.declareGlobals(node.childForFieldName('body'), ctx);
        this.deferredFunctions.push(() => {
          for (const parameter of parameters) {
            const bound = parameterName(parameter);
            if (bound) this.addBinding(bound, 'argument', bodyCtx, node);
          }
          this.pushBlock(node.childForFieldName('body')!, bodyCtx);
        });
        const overload = _decorators.some((d) => /^@\s*(\w+\.)*overload\s*$/.test(d.text));
        if (name?.type === 'identifier') this.addBinding(name, 'function', ctx, node, { overload });
      },
    );
  }

  private classCell(scope: FlowScope): void {
    const binding: FlowBinding = {
      name: '__class__',
      kind: 'class-cell',
      node: scope.node,
      scope,
      statement: null,
      references: 0,
      deletions: 0,
      global: false,
      nonlocal: false,
      unpacked: false,
      facts: { branch: '', typeChecking: false, overload: false, annotated: false, explicitExport: false },
    };
    scope.symbols.set('__class__', binding);
  }

  private visitClass(node: Node, _decorators: readonly Node[], ctx: Context): void {
    const name = node.childForFieldName('name');
    const typeScope = this.newScope('type', node, ctx.scope);
    const typeCtx: Context = { ...ctx, scope: typeScope };
    const scope = this.newScope('class', node, typeScope);
    const bodyCtx: Context = { ...ctx, scope, inHandler: false };
    const bases = node.childForFieldName('superclasses');
    this.schedule(
      () => {
        const typeParameters = node.childForFieldName('type_parameters');
        if (typeParameters) this.visitTypeParameters(typeParameters, typeCtx);
      },
      ...this.expr(bases, typeCtx),
      () => this.declareGlobals(node.childForFieldName('body'), ctx),
      ...this.blockTasks(node.childForFieldName('body'), bodyCtx),
      () => {
        if (name?.type === 'identifier') this.addBinding(name, 'class', ctx, node);
      },
    );
  }

  /** `[T: bound, *Ts, **P]`: names bind now, bounds are read after the module. */
  private visitTypeParameters(list: Node, ctx: Context): void {
    for (const parameter of list.namedChildren) {
      let first = parameter?.type === 'type' ? parameter.namedChild(0) : parameter;
      if (first?.type === 'constrained_type') {
        for (const bound of first.namedChildren.slice(1))
          if (bound) this.deferAnnotation(bound, withTypeDefinition(ctx, true));
        first = first.namedChild(0);
        if (first?.type === 'type') first = first.namedChild(0);
      }
      if (first?.type === 'splat_type') first = first.namedChild(0);
      if (first?.type === 'identifier') this.addBinding(first, 'type-param', ctx, list);
    }
  }

  /**
   * The `global` names of a function or class body (not of nested definitions): Ruff binds each in
   * the module scope, if nothing there does, when the definition is reached.
   */
  private declareGlobals(body: Node | null, ctx: Context): void {
    if (!body || !this.mayDeclareGlobals) return;
    const pending: Node[] = [body];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'global_statement') {
        for (const name of node.namedChildren) {
          if (name?.type === 'identifier') {
            this.events.push({
              type: 'declared-global',
              name: pythonName(name.text),
              ...this.rel(name),
              deferred: ctx.deferred,
              facts: { ...NO_FACTS, branch: ctx.branch, typeChecking: ctx.typeChecking },
            });
          }
        }
        continue;
      }
      for (const child of node.namedChildren) {
        if (!child || child.type === 'function_definition' || child.type === 'class_definition') continue;
        if (
          child.type === 'decorated_definition' ||
          child.type.endsWith('expression') ||
          COMPREHENSIONS.has(child.type)
        )
          continue;
        pending.push(child);
      }
    }
  }

  private visitIf(node: Node, ctx: Context): void {
    const condition = node.childForFieldName('condition');
    const typeChecking = ctx.typeChecking || /^(\w+\.)?TYPE_CHECKING$/.test(condition?.text ?? '');
    const inner = { ...ctx, conditional: true, typeChecking };
    const tasks: Task[] = [...this.expr(condition, ctx)];
    tasks.push(...this.blockTasks(node.childForFieldName('consequence'), this.branch(inner)));
    for (const clause of node.childrenForFieldName('alternative')) {
      if (!clause) continue;
      const branch = this.branch(inner);
      tasks.push(...this.expr(clause.childForFieldName('condition'), branch));
      tasks.push(
        ...this.blockTasks(
          clause.childForFieldName('consequence') ?? clause.childForFieldName('body'),
          branch,
        ),
      );
    }
    this.scheduleAll(tasks);
  }

  /** A context for a new branch (see `RedefinitionFacts.branch`). */
  private branch(ctx: Context): Context {
    return { ...ctx, branch: `${ctx.branch}/${this.branches++}` };
  }

  private visitTry(node: Node, ctx: Context): void {
    const handlers = node.namedChildren.filter(
      (c): c is Node => c?.type === 'except_clause' || c?.type === 'except_group_clause',
    );
    const handled = ctx.handled || handlers.some(catchesNameError);
    // The body and the `else` are one branch, each handler and the `finally` another.
    const body = this.branch(ctx);
    const tasks: Task[] = [...this.blockTasks(node.childForFieldName('body'), { ...body, handled })];
    const handlerCtx = { ...ctx, conditional: true, inHandler: true };
    for (const handler of handlers) {
      const branch = this.branch(handlerCtx);
      tasks.push(() => this.visitHandler(handler, branch));
    }
    for (const child of node.namedChildren) {
      if (child?.type === 'else_clause')
        tasks.push(...this.blockTasks(child.childForFieldName('body'), { ...body, conditional: true }));
      if (child?.type === 'finally_clause') {
        tasks.push(
          ...this.blockTasks(
            child.namedChildren.find((c) => c?.type === 'block'),
            this.branch(ctx),
          ),
        );
      }
    }
    this.scheduleAll(tasks);
  }

  private visitHandler(handler: Node, ctx: Context): void {
    const value =
      handler.childForFieldName('value') ??
      handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    const body = handler.namedChildren.find((c) => c?.type === 'block');
    const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChild(0) : undefined;
    const caught = value?.type === 'as_pattern' ? value.namedChild(0) : value;
    if (alias?.type !== 'identifier') {
      this.schedule(...this.expr(caught, ctx), ...this.blockTasks(body, ctx));
      return;
    }
    const restores = this.visibleBinding(pythonName(alias.text), ctx.scope);
    this.addBinding(alias, 'bound-exception', ctx, handler);
    this.schedule(...this.expr(caught, ctx), ...this.blockTasks(body, ctx), () => {
      this.addBinding(alias, 'unbound-exception', ctx, handler, { restores });
    });
  }

  private visitWith(node: Node, ctx: Context): void {
    const tasks: Task[] = [];
    const clause = node.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (item?.type !== 'with_item') continue;
      let value = item.childForFieldName('value');
      // `with (open(p) as f):` is one item.
      if (value?.type === 'parenthesized_expression' && value.namedChild(0)?.type === 'as_pattern')
        value = value.namedChild(0);
      if (value?.type === 'as_pattern') {
        const target = value.childForFieldName('alias')?.namedChild(0);
        tasks.push(...this.expr(value.namedChild(0), ctx));
        if (target) {
          const unpacked =
            target.type === 'tuple' || target.type === 'list' || target.type === 'pattern_list';
          tasks.push({ node: target, ctx, mode: 'store', kind: 'with-item', statement: node, unpacked });
        }
      } else tasks.push(...this.expr(value, ctx));
    }
    tasks.push(...this.blockTasks(node.childForFieldName('body'), this.branch(ctx)));
    this.scheduleAll(tasks);
  }

  private visitMatch(node: Node, ctx: Context): void {
    const tasks: Task[] = [...this.expr(node.childForFieldName('subject'), ctx)];
    const inner = { ...ctx, conditional: true };
    const body = node.childForFieldName('body');
    for (const clause of body?.namedChildren ?? []) {
      if (clause?.type !== 'case_clause') continue;
      for (const child of clause.namedChildren) {
        if (!child) continue;
        if (child.type === 'case_pattern') tasks.push(() => this.visitPattern(child, inner, node));
        else if (child.type === 'if_clause') tasks.push(...this.expr(child, inner));
        else if (child.type === 'block') tasks.push(...this.blockTasks(child, this.branch(inner)));
      }
    }
    this.scheduleAll(tasks);
  }

  /** Match patterns: bare names capture, dotted names and class patterns read, literals are read. */
  private visitPattern(pattern: Node, ctx: Context, statement: Node): void {
    const pending: Node[] = [pattern];
    const tasks: Task[] = [];
    while (pending.length > 0) {
      const node = pending.shift()!;
      switch (node.type) {
        case 'dotted_name': {
          const first = node.namedChild(0);
          if (first?.type !== 'identifier') break;
          const capture = node.namedChildCount === 1 && node.parent?.type !== 'class_pattern';
          if (!capture) tasks.push(() => this.load(first, ctx));
          else if (first.text !== '_') tasks.push(() => this.addBinding(first, 'assignment', ctx, statement));
          break;
        }
        case 'identifier':
          if (node.text !== '_') tasks.push(() => this.addBinding(node, 'assignment', ctx, statement));
          break;
        case 'keyword_pattern':
          pending.push(...node.namedChildren.slice(1).filter((c): c is Node => c !== null));
          break;
        case 'string':
        case 'concatenated_string':
        case 'integer':
        case 'float':
        case 'binary_operator':
        case 'unary_operator':
          tasks.push(...this.expr(node, ctx));
          break;
        default:
          pending.push(...node.namedChildren.filter((c): c is Node => c !== null));
      }
    }
    this.scheduleAll(tasks);
  }

  private visitDelete(target: Node, ctx: Context): void {
    if (target.type === 'identifier') {
      const name = pythonName(target.text);
      const conditional = ctx.conditional || ctx.inHandler;
      if (ctx.scope.kind === 'module') {
        this.events.push({ type: 'delete', name, ...this.rel(target), conditional, handled: ctx.handled });
      } else {
        const binding = ctx.scope.symbols.get(name);
        if (binding) {
          binding.references++;
          binding.deletions++;
        }
        if (!binding || isUnbound(binding)) this.localUndefined.push({ name, ...this.rel(target) });
      }
      if (!conditional) this.addBinding(target, 'deletion', ctx, target.parent);
      return;
    }
    if (['expression_list', 'tuple', 'list', 'parenthesized_expression'].includes(target.type)) {
      for (const child of target.namedChildren) if (child) this.visitDelete(child, ctx);
      return;
    }
    this.schedule(...this.expr(target, ctx));
  }

  // ---- expressions ----

  visitExpression(node: Node, ctx: Context): void {
    switch (node.type) {
      case 'identifier':
        this.load(node, ctx);
        return;
      case 'attribute':
        this.pushExpression(node.childForFieldName('object'), ctx);
        return;
      case 'keyword_argument':
        this.pushExpression(node.childForFieldName('value'), ctx);
        return;
      case 'assignment':
        this.visitAssignment(node, ctx);
        return;
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') this.load(left, ctx);
        const statement = node.parent;
        this.schedule(
          ...this.expr(node.childForFieldName('right'), ctx),
          ...(left
            ? [{ node: left, ctx, mode: 'store' as const, kind: 'assignment' as FlowKind, statement }]
            : []),
        );
        return;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        this.schedule(...this.expr(node.childForFieldName('value'), ctx), () => {
          if (name?.type === 'identifier') this.addBinding(name, 'named-expr', ctx, statementOf(node));
        });
        return;
      }
      case 'lambda':
        this.visitLambda(node, ctx);
        return;
      case 'call':
        this.visitCall(node, ctx);
        return;
      case 'subscript':
        this.visitSubscript(node, ctx);
        return;
      case 'string':
        this.visitString(node, ctx);
        return;
      case 'concatenated_string':
        for (const part of node.namedChildren) if (part) this.visitString(part, ctx, node);
        return;
      case 'type':
        this.schedule(...this.expr(node.namedChild(0), withTypeDefinition(ctx, true)));
        return;
      case 'generic_type':
        this.visitGenericType(node, ctx);
        return;
      case 'function_definition':
      case 'class_definition':
        return;
      default:
        if (COMPREHENSIONS.has(node.type)) {
          this.visitComprehension(node, ctx);
          return;
        }
        this.pushExpressions(node, ctx);
    }
  }

  private visitAssignment(node: Node, ctx: Context): void {
    // `a = b = v`: tree-sitter nests the targets; Python evaluates `v`, then binds `a`, then `b`.
    const targets: Node[] = [];
    let current: Node = node;
    while (current.type === 'assignment') {
      const left = current.childForFieldName('left');
      if (left) targets.push(left);
      const right = current.childForFieldName('right');
      if (right?.type !== 'assignment' || current.childForFieldName('type')) break;
      current = right;
    }
    const annotation = current.childForFieldName('type');
    const value = current.childForFieldName('right');
    const statement = node.parent?.type === 'expression_statement' ? node.parent : node;
    const annotated = annotation !== null;
    const tasks: Task[] = [];
    if (annotated) {
      const inFunction = ctx.scope.kind === 'function' || ctx.scope.kind === 'lambda';
      // Annotations of locals are never evaluated; elsewhere as function annotations are.
      tasks.push(
        ...(inFunction
          ? this.expr(annotation, { ...ctx, typeDefinition: true, forward: ctx.forward })
          : this.visitAnnotation(annotation, ctx)),
      );
    }
    if (value?.type === 'assignment' && value.childForFieldName('type')) tasks.push(...this.expr(value, ctx));
    else if (value)
      tasks.push(
        ...this.expr(
          value,
          annotated && /(^|\.)TypeAlias$/.test(annotation.text) ? withTypeDefinition(ctx, true) : ctx,
        ),
      );
    const valueIsCollection = value !== null && isCollection(value);
    const allCollections = targets.every(isCollection);
    for (const target of targets) {
      const inCollection = allCollections || isCollection(target);
      const unpacked = inCollection && (!valueIsCollection || !allCollections);
      tasks.push({
        node: target,
        ctx,
        mode: 'store',
        kind: annotated && !value ? 'annotation' : 'assignment',
        statement,
        unpacked: inCollection ? unpacked : false,
      });
    }
    this.scheduleAll(tasks);
  }

  private visitStore(
    node: Node,
    ctx: Context,
    kind: FlowKind,
    statement: Node | null,
    unpacked: boolean,
  ): void {
    if (node.type === 'identifier') {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
      const annotated = assignment?.type === 'assignment' && assignment.childForFieldName('type') !== null;
      this.addBinding(node, kind, ctx, statement, { unpacked, annotated });
    } else if (SEQUENCE_TARGETS.has(node.type)) {
      this.schedule(
        ...node.namedChildren
          .filter((c): c is Node => c !== null)
          .map((child) => ({ node: child, ctx, mode: 'store' as const, kind, statement, unpacked })),
      );
    } else {
      // `a.b = ...`, `a[i] = ...`: reads of `a` and `i`.
      this.schedule(...this.expr(node, ctx));
    }
  }

  private visitLambda(node: Node, ctx: Context): void {
    const parameters =
      node.childForFieldName('parameters')?.namedChildren.filter((c): c is Node => c !== null) ?? [];
    this.schedule(...parameters.flatMap((p) => this.expr(p.childForFieldName('value'), ctx)));
    this.deferredLambdas.push(() => {
      let outer = ctx.scope;
      for (let s: FlowScope | undefined = outer; s; s = s.parent) {
        if (s.kind === 'class') {
          outer = this.newScope('class-cell', node, outer);
          this.classCell(outer);
          break;
        }
      }
      const scope = this.newScope('lambda', node, outer);
      const inner: Context = {
        ...ctx,
        scope,
        deferred: true,
        handled: false,
        conditional: false,
        inHandler: false,
      };
      for (const parameter of parameters) {
        const bound = parameterName(parameter);
        if (bound) this.addBinding(bound, 'argument', inner, statementOf(node));
      }
      this.schedule(...this.expr(node.childForFieldName('body'), inner));
    });
  }

  private visitCall(node: Node, ctx: Context): void {
    const callee = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    // Lengths first: most callees are neither `locals` nor an attribute of a typing module, and
    // their text is not sliced out to be told so.
    if (callee?.type === 'identifier' && ctx.scope.kind === 'function' && hasText(callee, 'locals')) {
      if (!this.boundLocally('locals', ctx.scope)) ctx.scope.usesLocals = true;
    }
    // `cast`, `typing.cast`, `t.cast` (not `ffi.cast`): told by name, not resolved through imports.
    const typingModule =
      callee?.type === 'attribute' && isTypingModuleName(callee.childForFieldName('object'));
    const last = typingModule
      ? callee.childForFieldName('attribute')?.text
      : callee?.type === 'identifier' && mayBeTypeCall(callee)
        ? callee.text
        : undefined;
    // Pushed last first (tasks run last-in first-out): the callee, then the arguments in order.
    if (args && args.type !== 'argument_list') this.pushExpression(args, ctx);
    if (args?.type === 'argument_list') {
      // `f(x for x in y)`: the generator is the argument list.
      const list = args.namedChildren;
      let position = 0;
      for (let j = 0; j < list.length; j++) if (list[j] !== null) position++;
      const typed = withTypeDefinition(ctx, true);
      const untyped = withTypeDefinition(ctx, false);
      for (let j = list.length - 1; j >= 0; j--) {
        const arg = list[j];
        if (arg === null) continue;
        position--;
        // `cast("T", x)`, `TypeVar("T", bound="B")`: type expressions in strings.
        const typeArg =
          (last === 'cast' && position === 0) ||
          (last === 'TypeVar' &&
            position > 0 &&
            (arg.type !== 'keyword_argument' || arg.childForFieldName('name')?.text === 'bound'));
        this.pushExpression(arg, typeArg ? typed : untyped);
      }
    }
    this.pushExpression(callee, ctx);
  }

  private boundLocally(name: string, scope: FlowScope): boolean {
    for (let s: FlowScope | undefined = scope; s && s.kind !== 'module'; s = s.parent) {
      if (s.symbols.has(name)) return true;
    }
    return false;
  }

  private visitSubscript(node: Node, ctx: Context): void {
    const value = node.childForFieldName('value');
    const slices = node.childrenForFieldName('subscript');
    const generic =
      value?.type === 'attribute'
        ? value.childForFieldName('attribute')?.text
        : value?.type === 'identifier'
          ? value.text
          : undefined;
    // Pushed last first (tasks run last-in first-out): the value, then the slices in order.
    if (generic === 'Annotated') {
      const [first, ...rest] = flattenSlice(slices.filter((c): c is Node => c !== null));
      const metadata = withTypeDefinition(ctx, false);
      for (let index = rest.length - 1; index >= 0; index--) this.pushExpression(rest[index], metadata);
      this.pushExpression(first, ctx);
    } else {
      const sliceContext =
        generic === 'Literal'
          ? withTypeDefinition(ctx, false)
          : generic && !ctx.typeDefinition && TYPING_GENERICS.has(generic)
            ? withTypeDefinition(ctx, true)
            : ctx;
      for (let index = slices.length - 1; index >= 0; index--)
        this.pushExpression(slices[index], sliceContext);
    }
    this.pushExpression(value, ctx);
  }

  /** `Literal["a"]`, `Annotated[T, "meta"]`, `list["T"]` as tree-sitter parses them inside annotations. */
  private visitGenericType(node: Node, ctx: Context): void {
    const [head, ...rest] = node.namedChildren.filter((c): c is Node => c !== null);
    const parameters = rest.flatMap((r) =>
      r.type === 'type_parameter' ? r.namedChildren.filter((c): c is Node => c !== null) : [r],
    );
    const generic = head?.type === 'attribute' ? head.childForFieldName('attribute')?.text : head?.text;
    const tasks: Task[] = [...this.expr(head, ctx)];
    if (generic === 'Literal')
      tasks.push(
        ...parameters.flatMap((p) =>
          this.expr(p.type === 'type' ? p.namedChild(0) : p, withTypeDefinition(ctx, false)),
        ),
      );
    else if (generic === 'Annotated') {
      const [first, ...metadata] = parameters;
      tasks.push(
        ...this.expr(first, ctx),
        ...metadata.flatMap((p) =>
          this.expr(p.type === 'type' ? p.namedChild(0) : p, withTypeDefinition(ctx, false)),
        ),
      );
    } else tasks.push(...parameters.flatMap((p) => this.expr(p, ctx)));
    this.scheduleAll(tasks);
  }

  private visitString(node: Node, ctx: Context, whole: Node = node): void {
    const parts = node.namedChildren;
    let interpolated = false;
    for (let index = 0; index < parts.length && !interpolated; index++)
      interpolated = parts[index]?.type === 'interpolation';
    if (interpolated) {
      const interpolations = parts.filter((c): c is Node => c?.type === 'interpolation');
      this.schedule(
        ...interpolations.flatMap((i) => this.interpolationTasks(i, withTypeDefinition(ctx, false))),
      );
      return;
    }
    if (!ctx.typeDefinition || node.type !== 'string') return;
    const names = stringAnnotationNames(node, whole);
    if (!names) return;
    const forward: Context = { ...ctx, forward: true, deferred: true, handled: false };
    this.deferredAnnotations.push(() => {
      for (const { name, start, end } of names)
        this.resolve(name, { start: start - this.base, end: end - this.base }, forward);
    });
  }

  /** `{value!r:>{width}}`: the value, then the expressions nested in its format specifier. */
  private interpolationTasks(interpolation: Node, ctx: Context): Task[] {
    const tasks = this.expr(interpolation.childForFieldName('expression'), ctx);
    const spec = interpolation.childForFieldName('format_specifier');
    for (const part of spec?.namedChildren ?? []) {
      if (part?.type === 'format_expression' || part?.type === 'interpolation')
        tasks.push(...this.interpolationTasks(part, ctx));
    }
    return tasks;
  }

  private visitComprehension(node: Node, ctx: Context): void {
    const scope = this.newScope('comprehension', node, ctx.scope);
    const inner: Context = { ...ctx, scope };
    const tasks: Task[] = [];
    let first = true;
    const body: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'for_in_clause') {
        tasks.push(...this.expr(child.childForFieldName('right'), first ? ctx : inner));
        const left = child.childForFieldName('left');
        if (left)
          tasks.push({
            node: left,
            ctx: inner,
            mode: 'store',
            kind: 'assignment',
            statement: statementOf(node),
          });
        first = false;
      } else if (child.type === 'if_clause') {
        tasks.push(...this.expr(child, inner));
      } else body.push(child);
    }
    this.schedule(...tasks, ...body.flatMap((b) => this.expr(b, inner)));
  }
}

function splatType(parameter: Node): Node | null {
  // `*args: int` is a typed_parameter around a list_splat_pattern; its `type` field is found above.
  return parameter.type === 'typed_parameter' ? parameter.childForFieldName('type') : null;
}

function flattenSlice(slices: readonly Node[]): Node[] {
  if (slices.length === 1 && slices[0].type === 'tuple')
    return slices[0].namedChildren.filter((c): c is Node => c !== null);
  return [...slices];
}

function isUnbound(binding: FlowBinding): boolean {
  return binding.kind === 'annotation' || binding.kind === 'deletion' || binding.kind === 'unbound-exception';
}

/** The innermost statement around an expression. */
function statementOf(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.parent?.type === 'block' || n.parent?.type === 'module') return n;
  }
  return null;
}

/** A handler whose type is `NameError` (or a tuple holding it): reads in the `try` body are guarded. */
function catchesNameError(handler: Node): boolean {
  const value = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  const caught = value?.type === 'as_pattern' ? value.namedChild(0) : value;
  if (!caught) return false;
  const types =
    caught.type === 'tuple' || caught.type === 'parenthesized_expression' ? caught.namedChildren : [caught];
  return types.some((t) => t?.text === 'NameError' || t?.text === 'builtins.NameError');
}

const KEYWORDS_IN_TYPES = new Set([
  'None',
  'True',
  'False',
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'else',
  'lambda',
]);
const TOKEN =
  /\s*(?:([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)|(\d[\w.]*)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\.\.\.|->|\*\*|[-+*/%@&|^~<>=!]=?|[.,:[\](){}]))/y;

/**
 * The names a string annotation reads, with their offsets in the file, or undefined when the
 * string is not an expression (Ruff reports F722 there, not undefined names). Ruff maps a name to
 * its place in the string when the string is written plainly (no prefix, no escapes, not
 * implicitly concatenated); otherwise every name is reported at the whole string.
 */
export function stringAnnotationNames(
  node: Node,
  whole: Node = node,
): Array<{ name: string; start: number; end: number }> | undefined {
  const contents = node.namedChildren.filter(
    (c): c is Node => c?.type === 'string_content' || c?.type === 'escape_sequence',
  );
  const text = contents.map((c) => c.text).join('');
  const start = node.namedChildren.find((c) => c?.type === 'string_start');
  const prefix = start?.text.replace(/['"]/g, '') ?? '';
  if (/[bBfFtT]/.test(prefix)) return undefined;
  const plain =
    whole === node &&
    prefix === '' &&
    contents.every((c) => c.type === 'string_content') &&
    !text.includes('\\') &&
    contents.length <= 1;
  const contentStart = contents[0]?.startIndex ?? node.startIndex;
  const names = expressionNames(text.trim() === text ? text : text.trim());
  if (!names) return undefined;
  const lead = text.length - text.trimStart().length;
  return names.map(({ name, offset }) =>
    plain
      ? { name, start: contentStart + lead + offset, end: contentStart + lead + offset + name.length }
      : { name, start: whole.startIndex, end: whole.endIndex },
  );
}

/** The loaded names of a Python expression's text, or undefined when it is not one. */
function expressionNames(text: string): Array<{ name: string; offset: number }> | undefined {
  if (text.trim() === '' || (text.includes('\n') && !/^\s*\(/.test(text))) return undefined;
  const names: Array<{ name: string; offset: number }> = [];
  let position = 0;
  let previous: 'atom' | 'operator' | 'dot' | 'start' = 'start';
  let depth = 0;
  TOKEN.lastIndex = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match) return undefined;
    position = TOKEN.lastIndex;
    const [, identifier, number, quoted, operator] = match;
    const offset = position - (identifier ?? number ?? quoted ?? operator ?? '').length;
    if (identifier !== undefined) {
      if (KEYWORDS_IN_TYPES.has(identifier)) {
        const isOperatorWord = !['None', 'True', 'False'].includes(identifier);
        if (isOperatorWord) {
          if (identifier === 'not' || identifier === 'lambda') {
            if (previous === 'atom') return undefined;
          } else if (previous !== 'atom') return undefined;
          previous = 'operator';
          continue;
        }
        if (previous === 'atom') return undefined;
        previous = 'atom';
        continue;
      }
      if (previous === 'atom') return undefined;
      if (previous !== 'dot') names.push({ name: pythonName(identifier), offset });
      previous = 'atom';
    } else if (number !== undefined || quoted !== undefined) {
      if (previous === 'atom' && quoted === undefined) return undefined;
      previous = 'atom';
    } else if (operator !== undefined) {
      if (operator === '.') {
        if (previous !== 'atom') return undefined;
        previous = 'dot';
      } else if ('([{'.includes(operator)) {
        depth++;
        previous = 'operator';
      } else if (')]}'.includes(operator)) {
        if (--depth < 0) return undefined;
        previous = 'atom';
      } else if (operator === '...') {
        previous = 'atom';
      } else {
        if (
          operator !== '-' &&
          operator !== '~' &&
          operator !== '*' &&
          operator !== '**' &&
          previous !== 'atom'
        ) {
          if (!(operator === ',' && previous === 'operator')) return undefined;
        }
        previous = 'operator';
      }
    }
  }
  if (depth !== 0 || previous === 'dot') return undefined;
  if (previous === 'operator' && !/[,)\]}]\s*$/.test(text)) return undefined;
  return names;
}

/** The flow model of one top-level statement (or of a whole module). */
export function analyzeFlow(unit: Node, options: FlowOptions): FlowModel {
  const builder = new FlowBuilder(unit, options);
  builder.run();
  const unbound = builder.annotationReads.filter((r) => !r.binding.rebound).map((r) => r.read);
  return {
    scopes: builder.scopes,
    events: builder.events,
    localUndefined: [...builder.localUndefined, ...unbound],
  };
}

/** A module-level binding as the replay knows it (offsets absolute). */
export interface ReplayBinding {
  readonly name: string;
  readonly kind: FlowKind;
  readonly start: number;
  readonly end: number;
  readonly facts: RedefinitionFacts;
  /** Reads and `del`s of it, including those inherited from the binding it replaced. */
  references: number;
  /** The module binding it replaced. */
  readonly shadows?: ReplayBinding;
  /** For `unbound-exception`: the binding before the handler. */
  readonly restores?: ReplayBinding;
}

/** How a read that reached the module scope resolves there. */
export type ModuleResolution = 'bound' | 'unbound' | 'star' | 'not-found';

/** A read or `del` that finds nothing bound in the module scope (builtins are the caller's business). */
export interface ModuleMiss {
  readonly name: string;
  /** File offsets. */
  readonly start: number;
  readonly end: number;
  /** `unbound`: bound once but deleted (or left by `except ... as`); `not-found`: never bound. */
  readonly resolution: 'unbound' | 'not-found';
}

/**
 * One statement's module events as `replayModule` takes them, offsets relative to `base`: what
 * runs in the module pass in order, then what runs after it (function bodies, deferred
 * annotations), with the late reads grouped by name, since they all see the module's final state.
 */
export interface UnitEvents {
  readonly base: number;
  /** The statement's place among the module's statements: makes its branch ids unique in the file. */
  readonly index: number;
  readonly main: readonly ModuleEvent[];
  readonly late: readonly ModuleEvent[];
  readonly lateReads: readonly LateReads[];
  /** Its reads are not reported (the statement holds a syntax error). */
  readonly broken: boolean;
}

export interface LateReads {
  readonly name: string;
  /** How many reads (uses of the module binding). */
  readonly count: number;
  /** The reads that would be undefined names if nothing binds `name` (not guarded by `NameError`). */
  readonly sites: ReadonlyArray<readonly [start: number, end: number]>;
}

/** What the replay of the module scope leaves. */
export interface ModuleReplay {
  /** Name -> its last module-level binding (earlier ones through `shadows`). */
  readonly current: ReadonlyMap<string, ReplayBinding>;
  /** Reads and `del`s that find nothing bound, in the order they run. */
  readonly misses: readonly ModuleMiss[];
}

/** Groups the events of `analyzeFlow` for `replayModule`, and the `hide` events apart (F811's). */
export function unitEvents(events: readonly ModuleEvent[]): {
  main: ModuleEvent[];
  late: ModuleEvent[];
  lateReads: LateReads[];
  hides: ModuleEvent[];
} {
  const main: ModuleEvent[] = [];
  const late: ModuleEvent[] = [];
  const hides: ModuleEvent[] = [];
  const reads = new Map<string, { name: string; count: number; sites: Array<readonly [number, number]> }>();
  for (const event of events) {
    if (event.type === 'hide') hides.push(event);
    else if (event.type === 'read' && event.deferred) {
      let group = reads.get(event.name);
      if (!group) {
        group = { name: event.name, count: 0, sites: [] };
        reads.set(event.name, group);
      }
      group.count++;
      if (!event.handled && !event.resolved) group.sites.push([event.start, event.end]);
    } else if ('deferred' in event && event.deferred) late.push(event);
    else main.push(event);
  }
  return { main, late, lateReads: [...reads.values()], hides };
}

/**
 * Replays the module scope over every statement's events: the module pass of all statements first,
 * then what runs after it (as Ruff runs function bodies after the module). Counts the reads of each
 * binding and collects the reads and `del`s that find nothing bound.
 */
export function replayModule(units: readonly UnitEvents[]): ModuleReplay {
  const symbols = new Map<string, ReplayBinding>();
  const beforeHandler = new Map<string, ReplayBinding | undefined>();
  const misses: ModuleMiss[] = [];
  let star = false;
  const bind = (
    unit: UnitEvents,
    name: string,
    kind: FlowKind,
    at: { start: number; end: number; facts: RedefinitionFacts },
    restores?: ReplayBinding,
  ): void => {
    const shadows = symbols.get(name);
    const inherits =
      kind !== 'deletion' && shadows && shadows.kind !== 'deletion' && shadows.kind !== 'unbound-exception';
    const facts =
      at.facts.branch === '' ? at.facts : { ...at.facts, branch: `/${unit.index}${at.facts.branch}` };
    symbols.set(name, {
      name,
      kind,
      start: unit.base + at.start,
      end: unit.base + at.end,
      facts,
      references: inherits ? shadows.references : 0,
      shadows,
      restores,
    });
  };
  const miss = (
    unit: UnitEvents,
    name: string,
    start: number,
    end: number,
    resolution: ModuleMiss['resolution'],
  ) => {
    if (!unit.broken) misses.push({ name, start: unit.base + start, end: unit.base + end, resolution });
  };
  const apply = (unit: UnitEvents, event: ModuleEvent): void => {
    switch (event.type) {
      case 'bind': {
        const current = symbols.get(event.name);
        if (event.kind === 'annotation' && current) break;
        if (event.kind === 'bound-exception') beforeHandler.set(event.name, current);
        const restores = event.kind === 'unbound-exception' ? beforeHandler.get(event.name) : undefined;
        bind(unit, event.name, event.kind, event, restores && unboundRestore(restores));
        break;
      }
      case 'declared-global': {
        const current = symbols.get(event.name);
        if (!current || isReplayUnbound(current)) bind(unit, event.name, 'assignment', event);
        break;
      }
      case 'star-import':
        star = true;
        break;
      case 'delete': {
        const current = symbols.get(event.name);
        if (current) current.references++;
        if (!event.handled && (!current || isReplayUnbound(current))) {
          miss(unit, event.name, event.start, event.end, current ? 'unbound' : 'not-found');
        }
        if (!event.conditional) bind(unit, event.name, 'deletion', { ...event, facts: NO_FACTS });
        break;
      }
      case 'read': {
        const current = symbols.get(event.name);
        const target = current?.kind === 'unbound-exception' ? current.restores : current;
        if (target) target.references++;
        if (event.resolved || event.handled) break;
        const resolution = readResolution(current, star);
        if (resolution !== 'bound' && resolution !== 'star')
          miss(unit, event.name, event.start, event.end, resolution);
        break;
      }
      default:
    }
  };
  for (const unit of units) for (const event of unit.main) apply(unit, event);
  for (const unit of units) for (const event of unit.late) apply(unit, event);
  for (const unit of units) {
    for (const reads of unit.lateReads) {
      const current = symbols.get(reads.name);
      const target = current?.kind === 'unbound-exception' ? current.restores : current;
      if (target) target.references += reads.count;
      const resolution = readResolution(current, star);
      if (resolution === 'bound' || resolution === 'star') continue;
      for (const [start, end] of reads.sites) miss(unit, reads.name, start, end, resolution);
    }
  }
  return { current: symbols, misses };
}

function readResolution(current: ReplayBinding | undefined, star: boolean): ModuleResolution {
  if (current?.kind === 'unbound-exception') return current.restores ? 'bound' : 'unbound';
  if (current?.kind === 'deletion') return 'unbound';
  if (current && current.kind !== 'annotation') return 'bound';
  return star ? 'star' : 'not-found';
}

function unboundRestore(binding: ReplayBinding): ReplayBinding | undefined {
  if (binding.kind === 'unbound-exception') return binding.restores;
  return isReplayUnbound(binding) ? undefined : binding;
}

function isReplayUnbound(binding: ReplayBinding): boolean {
  return (
    binding.kind === 'annotation' ||
    binding.kind === 'deletion' ||
    (binding.kind === 'unbound-exception' && !binding.restores)
  );
}

/** The parts of a binding that tell a redefinition. */
export interface RedefinitionSide {
  readonly name: string;
  readonly kind: FlowKind;
  readonly facts: RedefinitionFacts;
  readonly references: number;
  /** Where it stands, to order a runtime import and its `TYPE_CHECKING` twin. */
  readonly start: number;
}

const IMPORT_KINDS: ReadonlySet<FlowKind> = new Set([
  'import',
  'from-import',
  'submodule-import',
  'future-import',
]);

/**
 * Whether `binding` redefines `shadowed` while it is unused, as Ruff's F811 decides (preview):
 * `sameScope` when both are bindings of one scope, else `shadowed` is in an enclosing one.
 */
export function isUnusedRedefinition(
  binding: RedefinitionSide,
  shadowed: RedefinitionSide,
  sameScope: boolean,
): boolean {
  if (binding.kind === 'loop-var' || shadowed.references > 0) return false;
  if (!redefines(binding, shadowed) && !(binding.facts.annotated && shadowed.facts.annotated)) return false;
  if (sameScope) {
    if (!IMPORT_KINDS.has(shadowed.kind) && DUMMY_VARIABLE.test(binding.name)) return false;
    if (shadowed.kind === 'function' && shadowed.facts.overload) return false;
  } else if (!IMPORT_KINDS.has(shadowed.kind) || shadowed.facts.explicitExport) {
    return false;
  }
  return !inDifferentForks(binding, shadowed, sameScope);
}

const ANY_IMPORT: ReadonlySet<FlowKind> = new Set(['import', 'from-import', 'submodule-import']);

function redefines(binding: RedefinitionSide, existing: RedefinitionSide): boolean {
  const same = binding.facts.qualified === existing.facts.qualified;
  switch (binding.kind) {
    case 'import':
    case 'from-import':
      if (existing.kind === 'submodule-import') return same;
      break;
    case 'submodule-import':
      if (ANY_IMPORT.has(existing.kind)) return same;
      break;
    case 'deletion':
    case 'annotation':
    case 'future-import':
      return false;
    case 'assignment':
    case 'named-expr':
      if (existing.kind === 'assignment' || existing.kind === 'named-expr') return false;
      break;
    default:
  }
  return ['class', 'function', 'import', 'from-import', 'assignment', 'named-expr'].includes(existing.kind);
}

function inDifferentForks(
  binding: RedefinitionSide,
  shadowed: RedefinitionSide,
  sameScope: boolean,
): boolean {
  const left = shadowed.facts;
  const right = binding.facts;
  if (left.typeChecking !== right.typeChecking && sameScope) {
    const bothImports = ANY_IMPORT.has(binding.kind) && ANY_IMPORT.has(shadowed.kind);
    if (bothImports && left.qualified === right.qualified) {
      const [runtime, typeOnly] = left.typeChecking ? [binding, shadowed] : [shadowed, binding];
      const dominates =
        runtime.facts.branch === '' ||
        typeOnly.facts.branch === runtime.facts.branch ||
        typeOnly.facts.branch.startsWith(`${runtime.facts.branch}/`);
      return !(dominates && runtime.start < typeOnly.start);
    }
  }
  return left.branch !== right.branch;
}
