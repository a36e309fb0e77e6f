/**
 * N804/N805: which name a method's first parameter should have. A function defined in a class body
 * (also inside an `if`/`try` there) is a method; its kind comes from its decorators and name, as in
 * Ruff's `function_type::classify`, and a plain method of a metaclass takes `cls`.
 */
import type { UnitContext } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { isIgnoredName, pep8NamingOptions } from './options';
import { basesOf, bindingScope, decoratorsOf, mentions, resolve, withoutSubscript } from './syntax';

export type FirstArgumentName = 'self' | 'cls';

/** The docs' list of how N804 and N805 tell methods apart (shared by both rules' pages). */
export const FIRST_ARGUMENT_KINDS = `- A method is a \`def\` (or \`async def\`) in a class body, also inside an \`if\` or \`try\` there;
  nested functions and lambdas are not methods.
- \`@staticmethod\` (also \`@staticmethod()\`, \`abc.abstractstaticmethod\`, a decorator listed in
  \`[tool.pyconv.pep8-naming] staticmethod-decorators\`) and \`__new__\` (an implicit static method)
  are skipped.
- \`@classmethod\` (also \`abc.abstractclassmethod\`, a decorator listed in \`classmethod-decorators\`),
  \`__init_subclass__\` and \`__class_getitem__\` are class methods: N804, \`cls\`. A listed decorator
  matches by qualified name (\`pkg.deco\`) or by its last dotted part (\`deco\` for \`@x.deco\`).
- Every other method is an instance method (N805, \`self\`), except in a metaclass: a class deriving
  from \`type\`, \`abc.ABCMeta\` or \`enum.EnumMeta\`/\`EnumType\` (directly or through classes of the
  same module), whose methods take \`cls\` (N804). When a call among the bases hides what the class
  derives from (\`class M(with_metaclass(Base), type)\`), or a class with bases has a metaclass-shaped
  \`__new__(cls, name: str, bases: tuple, attrs: dict, **kwargs)\`, it may or may not be a metaclass
  and neither rule reports its methods.
- A method without positional parameters (\`def f()\`, \`def f(*args)\`, \`def f(*, x)\`) is not
  reported; names matching \`ignore-names\`/\`extend-ignore-names\` are accepted.`;

/** The docs' fix safety text of both rules. */
export const FIRST_ARGUMENT_FIX_SAFETY = `The fix renames the parameter and every reference to it in the method, like the other naming
renames; it is unsafe (a caller may pass the argument by keyword). As in Ruff, no fix is offered
when another parameter already has the wanted name. The fix is refused, with the reason in the
code action, when the wanted name is already bound in the method (Ruff offers none either), when
the method reads the wanted name without binding it (\`return self\` in a method whose first
parameter is \`x\`: Ruff renames, which changes what that name means; pyconv does not), when the
file passes keywords with \`**\` to callables pyconv cannot read (a caller might name the
parameter), and when the file has syntax errors around it. On Debian's \`dist-packages\`, 322 of
the 324 fixes are Ruff's edits exactly (\`npm run build && node dist/tools/oracle-fixes.js DIR
--select N804,N805\`); the other two are such \`**\` refusals.`;

/** Bases that make a class a metaclass (Ruff's `is_metaclass`). */
const METACLASS_BASES: ReadonlySet<string> = new Set([
  'builtins.type',
  'abc.ABCMeta',
  'enum.EnumMeta',
  'enum.EnumType',
]);

const DOTTED = /^[\p{L}_][\p{L}\p{N}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*$/u;

/**
 * The name the first parameter of `definition` should have, or undefined when N804/N805 do not
 * apply: worked out once per definition for both rules.
 */
export function expectedFirstArgument(definition: Node, ctx: UnitContext): FirstArgumentName | undefined {
  return ctx.shared(definition, 'expected-first-argument', () => classifyMethod(definition, ctx));
}

function classifyMethod(definition: Node, ctx: UnitContext): FirstArgumentName | undefined {
  const scope = bindingScope(definition);
  if (scope.kind !== 'class' || !scope.node) return undefined;
  const options = pep8NamingOptions.read(ctx);
  const decorators = decoratorsOf(definition).map(withoutCall);
  if (decorators.some((d) => isDecorator(d, ctx, 'staticmethod', options['staticmethod-decorators'])))
    return undefined;
  if (decorators.some((d) => isDecorator(d, ctx, 'classmethod', options['classmethod-decorators'])))
    return 'cls';
  const name = definition.childForFieldName('name')?.text;
  // `__new__` is an implicit static method; `__init_subclass__` and `__class_getitem__` implicit class methods.
  if (name === '__new__') return undefined;
  if (name === '__init_subclass__' || name === '__class_getitem__') return 'cls';
  // Once per class, not once per method.
  const classNode = scope.node;
  const metaclass = ctx.shared(classNode, 'metaclass-kind', () => metaclassKind(classNode, ctx));
  if (metaclass === 'maybe') return undefined;
  return metaclass === 'yes' ? 'cls' : 'self';
}

/**
 * The first positional parameter (positional-only or ordinary), with the range Ruff reports (the
 * name and its annotation, without the default); undefined when the list starts with `*args`, `*`
 * or `**kwargs`.
 */
export function firstParameter(definition: Node): { name: Node; range: Node[] } | undefined {
  const list = definition.childForFieldName('parameters');
  const first = list?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!first) return undefined;
  switch (first.type) {
    case 'identifier':
      return { name: first, range: [first] };
    case 'default_parameter': {
      const name = first.childForFieldName('name');
      return name?.type === 'identifier' ? { name, range: [name] } : undefined;
    }
    case 'typed_parameter': {
      const name = first.namedChild(0);
      const type = first.childForFieldName('type');
      if (name?.type !== 'identifier') return undefined;
      return { name, range: type ? [name, type] : [name] };
    }
    case 'typed_default_parameter': {
      const name = first.childForFieldName('name');
      const type = first.childForFieldName('type');
      if (name?.type !== 'identifier') return undefined;
      return { name, range: type ? [name, type] : [name] };
    }
    default:
      return undefined;
  }
}

/** The names of every parameter of the definition. */
function parameterNames(definition: Node): string[] {
  const names: string[] = [];
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    let name: Node | null = null;
    if (parameter.type === 'identifier') name = parameter;
    else if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter')
      name = parameter.childForFieldName('name');
    else if (parameter.type === 'typed_parameter') {
      const first = parameter.namedChild(0);
      name = first?.type === 'identifier' ? first : (first?.namedChild(0) ?? null);
    } else if (parameter.type === 'list_splat_pattern' || parameter.type === 'dictionary_splat_pattern')
      name = parameter.namedChild(0);
    if (name?.type === 'identifier') names.push(name.text);
  }
  return names;
}

/**
 * Checks one function definition for the rule that expects `wanted`: reports the first parameter
 * when the method's kind asks for `wanted` and it is named otherwise (and not ignored).
 */
export function checkFirstArgument(
  definition: Node,
  ctx: UnitContext,
  wanted: FirstArgumentName,
  message: string,
): void {
  if (expectedFirstArgument(definition, ctx) !== wanted) return;
  const first = firstParameter(definition);
  if (!first) return;
  const name = first.name.text;
  if (name === wanted || isIgnoredName(ctx, name)) return;
  const start = first.range[0];
  const end = first.range[first.range.length - 1];
  ctx.report(
    { start: positionOf(start.startPosition), end: positionOf(end.endPosition) },
    message,
    renameFirstArgument(definition, name, wanted),
  );
}

function positionOf(point: { row: number; column: number }) {
  return { line: point.row, character: point.column };
}

/**
 * The rename fix, resolved over the whole file like the other naming renames; none when another
 * parameter already has the wanted name (as Ruff).
 */
function renameFirstArgument(definition: Node, name: string, wanted: FirstArgumentName): Fix | null {
  if (parameterNames(definition).slice(1).includes(wanted)) return null;
  return {
    title: `Rename \`${name}\` to \`${wanted}\``,
    safe: false,
    edits: [],
    resolve: { kind: 'rename', name, newName: wanted },
  };
}

/** `@decorator(...)` is read as `@decorator` (Ruff's `map_callable`). */
function withoutCall(expr: Node): Node {
  return expr.type === 'call' ? (expr.childForFieldName('function') ?? expr) : expr;
}

/**
 * `@classmethod`/`@staticmethod` (the builtins, or `abc.abstractclassmethod`/`abc.abstractstaticmethod`),
 * or a decorator listed in the option: by qualified name, or by its last dotted part.
 */
function isDecorator(
  expr: Node,
  ctx: UnitContext,
  builtin: 'classmethod' | 'staticmethod',
  extra: readonly string[] | undefined,
): boolean {
  const qualified = qualifiedOrBuiltin(expr, ctx);
  if (qualified === `builtins.${builtin}` || qualified === `abc.abstract${builtin}`) return true;
  if (!extra || extra.length === 0) return false;
  if (qualified !== undefined && extra.some((name) => sameQualifiedName(qualified, name))) return true;
  const last = lastDottedPart(expr);
  return last !== undefined && extra.includes(last);
}

/** An option entry without a dot names a builtin (Ruff's `QualifiedName::from_dotted_name`). */
function sameQualifiedName(qualified: string, option: string): boolean {
  return qualified === (option.includes('.') ? option : `builtins.${option}`);
}

function lastDottedPart(expr: Node): string | undefined {
  if (expr.type === 'identifier') return expr.text;
  if (expr.type !== 'attribute') return undefined;
  let head: Node | null = expr;
  while (head?.type === 'attribute') head = head.childForFieldName('object');
  if (head?.type !== 'identifier') return undefined;
  return expr.childForFieldName('attribute')?.text;
}

/** The qualified name through imports, or `builtins.<name>` for a name the module does not bind. */
function qualifiedOrBuiltin(expr: Node, ctx: UnitContext): string | undefined {
  const qualified = resolve(ctx, expr);
  if (qualified !== undefined) return qualified;
  if (expr.type === 'identifier' && !ctx.module.globalBindings.has(expr.text)) return `builtins.${expr.text}`;
  return undefined;
}

/** Whether the name is the builtin `name` (`type`, `str`...), not a module binding of that name. */
function isBuiltin(expr: Node | null | undefined, ctx: UnitContext, name: string): boolean {
  return expr ? qualifiedOrBuiltin(expr, ctx) === `builtins.${name}` : false;
}

function isBuiltinText(text: string, ctx: UnitContext, name: string): boolean {
  const dotted = text.replace(/\s+/g, '');
  if (dotted === name) return !ctx.module.globalBindings.has(name);
  const [head, ...tail] = dotted.split('.');
  const base = ctx.module.imports.get(head);
  return base !== undefined && [base, ...tail].join('.') === `builtins.${name}`;
}

type Metaclass = 'yes' | 'no' | 'maybe';

/** What one base expression says about a metaclass; `call` marks a base whose class is unknown. */
interface BaseVerdict {
  matches: boolean;
  call: boolean;
}

function baseVerdict(base: Node, ctx: UnitContext): BaseVerdict {
  if (base.type === 'call') {
    const args = base.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment');
    const func = base.childForFieldName('function');
    return { matches: args?.length === 1 && isBuiltin(func, ctx, 'type'), call: true };
  }
  if (base.type === 'subscript' || base.type === 'generic_type')
    return { matches: isBuiltin(withoutSubscript(base), ctx, 'type'), call: false };
  const qualified = qualifiedOrBuiltin(base, ctx);
  return { matches: qualified !== undefined && METACLASS_BASES.has(qualified), call: false };
}

/** The same verdict from a module-level class's base text (see module-classes.ts). */
function baseTextVerdict(text: string, ctx: UnitContext): BaseVerdict {
  const trimmed = text.trim();
  const call = /^([^([]+)\(([\s\S]*)\)$/u.exec(trimmed);
  if (call) {
    const single = call[2].trim() !== '' && !hasTopLevelComma(call[2]);
    return { matches: single && isBuiltinText(call[1], ctx, 'type'), call: true };
  }
  const subscript = /^([^([]+)\[[\s\S]*\]$/u.exec(trimmed);
  if (subscript) return { matches: isBuiltinText(subscript[1], ctx, 'type'), call: false };
  if (!DOTTED.test(trimmed)) return { matches: false, call: false };
  const dotted = trimmed.replace(/\s+/g, '');
  if (isBuiltinText(dotted, ctx, 'type')) return { matches: true, call: false };
  const [head, ...tail] = dotted.split('.');
  const base = ctx.module.imports.get(head);
  return { matches: base !== undefined && METACLASS_BASES.has([base, ...tail].join('.')), call: false };
}

function hasTopLevelComma(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) return true;
  }
  return false;
}

/** A plain-name base that is a module-level class: its name, to follow its own bases. */
function localClassName(text: string, ctx: UnitContext): string | undefined {
  const plain = text.replace(/\[[\s\S]*$/, '').trim();
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(plain)) return undefined;
  return ctx.module.globalBindings.get(plain) === 'class' ? plain : undefined;
}

/**
 * Whether the class is a metaclass, as Ruff's `is_metaclass` decides: a base (followed depth-first
 * through the module's classes) is `type`, `abc.ABCMeta` or `enum.EnumMeta`/`EnumType`; "maybe" when
 * a call among the bases seen before that one hides the real base (`with_metaclass(M)`), or when a
 * class with bases has a metaclass-shaped `__new__`.
 */
function metaclassKind(classNode: Node, ctx: UnitContext): Metaclass {
  const bases = basesOf(classNode);
  if (bases.length === 0) return 'no';
  const state = { call: false, seen: new Set<string>() };
  const visitText = (text: string): boolean => {
    const verdict = baseTextVerdict(text, ctx);
    state.call ||= verdict.call;
    if (verdict.matches) return true;
    const local = localClassName(text, ctx);
    if (!local || state.seen.has(local)) return false;
    state.seen.add(local);
    return (ctx.module.classBases.get(local) ?? []).some(visitText);
  };
  const matched = bases.some((base) => {
    const verdict = baseVerdict(base, ctx);
    state.call ||= verdict.call;
    if (verdict.matches) return true;
    const local = localClassName(withoutSubscript(base).text, ctx);
    if (!local || withoutSubscript(base).type !== 'identifier' || state.seen.has(local)) return false;
    state.seen.add(local);
    return (ctx.module.classBases.get(local) ?? []).some(visitText);
  });
  if (matched) return state.call ? 'maybe' : 'yes';
  return hasMetaclassNew(classNode, ctx) ? 'maybe' : 'no';
}

/**
 * A `__new__(cls, name: str, bases: tuple[...], attrs: dict[...], **kwargs)` directly in the class
 * body: the shape of a metaclass's constructor, whatever the bases are.
 */
function hasMetaclassNew(classNode: Node, ctx: UnitContext): boolean {
  const body = classNode.childForFieldName('body');
  // Most class bodies have no `__new__`; the text says so without walking the statements.
  if (!body || !mentions(ctx.source, '__new__', body)) return false;
  for (const statement of body.namedChildren) {
    const definition =
      statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'function_definition') continue;
    if (definition.childForFieldName('name')?.text !== '__new__') continue;
    if (isMetaclassNewSignature(definition, ctx)) return true;
  }
  return false;
}

function isMetaclassNewSignature(definition: Node, ctx: UnitContext): boolean {
  const parameters = (definition.childForFieldName('parameters')?.namedChildren ?? []).filter(
    (p): p is Node =>
      p !== null &&
      p.type !== 'comment' &&
      p.type !== 'keyword_separator' &&
      p.type !== 'positional_separator',
  );
  if (parameters.length !== 5) return false;
  if (parameters.some((p) => isSplat(p, 'list_splat_pattern'))) return false;
  if (!isSplat(parameters[4], 'dictionary_splat_pattern')) return false;
  const annotated = (p: Node, name: string): boolean => {
    const type = p.childForFieldName('type')?.namedChild(0) ?? null;
    return type !== null && isBuiltin(withoutSubscript(type), ctx, name);
  };
  return (
    annotated(parameters[1], 'str') && annotated(parameters[2], 'tuple') && annotated(parameters[3], 'dict')
  );
}

function isSplat(parameter: Node, type: string): boolean {
  return (
    parameter.type === type ||
    (parameter.type === 'typed_parameter' && parameter.namedChild(0)?.type === type)
  );
}
