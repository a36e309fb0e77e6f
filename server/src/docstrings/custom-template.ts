/**
 * Custom docstring templates: a team's mustache template (mustache.ts) rendered with the data the
 * built-in templates are made from (template.ts). Placeholders (`{{summary}}`, `{{placeholder}}`,
 * `{{extendedSummary}}`) become the snippet's tab stops. The data is documented in the README
 * ("Custom docstring templates"); keep both in step.
 */
import { collectModuleFacts } from '../engine/module-facts';
import type { Node } from '../engine/types';
import { type ParsedTemplate, renderTemplate, type TemplateRecord } from './mustache';
import {
  DEFAULT_TEMPLATE_SHAPE,
  type DocstringStyle,
  type DocstringTemplate,
  definitionFacts,
  type Item,
  type Piece,
  rootOf,
  type TemplateOptions,
  toPlain,
  toSnippet,
  withoutTypes,
} from './template';

/**
 * Marks a tab stop in rendered text: `\uE000<index>\uE001` (private-use characters no template or
 * Python source holds), the index into the placeholder texts.
 */
const STOP = /\uE000(\d+)\uE001/;

function stop(index: number): string {
  return `\uE000${index}\uE001`;
}

function item(entry: Item, placeholder: string): TemplateRecord {
  const star = /^\**/.exec(entry.name)?.[0] ?? '';
  return {
    name: entry.name,
    bareName: entry.name.slice(star.length),
    star,
    kind: entry.kind ?? null,
    type: entry.type ?? '',
    hasType: entry.type !== undefined,
    default: entry.defaultText ?? '',
    hasDefault: entry.defaultText !== undefined,
    placeholder,
  };
}

/** What a template receives (documented in the README). */
export function templateData(
  node: Node,
  style: DocstringStyle,
  opts: TemplateOptions,
  placeholders: readonly string[],
): TemplateRecord {
  const module = opts.module ?? collectModuleFacts(rootOf(node));
  const shape = { ...DEFAULT_TEMPLATE_SHAPE, ...opts.shape };
  const raw = definitionFacts(node, module);
  if (opts.raises === 'resolved') raw.raises = raw.checkedRaises;
  const facts = shape.includeTypes ? raw : withoutTypes(raw);
  const [summary, extended, placeholder] = placeholders.map((_, i) => stop(i));
  const kind = node.type === 'class_definition' ? 'class' : node.type === 'module' ? 'module' : 'function';
  return {
    name: node.childForFieldName('name')?.text ?? '',
    kind,
    summary,
    extendedSummary: extended,
    placeholder,
    parameters: facts.args.map((a) => item(a, placeholder)),
    hasParameters: facts.args.length > 0,
    returns: facts.returns ? item(facts.returns, placeholder) : false,
    yields: facts.yields ? item(facts.yields, placeholder) : false,
    raises: facts.raises.map((name) => ({ name, placeholder })),
    hasRaises: facts.raises.length > 0,
    attributes: facts.attributes.map((a) => item(a, placeholder)),
    hasAttributes: facts.attributes.length > 0,
    options: {
      style,
      includeTypes: shape.includeTypes,
      startOnNewLine: shape.startOnNewLine,
      extendedSummary: shape.extendedSummary,
      placeholder: shape.placeholder,
      quote: opts.quote ?? '"""',
    },
  };
}

/**
 * The docstring a custom template gives for a definition. Trailing blank lines are dropped; text of
 * more than one line gets the closing quotes on a line of their own; every line after the first
 * takes the docstring's indentation (blank lines stay empty).
 */
export function customDocstringTemplate(
  template: ParsedTemplate,
  node: Node,
  style: DocstringStyle,
  opts: TemplateOptions,
): DocstringTemplate {
  const shape = { ...DEFAULT_TEMPLATE_SHAPE, ...opts.shape };
  const texts = ['Summary.', 'Extended summary.', shape.placeholder];
  const rendered = renderTemplate(template, templateData(node, style, opts, texts)).replace(/\s+$/, '');
  const body = rendered.includes('\n') ? `${rendered}\n` : rendered;
  const indented = body.replace(/\r?\n(?![\r\n])/g, `\n${opts.indent}`);
  const quote = opts.quote ?? '"""';
  const pieces: Piece[] = [{ text: quote }];
  const parts = indented.split(STOP);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part !== '') pieces.push({ text: part });
    } else pieces.push({ placeholder: texts[Number(part)] });
  });
  pieces.push({ text: quote });
  return { snippet: toSnippet(pieces), plain: toPlain(pieces, opts.fill) };
}
