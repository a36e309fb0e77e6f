/**
 * "Update docstring": brings a docstring's arguments, returns, yields and raises in line with the
 * function's signature and body, in its style: Google sections here, NumPy sections in
 * update-numpy.ts, Sphinx fields in update-sphinx.ts. Descriptions the author wrote are kept; entries of
 * arguments that no longer exist are removed, missing ones added with a `TODO.` description. A
 * docstring already in line gives no edit at all.
 */
import type { ModuleFacts } from '../engine/module-facts';
import type { Node, TextEdit } from '../engine/types';
import { functionParameters, isProperty } from './definitions';
import { docstringIndent } from './edit';
import { type Docstring, findDocstring, parseSections, type Section } from './google';
import { type Convention, writingStyle } from './reading';
import { type DocstringStyle, definitionFacts, type Item, withoutTypes } from './template';
import { updateNumpy } from './update-numpy';
import { missingRaises, TODO, type UpdatePlan } from './update-plan';
import { updateSphinx } from './update-sphinx';

const ENTRY_INDENT = '    ';
const ORDER = ['Args', 'Returns', 'Yields', 'Raises'] as const;

export { detectStyle } from './reading';

export interface DocstringUpdate {
  /** The edit replacing the docstring's body, or undefined when it is already in line. */
  edit?: TextEdit;
  /** Why nothing can be done (no docstring, tabs). */
  unsupported?: string;
}

export interface UpdateOptions {
  /** `[tool.pyconv.pydocstyle] convention`: the style to read and write; `auto` looks at the docstring. */
  convention?: Convention;
  /** The template style (`docstring.style`), for a docstring with neither sections nor fields yet. */
  style?: DocstringStyle;
  /** `docstring.includeTypes`: new entries give types (default) or not. */
  includeTypes?: boolean;
}

/** The update of the docstring of `fn` (a `function_definition`). */
export function updateDocstring(
  fn: Node,
  source: string,
  module: ModuleFacts,
  options: UpdateOptions = {},
): DocstringUpdate {
  const docstring = findDocstring(fn.childForFieldName('body'));
  if (!docstring || docstring.implicitConcatenation || fn.hasError) return { unsupported: 'no docstring' };
  if (docstring.body.includes('\t')) return { unsupported: 'tabs in the docstring' };
  const plan = updatePlan(fn, docstring, source, module, options.includeTypes ?? true);
  const style = writingStyle(
    docstring.body,
    plan.parameterNames,
    options.convention ?? 'auto',
    options.style,
  );
  const updated =
    style === 'numpy'
      ? updateNumpy(docstring.body, plan)
      : style === 'sphinx'
        ? updateSphinx(docstring.body, plan)
        : updatedBody(docstring, plan);
  if (updated === docstring.body) return {};
  const start = docstring.bodyStart;
  const closer = docstring.node.endPosition;
  const end = { line: closer.row, character: closer.column - docstring.quote.length };
  return { edit: { range: { start, end }, newText: updated } };
}

/** What the docstring must say, from the function's signature and body. */
function updatePlan(
  fn: Node,
  doc: Docstring,
  source: string,
  module: ModuleFacts,
  includeTypes: boolean,
): UpdatePlan {
  const typed = definitionFacts(fn, module);
  const facts = includeTypes ? typed : withoutTypes(typed);
  const stub = isStubBody(fn);
  const annotation = fn.childForFieldName('return_type');
  // As DOC201: a property documents no Returns, nor does a function without `return`.
  const returns = facts.returns && !isProperty(fn, module, []) && hasReturn(fn) ? facts.returns : undefined;
  return {
    args: facts.args,
    keepUnknownEntries: facts.args.some((a) => a.kind === 'kwarg'),
    returns,
    // Only `-> None` says for sure that nothing is returned: prose such as "never returns" is kept.
    removeReturns: !returns && annotation?.text === 'None' && !stub,
    yields: facts.yields,
    removeYields: !facts.yields && !stub && !hasYield(fn),
    // Only what DOC501 counts: unresolved names would make Update disagree with the checker.
    raises: facts.checkedRaises.filter((name) => name.split('.').pop() !== 'NotImplementedError'),
    base: docstringIndent(doc, source),
    parameterNames: functionParameters(fn).map((p) => p.name),
  };
}

function updatedBody(doc: Docstring, plan: UpdatePlan): string {
  const names = [...plan.parameterNames];
  const base = plan.base;
  let body = doc.body;
  // Each step re-reads the sections of the text so far: offsets change with every edit.
  body = updateArgs(body, names, plan, base);
  // As pydoclint: a docstring that starts with `Returns`/`Return` (`Yields`/`Yield`) documents it.
  const startsWith = (word: string) => [word, word.slice(0, -1)].includes(doc.body.split(' ')[0]);
  const returns = plan.returns;
  if (returns && !findSection(body, names, 'Returns') && !startsWith('Returns')) {
    body = addSection(body, names, 'Returns', [`${returns.type ? `${returns.type}: ` : ''}${TODO}`], base);
  } else if (plan.removeReturns) {
    body = removeSection(body, names, 'Returns', base);
  }
  if (plan.yields && !findSection(body, names, 'Yields') && !startsWith('Yields')) {
    body = addSection(
      body,
      names,
      'Yields',
      [`${plan.yields.type ? `${plan.yields.type}: ` : ''}${TODO}`],
      base,
    );
  } else if (plan.removeYields) {
    body = removeSection(body, names, 'Yields', base);
  }
  const section = findSection(body, names, 'Raises');
  const documented = section ? entryGroups(section).groups.map((g) => g.name) : [];
  const missing = missingRaises(plan, documented);
  if (missing.length > 0) {
    if (section)
      body = appendEntries(
        body,
        section,
        missing.map((n) => `${n}: ${TODO}`),
      );
    else
      body = addSection(
        body,
        names,
        'Raises',
        missing.map((n) => `${n}: ${TODO}`),
        base,
      );
  }
  return body;
}

const SPELLINGS: Record<string, readonly string[]> = {
  Args: ['Args', 'Arguments'],
  Returns: ['Returns', 'Return'],
  Yields: ['Yields', 'Yield'],
  Raises: ['Raises'],
};

function findSection(body: string, names: string[], kind: string): Section | undefined {
  return parseSections(body, names).find((s) => SPELLINGS[kind].includes(s.kind));
}

interface Group {
  name: string;
  text: string;
}

/**
 * `name:`, `*args:`, `name (type):`, `errors.Bad:`: an entry. Prose at the entries' indent (a bullet's
 * wrapped line, say) continues the entry above instead, so that it is never dropped as a gone argument.
 */
const ENTRY_START = /^\*{0,2}[A-Za-z_][\w.]*\s*(\(.*\))?\s*:/;

/**
 * An `Args:`-like section's content: lines before the first entry, entries (with continuation lines),
 * and a trailer (text dedented below the entries, then trailing blanks).
 */
function entryGroups(section: Section): {
  preamble: string;
  groups: Group[];
  trailer: string;
  indent: string;
} {
  const lines = section.content.split('\n');
  const trailing: string[] = [];
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') trailing.unshift(lines.pop() as string);
  const indent = /^[ ]*/.exec(lines.find((l) => l.trim() !== '') ?? '')?.[0] ?? '';
  const preamble: string[] = [];
  const groups: Group[] = [];
  // Text indented less than the entries (a paragraph after them) is kept verbatim after the entries.
  const rest: string[] = [];
  for (const line of lines) {
    if (rest.length > 0 || (groups.length > 0 && line.trim() !== '' && !line.startsWith(indent))) {
      if (rest.length === 0) rest.push(...trailingBlanks(groups[groups.length - 1]));
      rest.push(line);
      continue;
    }
    const isEntry = line.startsWith(indent) && ENTRY_START.test(line.slice(indent.length));
    if (isEntry) {
      const name = line.slice(indent.length).split(/[\s(:]/)[0];
      groups.push({ name, text: line });
    } else if (groups.length > 0) {
      groups[groups.length - 1].text += `\n${line}`;
    } else {
      preamble.push(line);
    }
  }
  return {
    preamble: preamble.map((l) => `${l}\n`).join(''),
    groups,
    trailer: [...rest, ...trailing].join('\n'),
    indent,
  };
}

/** Removes the blank lines that end a group's text and returns them (as empty-ish lines). */
function trailingBlanks(group: Group): string[] {
  const lines = group.text.split('\n');
  const blanks: string[] = [];
  while (lines.length > 1 && lines[lines.length - 1].trim() === '') blanks.unshift(lines.pop() as string);
  group.text = lines.join('\n');
  return blanks;
}

function entryText(item: Item): string {
  const type = item.type ? ` (${item.type})` : '';
  const defaults = item.defaultText === undefined ? '' : ` Defaults to ${item.defaultText}.`;
  return `${item.name}${type}: ${TODO}${defaults}`;
}

function bare(name: string): string {
  return name.replace(/^\*+/, '');
}

function updateArgs(body: string, names: string[], plan: UpdatePlan, base: string): string {
  const args = plan.args;
  const section = findSection(body, names, 'Args');
  if (!section) {
    return args.length === 0 ? body : addSection(body, names, 'Args', args.map(entryText), base);
  }
  const { preamble, groups, trailer, indent } = entryGroups(section);
  const wanted = args.map((a) => bare(a.name));
  const kept = groups.filter((g) => plan.keepUnknownEntries || wanted.includes(bare(g.name)));
  const result: Group[] = [...kept];
  for (const [i, arg] of args.entries()) {
    if (result.some((g) => bare(g.name) === bare(arg.name))) continue;
    // After the entry of the nearest earlier argument that is documented, else first.
    const earlier = args.slice(0, i).map((a) => bare(a.name));
    let at = 0;
    result.forEach((g, index) => {
      if (earlier.includes(bare(g.name))) at = index + 1;
    });
    result.splice(at, 0, { name: arg.name, text: `${indent}${entryText(arg)}` });
  }
  if (result.length === groups.length && result.every((g, i) => g === groups[i])) return body;
  if (result.length === 0) return removeSection(body, names, 'Args', base);
  const content = `${preamble}${result.map((g) => g.text).join('\n')}\n${trailer}`;
  return body.slice(0, section.contentStart) + content + body.slice(section.end);
}

function appendEntries(body: string, section: Section, entries: string[]): string {
  const { preamble, groups, trailer, indent } = entryGroups(section);
  const texts = [...groups.map((g) => g.text), ...entries.map((e) => `${indent}${e}`)];
  return `${body.slice(0, section.contentStart)}${preamble}${texts.join('\n')}\n${trailer}${body.slice(section.end)}`;
}

function addSection(body: string, names: string[], kind: string, entries: string[], base: string): string {
  const block = [`${base}${kind}:`, ...entries.map((e) => `${base}${ENTRY_INDENT}${e}`)].join('\n');
  const later = ORDER.slice(ORDER.indexOf(kind as (typeof ORDER)[number]) + 1);
  const before = parseSections(body, names).find((s) => (later as readonly string[]).includes(s.kind));
  if (before) return `${body.slice(0, before.start)}${block}\n\n${body.slice(before.start)}`;
  const textEnd = body.trimEnd().length;
  const closingOnOwnLine = /[\r\n]/.test(body.slice(textEnd));
  const tail = closingOnOwnLine ? body.slice(textEnd) : `\n${base}`;
  return `${body.slice(0, textEnd)}\n\n${block}${tail}`;
}

function removeSection(body: string, names: string[], kind: string, base: string): string {
  const section = findSection(body, names, kind);
  if (!section) return body;
  const before = body.slice(0, section.start);
  if (section.end < body.length) return before + body.slice(section.end);
  const text = before.trimEnd();
  return /[\r\n]/.test(body.slice(body.trimEnd().length)) ? `${text}\n${base}` : text;
}

const SKIPPED = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

function someInBody(fn: Node, matches: (node: Node) => boolean): boolean {
  const body = fn.childForFieldName('body');
  const pending: Node[] = body ? [body] : [];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (matches(node)) return true;
    for (const child of node.namedChildren) if (child && !SKIPPED.has(child.type)) pending.push(child);
  }
  return false;
}

function _hasReturnValue(fn: Node): boolean {
  return someInBody(
    fn,
    (n) => n.type === 'return_statement' && !!n.namedChild(0) && n.namedChild(0)?.type !== 'none',
  );
}

function hasReturn(fn: Node): boolean {
  return someInBody(fn, (n) => n.type === 'return_statement');
}

function hasYield(fn: Node): boolean {
  return someInBody(fn, (n) => n.type === 'yield');
}

/** A body of only the docstring, `pass`, `...` and `raise`: an abstract or placeholder function. */
function isStubBody(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  return (body?.namedChildren ?? []).every((stmt) => {
    if (
      !stmt ||
      stmt.type === 'comment' ||
      stmt.type === 'pass_statement' ||
      stmt.type === 'raise_statement'
    ) {
      return true;
    }
    const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    return expr?.type === 'string' || expr?.type === 'ellipsis' || expr?.type === 'concatenated_string';
  });
}
