import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  type CompletionParams,
  InsertTextFormat,
  InsertTextMode,
} from 'vscode-languageserver';
import { Parser } from 'web-tree-sitter';
import { customDocstringTemplate } from '../../docstrings/custom-template';
import type { ParsedTemplate } from '../../docstrings/mustache';
import {
  DEFAULT_TEMPLATE_SHAPE,
  type DocstringStyle,
  docstringTemplate,
  parseDocstringStyle,
  type TemplateShape,
} from '../../docstrings/template';
import { lineEndingOf, withLineEndings } from '../../engine/line-endings';
import type { Node } from '../../engine/types';
import type { OpenDocument } from '../documents';

const STYLE_NAMES: Record<DocstringStyle, string> = { google: 'Google', numpy: 'NumPy', sphinx: 'Sphinx' };

/** Characters after which the client asks for completions: the quotes that open a docstring. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', "'"];

export interface CompletionEnvironment {
  document: OpenDocument;
  /** `pyconv.docstring.style` (google, numpy, sphinx), when the user set one. */
  docstringStyle?: string;
  /** `[tool.pyconv.docstring] style` of the project, used when the editor setting is unset. */
  projectDocstringStyle?: unknown;
  /** The validated `[tool.pyconv.docstring]` section (editor settings merged in): the template's shape. */
  projectDocstring?: Record<string, unknown>;
  /** The team's template (`docstring.template`), parsed; the built-in template when absent. */
  customTemplate?: ParsedTemplate;
  /** The client accepts snippet completions (`completionItem.snippetSupport`). */
  snippetSupport: boolean;
}

/** What the user typed on the cursor's line: only the opening quotes, maybe auto-closed by the editor. */
const TYPED_QUOTES = /^([ \t]*)("""|''')$/;

/**
 * Docstring completion (`textDocument/completion`): after `"""` or `'''` typed as the first
 * statement of a def/class body or of the module, one item that replaces the quotes with a template.
 */
export function provideCompletion(
  params: CompletionParams,
  env: CompletionEnvironment,
): CompletionItem[] | CompletionList | null {
  const text = env.document.text;
  const { line, character } = params.position;
  const lineStart = text.offsetAt({ line, character: 0 });
  const cursor = text.offsetAt(params.position);
  const lineEnd = text.offsetAt({ line: line + 1, character: 0 });
  const before = text.getText().slice(lineStart, cursor);
  const after = text
    .getText()
    .slice(cursor, lineEnd)
    .replace(/\r?\n$/, '');
  const typed = TYPED_QUOTES.exec(before);
  if (!typed) return null;
  const [, indent, quote] = typed;
  const closing = autoClosedQuotes(after, quote);
  if (closing === undefined) return null;
  const target = definitionAt(env.document, lineStart, indent);
  if (!target) return null;
  try {
    const style =
      parseDocstringStyle(env.docstringStyle) ?? parseDocstringStyle(env.projectDocstringStyle) ?? 'google';
    const options = { indent, quote, shape: templateShape(env.projectDocstring) };
    const template = env.customTemplate
      ? customDocstringTemplate(env.customTemplate, target.node, style, options)
      : docstringTemplate(target.node, style, options);
    const range = {
      start: { line, character: indent.length },
      end: { line, character: character + closing.length },
    };
    // The template is written with `\n`; inserted lines follow the document's line ending.
    const eol = lineEndingOf(text.getText());
    const newText = withLineEndings(env.snippetSupport ? template.snippet : template.plain, eol);
    return [
      {
        // What it is, by name: a label of six quotes told the user nothing. The template shows beside it.
        label: `Docstring (${STYLE_NAMES[style]})`,
        detail: template.plain,
        kind: CompletionItemKind.Snippet,
        insertTextFormat: env.snippetSupport ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        // The template's lines carry their indentation already; VS Code would otherwise add the line's again.
        insertTextMode: InsertTextMode.asIs,
        textEdit: { range, newText },
        filterText: quote,
        sortText: '0',
        preselect: true,
      },
    ];
  } finally {
    target.dispose();
  }
}

/** The shape keys of the section; the quotes come from what the user typed. */
function templateShape(section: Record<string, unknown> | undefined): Partial<TemplateShape> {
  const shape: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_TEMPLATE_SHAPE)) {
    if (section?.[key] !== undefined) shape[key] = section[key];
  }
  return shape as Partial<TemplateShape>;
}

/**
 * What after the cursor the item replaces: nothing, or the closing quotes an editor auto-closed (all three,
 * or one or two from editors that close each quote as it is typed), with the blanks around them. Undefined
 * when anything else follows the cursor.
 */
function autoClosedQuotes(after: string, quote: string): string | undefined {
  const closing = after.trim();
  if (closing === '') return '';
  const quoteChar = quote[0];
  return closing.length <= quote.length && [...closing].every((char) => char === quoteChar)
    ? after
    : undefined;
}

/**
 * The definition whose docstring the quotes start. The tree of the text being typed is broken (an
 * unterminated string), so the line is replaced by `pass` and that text parsed again: the statement
 * must then be the first of a def/class body, or of the module.
 */
function definitionAt(
  document: OpenDocument,
  lineStart: number,
  indent: string,
): { node: Node; dispose(): void } | undefined {
  const full = document.text.getText();
  const lineEndIndex = full.indexOf('\n', lineStart);
  const rest = lineEndIndex < 0 ? '' : full.slice(lineEndIndex);
  const repaired = `${full.slice(0, lineStart)}${indent}pass${rest}`;
  const parser = new Parser();
  parser.setLanguage(document.language);
  const tree = parser.parse(repaired);
  parser.delete();
  if (!tree) return undefined;
  const dispose = () => tree.delete();
  const passStart = lineStart + indent.length;
  const statement = tree.rootNode.descendantForIndex(passStart, passStart + 4);
  const pass = statement?.type === 'pass_statement' ? statement : statement?.parent;
  const container = pass?.type === 'pass_statement' ? pass.parent : null;
  const first = container?.namedChildren.find((child) => child?.type !== 'comment');
  if (!pass || !container || first?.id !== pass.id || startsDocstring(nextStatement(pass))) {
    dispose();
    return undefined;
  }
  if (container.type === 'module') return { node: container, dispose };
  const definition = container.type === 'block' ? container.parent : null;
  if (definition?.type === 'function_definition' || definition?.type === 'class_definition') {
    return { node: definition, dispose };
  }
  dispose();
  return undefined;
}

function nextStatement(node: Node): Node | null {
  let next = node.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/** A string statement right below the quotes: the docstring the definition already has (no second one). */
function startsDocstring(statement: Node | null): boolean {
  const expression = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
  return (
    statement?.namedChildCount === 1 &&
    (expression?.type === 'string' || expression?.type === 'concatenated_string')
  );
}
