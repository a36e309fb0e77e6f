/**
 * `npm run doccheck -- DIR [--sample N] [--style google|numpy|sphinx]`: checks the docstring
 * templates and "Update docstring" against the engine on real code, for each style in turn (the
 * engine reading docstrings in that convention).
 * 1. Every function and class without a docstring gets the style's template (placeholders filled by
 *    a dummy word); D417, DOC201, DOC402 and DOC501 must then report nothing on those definitions.
 * 2. For every function with a docstring of that style, "Update docstring" must be idempotent (a
 *    second update changes nothing), and must change nothing when the engine finds it in line. The
 *    corpus has few NumPy and Sphinx docstrings, so the templated text of part 1 is updated too:
 *    once with the template as inserted (in line: no change), and once with the signature changed.
 * Prints the counts per style and exits non-zero when any is non-zero.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { functionParameters } from '../server/src/docstrings/definitions';
import { findDocstring } from '../server/src/docstrings/google';
import { documentedParameterSets, readDocstring } from '../server/src/docstrings/reading';
import {
  DOCSTRING_STYLES,
  type DocstringStyle,
  definitionFacts,
  docstringTemplate,
  parseDocstringStyle,
} from '../server/src/docstrings/template';
import { detectStyle, updateDocstring } from '../server/src/docstrings/update';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { collectModuleFacts } from '../server/src/engine/module-facts';
import type { Diagnostic, TextEdit } from '../server/src/engine/types';
import { createPythonParser } from '../server/src/parser/python';
import { allRules } from '../server/src/rules/registry';
import { toolArgs } from './shared/args';
import { pythonFiles } from './shared/python-files';

const CODES = ['D417', 'DOC201', 'DOC402', 'DOC501'];
const DUMMY = 'Word.';
const file = { isPackageInit: false, isPrivateModule: false, isStub: false };

function definitions(root: Node): Node[] {
  return root.descendantsOfType(['function_definition', 'class_definition']).filter((n): n is Node => !!n);
}

function diagnosticsOf(source: string, tree: Tree, style: DocstringStyle): Diagnostic[] {
  const config = makeEngineConfig({ enabled: CODES, options: { pydocstyle: { convention: style } } });
  return analyze({ rules: allRules, source, tree, config, file }).diagnostics;
}

function offsetOfLine(source: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = source.indexOf('\n', offset) + 1;
  return offset;
}

function applyEdit(source: string, edit: TextEdit): string {
  const start = offsetOfLine(source, edit.range.start.line) + edit.range.start.character;
  const end = offsetOfLine(source, edit.range.end.line) + edit.range.end.character;
  return source.slice(0, start) + edit.newText + source.slice(end);
}

/** The source with every undocumented definition templated, and the templated definitions' line spans. */
function templated(
  source: string,
  parser: Parser,
  style: DocstringStyle,
): { text: string; spans: Array<[number, number, string]> } | undefined {
  const tree = parser.parse(source);
  if (!tree) return undefined;
  const module = collectModuleFacts(tree.rootNode);
  const inserts: Array<{ offset: number; text: string; node: Node }> = [];
  for (const node of definitions(tree.rootNode)) {
    const body = node.childForFieldName('body');
    const first = body?.namedChild(0);
    if (node.hasError || !body || !first || findDocstring(body)) continue;
    if (first.startPosition.row === node.startPosition.row) continue;
    const indent = ' '.repeat(first.startPosition.column);
    const { plain } = docstringTemplate(node, style, { indent, module, fill: DUMMY, raises: 'resolved' });
    inserts.push({ offset: first.startIndex, text: `${plain}\n${indent}`, node });
  }
  // The definitions' line spans in the new text: each insertion shifts later lines down.
  const spans: Array<[number, number, string]> = [];
  let text = source;
  let shift = 0;
  const byOffset = [...inserts].sort((a, b) => a.offset - b.offset);
  const added = byOffset.map((i) => i.text.split('\n').length - 1);
  byOffset.forEach((insert, i) => {
    const startLine = insert.node.startPosition.row + shift;
    shift += added[i];
    const headerEnd = insert.node.childForFieldName('body')?.namedChild(0)?.startPosition.row ?? 0;
    spans.push([startLine, headerEnd + shift, insert.node.childForFieldName('name')?.text ?? '?']);
  });
  for (const insert of [...byOffset].reverse()) {
    text = text.slice(0, insert.offset) + insert.text + text.slice(insert.offset);
  }
  tree.delete();
  return { text, spans };
}

/** Part 1: findings on definitions that got a template. */
function templateFindings(
  text: string,
  spans: Array<[number, number, string]>,
  parser: Parser,
  style: DocstringStyle,
  report: (message: string) => void,
): number {
  const after = parser.parse(text);
  if (!after) return 0;
  let count = 0;
  try {
    for (const d of diagnosticsOf(text, after, style)) {
      const span = spans.find(([from, to]) => d.range.start.line >= from && d.range.start.line <= to);
      if (span) {
        count++;
        report(`  ${d.code} on ${span[2]} (line ${d.range.start.line + 1} after insertion): ${d.message}`);
      }
    }
  } finally {
    after.delete();
  }
  return count;
}

/** Part 2: updates that change an in-line docstring, or that a second update changes again. */
function updateChanges(
  source: string,
  parser: Parser,
  style: DocstringStyle,
  report: (message: string) => void,
): { count: number; updated: number } {
  const tree = parser.parse(source);
  if (!tree) return { count: 0, updated: 0 };
  let count = 0;
  let updated = 0;
  const options = { convention: style, style };
  try {
    const module = collectModuleFacts(tree.rootNode);
    const findings = diagnosticsOf(source, tree, style);
    const functions = definitions(tree.rootNode).filter((n) => n.type === 'function_definition');
    functions.forEach((fn, index) => {
      const docstring = findDocstring(fn.childForFieldName('body'));
      if (!docstring || docstring.implicitConcatenation || detectStyle(docstring.body) !== style) return;
      updated++;
      const { edit } = updateDocstring(fn, source, module, options);
      if (!edit) return;
      const name = fn.childForFieldName('name')?.text ?? '?';
      const last = docstring.node.endPosition.row;
      // D417 says nothing about a docstring without parameters documented: it may still miss some.
      const names = functionParameters(fn).map((p) => p.name);
      const reading = readDocstring(docstring.body, names, style);
      const argsDocumented = documentedParameterSets(reading).length > 0;
      const documentable = definitionFacts(fn, module).args.length > 0;
      const inLine =
        (argsDocumented || !documentable) &&
        !findings.some((d) => d.range.start.line >= fn.startPosition.row && d.range.start.line <= last);
      if (inLine) {
        count++;
        report(`  update changed the in-line docstring of ${name} (line ${fn.startPosition.row + 1})`);
        return;
      }
      const once = applyEdit(source, edit);
      const again = parser.parse(once);
      if (!again) return;
      try {
        const same = definitions(again.rootNode).filter((n) => n.type === 'function_definition')[index];
        if (same && updateDocstring(same, once, collectModuleFacts(again.rootNode), options).edit) {
          count++;
          report(`  a second update changed ${name} again (line ${fn.startPosition.row + 1})`);
        }
      } finally {
        again.delete();
      }
    });
  } finally {
    tree.delete();
  }
  return { count, updated };
}

/**
 * Part 2 on the templated text: each templated function updated as inserted (in line: must change
 * nothing), then with a parameter added to its signature (the update must add it, and a second
 * update change nothing).
 */
function templatedUpdates(
  text: string,
  parser: Parser,
  style: DocstringStyle,
  report: (message: string) => void,
): { count: number; updated: number } {
  const renamed = text.replace(/^([ \t]*)def (\w+)\(\)/gm, '$1def $2(extra_param)');
  let count = 0;
  let updated = 0;
  for (const [variant, source] of [
    ['as templated', text],
    ['with a new parameter', renamed],
  ] as const) {
    const result = updateChanges(source, parser, style, (m) => report(`${m} [${variant}]`));
    count += result.count;
    updated += result.updated;
  }
  return { count, updated };
}

async function main(): Promise<void> {
  const { values, positionals } = toolArgs({ sample: 'string', style: 'string' });
  const [dir] = positionals;
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  const onlyStyle = values.style === undefined ? undefined : parseDocstringStyle(values.style);
  if (!dir || (sample !== undefined && !(sample > 0)) || (values.style !== undefined && !onlyStyle)) {
    console.error('usage: npm run doccheck -- DIR [--sample N] [--style google|numpy|sphinx]');
    process.exit(2);
  }
  let files = pythonFiles(dir);
  if (sample !== undefined)
    files = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / sample)) === 0);
  const parser = await createPythonParser();
  const sources = files.map((filePath) => ({ filePath, source: readFileSync(filePath, 'utf8') }));
  let failed = false;
  const summary: string[] = [];
  for (const style of onlyStyle ? [onlyStyle] : DOCSTRING_STYLES) {
    let templateCount = 0;
    let updateCount = 0;
    let updated = 0;
    const started = performance.now();
    for (const { filePath, source } of sources) {
      const lines: string[] = [];
      const report = (m: string) => lines.push(m);
      const inserted = templated(source, parser, style);
      if (inserted) {
        templateCount += templateFindings(inserted.text, inserted.spans, parser, style, report);
        const onTemplates = templatedUpdates(inserted.text, parser, style, report);
        updateCount += onTemplates.count;
        updated += onTemplates.updated;
      }
      const own = updateChanges(source, parser, style, report);
      updateCount += own.count;
      updated += own.updated;
      if (lines.length > 0)
        console.log(`[${style}] ${path.relative(dir, filePath)}\n${lines.slice(0, 20).join('\n')}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    summary.push(
      `${style}: template findings (D417/DOC201/DOC402/DOC501 on templated definitions): ${templateCount}; ` +
        `update changes (in-line docstrings changed, or not idempotent): ${updateCount} ` +
        `of ${updated} docstrings updated (${seconds}s)`,
    );
    failed ||= templateCount > 0 || updateCount > 0;
  }
  console.log(`files: ${files.length}`);
  for (const line of summary) console.log(line);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
