import type { Hover, Position } from 'vscode-languageserver';
import { comparePositions } from '../../engine/positions';
import type { Diagnostic as EngineDiagnostic, Range } from '../../engine/types';
import { ruleByCode } from '../../rules/registry';
import { ruleDocUri } from '../convert';
import type { OpenDocument } from '../documents';

/** The rule's documentation as hover markdown: title, summary, then its doc sections. */
export function ruleDocMarkdown(code: string): string | undefined {
  const rule = ruleByCode(code);
  if (!rule) return undefined;
  const { meta } = rule;
  return `### ${meta.code} \`${meta.name}\`\n\n${meta.summary}\n\n${meta.doc}`;
}

function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** A `# noqa: A1, B2` code under the cursor, with its range on the line. */
export function noqaCodeAt(
  document: OpenDocument,
  position: Position,
): { code: string; range: Range } | undefined {
  // A comment lies on one line: without `noqa` on the line there is nothing to find, and no reason
  // to bring the tree up to date (which would wait for the parse of the latest change).
  const line = document.text.getText({
    start: { line: position.line, character: 0 },
    end: { line: position.line + 1, character: 0 },
  });
  if (!/noqa/i.test(line)) return undefined;
  const node = document.nodeAt({
    row: position.line,
    column: position.character,
  });
  if (node?.type !== 'comment') return undefined;
  const text = node.text;
  const list = /#\s*(?:(?:ruff|flake8|pyconv)\s*:\s*)?noqa\s*:\s*/i.exec(text);
  if (!list) return undefined;
  const codePattern = /[A-Z]+[0-9]+/gy;
  let index = list.index + list[0].length;
  for (;;) {
    codePattern.lastIndex = index;
    const match = codePattern.exec(text);
    if (!match) return undefined;
    const start = node.startPosition.column + match.index;
    const range = {
      start: { line: node.startPosition.row, character: start },
      end: { line: node.startPosition.row, character: start + match[0].length },
    };
    if (position.line === node.startPosition.row && contains(range, position))
      return { code: match[0], range };
    index = match.index + match[0].length;
    const separator = /[\s,]*/y;
    separator.lastIndex = index;
    index += separator.exec(text)?.[0].length ?? 0;
  }
}

/**
 * Hover: over a noqa code, that rule's whole page; over findings, each finding's message with its
 * rule's one-line summary and a link to the page (several findings at one spot must all be seen, and
 * whole pages one after another hid all but the first).
 */
export function provideHover(
  document: OpenDocument,
  diagnostics: readonly EngineDiagnostic[],
  position: Position,
): Hover | null {
  const noqa = noqaCodeAt(document, position);
  if (noqa) {
    const markdown = ruleDocMarkdown(noqa.code);
    return markdown ? { contents: { kind: 'markdown', value: markdown }, range: noqa.range } : null;
  }
  const entries = new Set(diagnostics.filter((d) => contains(d.range, position)).map(findingMarkdown));
  if (entries.size === 0) return null;
  return { contents: { kind: 'markdown', value: [...entries].join('\n\n---\n\n') } };
}

/** `**N802** message`, then the rule's summary and a link to its page. */
function findingMarkdown(diagnostic: EngineDiagnostic): string {
  const rule = ruleByCode(diagnostic.code);
  const heading = `**${diagnostic.code}** ${diagnostic.message}`;
  if (!rule) return heading;
  const { meta } = rule;
  return `${heading}\n\n${meta.summary} ([\`${meta.name}\`](${ruleDocUri(meta.code)}))`;
}
