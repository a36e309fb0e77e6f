import { DUMMY_VARIABLE } from '../../analysis/python-names';
import { nodeRange } from '../../engine/positions';
import { isTypingMember, resolve } from '../../engine/qualified-names';
import type { UnitContext } from '../../engine/rule';
import type { Fix, Node, Range, TextEdit } from '../../engine/types';
import {
  scopedTypingMember,
  subscriptParts,
  unwrapType,
  withTypeString,
} from '../modern-typing/typing-syntax';
import {
  type Atom,
  atomType,
  isNoneReturning,
  literalType,
  mergeInsertions,
  placeholder,
  returnAnnotation,
  type TypeText,
  typingName,
} from './infer';
import { flake8AnnotationsOptions } from './options';

/**
 * Ruff's flake8-annotations check of one function, shared by the ANN rules: each rule reports the
 * findings of its own code. The result is computed once per function and reused by the others.
 */
export interface AnnFinding {
  code: string;
  range: Range;
  message: string;
  fix: Fix | null;
}

/** The function's findings of every ANN code, computed once per function and shared by the ANN rules. */
export function functionFindings(node: Node, ctx: UnitContext): AnnFinding[] {
  return ctx.shared(node, 'flake8-annotations', () => checkFunction(node, ctx));
}

interface Parameter {
  kind: 'plain' | 'vararg' | 'kwarg';
  name: string;
  /** The name, with `*` / `**` for variadic ones: Ruff's range. */
  target: Node;
  nameNode: Node;
  annotation: Node | null;
  /** A plain parameter's default value. */
  value: Node | null;
}

function parameters(fn: Node): Parameter[] {
  const list = fn.childForFieldName('parameters');
  if (!list) return [];
  const out: Parameter[] = [];
  for (const child of list.namedChildren) {
    if (!child) continue;
    const parameter = readParameter(child);
    if (parameter) out.push(parameter);
  }
  return out;
}

function readParameter(node: Node): Parameter | undefined {
  switch (node.type) {
    case 'identifier':
      return { kind: 'plain', name: node.text, target: node, nameNode: node, annotation: null, value: null };
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = node.childForFieldName('name');
      if (name?.type !== 'identifier') return undefined;
      const annotation = node.childForFieldName('type');
      return {
        kind: 'plain',
        name: name.text,
        target: name,
        nameNode: name,
        annotation,
        value: node.childForFieldName('value'),
      };
    }
    case 'typed_parameter': {
      const inner = node.namedChild(0);
      if (!inner) return undefined;
      const base = readParameter(inner);
      return base ? { ...base, annotation: node.childForFieldName('type') } : undefined;
    }
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const name = node.namedChild(0);
      if (name?.type !== 'identifier') return undefined;
      const kind = node.type === 'list_splat_pattern' ? 'vararg' : 'kwarg';
      return { kind, name: name.text, target: node, nameNode: name, annotation: null, value: null };
    }
    default:
      return undefined;
  }
}

function decorators(fn: Node): Node[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren
    .filter((d): d is Node => d?.type === 'decorator')
    .map((d) => d.namedChild(0))
    .filter((e): e is Node => e !== null);
}

function isBuiltinDecorator(exprs: readonly Node[], name: string): boolean {
  return exprs.some((e) => e.text === name || e.text === `builtins.${name}`);
}

/** Resolved through enclosing bodies too: `overload` may be imported in the class itself. */
function hasTypingDecorator(exprs: readonly Node[], member: string, ctx: UnitContext): boolean {
  return exprs.some((e) => isTypingMember(resolve(ctx, e), member));
}

const ABSTRACT = new Set([
  'abc.abstractmethod',
  'abc.abstractclassmethod',
  'abc.abstractstaticmethod',
  'abc.abstractproperty',
]);

type Visibility = 'public' | 'private';

/** Ruff's definition visibility, from the enclosing definitions (outermost first) down to `fn`. */
function visibilityOf(fn: Node, ctx: UnitContext): Visibility {
  let visibility: Visibility = ctx.file.isPrivateModule ? 'private' : 'public';
  let parent: 'module' | 'class' | 'function' = 'module';
  const exports = ctx.module.dunderAll;
  for (const scope of [...ctx.scopes, fn]) {
    if (scope.type === 'lambda') {
      parent = 'function';
      continue;
    }
    const name = scope.childForFieldName('name')?.text ?? '';
    const underscored: Visibility = name.startsWith('_') ? 'private' : 'public';
    if (parent === 'function') visibility = 'private';
    else if (visibility === 'private') visibility = 'private';
    else if (parent === 'module' && exports && !exports.includes(name)) visibility = 'private';
    else if (scope.type === 'function_definition' && parent === 'class')
      visibility = methodVisibility(scope, name);
    else visibility = underscored;
    parent = scope.type === 'class_definition' ? 'class' : 'function';
  }
  return visibility;
}

function methodVisibility(fn: Node, name: string): Visibility {
  const accessor = decorators(fn).some((d) => d.text === `${name}.setter` || d.text === `${name}.deleter`);
  if (accessor) return 'private';
  if (!name.startsWith('_') || (name.startsWith('__') && name.endsWith('__'))) return 'public';
  return 'private';
}

/** `@overload def f` followed by `def f`: the implementation is not checked. */
function isOverloadImplementation(
  fn: Node,
  name: string,
  decorated: readonly Node[],
  ctx: UnitContext,
): boolean {
  if (hasTypingDecorator(decorated, 'overload', ctx)) return false;
  if (ctx.scopes.length === 0) return ctx.module.typing.overloads.has(name);
  const statement = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  for (let sibling = statement.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    const definition =
      sibling.type === 'decorated_definition' ? sibling.childForFieldName('definition') : sibling;
    if (definition?.type !== 'function_definition' && definition?.type !== 'class_definition') continue;
    if (definition.type !== 'function_definition' || definition.childForFieldName('name')?.text !== name)
      return false;
    return hasTypingDecorator(decorators(definition), 'overload', ctx);
  }
  return false;
}

function checkFunction(fn: Node, ctx: UnitContext): AnnFinding[] {
  const name = fn.childForFieldName('name')?.text;
  const nameNode = fn.childForFieldName('name');
  if (!name || !nameNode || fn.hasError) return [];
  const decorated = decorators(fn);
  if (isOverloadImplementation(fn, name, decorated, ctx)) return [];
  const options = flake8AnnotationsOptions.read(ctx);
  const scopes = ctx.scopes;
  const isMethod = scopes.length > 0 && scopes[scopes.length - 1].type === 'class_definition';
  const isStatic = isMethod && isBuiltinDecorator(decorated, 'staticmethod');
  const isClassMethod = isMethod && isBuiltinDecorator(decorated, 'classmethod');
  const isOverridden = hasTypingDecorator(decorated, 'override', ctx);
  const findings: AnnFinding[] = [];
  const report = (code: string, at: Node | Range, message: string, fix: Fix | null = null): void => {
    findings.push({ code, range: 'type' in at ? nodeRange(at as Node) : (at as Range), message, fix });
  };

  const flagsAny = ctx.config.enabled.has('ANN401') && !isOverridden;
  const refused: RefusedType = (type, kind) =>
    type.anyStub === true &&
    flagsAny &&
    !(kind !== 'plain' && kind !== 'return' && options['allow-star-arg-any'] === true);
  const all = parameters(fn);
  const plain = all.filter((p) => p.kind === 'plain');
  const skipped = isMethod && !isStatic ? plain[0] : undefined;
  let typedArgument = false;
  for (const parameter of all) {
    if (parameter === skipped) continue;
    const label =
      parameter.kind === 'vararg'
        ? `*${parameter.name}`
        : parameter.kind === 'kwarg'
          ? `**${parameter.name}`
          : parameter.name;
    if (parameter.annotation) {
      typedArgument = true;
      const starAllowed = parameter.kind !== 'plain' && options['allow-star-arg-any'] === true;
      if (!isOverridden && !starAllowed && resolvesToAny(parameter.annotation, ctx)) {
        report(
          'ANN401',
          parameter.annotation,
          `Dynamically typed expressions (typing.Any) are disallowed in \`${label}\``,
        );
      }
      continue;
    }
    if (options['suppress-dummy-args'] && DUMMY_VARIABLE.test(parameter.name)) continue;
    if (parameter.kind === 'plain') {
      report(
        'ANN001',
        parameter.target,
        `Missing type annotation for function argument \`${parameter.name}\``,
        argumentFix(parameter, ctx, refused),
      );
    } else {
      const code = parameter.kind === 'vararg' ? 'ANN002' : 'ANN003';
      report(
        code,
        parameter.target,
        `Missing type annotation for \`${label}\``,
        argumentFix(parameter, ctx, refused),
      );
    }
  }

  const returns = fn.childForFieldName('return_type');
  if (returns) {
    if (!isOverridden && resolvesToAny(returns, ctx)) {
      report('ANN401', returns, `Dynamically typed expressions (typing.Any) are disallowed in \`${name}\``);
    }
  } else if (!(options['suppress-none-returning'] && isNoneReturning(fn))) {
    const stub = isStubFunction(fn, decorated, ctx);
    // Guessing a return type walks the body: only done when the code that carries the fix is on.
    const returnFix = (code: string): Fix | null =>
      ctx.config.enabled.has(code)
        ? returnTypeFix(fn, stub ? placeholder(ctx) : returnAnnotation(fn, ctx), refused)
        : null;
    if (isClassMethod) {
      report(
        'ANN206',
        nameNode,
        `Missing return type annotation for classmethod \`${name}\``,
        returnFix('ANN206'),
      );
    } else if (isStatic) {
      report(
        'ANN205',
        nameNode,
        `Missing return type annotation for staticmethod \`${name}\``,
        returnFix('ANN205'),
      );
    } else if (isMethod && name === '__init__') {
      if (!(options['mypy-init-return'] && typedArgument)) {
        const none: TypeText = { text: 'None', plain: 'None', snippet: false, edits: [] };
        report(
          'ANN204',
          nameNode,
          `Missing return type annotation for special method \`${name}\``,
          returnTypeFix(fn, none, refused),
        );
      }
    } else if (isMethod && name.startsWith('__') && name.endsWith('__')) {
      const known = MAGIC_RETURNS[name];
      const type = (): TypeText => (known ? atomType(known, ctx) : returnAnnotation(fn, ctx));
      const fix = ctx.config.enabled.has('ANN204') ? returnTypeFix(fn, type(), refused) : null;
      report('ANN204', nameNode, `Missing return type annotation for special method \`${name}\``, fix);
    } else if (visibilityOf(fn, ctx) === 'public') {
      report(
        'ANN201',
        nameNode,
        `Missing return type annotation for public function \`${name}\``,
        returnFix('ANN201'),
      );
    } else {
      report(
        'ANN202',
        nameNode,
        `Missing return type annotation for private function \`${name}\``,
        returnFix('ANN202'),
      );
    }
  }

  if (options['ignore-fully-untyped']) {
    const selfTyped = isMethod && !isStatic && plain[0]?.annotation !== null && plain[0] !== undefined;
    if (!typedArgument && !returns && !selfTyped) return [];
  }
  return findings;
}

/** Return types of dunder methods that never vary (autotyping's table, as Ruff uses it). */
const MAGIC_RETURNS: Readonly<Record<string, Atom>> = {
  __str__: 'str',
  __repr__: 'str',
  __format__: 'str',
  __bytes__: 'bytes',
  __len__: 'int',
  __length_hint__: 'int',
  __int__: 'int',
  __index__: 'int',
  __float__: 'float',
  __complex__: 'complex',
  __bool__: 'bool',
  __contains__: 'bool',
  __instancecheck__: 'bool',
  __subclasscheck__: 'bool',
  __del__: 'None',
  __setattr__: 'None',
  __delattr__: 'None',
  __setitem__: 'None',
  __delitem__: 'None',
  __set__: 'None',
};

function isStubFunction(fn: Node, decorated: readonly Node[], ctx: UnitContext): boolean {
  const body = fn.childForFieldName('body');
  const empty = (body?.namedChildren ?? []).every((statement) => {
    if (!statement || statement.type === 'pass_statement' || statement.type === 'comment') return true;
    const expr = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    return expr?.type === 'string' || expr?.type === 'ellipsis';
  });
  if (!empty) return false;
  if (ctx.file.isStub || hasTypingDecorator(decorated, 'overload', ctx)) return true;
  return decorated.some((d) => ABSTRACT.has(ctx.module.qualifiedName(d) ?? ''));
}

/**
 * Whether an inferred annotation may not be written: an `Any` placeholder while ANN401 is enabled
 * and would flag it (the fix would trade one finding for another).
 */
type RefusedType = (type: TypeText, kind: Parameter['kind'] | 'return') => boolean;

function returnTypeFix(fn: Node, type: TypeText, refused: RefusedType): Fix | null {
  if (refused(type, 'return')) return null;
  const parametersNode = fn.childForFieldName('parameters');
  const at = parametersNode ? nodeRange(parametersNode).end : nodeRange(fn).start;
  const edits = mergeInsertions([
    { range: { start: at, end: at }, newText: ` -> ${type.text}` },
    ...type.edits,
  ]);
  const fix: Fix = { title: `Add return type annotation: \`${type.plain}\``, safe: false, edits };
  if (type.snippet) fix.snippet = true;
  return fix;
}

/** `: int` for `x=0`, `: ${1:Any} | None` for `x=None`, a placeholder otherwise. */
function argumentFix(parameter: Parameter, ctx: UnitContext, refused: RefusedType): Fix | null {
  const type = argumentType(parameter, ctx);
  if (refused(type, parameter.kind)) return null;
  const at = nodeRange(parameter.nameNode).end;
  // With a default, PEP 8 spaces `=` once the parameter is annotated: `x: int = 0`.
  const main: TextEdit = parameter.value
    ? { range: { start: at, end: nodeRange(parameter.value).start }, newText: `: ${type.text} = ` }
    : { range: { start: at, end: at }, newText: `: ${type.text}` };
  const fix: Fix = {
    title: `Add type annotation: \`${type.plain}\``,
    safe: false,
    edits: mergeInsertions([main, ...type.edits]),
  };
  if (type.snippet) fix.snippet = true;
  return fix;
}

function argumentType(parameter: Parameter, ctx: UnitContext): TypeText {
  if (parameter.kind === 'plain' && parameter.value) {
    const literal: Atom | undefined = literalType(parameter.value);
    if (literal === 'None') {
      const any = typingName(ctx, 'Any');
      if (ctx.config.targetVersion[1] >= 10) {
        return {
          text: `\${1:${any.text}} | None`,
          plain: `${any.text} | None`,
          snippet: true,
          edits: any.edits,
          anyStub: true,
        };
      }
      const optional = typingName(ctx, 'Optional');
      return {
        text: `${optional.text}[\${1:${any.text}}]`,
        plain: `${optional.text}[${any.text}]`,
        snippet: true,
        edits: [...optional.edits, ...any.edits],
        anyStub: true,
      };
    }
    if (literal) return atomType(literal, ctx);
  }
  return placeholder(ctx);
}

/** Ruff's `type_hint_resolves_to_any`: `Any`, bare `Optional`, and unions or `Annotated` holding `Any`. */
function resolvesToAny(annotation: Node, ctx: UnitContext): boolean {
  const pending: Node[] = [annotation];
  while (pending.length > 0) {
    const expr = unwrapType(pending.pop() as Node);
    if (expr.type === 'string' || expr.type === 'concatenated_string') {
      // The parsed string lives only during the callback, so it is searched there.
      let found = false;
      withTypeString(expr, (inner) => {
        found = resolvesToAny(inner, ctx);
      });
      if (found) return true;
    } else if (resolvesToAnyStep(expr, ctx, pending)) return true;
  }
  return false;
}

/** One step: true when `expr` is `Any`; pushes the members to look into for unions and `Annotated`. */
function resolvesToAnyStep(expr: Node, ctx: UnitContext, pending: Node[]): boolean {
  if (expr.type === 'binary_operator' && expr.childForFieldName('operator')?.text === '|') {
    for (const side of ['left', 'right']) {
      const child = expr.childForFieldName(side);
      if (child) pending.push(child);
    }
    return false;
  }
  const parts = subscriptParts(expr);
  if (parts) {
    const member = scopedTypingMember(parts.value, ctx);
    if (member === 'Optional' || member === 'Union') pending.push(...parts.elements);
    else if (member === 'Annotated' && parts.elements[0]) pending.push(parts.elements[0]);
    return false;
  }
  const member = scopedTypingMember(expr, ctx);
  return member === 'Any' || member === 'Optional';
}

/** What each ANN rule's `visit` does: report this function's findings of its code. */
export function reportFunctionFindings(node: Node, ctx: UnitContext, code: string): void {
  for (const finding of functionFindings(node, ctx)) {
    if (finding.code === code) ctx.report(finding.range, finding.message, finding.fix);
  }
}

/** The "Fix safety" paragraph of the rule docs that share this fix. */
export const RETURN_TYPE_FIX_SAFETY = `The fix adds \`-> T\` after the parameters, guessing \`T\` as Ruff does where it can: \`None\` when
nothing (or only \`None\`) is returned, the literal's type for literal returns (\`int\`, \`str\`,
unions such as \`int | None\` where a path falls off the end; \`Optional[...]\`/\`Union[...]\` with
their import before 3.10), \`Never\`/\`NoReturn\` (imported) when every path raises. Beyond Ruff,
a generator gets \`Iterator[\${1:Any}]\` (\`AsyncIterator\` for async ones, imported from
\`collections.abc\`), and anything else the placeholder \`\${1:Any}\` (a snippet tab stop; plain
\`Any\` plus \`from typing import Any\` without snippet support), as do abstract methods and
overload stubs, where Ruff offers no fix. Always unsafe, as in Ruff: the guess is from the body
as written, not from what the function is meant to return.

With ANN401 enabled, no fix is offered where it would write the \`Any\` placeholder: ANN401 would
flag it at once, trading one finding for another.`;
