/**
 * Docstring templates built from the syntax tree of a definition: the summary, the arguments with
 * their types and defaults, Returns/Yields/Raises from the signature and body, Attributes of a
 * class. Rendered as an LSP snippet (numbered tab stops) and as plain text.
 */
import { collectModuleFacts, type ModuleFacts } from '../engine/module-facts';
import type { Node } from '../engine/types';
import {
  type BodyEntries,
  bodyEntries,
  generatorArguments,
  indicatesNoneReturned,
  yieldsNothing,
} from './body';
import { decorators, functionParameters, type Parameter } from './definitions';

export type DocstringStyle = 'google' | 'numpy' | 'sphinx';

export const DOCSTRING_STYLES: readonly DocstringStyle[] = ['google', 'numpy', 'sphinx'];

export function parseDocstringStyle(value: unknown): DocstringStyle | undefined {
  return DOCSTRING_STYLES.find((style) => style === value);
}

export interface TemplateOptions {
  /** The indentation of the docstring's lines after the first (the body's indentation). */
  indent: string;
  /** The quotes to use; `"""` by default. */
  quote?: string;
  /** Module facts of the file (computed from the tree when absent). */
  module?: ModuleFacts;
  /** Replaces every placeholder's text in `plain` (e.g. a dummy word for tests of the rules). */
  fill?: string;
  /**
   * Which raised exceptions `Raises:` lists: `as-written` (default) adds direct raises of names that
   * cannot be resolved (say, never imported); `resolved` lists only those DOC501/DOC502 resolve, so
   * that DOC502 does not flag the new entries.
   */
  raises?: 'as-written' | 'resolved';
  /** The template's shape (`[tool.pyconv.docstring]`): types, summary line, placeholders. */
  shape?: Partial<TemplateShape>;
}

/** How a template is laid out; the keys of `[tool.pyconv.docstring]` besides `style` and `quoteStyle`. */
export interface TemplateShape {
  /** Types of arguments, returns, yields and attributes, from annotations and literal defaults. */
  includeTypes: boolean;
  /** The summary on the line after the opening quotes rather than on theirs. */
  startOnNewLine: boolean;
  /** A placeholder paragraph for the extended summary below the summary. */
  extendedSummary: boolean;
  /** The placeholder text of every description. */
  placeholder: string;
}

export const DEFAULT_TEMPLATE_SHAPE: TemplateShape = {
  includeTypes: true,
  startOnNewLine: false,
  extendedSummary: false,
  placeholder: 'Description.',
};

export interface DocstringTemplate {
  snippet: string;
  plain: string;
}

/** One documented item: a name, an optional type, a default, and a description to write. */
export interface Item {
  name: string;
  type?: string;
  defaultText?: string;
  /** For arguments: how it is passed. */
  kind?: Parameter['kind'];
}

export interface Facts {
  args: Item[];
  returns?: Item;
  yields?: Item;
  raises: string[];
  /** The subset of `raises` that DOC501 counts: what Update docstring may add. */
  checkedRaises: string[];
  attributes: Item[];
}

/** Text pieces: literal text, or a tab stop with default text. */
export type Piece = { text: string } | { placeholder: string };

const MAX_DEFAULT_LENGTH = 40;

/** The template for a `function_definition`, `class_definition`, or the `module` root. */
export function docstringTemplate(
  defNode: Node,
  style: DocstringStyle = 'google',
  opts: TemplateOptions,
): DocstringTemplate {
  const module = opts.module ?? collectModuleFacts(rootOf(defNode));
  const facts = definitionFacts(defNode, module);
  if (opts.raises === 'resolved') facts.raises = facts.checkedRaises;
  const shape = { ...DEFAULT_TEMPLATE_SHAPE, ...opts.shape };
  const pieces = render(shape.includeTypes ? facts : withoutTypes(facts), style, opts.indent, shape);
  const quote = opts.quote ?? '"""';
  const all: Piece[] = [{ text: quote }, ...pieces, { text: quote }];
  return { snippet: toSnippet(all), plain: toPlain(all, opts.fill) };
}

export function withoutTypes(facts: Facts): Facts {
  const untyped = (item: Item): Item => ({ ...item, type: undefined });
  return {
    ...facts,
    args: facts.args.map(untyped),
    attributes: facts.attributes.map(untyped),
    returns: facts.returns && untyped(facts.returns),
    yields: facts.yields && untyped(facts.yields),
  };
}

export function rootOf(node: Node): Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** What a docstring of the definition documents: arguments, returns, yields, raises, attributes. */
export function definitionFacts(node: Node, module: ModuleFacts): Facts {
  const facts: Facts = { args: [], raises: [], checkedRaises: [], attributes: [] };
  if (node.type === 'function_definition') {
    facts.args = argumentItems(node);
    Object.assign(facts, bodyFacts(node, module));
  } else if (node.type === 'class_definition') {
    facts.attributes = classAttributes(node);
  }
  return facts;
}

/** The enclosing class when `fn` is a method (directly in a class body, decorated or not). */
function enclosingClass(fn: Node): Node | undefined {
  let parent = fn.parent;
  if (parent?.type === 'decorated_definition') parent = parent.parent;
  return parent?.type === 'block' && parent.parent?.type === 'class_definition' ? parent.parent : undefined;
}

function isStaticMethod(fn: Node): boolean {
  return decorators(fn).some((d) => d.text === 'staticmethod' || d.text.endsWith('.staticmethod'));
}

function argumentItems(fn: Node): Item[] {
  const params = functionParameters(fn).filter((p) => p.name !== '');
  const skipFirst = enclosingClass(fn) && !isStaticMethod(fn) && params[0]?.kind === 'positional';
  return params.slice(skipFirst ? 1 : 0).map((param) => {
    const prefix = param.kind === 'vararg' ? '*' : param.kind === 'kwarg' ? '**' : '';
    const value = param.node.childForFieldName('value');
    const type = param.annotation ? typeText(param.annotation) : value ? literalType(value) : undefined;
    const defaultText = value && value.text.length <= MAX_DEFAULT_LENGTH ? oneLine(value.text) : undefined;
    return { name: `${prefix}${param.name}`, type, defaultText, kind: param.kind };
  });
}

function oneLine(text: string): string {
  return text.split(/\s*[\r\n]+\s*/).join(' ');
}

function typeText(annotation: Node): string {
  return oneLine(annotation.text);
}

const LITERAL_TYPES: Record<string, string> = {
  integer: 'int',
  float: 'float',
  true: 'bool',
  false: 'bool',
  none: 'None',
  list: 'list',
  dictionary: 'dict',
  tuple: 'tuple',
  set: 'set',
  concatenated_string: 'str',
};

function literalType(value: Node): string | undefined {
  if (value.type === 'string') {
    const prefix = /^[A-Za-z]*/.exec(value.child(0)?.text ?? '')?.[0] ?? '';
    return /[bB]/.test(prefix) ? 'bytes' : 'str';
  }
  return LITERAL_TYPES[value.type];
}

const SKIPPED = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

/** Returns, yields and raises of the function's own body (nested definitions and lambdas excluded). */
function bodyFacts(fn: Node, module: ModuleFacts): Pick<Facts, 'returns' | 'yields' | 'raises'> {
  const body = fn.childForFieldName('body');
  const result: Pick<Facts, 'returns' | 'yields' | 'raises' | 'checkedRaises'> = {
    raises: [],
    checkedRaises: [],
  };
  if (!body) return result;
  let valueReturn = false;
  let anyReturn = false;
  let valueYield = false;
  let anyYield = false;
  const directRaises: Node[] = [];
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.type === 'return_statement') {
      anyReturn = true;
      const value = node.namedChild(0);
      if (value && value.type !== 'none') valueReturn = true;
    } else if (node.type === 'yield') {
      anyYield = true;
      const value = node.namedChild(0);
      if (node.children.some((c) => c?.type === 'from') || (value && value.type !== 'none'))
        valueYield = true;
    } else if (node.type === 'raise_statement') {
      const exc = node.namedChild(0);
      if (exc && exc !== node.childForFieldName('cause')) directRaises.push(exc);
    }
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child && !SKIPPED.has(child.type) && child.type !== 'ERROR') pending.push(child);
    }
  }
  const annotation = fn.childForFieldName('return_type');
  const generator = annotation && anyYield ? generatorArguments(annotation, module) : undefined;
  if (anyYield && (annotation ? !generator || !yieldsNothing(generator) : valueYield)) {
    const yielded = generator?.args[0];
    result.yields = {
      name: '',
      type: yielded && yielded.type !== 'none' ? oneLine(yielded.text) : undefined,
    };
    if (generator && generator.args.length === 0) result.yields.type = undefined;
  }
  const returnType = annotation && !generator ? typeText(annotation) : undefined;
  let documentReturns: boolean;
  if (annotation) {
    if (returnType === 'None') documentReturns = false;
    else if (generator) documentReturns = anyReturn && !indicatesNoneReturned(generator);
    else documentReturns = true;
  } else {
    documentReturns = valueReturn;
  }
  if (documentReturns) {
    const genReturn = generator?.family === 'gen' ? generator.args[2] : undefined;
    result.returns = { name: '', type: genReturn ? oneLine(genReturn.text) : returnType };
  }
  // One walk of the body for both lists.
  const { raised } = bodyEntries(fn, scopesOf(fn), module);
  result.raises = raisedNames(raised, directRaises, true);
  result.checkedRaises = raisedNames(raised, directRaises, false);
  return result;
}

/**
 * The exceptions to list: what pydoclint (DOC501) counts, named as written for direct raises, plus
 * direct raises of class-like names it cannot resolve; in order of first appearance.
 */
function raisedNames(
  resolved: BodyEntries['raised'],
  direct: readonly Node[],
  includeUnresolved: boolean,
): string[] {
  const found: Array<{ name: string; start: number }> = [];
  const resolvedStarts = new Set<number>();
  for (const raised of resolved) {
    resolvedStarts.add(raised.start);
    const written = direct.find((exc) => exc.startIndex === raised.start);
    const callee = written ? calleeOf(written) : undefined;
    const resolvedName = raised.segments[raised.segments.length - 1];
    // An alias (`from x import Error as XError`) is listed by the real name, as pydoclint matches it.
    const asWritten = callee && callee.text.split('.').pop() === resolvedName ? callee.text : undefined;
    found.push({ name: asWritten ?? resolvedName, start: raised.start });
  }
  for (const exc of includeUnresolved ? direct : []) {
    if (resolvedStarts.has(exc.startIndex)) continue;
    const callee = calleeOf(exc);
    if (!callee) continue;
    const root = callee.text.split('.')[0];
    const last = callee.text.split('.').pop() ?? '';
    if (root === 'self' || root === 'cls' || !/^[A-Z]/.test(last)) continue;
    found.push({ name: callee.text, start: exc.startIndex });
  }
  found.sort((a, b) => a.start - b.start);
  const names: string[] = [];
  for (const { name } of found) if (!names.includes(name)) names.push(name);
  return names;
}

function calleeOf(exc: Node): Node | undefined {
  const callee = exc.type === 'call' ? exc.childForFieldName('function') : exc;
  return callee && (callee.type === 'identifier' || callee.type === 'attribute') ? callee : undefined;
}

function scopesOf(node: Node): Node[] {
  const scopes: Node[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (['function_definition', 'class_definition', 'lambda'].includes(current.type)) scopes.unshift(current);
  }
  return scopes;
}

/** Dataclass fields and annotated class attributes, then `self.x = ...` assignments in `__init__`. */
function classAttributes(cls: Node): Item[] {
  const items: Item[] = [];
  const add = (item: Item) => {
    if (!item.name.startsWith('_') && !items.some((i) => i.name === item.name)) items.push(item);
  };
  const body = cls.childForFieldName('body');
  for (const stmt of body?.namedChildren ?? []) {
    const assignment = stmt?.type === 'expression_statement' ? stmt.namedChild(0) : null;
    const type = assignment?.type === 'assignment' ? assignment.childForFieldName('type') : null;
    const left = assignment?.childForFieldName('left');
    if (type && left?.type === 'identifier') add({ name: left.text, type: typeText(type) });
  }
  const init = body?.namedChildren
    .map((stmt) => (stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt))
    .find(
      (stmt) => stmt?.type === 'function_definition' && stmt.childForFieldName('name')?.text === '__init__',
    );
  if (init) for (const item of selfAssignments(init)) add(item);
  return items;
}

function selfAssignments(init: Node): Item[] {
  const params = functionParameters(init);
  const self = params[0]?.name;
  const items: Item[] = [];
  const body = init.childForFieldName('body');
  if (!self || !body) return items;
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const object = left?.type === 'attribute' ? left.childForFieldName('object') : null;
      const attribute = left?.childForFieldName('attribute');
      if (object?.text === self && attribute) {
        items.push({ name: attribute.text, type: assignedType(node, params) });
      }
    }
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child && !SKIPPED.has(child.type) && child.type !== 'ERROR') pending.push(child);
    }
  }
  return items;
}

/** `self.x: T = ...` gives T; `self.x = param` the parameter's annotation; a literal its type. */
function assignedType(assignment: Node, params: ReturnType<typeof functionParameters>): string | undefined {
  const annotation = assignment.childForFieldName('type');
  if (annotation) return typeText(annotation);
  const right = assignment.childForFieldName('right');
  if (!right) return undefined;
  if (right.type === 'identifier') {
    const param = params.find((p) => p.name === right.text);
    return param?.annotation ? typeText(param.annotation) : undefined;
  }
  return literalType(right);
}

function render(facts: Facts, style: DocstringStyle, indent: string, shape: TemplateShape): Piece[] {
  const sections: Piece[][] = [];
  const renderers = { google: googleSections, numpy: numpySections, sphinx: sphinxFields }[style];
  sections.push(...renderers(facts, shape.placeholder));
  const pieces: Piece[] = shape.startOnNewLine ? [{ text: '\n' }] : [];
  pieces.push({ placeholder: 'Summary.' });
  if (shape.extendedSummary) pieces.push({ text: '\n\n' }, { placeholder: 'Extended summary.' });
  const multiline = sections.length > 0 || shape.startOnNewLine || shape.extendedSummary;
  if (!multiline) return pieces;
  for (const section of sections) {
    pieces.push({ text: '\n\n' });
    pieces.push(...section);
  }
  pieces.push({ text: '\n' });
  // Every line after the first starts with the body's indentation (blank lines stay empty).
  const indented: Piece[] = [];
  for (const piece of pieces) {
    if ('text' in piece) indented.push({ text: piece.text.replace(/\n(?!\n)/g, `\n${indent}`) });
    else indented.push(piece);
  }
  return indented;
}

function line(...pieces: Piece[]): Piece[] {
  return pieces;
}

function joinLines(lines: Piece[][]): Piece[] {
  const result: Piece[] = [];
  lines.forEach((l, i) => {
    if (i > 0) result.push({ text: '\n' });
    result.push(...l);
  });
  return result;
}

function defaultsSuffix(item: Item, words: (text: string) => string): Piece[] {
  return item.defaultText === undefined ? [] : [{ text: words(item.defaultText) }];
}

function googleSections(facts: Facts, description: string): Piece[][] {
  const sections: Piece[][] = [];
  const entry = (item: Item) =>
    line(
      { text: `    ${item.name}${item.type ? ` (${item.type})` : ''}: ` },
      { placeholder: description },
      ...defaultsSuffix(item, (d) => ` Defaults to ${d}.`),
    );
  if (facts.args.length > 0) sections.push(joinLines([[{ text: 'Args:' }], ...facts.args.map(entry)]));
  if (facts.attributes.length > 0) {
    sections.push(joinLines([[{ text: 'Attributes:' }], ...facts.attributes.map(entry)]));
  }
  for (const [title, item] of [
    ['Returns', facts.returns],
    ['Yields', facts.yields],
  ] as const) {
    if (!item) continue;
    sections.push(
      joinLines([
        [{ text: `${title}:` }],
        line({ text: `    ${item.type ? `${item.type}: ` : ''}` }, { placeholder: description }),
      ]),
    );
  }
  if (facts.raises.length > 0) {
    sections.push(
      joinLines([
        [{ text: 'Raises:' }],
        ...facts.raises.map((name) => line({ text: `    ${name}: ` }, { placeholder: description })),
      ]),
    );
  }
  return sections;
}

function numpyHeader(title: string): Piece[] {
  return [{ text: `${title}\n${'-'.repeat(title.length)}` }];
}

function numpySections(facts: Facts, description: string): Piece[][] {
  const sections: Piece[][] = [];
  const entry = (item: Item) =>
    line(
      { text: `${item.name}${item.type ? ` : ${item.type}` : ''}` },
      ...defaultsSuffix(item, (d) => `${item.type ? ', ' : ' : '}default ${d}`),
      { text: '\n    ' },
      { placeholder: description },
    );
  if (facts.args.length > 0) sections.push(joinLines([numpyHeader('Parameters'), ...facts.args.map(entry)]));
  if (facts.attributes.length > 0) {
    sections.push(joinLines([numpyHeader('Attributes'), ...facts.attributes.map(entry)]));
  }
  for (const [title, item] of [
    ['Returns', facts.returns],
    ['Yields', facts.yields],
  ] as const) {
    if (!item) continue;
    sections.push(
      joinLines([
        numpyHeader(title),
        line({ text: `${item.type ?? 'object'}\n    ` }, { placeholder: description }),
      ]),
    );
  }
  if (facts.raises.length > 0) {
    sections.push(
      joinLines([
        numpyHeader('Raises'),
        ...facts.raises.map((name) => line({ text: `${name}\n    ` }, { placeholder: description })),
      ]),
    );
  }
  return sections;
}

function sphinxFields(facts: Facts, description: string): Piece[][] {
  const fields: Piece[][] = [];
  for (const item of facts.args) {
    const name = item.name.replace(/^\*+/, '');
    fields.push(
      line(
        { text: `:param ${name}: ` },
        { placeholder: description },
        ...defaultsSuffix(item, (d) => ` Defaults to ${d}.`),
      ),
    );
    if (item.type) fields.push([{ text: `:type ${name}: ${item.type}` }]);
  }
  for (const item of facts.attributes) {
    fields.push(line({ text: `:ivar ${item.name}: ` }, { placeholder: description }));
    if (item.type) fields.push([{ text: `:vartype ${item.name}: ${item.type}` }]);
  }
  if (facts.returns) {
    fields.push(line({ text: ':return: ' }, { placeholder: description }));
    if (facts.returns.type) fields.push([{ text: `:rtype: ${facts.returns.type}` }]);
  }
  if (facts.yields) {
    fields.push(line({ text: ':yield: ' }, { placeholder: description }));
    if (facts.yields.type) fields.push([{ text: `:ytype: ${facts.yields.type}` }]);
  }
  for (const name of facts.raises)
    fields.push(line({ text: `:raises ${name}: ` }, { placeholder: description }));
  return fields.length > 0 ? [joinLines(fields)] : [];
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

export function toSnippet(pieces: readonly Piece[]): string {
  let stop = 0;
  return pieces
    .map((piece) =>
      'text' in piece ? escapeSnippet(piece.text) : `\${${++stop}:${escapeSnippet(piece.placeholder)}}`,
    )
    .join('');
}

export function toPlain(pieces: readonly Piece[], fill: string | undefined): string {
  return pieces.map((piece) => ('text' in piece ? piece.text : (fill ?? piece.placeholder))).join('');
}
