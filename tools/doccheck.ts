/**
 * `npm run doccheck -- DIR [--sample N]`: checks the docstring templates and "Update docstring"
 * against the engine on real code.
 * 1. Every function and class without a docstring gets the Google template (placeholders filled by a
 *    dummy word); D417, DOC201, DOC402 and DOC501 must then report nothing on those definitions.
 * 2. For every function with a Google docstring, "Update docstring" must be idempotent (a second
 *    update changes nothing), and must change nothing when the engine finds the docstring in line.
 * Prints both counts and exits non-zero when either is non-zero.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { ARGS_SECTIONS, findDocstring, parseSections } from '../server/src/docstrings/google';
import { definitionFacts, docstringTemplate } from '../server/src/docstrings/template';
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
const config = makeEngineConfig({ enabled: CODES });
const file = { isPackageInit: false, isPrivateModule: false, isStub: false };

function definitions(root: Node): Node[] {
  return root.descendantsOfType(['function_definition', 'class_definition']).filter((n): n is Node => !!n);
}

function diagnosticsOf(source: string, tree: Tree): Diagnostic[] {
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

/** Part 1: findings on definitions that got a template. */
function templateFindings(source: string, parser: Parser, report: (message: string) => void): number {
  const tree = parser.parse(source);
  if (!tree) return 0;
  const module = collectModuleFacts(tree.rootNode);
  const inserts: Array<{ offset: number; text: string; node: Node }> = [];
  for (const node of definitions(tree.rootNode)) {
    const body = node.childForFieldName('body');
    const first = body?.namedChild(0);
    if (node.hasError || !body || !first || findDocstring(body)) continue;
    if (first.startPosition.row === node.startPosition.row) continue;
    const indent = ' '.repeat(first.startPosition.column);
    const { plain } = docstringTemplate(node, 'google', { indent, module, fill: DUMMY });
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
  const after = parser.parse(text);
  if (!after) return 0;
  let count = 0;
  try {
    for (const d of diagnosticsOf(text, after)) {
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
function updateChanges(source: string, parser: Parser, report: (message: string) => void): number {
  const tree = parser.parse(source);
  if (!tree) return 0;
  let count = 0;
  try {
    const module = collectModuleFacts(tree.rootNode);
    const findings = diagnosticsOf(source, tree);
    const functions = definitions(tree.rootNode).filter((n) => n.type === 'function_definition');
    functions.forEach((fn, index) => {
      const docstring = findDocstring(fn.childForFieldName('body'));
      if (!docstring || docstring.implicitConcatenation || detectStyle(docstring.body) !== 'google') return;
      const { edit } = updateDocstring(fn, source, module);
      if (!edit) return;
      const name = fn.childForFieldName('name')?.text ?? '?';
      const last = docstring.node.endPosition.row;
      // D417 says nothing about a docstring without `Args:`: such a docstring may still miss arguments.
      const argsDocumented = parseSections(docstring.body).some((s) => ARGS_SECTIONS.has(s.kind));
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
        if (same && updateDocstring(same, once, collectModuleFacts(again.rootNode)).edit) {
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
  return count;
}

async function main(): Promise<void> {
  const { values, positionals } = toolArgs({ sample: 'string' });
  const [dir] = positionals;
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  if (!dir || (sample !== undefined && !(sample > 0))) {
    console.error('usage: npm run doccheck -- DIR [--sample N]');
    process.exit(2);
  }
  let files = pythonFiles(dir);
  if (sample !== undefined)
    files = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / sample)) === 0);
  const parser = await createPythonParser();
  let templateCount = 0;
  let updateCount = 0;
  const started = performance.now();
  for (const filePath of files) {
    const source = readFileSync(filePath, 'utf8');
    const lines: string[] = [];
    templateCount += templateFindings(source, parser, (m) => lines.push(m));
    updateCount += updateChanges(source, parser, (m) => lines.push(m));
    if (lines.length > 0) console.log(`${path.relative(dir, filePath)}\n${lines.slice(0, 20).join('\n')}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`files: ${files.length} (${seconds}s)`);
  console.log(`template findings (D417/DOC201/DOC402/DOC501 on templated definitions): ${templateCount}`);
  console.log(`update changes (in-line docstrings changed, or not idempotent): ${updateCount}`);
  process.exit(templateCount > 0 || updateCount > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
