/**
 * Renaming a class member (method, class attribute, field) in one file. A member name is shared by
 * every class of the file related to its class by inheritance (the *family*: overriding and
 * overridden methods dispatch through one name), and it is read through values: `self.x`, `p.x`
 * where the file shows `p` is a `Point` (constructed, annotated), `super().x()`. Fields of
 * dataclass, NamedTuple, TypedDict, attrs and pydantic classes are also constructor keywords
 * (`Point(x=1)`) and, for a TypedDict, string keys. Where the file cannot show every use (an
 * attribute of a value of unknown class, a keyword to a function defined elsewhere, the name as a
 * string), the rename is refused with the place that stops it.
 */
import type { Node } from '../engine/types';
import { PYTHON_BUILTINS } from './python-names';
import {
  type AttributeSite,
  type Binding,
  classOfMethod,
  type KeywordSite,
  memberOf,
  type NameUse,
  pythonName,
  type Scope,
  type ScopeModel,
  selfClassOf,
} from './scopes';

/** What the file shows of a value: an instance (or the class object) of one of its classes, a value that is none of them, or nothing. */
export type ValueClass = { kind: 'class'; scope: Scope } | { kind: 'foreign' } | { kind: 'unknown' };

const UNKNOWN: ValueClass = { kind: 'unknown' };
const FOREIGN: ValueClass = { kind: 'foreign' };
/** Assignment chains followed this deep (`a = b`, `b = Point()`), no further. */
const MAX_DEPTH = 4;

const LITERALS = new Set([
  'string',
  'concatenated_string',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'list',
  'dictionary',
  'set',
  'tuple',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
  'lambda',
]);

/** The class of a single-definition class binding, as a scope. */
function classScopeOfBinding(model: ScopeModel, binding: Binding | undefined): Scope | undefined {
  if (binding?.kinds.size !== 1 || !binding.kinds.has('class')) return undefined;
  if (binding.definitionNodes.length !== 1) return undefined;
  return model.scopeOf(binding.definitionNodes[0]);
}

function enclosingFunction(scope: Scope): Scope | undefined {
  let current: Scope | undefined = scope;
  while (current && current.kind !== 'function') current = current.parent;
  return current;
}

/** What the file shows of the value of `node`, evaluated in `scope`. */
export function valueClassOf(model: ScopeModel, node: Node, scope: Scope, depth = 0): ValueClass {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (LITERALS.has(node.type)) return FOREIGN;
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      return inner ? valueClassOf(model, inner, scope, depth + 1) : UNKNOWN;
    }
    case 'identifier':
      return nameValueClass(model, node, depth);
    case 'dotted_name': {
      // The class of a `case Point(...)` pattern.
      const first = node.namedChild(0);
      if (node.namedChildCount === 1 && first) return nameValueClass(model, first, depth);
      const binding = first ? model.bindingOf(first) : undefined;
      return binding && isOnly(binding, 'import') ? FOREIGN : UNKNOWN;
    }
    case 'call':
      return callValueClass(model, node, scope);
    case 'attribute': {
      // `os.path.sep`: a chain on a module is not a value of this file.
      let root: Node | null = node;
      while (root?.type === 'attribute') root = root.childForFieldName('object');
      const binding = root?.type === 'identifier' ? model.bindingOf(root) : undefined;
      return binding && isOnly(binding, 'import') ? FOREIGN : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function isOnly(binding: Binding, kind: string): boolean {
  return binding.kinds.size === 1 && binding.kinds.has(kind as never);
}

function nameValueClass(model: ScopeModel, node: Node, depth: number): ValueClass {
  const binding = model.bindingOf(node);
  if (!binding) return PYTHON_BUILTINS.has(pythonName(node.text)) ? FOREIGN : UNKNOWN;
  const classScope = classScopeOfBinding(model, binding) ?? selfClassOf(binding);
  if (classScope) return { kind: 'class', scope: classScope };
  if (isOnly(binding, 'import') || isOnly(binding, 'function')) return FOREIGN;
  if (isOnly(binding, 'parameter')) {
    const parameter = binding.definitions[0]?.parent;
    const annotation = parameter?.childForFieldName('type');
    return annotation && binding.definitions.length === 1 ? annotationClass(model, annotation) : UNKNOWN;
  }
  if (!isOnly(binding, 'variable')) return UNKNOWN;
  let found: ValueClass | undefined;
  for (const definition of binding.definitions) {
    const value = assignedValueClass(model, definition, binding.scope, depth);
    if (value.kind === 'unknown') return UNKNOWN;
    if (found && !sameValueClass(found, value)) return UNKNOWN;
    found = value;
  }
  return found ?? UNKNOWN;
}

function sameValueClass(a: ValueClass, b: ValueClass): boolean {
  if (a.kind === 'class' && b.kind === 'class') return a.scope === b.scope;
  return a.kind === b.kind;
}

/** `p = Point()`, `p: Point = make()`, `(p := Point())`; anything else binds a value the file does not show. */
function assignedValueClass(model: ScopeModel, target: Node, scope: Scope, depth: number): ValueClass {
  const parent = target.parent;
  if (parent?.type === 'as_pattern_target' && parent.parent?.parent?.type === 'except_clause') {
    // `except Failure as error`: one exception class of this file.
    const caught = parent.parent.namedChild(0);
    return caught?.type === 'identifier' ? annotationClass(model, caught) : UNKNOWN;
  }
  if (parent?.type === 'named_expression' && parent.childForFieldName('name')?.id === target.id) {
    const value = parent.childForFieldName('value');
    return value ? valueClassOf(model, value, scope, depth + 1) : UNKNOWN;
  }
  if (parent?.type !== 'assignment' || parent.childForFieldName('left')?.id !== target.id) return UNKNOWN;
  const annotation = parent.childForFieldName('type');
  if (annotation) return annotationClass(model, annotation);
  const value = parent.childForFieldName('right');
  return value ? valueClassOf(model, value, scope, depth + 1) : UNKNOWN;
}

/**
 * `Point(...)`, `super()` in a method, a function of this file annotated `-> Point`, a copy of a
 * record (`replace(p, ...)`, `p._replace(...)`).
 */
function callValueClass(model: ScopeModel, call: Node, scope: Scope): ValueClass {
  const copied = copiedRecord(call);
  if (copied) return valueClassOf(model, copied, scope);
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier') return UNKNOWN;
  const binding = model.bindingOf(callee);
  const classScope = classScopeOfBinding(model, binding);
  if (classScope) return { kind: 'class', scope: classScope };
  if (binding && isOnly(binding, 'function') && binding.definitionNodes.length === 1) {
    const returns = binding.definitionNodes[0].childForFieldName('return_type');
    return returns ? annotationClass(model, returns) : UNKNOWN;
  }
  if (binding) return UNKNOWN;
  const name = pythonName(callee.text);
  const only = call.childForFieldName('arguments')?.namedChildren;
  if (name === 'type' && only?.length === 1 && only[0]) return valueClassOf(model, only[0], scope);
  if (name === 'super') {
    const method = enclosingFunction(scope);
    const owner = method ? classOfMethod(method) : undefined;
    return owner ? { kind: 'class', scope: owner } : UNKNOWN;
  }
  // `str(x)`, `len(x)`: builtins build builtin values (not `getattr`, `copy`-like helpers).
  return BUILTIN_CONSTRUCTORS.has(name) ? FOREIGN : UNKNOWN;
}

const BUILTIN_CONSTRUCTORS = new Set(
  'str int float bool bytes bytearray list dict set frozenset tuple len repr range enumerate zip sorted reversed abs round sum min max'.split(
    ' ',
  ),
);

/** `"Point"`, `"Point | None"`, `"None | Point"`, `"Optional[Point]"`: the class name of a forward reference. */
const FORWARD_REFERENCE =
  /^\s*(?:Optional\[\s*([\p{L}_][\p{L}\p{N}_]*)\s*\]|([\p{L}_][\p{L}\p{N}_]*)\s*\|\s*None|None\s*\|\s*([\p{L}_][\p{L}\p{N}_]*)|([\p{L}_][\p{L}\p{N}_]*))\s*$/u;

/** The class an annotation names: `Point`, `"Point"`, `Optional[Point]`, `Point | None`, `type[Point]`. */
export function annotationClass(model: ScopeModel, annotation: Node): ValueClass {
  let node: Node | null = annotation.type === 'type' ? annotation.namedChild(0) : annotation;
  if (node?.type === 'type') node = node.namedChild(0);
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'identifier': {
      const binding = model.bindingOf(node);
      const classScope = classScopeOfBinding(model, binding);
      if (classScope) return { kind: 'class', scope: classScope };
      const name = pythonName(node.text);
      return !binding && PYTHON_BUILTINS.has(name) && name !== 'object' ? FOREIGN : UNKNOWN;
    }
    case 'none':
      return FOREIGN;
    case 'string': {
      const content = node.namedChildren.find((c) => c?.type === 'string_content');
      const named = content
        ? FORWARD_REFERENCE.exec(content.text)
            ?.slice(1)
            .find((n) => n)
        : undefined;
      const binding = named ? model.module.bindings.get(pythonName(named)) : undefined;
      const classScope = classScopeOfBinding(model, binding);
      return classScope ? { kind: 'class', scope: classScope } : UNKNOWN;
    }
    case 'generic_type': {
      const head = node.namedChild(0);
      const parameters = node.namedChildren.find((c) => c?.type === 'type_parameter');
      const only = parameters?.namedChildCount === 1 ? parameters.namedChild(0) : null;
      if (head && only && ['Optional', 'type', 'Type'].includes(head.text))
        return annotationClass(model, only);
      return head?.type === 'identifier' ? annotationClass(model, head) : UNKNOWN;
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (right?.type === 'none' && left) return annotationClass(model, left);
      if (left?.type === 'none' && right) return annotationClass(model, right);
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** Every class of the file related to `home` by inheritance, in either direction, transitively. */
export function classFamily(home: Scope): Scope[] {
  const family: Scope[] = [];
  const pending = [home];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    if (family.includes(scope)) continue;
    family.push(scope);
    pending.push(...scope.subclasses, ...scope.bases);
  }
  return family;
}

export type FieldStyle = 'dataclass' | 'attrs' | 'namedtuple' | 'typeddict' | 'pydantic';

const FIELD_DECORATORS: ReadonlyMap<string, FieldStyle> = new Map([
  ['dataclass', 'dataclass'],
  ['dataclasses.dataclass', 'dataclass'],
  ['pydantic.dataclasses.dataclass', 'dataclass'],
  ...[
    'attr.s',
    'attr.attrs',
    'attrs',
    'attr.define',
    'attrs.define',
    'define',
    'attr.frozen',
    'attrs.frozen',
    'frozen',
    'attr.mutable',
    'attrs.mutable',
    'mutable',
    'attr.dataclass',
  ].map((name): [string, FieldStyle] => [name, 'attrs']),
]);

const FIELD_BASES: ReadonlyMap<string, FieldStyle> = new Map([
  ['NamedTuple', 'namedtuple'],
  ['typing.NamedTuple', 'namedtuple'],
  ['TypedDict', 'typeddict'],
  ['typing.TypedDict', 'typeddict'],
  ['typing_extensions.TypedDict', 'typeddict'],
  ['BaseModel', 'pydantic'],
  ['pydantic.BaseModel', 'pydantic'],
]);

/** Bases from elsewhere that define no member a class of this file could override by accident. */
const INERT_BASES = new Set([...FIELD_BASES.keys(), 'object', 'Generic', 'typing.Generic', 'ABC', 'abc.ABC']);

function decoratorNames(definition: Node): string[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren
    .filter((d): d is Node => d?.type === 'decorator')
    .map((d) => {
      const expression = d.namedChild(0);
      const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
      return callee?.text.replace(/\s+/g, '') ?? '';
    });
}

function ownFieldStyle(classScope: Scope): FieldStyle | undefined {
  for (const name of decoratorNames(classScope.node)) {
    const style = FIELD_DECORATORS.get(name);
    if (style) return style;
  }
  for (const base of classScope.node.childForFieldName('superclasses')?.namedChildren ?? []) {
    const style = base ? FIELD_BASES.get(base.text.replace(/\s+/g, '')) : undefined;
    if (style) return style;
  }
  return undefined;
}

/** How the fields of a class (or of a base in this file) are declared, if it is a record class. */
export function fieldStyleOf(classScope: Scope): FieldStyle | undefined {
  const seen = new Set<Scope>();
  const pending = [classScope];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    if (seen.has(scope)) continue;
    seen.add(scope);
    const style = ownFieldStyle(scope);
    if (style) return style;
    pending.push(...scope.bases);
  }
  return undefined;
}

/** A base of the class that is defined elsewhere and may define or use any member name, as written. */
export function foreignBaseOf(model: ScopeModel, classScope: Scope): string | undefined {
  for (const entry of classScope.node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!entry) continue;
    if (entry.type === 'keyword_argument') {
      const key = entry.childForFieldName('name')?.text;
      const value = entry.childForFieldName('value')?.text ?? '';
      if (key === 'metaclass' && !['ABCMeta', 'abc.ABCMeta'].includes(value)) return entry.text;
      continue;
    }
    const base = entry.type === 'subscript' ? entry.childForFieldName('value') : entry;
    if (!base) continue;
    if (INERT_BASES.has(base.text.replace(/\s+/g, ''))) continue;
    if (base.type === 'identifier') {
      const binding = model.bindingOf(base);
      const local = classScopeOfBinding(model, binding);
      if (local && classScope.bases.includes(local)) continue;
      // Builtin classes' members are all lowercase or dunder names.
      if (!binding && PYTHON_BUILTINS.has(pythonName(base.text))) continue;
    }
    return entry.text;
  }
  return undefined;
}

const COPIERS = new Set(['replace', 'dataclasses.replace', 'evolve', 'attr.evolve', 'attrs.evolve']);

/** The record a call copies with changed fields: `p._replace(...)`, `replace(p, ...)`, `evolve(p, ...)`. */
function copiedRecord(call: Node): Node | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === '_replace')
    return callee.childForFieldName('object') ?? undefined;
  if (!callee || !COPIERS.has(callee.text.replace(/\s+/g, ''))) return undefined;
  const first = call.childForFieldName('arguments')?.namedChild(0);
  return first && first.type !== 'keyword_argument' ? first : undefined;
}

/** The calls that name a record's fields as keywords: `Point(...)`, `p._replace(...)`, `replace(p, ...)`. */
function recordBuilt(model: ScopeModel, call: Node, scope: Scope): ValueClass {
  const copied = copiedRecord(call);
  if (copied) return valueClassOf(model, copied, scope);
  const callee = call.childForFieldName('function');
  const classScope =
    callee?.type === 'identifier' ? classScopeOfBinding(model, model.bindingOf(callee)) : undefined;
  return classScope ? { kind: 'class', scope: classScope } : UNKNOWN;
}

/** Attributes through which code reads a record's field names as data (`p._asdict()`, `dataclasses.fields`). */
const FIELD_INTROSPECTION = new Set([
  'asdict',
  '_asdict',
  'fields',
  '_fields',
  '_field_defaults',
  '__dict__',
  '__annotations__',
  '__dataclass_fields__',
  '__match_args__',
  '__slots__',
  '__attrs_attrs__',
  'model_dump',
  'model_dump_json',
  'model_fields',
  'model_json_schema',
  'dict',
  'json',
  'get_type_hints',
]);

/** Functions that read field names as data when called by their plain name. */
const FIELD_INTROSPECTION_CALLS = new Set(['asdict', 'fields', 'vars', 'get_type_hints']);

export interface MemberRename {
  /** The member's bindings in every class of the family that defines it. */
  readonly family: Binding[];
  /** Further identifiers and string contents that name it (`p.x`, `Point(x=...)`, `d["x"]`). */
  readonly uses: Node[];
}

function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/**
 * The whole family's rename of the class member `binding`, or why the file cannot show every use.
 * `covered`: the identifiers the bindings' own occurrences already rename.
 */
export function planMemberRename(model: ScopeModel, binding: Binding): MemberRename | string {
  const name = binding.name;
  const family = classFamily(binding.scope);
  for (const scope of family) {
    const foreign = foreignBaseOf(model, scope);
    if (foreign)
      return `class \`${className(scope)}\` derives from \`${foreign}\`, defined elsewhere, which may define or use \`${name}\``;
  }
  const members = family
    .map((scope) => scope.bindings.get(name))
    .filter((b): b is Binding => b !== undefined);
  const covered = new Set<number>();
  for (const member of members)
    for (const list of [member.definitions, member.references, member.attributeUses])
      for (const node of list) covered.add(node.id);
  const inFamily = (value: ValueClass) => value.kind === 'class' && family.includes(value.scope);
  const uses: Node[] = [];

  for (const { object, attribute, scope } of namedSites(model).attributes.get(name) ?? []) {
    if (covered.has(attribute.id)) continue;
    const value = valueClassOf(model, object, scope);
    if (inFamily(value)) uses.push(attribute);
    else if (value.kind === 'unknown')
      return `\`${object.text}.${attribute.text}\` (line ${lineOf(attribute)}) reads \`${name}\` of a value pyconv cannot trace to a class of this file`;
  }

  const style = members.some((m) => !m.kinds.has('function') && !m.kinds.has('class'))
    ? family.map(fieldStyleOf).find((s) => s !== undefined)
    : undefined;
  if (style) {
    const refusal = fieldUses(model, family, name, style, inFamily, uses);
    if (refusal) return refusal;
  }
  const strings = stringsNaming(model, name, style === 'typeddict' ? inFamily : undefined, uses);
  if (strings) return strings;
  return { family: members, uses };
}

/** A `**` argument of a call that builds or copies a record of the family: `Point(**data)`, `replace(p, **changes)`. */
function splatRecordCall(
  model: ScopeModel,
  family: readonly Scope[],
  inFamily: (value: ValueClass) => boolean,
): Node | undefined {
  const sites = namedSites(model);
  const callees: Array<{ callee: Node; scope: Scope }> = [];
  for (const classScope of family) {
    const name = classScope.node.childForFieldName('name');
    for (const reference of (name && model.bindingOf(name)?.references) ?? [])
      callees.push({ callee: reference, scope: model.module });
  }
  for (const copier of ['replace', 'evolve', '_replace']) {
    for (const use of sites.uses.get(copier) ?? []) callees.push({ callee: use.node, scope: use.scope });
    for (const site of sites.attributes.get(copier) ?? [])
      callees.push({ callee: site.attribute.parent!, scope: site.scope });
  }
  for (const { callee, scope } of callees) {
    const call = callee.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== callee.id) continue;
    const splat = call
      .childForFieldName('arguments')
      ?.namedChildren.find((a) => a?.type === 'dictionary_splat');
    if (splat && inFamily(recordBuilt(model, call, scope))) return splat;
  }
  return undefined;
}

/** Keywords naming the field; a refusal where the field names are read as data or passed on unseen. */
function fieldUses(
  model: ScopeModel,
  family: readonly Scope[],
  name: string,
  style: FieldStyle,
  inFamily: (value: ValueClass) => boolean,
  uses: Node[],
): string | undefined {
  if (style === 'attrs' && name.startsWith('_'))
    return `attrs strips the leading underscore of \`${name}\` for its \`__init__\` keyword; rename it by hand`;
  const splat = splatRecordCall(model, family, inFamily);
  if (splat)
    return `\`${splat.text}\` (line ${lineOf(splat)}) passes fields by \`**\` keywords that pyconv cannot read`;
  const sites = namedSites(model);
  for (const introspection of FIELD_INTROSPECTION) {
    const site = sites.attributes.get(introspection)?.[0];
    if (site)
      return `\`${site.object.text}.${site.attribute.text}\` (line ${lineOf(site.attribute)}) reads field names as data`;
  }
  for (const introspection of FIELD_INTROSPECTION_CALLS) {
    for (const { node } of sites.uses.get(introspection) ?? []) {
      const call = node.parent;
      if (call?.type === 'call' && call.childForFieldName('function')?.id === node.id)
        return `\`${node.text}(...)\` (line ${lineOf(node)}) reads field names as data`;
    }
  }
  for (const { call, name: keyword, scope } of sites.keywords.get(name) ?? []) {
    // A keyword of a function defined in this file is that function's parameter.
    if (model.bindingOf(keyword)?.kinds.has('parameter')) continue;
    const built = recordBuilt(model, call, scope);
    if (inFamily(built)) uses.push(keyword);
    else if (built.kind !== 'class') {
      const callee = call.childForFieldName('function')?.text ?? 'a call';
      return `\`${callee}(${keyword.text}=...)\` (line ${lineOf(keyword)}) may pass the field \`${name}\` to code pyconv cannot see`;
    }
  }
  return undefined;
}

/**
 * String literals spelling the member name: TypedDict keys of a dict the file shows to be one of
 * the family (`d["x"]`, `{"x": 1}` assigned to an annotated name) are renamed; any other is a use
 * pyconv cannot follow (`getattr`, `__slots__`, aliases, serialised keys).
 */
function stringsNaming(
  model: ScopeModel,
  name: string,
  typedDictKeyOf: ((value: ValueClass) => boolean) | undefined,
  uses: Node[],
): string | undefined {
  for (const { content, scope } of namedSites(model).strings.get(name) ?? []) {
    if (typedDictKeyOf && isTypedDictKey(model, content, scope, typedDictKeyOf)) {
      uses.push(content);
      continue;
    }
    return `the string "${content.text}" (line ${lineOf(content)}) may name \`${name}\` (getattr, __slots__, keys); rename by hand`;
  }
  return undefined;
}

function isTypedDictKey(
  model: ScopeModel,
  content: Node,
  scope: Scope,
  inFamily: (value: ValueClass) => boolean,
): boolean {
  const string = content.parent;
  if (string?.type !== 'string' || string.namedChildCount !== 3) return false;
  if (/[fFbB]/.test(string.namedChild(0)?.text ?? '')) return false;
  const holder = string.parent;
  if (holder?.type === 'subscript' && holder.childForFieldName('subscript')?.id === string.id) {
    const object = holder.childForFieldName('value');
    return object ? inFamily(valueClassOf(model, object, scope)) : false;
  }
  if (holder?.type !== 'pair' || holder.childForFieldName('key')?.id !== string.id) return false;
  const dictionary = holder.parent;
  const owner = dictionary?.parent;
  if (owner?.type === 'assignment' && owner.childForFieldName('right')?.id === dictionary?.id) {
    const annotation = owner.childForFieldName('type');
    return annotation ? inFamily(annotationClass(model, annotation)) : false;
  }
  const call = owner?.type === 'argument_list' ? owner.parent : undefined;
  return call?.type === 'call' ? inFamily(recordBuilt(model, call, scope)) : false;
}

interface StringContent {
  content: Node;
  scope: Scope;
}

/** The file's attribute reads, keywords, name reads and string contents by the (normalised) name they spell. */
interface NamedSites {
  attributes: Map<string, AttributeSite[]>;
  keywords: Map<string, KeywordSite[]>;
  uses: Map<string, NameUse[]>;
  strings: Map<string, StringContent[]>;
}

const sitesByModel = new WeakMap<ScopeModel, NamedSites>();

function groupBy<T>(items: readonly T[], nameOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = pythonName(nameOf(item));
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** `object.name` reads of the file, `name` compared as Python compares names. */
export function attributeSitesNamed(model: ScopeModel, name: string): readonly AttributeSite[] {
  return namedSites(model).attributes.get(name) ?? [];
}

/** Indexed once per model: a file's many member renames each look up one name. */
function namedSites(model: ScopeModel): NamedSites {
  let sites = sitesByModel.get(model);
  if (!sites) {
    sites = {
      attributes: groupBy(model.attributeSites, (site) => site.attribute.text),
      keywords: groupBy(model.keywordSites, (site) => site.name.text),
      uses: groupBy(model.uses, (use) => use.node.text),
      strings: groupBy(stringContents(model), (string) => string.content.text),
    };
    sitesByModel.set(model, sites);
  }
  return sites;
}

/** Every string literal's content in the file with its innermost scope. */
function stringContents(model: ScopeModel): StringContent[] {
  const found: StringContent[] = [];
  const stack: Array<{ node: Node; scope: Scope }> = [{ node: model.module.node, scope: model.module }];
  while (stack.length > 0) {
    const { node, scope } = stack.pop()!;
    if (node.type === 'string_content') {
      found.push({ content: node, scope });
      continue;
    }
    const inner = model.scopeOf(node) ?? scope;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child && child.type !== 'ERROR') stack.push({ node: child, scope: inner });
    }
  }
  return found;
}

function className(scope: Scope): string {
  return scope.node.childForFieldName('name')?.text ?? '?';
}

/**
 * Keywords naming a method's parameter in calls through values of its class (`p.move(dx=1)`),
 * which the scope analysis links only through `self`, `cls` and the class; a refusal where such a
 * call may reach a value of unknown class or an override with its own parameter.
 */
function methodParameterUses(model: ScopeModel, binding: Binding): Node[] | string {
  const owner = classOfMethod(binding.scope);
  const nameNode = binding.scope.node.childForFieldName('name');
  if (!owner || !nameNode) return [];
  const method = pythonName(nameNode.text);
  const family = classFamily(owner);
  const overridden = family.filter((scope) => scope.bindings.has(method)).length > 1;
  const uses: Node[] = [];
  for (const { call, name, scope } of namedSites(model).keywords.get(binding.name) ?? []) {
    const callee = call.childForFieldName('function');
    const attribute = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : null;
    const object = callee?.childForFieldName('object');
    if (!attribute || !object || pythonName(attribute.text) !== method) continue;
    if (model.bindingOf(name) === binding && !overridden) continue;
    const value = valueClassOf(model, object, scope);
    if (value.kind === 'foreign' || (value.kind === 'class' && !family.includes(value.scope))) continue;
    const where = `\`${callee?.text}(${name.text}=...)\` (line ${lineOf(name)})`;
    if (overridden) return `${where} may call an override of \`${method}\` with its own \`${binding.name}\``;
    if (value.kind === 'unknown')
      return `${where} calls \`${method}\` on a value pyconv cannot trace to a class`;
    uses.push(name);
  }
  return uses;
}

/**
 * Keywords naming a lambda's parameter where the lambda is called through the one name it is
 * assigned to (`scale = lambda factor=2: ...; scale(factor=3)`); a refusal when a call of a name
 * the file cannot follow passes that keyword.
 */
function lambdaParameterUses(model: ScopeModel, binding: Binding): Node[] | string {
  const lambda = binding.scope.node;
  const assignment = lambda.parent;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  const holder = target?.type === 'identifier' ? model.bindingOf(target) : undefined;
  const onlyThisLambda =
    holder?.definitions.length === 1 && assignment?.childForFieldName('right')?.id === lambda.id;
  const uses: Node[] = [];
  for (const { call, name } of namedSites(model).keywords.get(binding.name) ?? []) {
    const callee = call.childForFieldName('function');
    if (
      !model.bindingOf(name) &&
      onlyThisLambda &&
      callee?.type === 'identifier' &&
      model.bindingOf(callee) === holder
    )
      uses.push(name);
  }
  return uses;
}

/**
 * Keywords naming a parameter beyond those the scope analysis links (`p.move(dx=1)` through a
 * typed value, a lambda called through its name), or why the file cannot show them all: a call
 * of this function with `**` keywords, or a keyword of that name passed to a callable held in a
 * variable or parameter (a callback, an alias).
 */
export function parameterKeywordUses(model: ScopeModel, binding: Binding): Node[] | string {
  const owner = binding.scope;
  if (!binding.kinds.has('parameter') || (owner.kind !== 'function' && owner.kind !== 'lambda')) return [];
  const splat = splatCallOf(model, owner);
  if (splat)
    return `\`${splat.text}\` (line ${lineOf(splat)}) passes keywords with \`**\` that pyconv cannot read`;
  const uses =
    owner.kind === 'lambda' ? lambdaParameterUses(model, binding) : methodParameterUses(model, binding);
  if (typeof uses === 'string') return uses;
  for (const { call, name } of namedSites(model).keywords.get(binding.name) ?? []) {
    if (model.bindingOf(name) || uses.includes(name)) continue;
    const callee = call.childForFieldName('function');
    const called = callee?.type === 'identifier' ? model.bindingOf(callee) : undefined;
    if (called && (isOnly(called, 'variable') || isOnly(called, 'parameter')))
      return `\`${callee?.text}(${name.text}=...)\` (line ${lineOf(name)}) calls something pyconv cannot follow with \`${binding.name}\``;
  }
  return uses;
}

/** A call of the function (by its name, or of a method by its attribute name) that passes `**` keywords. */
function splatCallOf(model: ScopeModel, owner: Scope): Node | undefined {
  const definition = owner.node;
  let name: Node | null | undefined = definition.childForFieldName('name');
  if (owner.kind === 'lambda') {
    const assignment = definition.parent;
    name = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
  }
  if (name?.type !== 'identifier') return undefined;
  const callees: Node[] = [];
  const binding = model.bindingOf(name);
  if (binding && !classOfMethod(owner)) callees.push(...binding.references);
  else
    for (const site of namedSites(model).attributes.get(pythonName(name.text)) ?? [])
      callees.push(site.attribute.parent!);
  for (const callee of callees) {
    const call = callee.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== callee.id) continue;
    const splat = call
      .childForFieldName('arguments')
      ?.namedChildren.find((a) => a?.type === 'dictionary_splat');
    if (splat) return splat;
  }
  return undefined;
}

/**
 * The class member an identifier names when the scope analysis links it to nothing but the file
 * shows the class: `p.x` with `p: Point`, `Point(x=1)` for a record field, `case Point(x=0)`.
 */
export function memberNamedAt(model: ScopeModel, identifier: Node): Binding | undefined {
  const name = pythonName(identifier.text);
  const attribute = namedSites(model)
    .attributes.get(name)
    ?.find((s) => s.attribute.id === identifier.id);
  const keyword = attribute
    ? undefined
    : namedSites(model)
        .keywords.get(name)
        ?.find((s) => s.name.id === identifier.id);
  const value = attribute
    ? valueClassOf(model, attribute.object, attribute.scope)
    : keyword
      ? recordBuilt(model, keyword.call, keyword.scope)
      : undefined;
  if (value?.kind !== 'class') return undefined;
  const member = memberOf(value.scope, name);
  return keyword && member && !fieldStyleOf(member.scope) ? undefined : member;
}
