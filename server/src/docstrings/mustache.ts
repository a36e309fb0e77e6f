/**
 * A logic-less template language: the subset of mustache (https://mustache.github.io) that docstring
 * templates need, with no escaping (docstrings are not HTML).
 *
 * Supported: `{{name}}` and `{{a.b}}` (dotted names), `{{.}}` (the current item), `{{{name}}}` and
 * `{{&name}}` (the same as `{{name}}`: nothing is escaped), sections `{{#name}}...{{/name}}` (a list
 * repeats its content per item, an object or `true` shows it once, with the object as context),
 * inverted sections `{{^name}}...{{/name}}` (shown when the value is missing, false, empty or an
 * empty list), comments `{{! ... }}`. A tag alone on its line (sections, inverted sections, closing
 * tags, comments) takes its line with it, as in mustache. Not supported: partials (`{{> x}}`),
 * delimiter changes (`{{=<% %>=}}`), lambdas; they are parse errors.
 */

export class TemplateSyntaxError extends Error {}

type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'variable'; name: string }
  | { type: 'section'; name: string; inverted: boolean; children: TemplateNode[] };

export interface ParsedTemplate {
  nodes: TemplateNode[];
}

interface Tag {
  /** `#`, `^`, `/`, `!`, `&`, `{` or `` for a variable. */
  sigil: string;
  name: string;
  start: number;
  end: number;
}

const TAG = /\{\{(\{?)([#^/!&>=]?)\s*([\s\S]*?)\s*(\}?)\}\}/g;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function scanTags(text: string): Tag[] {
  const tags: Tag[] = [];
  TAG.lastIndex = 0;
  for (let match = TAG.exec(text); match; match = TAG.exec(text)) {
    const [whole, triple, sigil, name, closingBrace] = match;
    const line = lineOf(text, match.index);
    if (sigil === '>' || sigil === '=') {
      throw new TemplateSyntaxError(
        `line ${line}: ${sigil === '>' ? 'partials' : 'delimiter changes'} are not supported`,
      );
    }
    if (triple && !closingBrace) throw new TemplateSyntaxError(`line ${line}: \`{{{\` without \`}}}\``);
    if (sigil !== '!' && !/^(\.|[\w-]+(\.[\w-]+)*)$/.test(name)) {
      throw new TemplateSyntaxError(`line ${line}: bad tag name ${JSON.stringify(name)}`);
    }
    tags.push({ sigil: triple ? '{' : sigil, name, start: match.index, end: match.index + whole.length });
  }
  const stray = text.replace(TAG, '').indexOf('{{');
  if (stray >= 0) throw new TemplateSyntaxError('a `{{` is never closed by `}}`');
  return tags;
}

/** A section, closing or comment tag alone on its line: the whole line (with its break) goes. */
function standalone(text: string, tag: Tag): { start: number; end: number } | undefined {
  if (!['#', '^', '/', '!'].includes(tag.sigil)) return undefined;
  const lineStart = text.lastIndexOf('\n', tag.start - 1) + 1;
  const newline = text.indexOf('\n', tag.end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const before = text.slice(lineStart, tag.start);
  const after = text.slice(tag.end, newline < 0 ? text.length : newline).replace(/\r$/, '');
  if (before.trim() !== '' || after.trim() !== '') return undefined;
  return { start: lineStart, end: lineEnd };
}

export function parseTemplate(text: string): ParsedTemplate {
  const tags = scanTags(text);
  const root: TemplateNode[] = [];
  const stack: Array<{ name: string; children: TemplateNode[]; line: number }> = [];
  let children = root;
  let position = 0;
  for (const tag of tags) {
    // Tags on the same line as other tags are not standalone; one alone is removed with its line.
    const span = standalone(text, tag) ?? { start: tag.start, end: tag.end };
    const start = Math.max(span.start, position);
    if (start > position) children.push({ type: 'text', text: text.slice(position, start) });
    position = Math.max(position, span.end);
    switch (tag.sigil) {
      case '!':
        break;
      case '#':
      case '^': {
        const section: TemplateNode = {
          type: 'section',
          name: tag.name,
          inverted: tag.sigil === '^',
          children: [],
        };
        children.push(section);
        stack.push({ name: tag.name, children, line: lineOf(text, tag.start) });
        children = section.children;
        break;
      }
      case '/': {
        const open = stack.pop();
        if (!open)
          throw new TemplateSyntaxError(
            `line ${lineOf(text, tag.start)}: \`{{/${tag.name}}}\` closes nothing`,
          );
        if (open.name !== tag.name) {
          throw new TemplateSyntaxError(
            `line ${lineOf(text, tag.start)}: \`{{/${tag.name}}}\` closes \`{{#${open.name}}}\` (line ${open.line})`,
          );
        }
        children = open.children;
        break;
      }
      default:
        children.push({ type: 'variable', name: tag.name });
    }
  }
  const unclosed = stack.pop();
  if (unclosed)
    throw new TemplateSyntaxError(`line ${unclosed.line}: \`{{#${unclosed.name}}}\` is never closed`);
  if (position < text.length) children.push({ type: 'text', text: text.slice(position) });
  return { nodes: root };
}

/** Data a template reads: plain values, lists and records. */
export type TemplateValue = string | number | boolean | null | undefined | TemplateValue[] | TemplateRecord;
export interface TemplateRecord {
  [key: string]: TemplateValue;
}

function lookup(name: string, contexts: readonly TemplateValue[]): TemplateValue {
  if (name === '.') return contexts[contexts.length - 1];
  const [head, ...rest] = name.split('.');
  for (let i = contexts.length - 1; i >= 0; i--) {
    const context = contexts[i];
    if (context && typeof context === 'object' && !Array.isArray(context) && head in context) {
      let value: TemplateValue = context[head];
      for (const key of rest) {
        value = value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
      }
      return value;
    }
  }
  return undefined;
}

function isEmpty(value: TemplateValue): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function renderNodes(nodes: readonly TemplateNode[], contexts: TemplateValue[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'variable') {
      const value = lookup(node.name, contexts);
      if (value !== undefined && value !== null && typeof value !== 'object') out += String(value);
    } else {
      const value = lookup(node.name, contexts);
      if (node.inverted) {
        if (isEmpty(value)) out += renderNodes(node.children, contexts);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.children, [...contexts, item]);
      } else if (!isEmpty(value)) {
        out += renderNodes(node.children, typeof value === 'object' ? [...contexts, value] : contexts);
      }
    }
  }
  return out;
}

export function renderTemplate(template: ParsedTemplate, data: TemplateRecord): string {
  return renderNodes(template.nodes, [data]);
}
