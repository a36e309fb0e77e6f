import type { Node } from './syntax-node';
import type { Finding, Fix, Range, TextEdit } from './types';

/**
 * Suppression comments as Ruff reads them:
 * - `# noqa` / `# noqa: A1,B2` suppresses the diagnostics reported on its line (all, or the codes);
 * - `# ruff: noqa` (or `flake8:`/`pyconv:`) on its own line exempts the whole file (or the codes);
 * - `# pyconv: disable[A1, B2]` … `# pyconv: enable[A1, B2]` (or `ruff:`), own-line comments,
 *   suppress the codes on the lines between; a disable without a matching enable (same
 *   indentation, naming the code) runs to the end of its indented block, as in Ruff.
 *
 * The engine records these comments per statement during its walk (so a keystroke re-reads only
 * the statements that changed); `Suppressions` combines them once per analysis, with no text scan.
 */
export type NoqaDirective = { kind: 'all' } | { kind: 'codes'; codes: ReadonlySet<string> };

/** A `# noqa` directive where it stands: `start`/`end` are the columns of `# noqa…` on its line. */
export interface NoqaComment {
  line: number;
  start: number;
  end: number;
  /** Where removing the whole directive starts (the whitespace before it) and ends (after it). */
  removeStart: number;
  removeEnd: number;
  /** What replaces the removed directive: `# ` when plain words followed it in the comment. */
  removalText: string;
  directive: NoqaDirective;
  /** The codes as written, in order, duplicates included (for the unused-noqa report). */
  written: readonly string[];
}

/** A range suppression comment (`# pyconv: disable[…]` or `enable[…]`) standing on its own line. */
export interface RangeComment {
  action: 'disable' | 'enable';
  line: number;
  /** Its indentation: an enable matches a disable at the same column. */
  column: number;
  end: number;
  codes: readonly string[];
  /** The columns of the text between the brackets. */
  listStart: number;
  listEnd: number;
}

/** Where the engine collects suppression comments while it walks a statement. */
export interface SuppressionSink {
  noqa: NoqaComment[];
  ranges: RangeComment[];
  fileExemptions: NoqaDirective[];
}

const CODE_LIST = '([A-Z]+[0-9]+(?:[\\s,]+[A-Z]+[0-9]+)*)';
const NOQA = new RegExp(`#\\s*noqa(?::\\s*${CODE_LIST})?`, 'i');

function codesOf(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

function directiveOf(list: string | undefined): NoqaDirective {
  if (!list) return { kind: 'all' };
  return { kind: 'codes', codes: new Set(codesOf(list)) };
}

/** Parses the directive in one physical line, or returns undefined when there is none. */
export function parseNoqa(line: string): NoqaDirective | undefined {
  const hash = line.indexOf('#');
  if (hash < 0) return undefined;
  const match = NOQA.exec(line.slice(hash));
  return match ? directiveOf(match[1]) : undefined;
}

export function isSuppressed(directive: NoqaDirective | undefined, code: string): boolean {
  if (!directive) return false;
  return directive.kind === 'all' || directive.codes.has(code);
}

const FILE_EXEMPTION = new RegExp(
  `^#\\s*(?:ruff|flake8|pyconv)\\s*:\\s*noqa(?::\\s*${CODE_LIST})?\\s*$`,
  'i',
);

/** `# ruff: noqa` (or `flake8:`/`pyconv:`) on its own line exempts the whole file, or the listed codes. */
export function parseFileExemption(comment: string): NoqaDirective | undefined {
  const match = FILE_EXEMPTION.exec(comment.trim());
  return match ? directiveOf(match[1]) : undefined;
}

const RANGE = /^#\s*(?:pyconv|ruff)\s*:\s*(disable|enable)\s*\[([^\]]*)\]\s*$/;

/**
 * Records what a comment node suppresses in `sink`, with lines relative to `originLine` (the
 * statement's first line). Columns are the node's own (lines move, columns do not).
 */
export function recordSuppressionComment(node: Node, originLine: number, sink: SuppressionSink): void {
  const text = node.text;
  const exemption = parseFileExemption(text);
  if (exemption) {
    sink.fileExemptions.push(exemption);
    return;
  }
  const line = node.startPosition.row - originLine;
  const column = node.startPosition.column;
  const range = RANGE.exec(text);
  if (range) {
    if (!standsAlone(node)) return;
    const open = text.indexOf('[');
    sink.ranges.push({
      action: range[1] as 'disable' | 'enable',
      line,
      column,
      end: column + text.length,
      codes: codesOf(range[2]),
      listStart: column + open + 1,
      listEnd: column + text.lastIndexOf(']'),
    });
    return;
  }
  const hash = text.search(/#\s*noqa/i);
  if (hash < 0) return;
  const match = NOQA.exec(text.slice(hash));
  if (!match) return;
  const start = column + hash;
  const end = start + match[0].length;
  const rest = text.slice(hash + match[0].length);
  const trailing = rest.length - rest.trimStart().length;
  const alone = hash === 0 && rest.trim() === '';
  const wordsFollow = hash === 0 && !alone && !rest.trimStart().startsWith('#');
  sink.noqa.push({
    line,
    start,
    end,
    // The whole comment goes with the whitespace before it; a directive followed by another
    // comment (`# noqa: A1 # type: ignore`) goes with the space after it.
    removeStart: alone ? column - whitespaceBefore(node) : start,
    removeEnd: alone ? end : end + trailing,
    removalText: wordsFollow ? '# ' : '',
    directive: directiveOf(match[1]),
    written: match[1] ? codesOf(match[1]) : [],
  });
}

/** The blanks between the code before a trailing comment and the comment. */
function whitespaceBefore(node: Node): number {
  const previous = node.previousSibling;
  if (!previous || previous.endPosition.row !== node.startPosition.row) return 0;
  return node.startPosition.column - previous.endPosition.column;
}

/** An own-line comment: nothing of the statement before it ends on its line. */
function standsAlone(node: Node): boolean {
  const previous = node.previousSibling;
  return !previous || previous.endPosition.row < node.startPosition.row;
}

interface SuppressedRange {
  disable: RangeComment;
  enable?: RangeComment;
  code: string;
  endLine: number;
  used: boolean;
}

export interface UnusedReportOptions {
  /** Codes pyconv has: any other code in a noqa belongs to another tool and is left alone. */
  isKnown(code: string): boolean;
  isEnabled(code: string): boolean;
}

/** Lines `startLine` to `endLine` (0-based, both included). */
export interface LineSpan {
  startLine: number;
  endLine: number;
}

/**
 * A file's suppressions, combined from the comments of every statement; `suppresses` records
 * which directives were used, for the unused-noqa rule (RUF100).
 */
/**
 * The lines of multi-line strings but their last, each with that last line: looked up in the strings
 * ordered by start rather than listed line by line (a map of every docstring line was made at every
 * keystroke). A string inside another's interpolation: the one listed last holds, as when listed.
 */
class StringLines {
  /** Indices of `spans` by start line (then index). */
  private readonly order: number[];
  /** The furthest end line of the spans up to each position of `order`. */
  private readonly reach: number[];

  constructor(private readonly spans: readonly LineSpan[]) {
    this.order = spans.map((_, index) => index);
    this.order.sort((a, b) => spans[a].startLine - spans[b].startLine || a - b);
    this.reach = [];
    let furthest = Number.NEGATIVE_INFINITY;
    for (const index of this.order) {
      furthest = Math.max(furthest, spans[index].endLine);
      this.reach.push(furthest);
    }
  }

  /** The last line of the string `line` lies in before its last, or undefined. */
  get(line: number): number | undefined {
    const spans = this.spans;
    const { order, reach } = this;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (spans[order[middle]].startLine <= line) low = middle + 1;
      else high = middle;
    }
    let holding = -1;
    for (let at = low - 1; at >= 0 && reach[at] > line; at--) {
      const index = order[at];
      if (line < spans[index].endLine && index > holding) holding = index;
    }
    return holding < 0 ? undefined : spans[holding].endLine;
  }

  has(line: number): boolean {
    return this.get(line) !== undefined;
  }
}

export class Suppressions {
  private readonly noqaByLine = new Map<number, NoqaComment>();
  private readonly usedCodes = new Map<NoqaComment, Set<string>>();
  private readonly ranges: SuppressedRange[];
  /** Lines inside a multi-line string, mapped to the string's last line (made when first needed). */
  private lineInString: StringLines | undefined;

  constructor(
    private readonly source: string,
    noqa: readonly NoqaComment[],
    /** Multi-line strings (0-based lines): a noqa on the last line covers them all. */
    private readonly multilineStrings: readonly LineSpan[],
    private readonly fileExemptions: readonly NoqaDirective[],
    rangeComments: readonly RangeComment[],
  ) {
    for (const comment of noqa) this.noqaByLine.set(comment.line, comment);
    this.ranges = matchRanges(rangeComments, (comment) => this.blockEndLine(comment));
  }

  /**
   * Every line of every multi-line string but its last, mapped to that last line, where its noqa
   * stands. Made only when a noqa or range comment asks: most analyses of a file without any never do.
   */
  private get noqaLineOf(): StringLines {
    this.lineInString ??= new StringLines(this.multilineStrings);
    return this.lineInString;
  }

  /** Whether nothing is suppressed at all (no noqa, file exemption or range): the usual file. */
  get none(): boolean {
    return this.noqaByLine.size === 0 && this.fileExemptions.length === 0 && this.ranges.length === 0;
  }

  /** Whether a finding of `code` on `line` is suppressed; marks what suppressed it as used. */
  suppresses(code: string, line: number): boolean {
    if (this.fileExemptions.some((d) => isSuppressed(d, code))) return true;
    const comment =
      this.noqaByLine.size > 0 ? this.noqaByLine.get(this.noqaLineOf.get(line) ?? line) : undefined;
    if (comment && isSuppressed(comment.directive, code)) {
      const used = this.usedCodes.get(comment) ?? new Set<string>();
      used.add(code);
      this.usedCodes.set(comment, used);
      return true;
    }
    return this.suppressedByRange(code, line);
  }

  /**
   * For the unused-noqa findings: a file exemption or a range suppresses them; the directive they
   * are about does not (a blanket `# noqa` would hide its own report), unless it names RUF100.
   */
  suppressesUnusedReport(code: string, line: number): boolean {
    return this.fileExemptions.some((d) => isSuppressed(d, code)) || this.suppressedByRange(code, line);
  }

  private suppressedByRange(code: string, line: number): boolean {
    let suppressed = false;
    for (const range of this.ranges) {
      if (range.code !== code || line < range.disable.line || line > range.endLine) continue;
      range.used = true;
      suppressed = true;
    }
    return suppressed;
  }

  /**
   * The last line of the indented block an unmatched disable stands in: the line before the next
   * code line indented less than the comment (lines inside multi-line strings do not count). This
   * reads the text from the comment on, and only for an unmatched disable that is indented.
   */
  private blockEndLine(comment: RangeComment): number {
    if (comment.column === 0) return Number.POSITIVE_INFINITY;
    let offset = 0;
    for (let line = 0; line < comment.line && offset >= 0; line++)
      offset = this.source.indexOf('\n', offset) + 1;
    let lastLine = comment.line;
    for (let line = comment.line + 1; offset > 0; line++) {
      offset = this.source.indexOf('\n', offset) + 1;
      if (offset === 0) break;
      const next = this.source.indexOf('\n', offset);
      const text = this.source.slice(offset, next < 0 ? undefined : next);
      const indent = text.length - text.trimStart().length;
      const blank = text.trim() === '' || text.trimStart().startsWith('#');
      const inString = this.noqaLineOf.has(line) || this.noqaLineOf.has(line - 1);
      if (!blank && !inString && indent < comment.column) return lastLine;
      lastLine = line;
    }
    return lastLine;
  }

  /** RUF100 findings: noqa directives and range suppressions that suppressed nothing. */
  unused(code: string, options: UnusedReportOptions): Finding[] {
    const findings: Finding[] = [];
    for (const comment of this.noqaByLine.values()) {
      const finding = this.unusedNoqa(comment, code, options);
      if (finding) findings.push(finding);
    }
    const byDisable = new Map<RangeComment, SuppressedRange[]>();
    for (const range of this.ranges)
      byDisable.set(range.disable, [...(byDisable.get(range.disable) ?? []), range]);
    for (const [disable, ranges] of byDisable) {
      const finding = this.unusedRange(disable, ranges, code, options);
      if (finding) findings.push(finding);
    }
    return findings;
  }

  private unusedRange(
    disable: RangeComment,
    ranges: readonly SuppressedRange[],
    code: string,
    options: UnusedReportOptions,
  ): Finding | undefined {
    const reasons = new Reasons();
    const unused = new Set<string>();
    for (const range of ranges) {
      if (range.used || !options.isKnown(range.code)) continue;
      reasons.add(options.isEnabled(range.code) ? 'unused' : 'non-enabled', range.code);
      unused.add(range.code);
    }
    if (reasons.empty) return undefined;
    const enables = new Set(
      ranges.flatMap((range) => (range.enable && unused.has(range.code) ? [range.enable] : [])),
    );
    const edits = [disable, ...enables].map((comment) => this.withoutCodes(comment, unused));
    return {
      code,
      message: `Unused suppression (${reasons})`,
      range: lineRange(disable.line, disable.column, disable.end),
      fix: { title: 'Remove unused suppression', safe: true, edits },
    };
  }

  /** The edit that takes `codes` out of a range comment: the whole line when none is left, as Ruff. */
  private withoutCodes(comment: RangeComment, codes: ReadonlySet<string>): TextEdit {
    const kept = comment.codes.filter((c) => !codes.has(c));
    if (kept.length > 0)
      return { range: lineRange(comment.line, comment.listStart, comment.listEnd), newText: kept.join(', ') };
    if (!this.hasLineAfter(comment.line))
      return { range: lineRange(comment.line, 0, comment.end), newText: '' };
    return {
      range: { start: { line: comment.line, character: 0 }, end: { line: comment.line + 1, character: 0 } },
      newText: '',
    };
  }

  /** Whether a line follows `line` (reads the text; only for the fix of an unused range suppression). */
  private hasLineAfter(line: number): boolean {
    let offset = 0;
    for (let current = 0; current <= line; current++) {
      offset = this.source.indexOf('\n', offset) + 1;
      if (offset === 0) return false;
    }
    return true;
  }

  private unusedNoqa(comment: NoqaComment, code: string, options: UnusedReportOptions): Finding | undefined {
    const used = this.usedCodes.get(comment);
    const range = lineRange(comment.line, comment.start, comment.end);
    const removal = lineRange(comment.line, comment.removeStart, comment.removeEnd);
    if (comment.directive.kind === 'all') {
      if (used) return undefined;
      const edit = { range: removal, newText: comment.removalText };
      return { code, message: 'Unused blanket `noqa` directive', range, fix: removeFix([edit]) };
    }
    // A directive naming RUF100 itself keeps it quiet, as in Ruff.
    if (comment.directive.codes.has(code)) return undefined;
    const reasons = new Reasons();
    const kept: string[] = [];
    const seen = new Set<string>();
    for (const written of comment.written) {
      if (seen.has(written)) reasons.add('duplicated', written);
      else if (used?.has(written) || !options.isKnown(written)) kept.push(written);
      else reasons.add(options.isEnabled(written) ? 'unused' : 'non-enabled', written);
      seen.add(written);
    }
    if (reasons.empty) return undefined;
    const edit =
      kept.length === 0
        ? { range: removal, newText: comment.removalText }
        : { range, newText: `# noqa: ${kept.join(', ')}` };
    return { code, message: `Unused \`noqa\` directive (${reasons})`, range, fix: removeFix([edit]) };
  }
}

/** Codes grouped by why they are unused, in Ruff's order and wording. */
class Reasons {
  private readonly groups = new Map<string, string[]>([
    ['unused', []],
    ['non-enabled', []],
    ['duplicated', []],
  ]);

  add(reason: string, code: string): void {
    this.groups.get(reason)?.push(code);
  }

  get empty(): boolean {
    return [...this.groups.values()].every((codes) => codes.length === 0);
  }

  toString(): string {
    return [...this.groups]
      .filter(([, codes]) => codes.length > 0)
      .map(([reason, codes]) => `${reason}: ${codes.map((c) => `\`${c}\``).join(', ')}`)
      .join('; ');
  }
}

function removeFix(edits: TextEdit[]): Fix {
  return { title: 'Remove unused `noqa` directive', safe: true, edits };
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * Pairs each code of each disable with the first later enable at the same indentation that names
 * it; without one, the code stays disabled to the end of the disable's block (or of the file).
 */
function matchRanges(
  comments: readonly RangeComment[],
  blockEndLine: (disable: RangeComment) => number,
): SuppressedRange[] {
  if (comments.length === 0) return [];
  const ordered = [...comments].sort((a, b) => a.line - b.line);
  const ranges: SuppressedRange[] = [];
  for (const [index, disable] of ordered.entries()) {
    if (disable.action !== 'disable') continue;
    let unmatchedEnd: number | undefined;
    for (const code of new Set(disable.codes)) {
      const enable = ordered
        .slice(index + 1)
        .find((c) => c.action === 'enable' && c.column === disable.column && c.codes.includes(code));
      unmatchedEnd ??= enable ? undefined : blockEndLine(disable);
      const endLine = enable?.line ?? unmatchedEnd ?? Number.POSITIVE_INFINITY;
      ranges.push({ disable, enable, code, endLine, used: false });
    }
  }
  return ranges;
}
