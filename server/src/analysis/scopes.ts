/**
 * Scope analysis of one Python file: which identifier refers to which binding, with Python's
 * rules (class bodies are not visible from their methods, `global`/`nonlocal`, comprehension and
 * lambda scopes, a function's defaults, annotations and decorators evaluated outside it). Pure and
 * iterative (deep nesting must not overflow). Used by rename fixes and `textDocument/rename`.
 *
 * Beyond plain names it links, for renames within the file: keyword arguments at call sites of
 * functions defined in the file (`f(x=1)` uses parameter `x` of `f`), and attribute uses of class
 * members through the class itself or through `self`/`cls` in its methods (`self.helper()`).
 */
import type { Node } from '../engine/types';
import { perTree } from './per-tree';

/** `type-parameters`: the annotation scope of PEP 695 `[T]` (a function's annotations, a class's bases, an alias's value). */
export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension' | 'type-parameters';
export type BindingKind = 'function' | 'class' | 'parameter' | 'import' | 'variable';

export interface Binding {
  readonly name: string;
  readonly scope: Scope;
  /** Kinds of its binding sites (`x = 1` and `def x()` both bind `x`). */
  readonly kinds: Set<BindingKind>;
  /** Identifiers that bind it (targets, `def`/`class` names, parameters, import aliases). */
  readonly definitions: Node[];
  /** Identifiers that read it, and the names of `global`/`nonlocal`/`del` statements. */
  readonly references: Node[];
  /** `name` in `f(name=...)` at call sites of the function owning this parameter. */
  readonly keywordUses: Node[];
  /** `attr` in `self.attr`, `cls.attr` or `Class.attr` for a member of a class body. */
  readonly attributeUses: Node[];
  /** The `def`/`class` statements among its definitions. */
  readonly definitionNodes: Node[];
}

export interface Scope {
  readonly kind: ScopeKind;
  /** The module, class, function, lambda or comprehension node. */
  readonly node: Node;
  readonly parent: Scope | undefined;
  readonly bindings: Map<string, Binding>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  /** Attribute names used through `self.`/`cls.`/`Class.` (class scopes only), members or not. */
  readonly attributeNames: Set<string>;
  /** `from m import *` in this scope: any name may be bound here. */
  starImport: boolean;
  /** Class scopes only: the classes of this file it derives from (plain-name bases), then its subclasses. */
  readonly bases: Scope[];
  readonly subclasses: Scope[];
}

/** A read of a name, where it happens and what it resolved to (undefined: a builtin or undefined name). */
export interface NameUse {
  readonly node: Node;
  readonly scope: Scope;
  readonly binding: Binding | undefined;
}

/** `object.attribute` anywhere in the file; also `Class(attribute=...)` in a `case` pattern (`object` is the class's dotted name). */
export interface AttributeSite {
  readonly object: Node;
  readonly attribute: Node;
  readonly scope: Scope;
}

/** `name=` in a call's arguments. */
export interface KeywordSite {
  readonly call: Node;
  readonly name: Node;
  readonly scope: Scope;
}

/** Scopes, bindings and reads of names: what `statementScopeModel` gives. */
export interface NameModel {
  readonly module: Scope;
  readonly scopes: readonly Scope[];
  /** The reads of names that no binding of the analysed tree takes (builtins, other statements' names), in order. */
  readonly unresolvedReads: readonly Node[];
  /** The name each of `unresolvedReads` reads (`pythonName` of its text), index for index. */
  readonly unresolvedNames: readonly string[];
  /** Names of `global`/`nonlocal`/`del` statements that nothing in the analysed tree binds. */
  readonly unresolvedDeclarations: readonly Node[];
  /** The scope a `def`/`class`/`lambda`/comprehension node opens. */
  scopeOf(node: Node): Scope | undefined;
  /** The scopes a lookup of `name` from `scope` visits, up to and including the one that binds it. */
  lookupPath(scope: Scope, name: string): Scope[];
}

/** A `NameModel` with the links renames need: members, keyword arguments, each identifier's binding. */
export interface ScopeModel extends NameModel {
  readonly uses: readonly NameUse[];
  readonly attributeSites: readonly AttributeSite[];
  readonly keywordSites: readonly KeywordSite[];
  /** The binding an identifier belongs to (as definition, reference, keyword or attribute use). */
  bindingOf(identifier: Node): Binding | undefined;
}

/**
 * How much an analysis records: `names` (scopes, bindings, reads) or also the `links` of a
 * `ScopeModel` (attribute and keyword sites, class bases, the binding of every identifier), which
 * the per-statement summaries of F401 and TC001-TC003 never read and which cost a map entry per
 * identifier.
 */
type Detail = 'names' | 'links';

type Mode = 'load' | 'store' | 'pattern';

/**
 * The name Python sees for an identifier's text: the parser normalises identifiers to NFKC, so
 * `𝐱` and `x`, `ｐｒｉｎｔ` and `print` are the same name. Compare names only through this.
 */
export function pythonName(text: string): string {
  // A loop, not a regular expression's test: this runs for every identifier of every model.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return text.normalize('NFKC');
  return text;
}

export const COMPREHENSIONS: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** Targets whose parts are themselves targets in a store (`a, (b, *c) = ...`). */
export const DESTRUCTURING: ReadonlySet<string> = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
  'expression_list',
  'list_splat_pattern',
  'list_splat',
  'as_pattern_target',
]);

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', ...COMPREHENSIONS]);

class Builder {
  readonly scopes: Scope[] = [];
  readonly byNode = new Map<number, Scope>();
  /** `selfClassOf` per binding: asked at every `self.x` of a method (it reads the decorators). */
  private readonly selfClasses = new Map<Binding, Scope | undefined>();
  readonly bindingByIdentifier = new Map<number, Binding>();
  /** The reads of names, in two parallel arrays (not an object per read: most identifiers are reads). */
  readonly loadNodes: Node[] = [];
  readonly loadScopes: Scope[] = [];
  readonly attributeSites: AttributeSite[] = [];
  readonly keywordSites: KeywordSite[] = [];
  readonly declarations: Array<{ node: Node; scope: Scope }> = [];
  readonly module: Scope;
  /**
   * The pending work, one entry per node in four parallel stacks (not an object per node: a file's
   * analysis pushes each of its nodes once). `taskKinds`: for stores, the kind of binding the site makes.
   */
  private readonly taskNodes: Node[] = [];
  private readonly taskScopes: Scope[] = [];
  private readonly taskModes: Mode[] = [];
  private readonly taskKinds: Array<BindingKind | undefined> = [];
  /**
   * Whether the text holds `global` or `nonlocal` at all: a declaration's statement holds the
   * keyword, so without it no body needs searching (most files have none).
   */
  private readonly mayDeclare: boolean;

  constructor(
    root: Node,
    readonly detail: Detail,
  ) {
    this.module = this.newScope('module', root, undefined);
    const text = root.text;
    this.mayDeclare = text.includes('global') || text.includes('nonlocal');
  }

  /** `selfClassOf`, once per binding (once the bindings are complete). */
  selfClassOf(binding: Binding): Scope | undefined {
    if (!this.selfClasses.has(binding)) this.selfClasses.set(binding, selfClassOf(binding));
    return this.selfClasses.get(binding);
  }

  newScope(kind: ScopeKind, node: Node, parent: Scope | undefined): Scope {
    const scope: Scope = {
      kind,
      node,
      parent,
      bindings: new Map(),
      globals: new Set(),
      nonlocals: new Set(),
      attributeNames: new Set(),
      starImport: false,
      bases: [],
      subclasses: [],
    };
    this.scopes.push(scope);
    this.byNode.set(node.id, scope);
    return scope;
  }

  run(): void {
    this.declare(this.module, this.module.node);
    // A top-level statement analysed alone (see analyzeScopes) is the only statement of its module.
    if (this.module.node.type === 'module') this.pushChildren(this.module.node, this.module, 'load');
    else this.push(this.module.node, this.module, 'load');
    while (this.taskNodes.length > 0) {
      const node = this.taskNodes.pop()!;
      const scope = this.taskScopes.pop()!;
      const mode = this.taskModes.pop()!;
      const kind = this.taskKinds.pop();
      this.visit(node, scope, mode, kind);
    }
  }

  load(node: Node, scope: Scope): void {
    this.loadNodes.push(node);
    this.loadScopes.push(scope);
  }

  push(node: Node | null | undefined, scope: Scope, mode: Mode, kind?: BindingKind): void {
    if (!node) return;
    this.taskNodes.push(node);
    this.taskScopes.push(scope);
    this.taskModes.push(mode);
    this.taskKinds.push(kind);
  }

  pushChildren(node: Node, scope: Scope, mode: Mode): void {
    // One call for all children: each call into the tree-sitter wasm costs more than the loop.
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      // A node without named children does nothing in any mode unless it is a name or opens a
      // scope (string parts, numbers, comments, `None`: about a quarter of the named nodes).
      if (
        child &&
        (child.type === 'identifier' || child.namedChildCount > 0 || NESTED_SCOPES.has(child.type))
      )
        this.push(child, scope, mode);
    }
  }

  /** The scope that receives a binding of `name` made in `scope`. */
  targetScope(scope: Scope, name: string): Scope {
    if (scope.globals.has(name)) return this.module;
    if (scope.nonlocals.has(name)) {
      const outer = resolveIn(enclosing(scope), name);
      if (outer) return outer.scope;
    }
    return scope;
  }

  bind(identifier: Node, scope: Scope, kind: BindingKind, definition?: Node): Binding {
    const name = pythonName(identifier.text);
    const owner = this.targetScope(scope, name);
    let binding = owner.bindings.get(name);
    if (!binding) {
      binding = {
        name,
        scope: owner,
        kinds: new Set(),
        definitions: [],
        references: [],
        keywordUses: [],
        attributeUses: [],
        definitionNodes: [],
      };
      owner.bindings.set(name, binding);
    }
    binding.kinds.add(kind);
    binding.definitions.push(identifier);
    if (definition) binding.definitionNodes.push(definition);
    if (this.detail === 'links') this.bindingByIdentifier.set(identifier.id, binding);
    return binding;
  }

  /** `global`/`nonlocal` names of a body, known before any of its statements binds (Python's rule). */
  declare(scope: Scope, body: Node): void {
    if (!this.mayDeclare) return;
    const pending: Node[] = [body];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'global_statement' || node.type === 'nonlocal_statement') {
        const into = node.type === 'global_statement' ? scope.globals : scope.nonlocals;
        for (const child of node.namedChildren)
          if (child?.type === 'identifier') into.add(pythonName(child.text));
        continue;
      }
      for (const child of node.namedChildren) {
        // Nested definitions declare for their own scopes (and statements never hide in decorators).
        if (
          child &&
          !NESTED_SCOPES.has(child.type) &&
          child.type !== 'decorated_definition' &&
          mayHoldStatements(child)
        )
          pending.push(child);
      }
    }
  }

  visit(node: Node, scope: Scope, mode: Mode, kind: BindingKind | undefined): void {
    if (node.type === 'ERROR') return;
    if (mode === 'pattern') {
      this.visitPattern(node, scope);
      return;
    }
    if (mode === 'store') {
      this.visitStore(node, scope, kind ?? 'variable');
      return;
    }
    switch (node.type) {
      case 'identifier':
        this.load(node, scope);
        return;
      case 'function_definition':
        this.visitFunction(node, scope);
        return;
      case 'lambda':
        this.visitLambda(node, scope);
        return;
      case 'class_definition':
        this.visitClass(node, scope);
        return;
      case 'assignment':
        this.push(node.childForFieldName('right'), scope, 'load');
        this.push(node.childForFieldName('type'), scope, 'load');
        this.push(node.childForFieldName('left'), scope, 'store');
        return;
      case 'augmented_assignment':
        this.push(node.childForFieldName('right'), scope, 'load');
        this.push(node.childForFieldName('left'), scope, 'store');
        return;
      case 'for_statement':
        this.push(node.childForFieldName('alternative'), scope, 'load');
        this.push(node.childForFieldName('body'), scope, 'load');
        this.push(node.childForFieldName('right'), scope, 'load');
        this.push(node.childForFieldName('left'), scope, 'store');
        return;
      case 'as_pattern':
        this.visitAsPattern(node, scope);
        return;
      case 'named_expression': {
        let owner = scope;
        // PEP 572: a walrus in a comprehension binds in the enclosing function or module.
        while (owner.kind === 'comprehension' && owner.parent) owner = owner.parent;
        const name = node.childForFieldName('name');
        if (name?.type === 'identifier') this.bind(name, owner, 'variable');
        this.push(node.childForFieldName('value'), scope, 'load');
        return;
      }
      case 'delete_statement':
        this.pushChildren(node, scope, 'store');
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const child of node.namedChildren) {
          if (child?.type === 'identifier') this.declarations.push({ node: child, scope });
        }
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.visitImport(node, scope);
        return;
      case 'future_import_statement':
        return;
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attribute = node.childForFieldName('attribute');
        if (object && attribute && this.detail === 'links')
          this.attributeSites.push({ object, attribute, scope });
        this.push(object, scope, 'load');
        return;
      }
      case 'keyword_argument': {
        const name = node.childForFieldName('name');
        const call = node.parent?.parent;
        if (name && call?.type === 'call' && this.detail === 'links')
          this.keywordSites.push({ call, name, scope });
        this.push(node.childForFieldName('value'), scope, 'load');
        return;
      }
      case 'case_clause':
        this.visitCase(node, scope);
        return;
      case 'type_alias_statement': {
        const left = node.childForFieldName('left')?.namedChild(0);
        const generic = left?.type === 'generic_type';
        const name = generic ? left.namedChild(0) : left;
        if (name?.type === 'identifier') this.bind(name, scope, 'variable');
        const parameters = generic ? left.namedChildren.find((c) => c?.type === 'type_parameter') : undefined;
        this.push(
          node.childForFieldName('right'),
          this.typeParameterScope(parameters ?? null, scope),
          'load',
        );
        return;
      }
      case 'decorated_definition':
        this.pushChildren(node, scope, 'load');
        return;
      default:
        if (COMPREHENSIONS.has(node.type)) {
          this.visitComprehension(node, scope);
          return;
        }
        this.pushChildren(node, scope, 'load');
    }
  }

  visitStore(node: Node, scope: Scope, kind: BindingKind): void {
    if (node.type === 'identifier') {
      this.bind(node, scope, kind);
    } else if (DESTRUCTURING.has(node.type)) {
      this.pushChildren(node, scope, 'store');
    } else {
      // `a.b = ...`, `a[i] = ...`: reads of `a` and `i`.
      this.push(node, scope, 'load');
    }
  }

  visitFunction(node: Node, scope: Scope): void {
    const name = node.childForFieldName('name');
    if (name?.type === 'identifier') this.bind(name, scope, 'function', node);
    // PEP 695: annotations see the type parameters; defaults and decorators do not.
    const annotations = this.typeParameterScope(node.childForFieldName('type_parameters'), scope);
    const inner = this.newScope('function', node, annotations);
    const body = node.childForFieldName('body');
    if (body) this.declare(inner, body);
    this.push(body, inner, 'load');
    this.push(node.childForFieldName('return_type'), annotations, 'load');
    this.visitParameters(node.childForFieldName('parameters'), scope, inner, annotations);
  }

  visitLambda(node: Node, scope: Scope): void {
    const inner = this.newScope('lambda', node, scope);
    this.push(node.childForFieldName('body'), inner, 'load');
    this.visitParameters(node.childForFieldName('parameters'), scope, inner);
  }

  visitClass(node: Node, scope: Scope): void {
    const name = node.childForFieldName('name');
    if (name?.type === 'identifier') this.bind(name, scope, 'class', node);
    // PEP 695: the bases and the body see the type parameters.
    const annotations = this.typeParameterScope(node.childForFieldName('type_parameters'), scope);
    const inner = this.newScope('class', node, annotations);
    const body = node.childForFieldName('body');
    if (body) this.declare(inner, body);
    this.push(body, inner, 'load');
    const bases = node.childForFieldName('superclasses');
    if (bases) this.pushChildren(bases, annotations, 'load');
  }

  /**
   * The annotation scope of PEP 695 type parameters (`[T: int, *Ts, **P]`) between `outer` and the
   * function, class or alias they parameterise; `outer` itself when there are none.
   */
  typeParameterScope(list: Node | null, outer: Scope): Scope {
    if (!list) return outer;
    const scope = this.newScope('type-parameters', list, outer);
    for (const parameter of list.namedChildren) {
      let first = parameter?.type === 'type' ? parameter.namedChild(0) : parameter;
      if (first?.type === 'constrained_type') {
        // `T: bound`: the bound is read (lazily) inside the annotation scope.
        for (const bound of first.namedChildren.slice(1)) this.push(bound, scope, 'load');
        first = first.namedChild(0);
        if (first?.type === 'type') first = first.namedChild(0);
      }
      if (first?.type === 'splat_type') first = first.namedChild(0);
      if (first?.type === 'identifier') this.bind(first, scope, 'variable');
      else if (first) this.push(first, scope, 'load');
    }
    return scope;
  }

  /** Names bind in the function's scope; defaults are evaluated outside it, annotations in `annotations`. */
  visitParameters(list: Node | null, outer: Scope, inner: Scope, annotations: Scope = outer): void {
    if (!list) return;
    for (const parameter of list.namedChildren) {
      if (!parameter) continue;
      const name = parameterName(parameter);
      if (name) this.bind(name, inner, 'parameter');
      this.push(parameter.childForFieldName('value'), outer, 'load');
      this.push(parameter.childForFieldName('type'), annotations, 'load');
    }
  }

  visitComprehension(node: Node, scope: Scope): void {
    const inner = this.newScope('comprehension', node, scope);
    let first = true;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'for_in_clause') {
        // The first iterable is evaluated in the enclosing scope, the rest inside.
        this.push(child.childForFieldName('right'), first ? scope : inner, 'load');
        this.push(child.childForFieldName('left'), inner, 'store');
        first = false;
      } else {
        this.push(child, inner, 'load');
      }
    }
  }

  /** `with a as b`, `except E as e`: a read, then a store; `case P as name`: a capture. */
  visitAsPattern(node: Node, scope: Scope): void {
    const alias = node.childForFieldName('alias');
    if (!alias) {
      this.visitPattern(node, scope);
      return;
    }
    for (const child of node.namedChildren) {
      if (child && child.id !== alias.id) this.push(child, scope, 'load');
    }
    this.push(alias, scope, 'store');
  }

  visitImport(node: Node, scope: Scope): void {
    for (const child of node.namedChildren) {
      if (child?.type === 'wildcard_import') scope.starImport = true;
    }
    const isFrom = node.type === 'import_from_statement';
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const alias = name.childForFieldName('alias');
        if (alias) this.bind(alias, scope, 'import');
      } else if (name.type === 'dotted_name') {
        // `import a.b` binds `a`; `from m import x` binds `x`.
        const first = name.namedChild(0);
        if (first?.type === 'identifier' && (!isFrom || name.namedChildCount === 1)) {
          this.bind(first, scope, 'import');
        }
      }
    }
  }

  visitCase(node: Node, scope: Scope): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'case_pattern') this.push(child, scope, 'pattern');
      else this.push(child, scope, 'load');
    }
  }

  /** Match patterns: bare names capture, dotted names and class patterns read. */
  visitPattern(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'dotted_name': {
        const first = node.namedChild(0);
        if (first?.type !== 'identifier') return;
        const capture = node.namedChildCount === 1 && node.parent?.type !== 'class_pattern';
        if (!capture) this.load(first, scope);
        else if (first.text !== '_') this.bind(first, scope, 'variable');
        return;
      }
      case 'identifier':
        if (node.text !== '_') this.bind(node, scope, 'variable');
        return;
      case 'keyword_pattern': {
        // `Point(x=...)`: `x` names an attribute of the matched object, not a variable.
        const classPattern = node.parent?.parent;
        const cls = classPattern?.type === 'class_pattern' ? classPattern.namedChild(0) : null;
        const attribute = node.namedChild(0);
        if (cls?.type === 'dotted_name' && attribute?.type === 'identifier' && this.detail === 'links')
          this.attributeSites.push({ object: cls, attribute, scope });
        for (const child of node.namedChildren.slice(1)) this.push(child, scope, 'pattern');
        return;
      }
      case 'string':
      case 'integer':
      case 'float':
      case 'concatenated_string':
      case 'binary_operator':
      case 'unary_operator':
        this.push(node, scope, 'load');
        return;
      default:
        for (let i = node.namedChildCount - 1; i >= 0; i--) this.push(node.namedChild(i), scope, 'pattern');
    }
  }
}

/** The name a parameter node binds: `a`, `a: int`, `a=1`, `*args`, `**kw`. */
export function parameterName(parameter: Node): Node | undefined {
  let node: Node | null = parameter;
  switch (parameter.type) {
    case 'identifier':
      return parameter;
    case 'default_parameter':
    case 'typed_default_parameter':
      node = parameter.childForFieldName('name');
      break;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      node = parameter.namedChild(0);
      if (node && (node.type === 'list_splat_pattern' || node.type === 'dictionary_splat_pattern'))
        node = node.namedChild(0);
      break;
    default:
      return undefined;
  }
  return node?.type === 'identifier' ? node : undefined;
}

/** The next scope a name lookup visits: class bodies are invisible from inside nested scopes. */
function enclosing(scope: Scope): Scope | undefined {
  let parent = scope.parent;
  while (parent && parent.kind === 'class') parent = parent.parent;
  return parent;
}

function moduleOf(scope: Scope): Scope {
  let current = scope;
  while (current.parent) current = current.parent;
  return current;
}

/** The binding of `name` at the end of its `lookupPath` from `start`, without building the path (one per read). */
function resolveIn(start: Scope | undefined, name: string): Binding | undefined {
  let last: Scope | undefined;
  for (let scope = start; scope; scope = enclosing(scope)) {
    last = scope;
    if (scope.globals.has(name) && scope.kind !== 'module') return moduleOf(scope).bindings.get(name);
    if (scope.bindings.has(name) && !scope.nonlocals.has(name)) break;
  }
  return last?.bindings.get(name);
}

/** The last scope of `lookupPath(start, name)` (the one that binds `name`, else the outermost visited), without building the path. */
export function lookupEnd(start: Scope, name: string): Scope {
  let scope = start;
  for (;;) {
    if (scope.globals.has(name) && scope.kind !== 'module') return moduleOf(scope);
    if (scope.bindings.has(name) && !scope.nonlocals.has(name)) return scope;
    const next = enclosing(scope);
    if (!next) return scope;
    scope = next;
  }
}

export function lookupPath(start: Scope, name: string): Scope[] {
  const path: Scope[] = [];
  let scope: Scope | undefined = start;
  while (scope) {
    path.push(scope);
    if (scope.globals.has(name) && scope.kind !== 'module') {
      const module = moduleOf(scope);
      path.push(module);
      return path;
    }
    if (scope.bindings.has(name) && !scope.nonlocals.has(name)) return path;
    scope = enclosing(scope);
  }
  return path;
}

/**
 * Analyses the scopes of a whole tree (`tree.rootNode`), or of one top-level statement as if it
 * were alone in its module (names it reads from other statements resolve to nothing).
 */
export function analyzeScopes(root: Node): ScopeModel {
  const builder = new Builder(root, 'links');
  const uses: NameUse[] = [];
  const names = resolvedNames(builder, uses);
  const bindingOf = builder.bindingByIdentifier;
  linkBases(builder, bindingOf);
  linkAttributes(builder, bindingOf);
  linkKeywords(builder, bindingOf);
  return {
    ...names,
    uses,
    attributeSites: builder.attributeSites,
    keywordSites: builder.keywordSites,
    bindingOf: (identifier) => bindingOf.get(identifier.id),
  };
}

/** `analyzeScopes` without the links (see `Detail`). */
function analyzeNames(root: Node): NameModel {
  return resolvedNames(new Builder(root, 'names'));
}

/**
 * Runs `builder` and resolves the reads and declarations it found; for `links`, records each
 * identifier's binding and every read into `uses` (an object per read, which `names` does without).
 */
function resolvedNames(builder: Builder, uses?: NameUse[]): NameModel {
  builder.run();
  const unresolvedReads: Node[] = [];
  const unresolvedNames: string[] = [];
  const bindingOf = builder.detail === 'links' ? builder.bindingByIdentifier : undefined;
  const { loadNodes, loadScopes } = builder;
  for (let i = 0; i < loadNodes.length; i++) {
    const node = loadNodes[i];
    const scope = loadScopes[i];
    const name = pythonName(node.text);
    const binding = resolveIn(scope, name);
    uses?.push({ node, scope, binding });
    if (binding) {
      binding.references.push(node);
      bindingOf?.set(node.id, binding);
    } else {
      unresolvedReads.push(node);
      unresolvedNames.push(name);
    }
  }
  const unresolvedDeclarations: Node[] = [];
  for (const { node, scope } of builder.declarations) {
    const binding = resolveIn(scope, pythonName(node.text));
    if (binding) {
      binding.references.push(node);
      bindingOf?.set(node.id, binding);
    } else unresolvedDeclarations.push(node);
  }
  return {
    module: builder.module,
    scopes: builder.scopes,
    unresolvedReads,
    unresolvedNames,
    unresolvedDeclarations,
    scopeOf: (node) => builder.byNode.get(node.id),
    lookupPath,
  };
}

/** The class scope an expression's value is: the class itself, or `self`/`cls` in one of its methods. */
function classScopeOf(object: Node, builder: Builder, bindingOf: Map<number, Binding>): Scope | undefined {
  if (object.type !== 'identifier') return undefined;
  const binding = bindingOf.get(object.id);
  if (!binding) return undefined;
  if (binding.kinds.size === 1 && binding.kinds.has('class') && binding.definitionNodes.length === 1) {
    return builder.byNode.get(binding.definitionNodes[0].id);
  }
  return builder.selfClassOf(binding);
}

/** The class of `self` or `cls`: the first parameter of a method that is not a staticmethod. */
export function selfClassOf(binding: Binding): Scope | undefined {
  if (!binding.kinds.has('parameter') || binding.kinds.size !== 1) return undefined;
  const method = binding.scope;
  const owner = method.kind === 'function' ? classOfMethod(method) : undefined;
  if (!owner) return undefined;
  const first = method.node.childForFieldName('parameters')?.namedChild(0);
  const firstName = first ? parameterName(first) : undefined;
  if (!firstName || pythonName(firstName.text) !== binding.name || isStaticMethod(method.node))
    return undefined;
  return owner;
}

/** The class whose body defines this function scope (through a PEP 695 `[T]` scope), if any. */
export function classOfMethod(method: Scope): Scope | undefined {
  let parent = method.parent;
  if (parent?.kind === 'type-parameters') parent = parent.parent;
  return parent?.kind === 'class' ? parent : undefined;
}

function isStaticMethod(definition: Node): boolean {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return false;
  return parent.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*staticmethod\b/.test(d.text));
}

/** Plain-name bases that are classes of this file (`class Child(Base)`, `class Child(Base[T])`). */
function linkBases(builder: Builder, bindingOf: Map<number, Binding>): void {
  for (const scope of builder.scopes) {
    if (scope.kind !== 'class') continue;
    for (const entry of scope.node.childForFieldName('superclasses')?.namedChildren ?? []) {
      // `Base` or `Base[T]`.
      const base = entry?.type === 'subscript' ? entry.childForFieldName('value') : entry;
      if (base?.type !== 'identifier') continue;
      const binding = bindingOf.get(base.id);
      if (binding?.kinds.size !== 1 || !binding.kinds.has('class') || binding.definitionNodes.length !== 1)
        continue;
      const baseScope = builder.byNode.get(binding.definitionNodes[0].id);
      if (!baseScope || baseScope === scope) continue;
      scope.bases.push(baseScope);
      baseScope.subclasses.push(scope);
    }
  }
}

/** The member `name` of a class or, when it does not define it, of its bases in this file (depth first, as the MRO mostly is). */
export function memberOf(classScope: Scope, name: string): Binding | undefined {
  const seen = new Set<Scope>();
  const pending = [classScope];
  while (pending.length > 0) {
    const scope = pending.shift()!;
    if (seen.has(scope)) continue;
    seen.add(scope);
    const member = scope.bindings.get(name);
    if (member) return member;
    pending.push(...scope.bases);
  }
  return undefined;
}

function linkAttributes(builder: Builder, bindingOf: Map<number, Binding>): void {
  for (const { object, attribute } of builder.attributeSites) {
    const classScope = classScopeOf(object, builder, bindingOf);
    if (!classScope) continue;
    const name = pythonName(attribute.text);
    classScope.attributeNames.add(name);
    const member = memberOf(classScope, name);
    if (!member) continue;
    member.attributeUses.push(attribute);
    bindingOf.set(attribute.id, member);
  }
}

/** The function a call calls, when it is defined in this file: `f(...)`, `self.m(...)`, `Class(...)` (its `__init__`). */
function calledFunction(call: Node, builder: Builder, bindingOf: Map<number, Binding>): Scope | undefined {
  const callee = call.childForFieldName('function');
  let binding: Binding | undefined;
  if (callee?.type === 'identifier') binding = bindingOf.get(callee.id);
  else if (callee?.type === 'attribute') {
    const object = callee.childForFieldName('object');
    const classScope = object ? classScopeOf(object, builder, bindingOf) : undefined;
    binding = classScope
      ? memberOf(classScope, pythonName(callee.childForFieldName('attribute')?.text ?? ''))
      : undefined;
  }
  if (binding?.definitionNodes.length !== 1 || binding.kinds.size !== 1) return undefined;
  const scope = builder.byNode.get(binding.definitionNodes[0].id);
  if (scope?.kind === 'class') {
    const init = scope.bindings.get('__init__');
    if (init?.definitionNodes.length !== 1 || !init.kinds.has('function')) return undefined;
    return builder.byNode.get(init.definitionNodes[0].id);
  }
  return scope?.kind === 'function' ? scope : undefined;
}

function linkKeywords(builder: Builder, bindingOf: Map<number, Binding>): void {
  for (const { call, name } of builder.keywordSites) {
    const callee = calledFunction(call, builder, bindingOf);
    const parameter = callee?.bindings.get(pythonName(name.text));
    if (!parameter?.kinds.has('parameter')) continue;
    parameter.keywordUses.push(name);
    bindingOf.set(name.id, parameter);
  }
}

/**
 * Scope models of top-level statements analysed alone, by the statement's node object: the file
 * rules that summarise a statement (F401, TC001-TC003) are handed the same snapshot of it in one
 * analysis, and share one analysis of it. Weak: an entry lives as long as that snapshot.
 */
const statementModels = new WeakMap<Node, NameModel>();

/** The names and scopes of one top-level statement alone, shared by whoever reads the same node object. */
export function statementScopeModel(statement: Node): NameModel {
  let model = statementModels.get(statement);
  if (!model) {
    model = analyzeNames(statement);
    statementModels.set(statement, model);
  }
  return model;
}

/**
 * The scope model of a tree, computed once per tree object while it is the tree last asked about
 * (see per-tree.ts: the rules of an analysis, then code actions and renames on the same version,
 * share one analysis).
 */
export function scopeModelOf(tree: { readonly rootNode: Node }): ScopeModel {
  return perTree(tree, 'scope-model', () => analyzeScopes(tree.rootNode));
}

/**
 * Whether a `global`/`nonlocal` statement can be inside `node`: statements live in blocks and in
 * compound statements and their clauses, never inside an expression (unless error recovery put
 * them there, hence `hasError`).
 */
function mayHoldStatements(node: Node): boolean {
  const type = node.type;
  return type === 'block' || type.endsWith('_statement') || type.endsWith('_clause') || node.hasError;
}
