import { allRules } from '../rules/registry';
import { depsHold, type FactDeps, trackedFacts } from './fact-deps';
import { collectModuleFacts, type ModuleFacts } from './module-facts';
import { isSuppressed, type NoqaDirective, parseFileExemption, parseNoqa } from './noqa';
import { comparePositions, isRange, nodeRange } from './positions';
import type { FileContext, FileRule, Rule, UnitContext, UnitRule } from './rule';
import type { Diagnostic, EngineConfig, FileInfo, Finding, Fix, Node, Position, Range, Tree } from './types';
import { UnitMemo } from './unit-memo';
import { walkSubtree } from './walk';

export interface AnalysisInput {
  source: string;
  tree: Tree;
  config: EngineConfig;
  file: FileInfo;
  /**
   * A `performance.now()` time budget: once past it, units not in the cache are left out (at least
   * one is analysed per call, so repeated calls with the returned cache complete the file), file
   * rules are skipped and the result is `partial`.
   */
  deadline?: number;
}

/** What one top-level statement produced, with positions relative to the statement's start. */
interface UnitResult {
  findings: Finding[];
  noqa: Array<{ line: number; directive: NoqaDirective }>;
  /** Multi-line strings: a finding on any of their lines is suppressed by a noqa on the last one. */
  multilineStrings: Array<{ startLine: number; endLine: number }>;
  fileExemptions: Array<NoqaDirective>;
  /** The module facts the analysis read and what they were: the result holds while they do. */
  deps: FactDeps;
  /**
   * Set when a fix inserts exactly at the unit's start: such an edit may be relative (the unit's own)
   * or absolute (a module-fact position such as the import line), so the result holds at this line only.
   */
  anchoredLine?: number;
}

/** Reused between analyses of the same document; opaque to callers. */
export interface AnalysisCache {
  readonly contextKey: string;
  readonly units: ReadonlyMap<string, UnitResult>;
  readonly memo: UnitMemo;
}

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  cache: AnalysisCache;
  stats: AnalysisStats;
  /** The deadline passed before every unit was analysed: these are the diagnostics found so far. */
  partial: boolean;
}

export interface AnalysisStats {
  units: number;
  reusedUnits: number;
  /** Lines of the units analysed in this call (not reused). */
  analysedLines: number;
  /** Milliseconds per phase, for the keystroke profile (tools/keystroke-profile.ts). */
  phases: { moduleFacts: number; units: number; fileRules: number; diagnostics: number };
}

/**
 * The engine: text, tree and configuration in, diagnostics out. No file system, no LSP. With a
 * `previous` cache, top-level statements whose text and module context are unchanged are not
 * re-analysed; their findings are shifted to where the statement now stands.
 */
export function analyze(
  input: AnalysisInput,
  previous?: AnalysisCache,
  rules: readonly Rule[] = allRules,
): AnalysisResult {
  const { source, tree, config, file } = input;
  const root = tree.rootNode;
  const started = performance.now();
  // Module facts are not part of the key: each unit records the facts it read (see fact-deps.ts).
  const contextKey = [config.fingerprint, fileKey(file)].join('\u0000');
  const sameContext = previous && previous.contextKey === contextKey ? previous : undefined;
  const reusable = sameContext?.units;
  const topLevel = topLevelUnits(root, source);
  const memo = new UnitMemo(new Map(topLevel.map((unit) => [unit.node.id, unit.key])), sameContext?.memo);
  const module = collectModuleFacts(root, memo);
  const factsDone = performance.now();
  const enabled = rules.filter((rule) => config.enabled.has(rule.meta.code));
  const dispatch = buildDispatch(enabled.filter((r): r is UnitRule => r.kind === 'unit'));

  const units = new Map<string, UnitResult>();
  const findings: Finding[] = [];
  const noqaByLine = new Map<number, NoqaDirective>();
  const noqaLineOf = new Map<number, number>();
  const fileExemptions: NoqaDirective[] = [];
  const factsMemo = new Map<string, string>();
  let reusedUnits = 0;
  let unitCount = 0;
  let analysedLines = 0;

  let analysedNow = 0;
  let partial = false;
  for (const { node: unit, key, start } of topLevel) {
    unitCount++;
    let result = reusableAt(units.get(key), start.row);
    if (!result) {
      const cached = reusableAt(reusable?.get(key), start.row);
      if (cached && depsHold(cached.deps, module, factsMemo)) result = cached;
    }
    if (result) reusedUnits++;
    else if (analysedNow > 0 && unit.type !== 'comment' && pastDeadline(input.deadline)) {
      // Comments are cheap and may hold file-level noqa: only code units are left out.
      partial = true;
      continue;
    } else {
      result = analyzeUnit(unit, input, module, dispatch);
      analysedNow++;
      analysedLines += unit.endPosition.row - start.row + 1;
    }
    units.set(key, result);
    const origin = { line: start.row, character: start.column };
    for (const finding of result.findings) findings.push(shiftFinding(finding, origin));
    for (const { line, directive } of result.noqa) noqaByLine.set(line + origin.line, directive);
    for (const span of result.multilineStrings) {
      for (let line = span.startLine; line < span.endLine; line++)
        noqaLineOf.set(line + origin.line, span.endLine + origin.line);
    }
    fileExemptions.push(...result.fileExemptions);
  }

  const unitsDone = performance.now();
  for (const rule of enabled) {
    if (rule.kind === 'file' && !partial) findings.push(...runFileRule(rule, input, module, memo));
  }
  const fileRulesDone = performance.now();

  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    if (fileExemptions.some((d) => isSuppressed(d, finding.code))) continue;
    const line = finding.range.start.line;
    const directive = noqaByLine.get(noqaLineOf.get(line) ?? line);
    if (isSuppressed(directive, finding.code)) continue;
    diagnostics.push({
      code: finding.code,
      message: finding.message,
      range: finding.range,
      severity: config.severities[finding.code] ?? 'warning',
      fix: finding.fix ?? null,
    });
  }
  // Codes are ASCII capitals and digits: plain comparison orders them as localeCompare did, much faster.
  diagnostics.sort(
    (a, b) =>
      comparePositions(a.range.start, b.range.start) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return {
    diagnostics,
    cache: { contextKey, units, memo },
    stats: {
      units: unitCount,
      reusedUnits,
      analysedLines,
      phases: {
        moduleFacts: factsDone - started,
        units: unitsDone - factsDone,
        fileRules: fileRulesDone - unitsDone,
        diagnostics: performance.now() - fileRulesDone,
      },
    },
    partial,
  };
}

interface TopLevelUnit {
  node: Node;
  key: string;
  start: { row: number; column: number };
}

function topLevelUnits(root: Node, source: string): TopLevelUnit[] {
  const units: TopLevelUnit[] = [];
  for (const node of root.children) {
    if (!node) continue;
    const start = node.startPosition;
    units.push({ node, key: unitKey(node, start.column, source), start });
  }
  return units;
}

/**
 * What a unit's result depends on besides module facts: its text and column, and its tree. Error
 * recovery depends on what comes before, so the same text can parse differently (inside an ERROR
 * or not): the node type always, and the whole structure for units with syntax errors, are part of it.
 */
function unitKey(unit: Node, column: number, source: string): string {
  const structure = unit.hasError ? unit.toString() : unit.type;
  return `${column}:${structure}:${source.slice(unit.startIndex, unit.endIndex)}`;
}

function pastDeadline(deadline: number | undefined): boolean {
  return deadline !== undefined && performance.now() > deadline;
}

function reusableAt(result: UnitResult | undefined, line: number): UnitResult | undefined {
  return result && (result.anchoredLine === undefined || result.anchoredLine === line) ? result : undefined;
}

function isInsertionAt(range: Range, point: Position): boolean {
  return comparePositions(range.start, point) === 0 && comparePositions(range.end, point) === 0;
}

function fileKey(file: FileInfo): string {
  return `${file.path ?? ''}|${file.isPackageInit}|${file.isPrivateModule}|${file.isStub}`;
}

type Dispatch = Map<string, UnitRule[]>;

function buildDispatch(rules: readonly UnitRule[]): Dispatch {
  const dispatch: Dispatch = new Map([
    ['comment', []],
    ['string', []],
  ]);
  for (const rule of rules) {
    for (const type of rule.nodeTypes) {
      const list = dispatch.get(type) ?? [];
      list.push(rule);
      dispatch.set(type, list);
    }
  }
  return dispatch;
}

function analyzeUnit(unit: Node, input: AnalysisInput, module: ModuleFacts, dispatch: Dispatch): UnitResult {
  const origin: Position = { line: unit.startPosition.row, character: unit.startPosition.column };
  const end: Position = { line: unit.endPosition.row, character: unit.endPosition.column };
  const result: UnitResult = {
    findings: [],
    noqa: [],
    multilineStrings: [],
    fileExemptions: [],
    deps: new Map(),
  };
  let current: UnitRule | undefined;
  let scopes: readonly Node[] = [];
  const ctx: UnitContext = {
    ...baseContext(input, trackedFacts(module, result.deps)),
    get scopes() {
      return scopes;
    },
    report(at, message, fix) {
      if (!current) return;
      const range = isRange(at) ? at : nodeRange(at);
      if (fix?.edits.some((edit) => isInsertionAt(edit.range, origin))) result.anchoredLine = origin.line;
      result.findings.push(
        relativeFinding({ code: current.meta.code, message, range, fix: fix ?? null }, origin, end),
      );
    },
  };
  walkSubtree(unit, {
    wanted: new Set(dispatch.keys()),
    visit(node, enclosing) {
      if (node.type === 'comment') recordComment(node, origin, result);
      else if (node.type === 'string' && node.startPosition.row !== node.endPosition.row) {
        result.multilineStrings.push({
          startLine: node.startPosition.row - origin.line,
          endLine: node.endPosition.row - origin.line,
        });
      }
      scopes = enclosing;
      for (const rule of dispatch.get(node.type) ?? []) {
        current = rule;
        rule.visit(node, ctx);
      }
      current = undefined;
    },
  });
  return result;
}

function recordComment(node: Node, origin: Position, result: UnitResult): void {
  const text = node.text;
  const exemption = parseFileExemption(text);
  if (exemption) {
    result.fileExemptions.push(exemption);
    return;
  }
  const directive = parseNoqa(text);
  if (directive) result.noqa.push({ line: node.startPosition.row - origin.line, directive });
}

/** One shared empty options object, so that rules' caches keyed by the options object stay warm. */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

function baseContext(input: AnalysisInput, module: ModuleFacts) {
  return {
    source: input.source,
    file: input.file,
    config: input.config,
    module,
    options<T extends object>(section: string): Partial<T> {
      return (input.config.options[section] ?? NO_OPTIONS) as Partial<T>;
    },
  };
}

function runFileRule(rule: FileRule, input: AnalysisInput, module: ModuleFacts, memo: UnitMemo): Finding[] {
  const findings: Finding[] = [];
  const ctx: FileContext = {
    ...baseContext(input, module),
    tree: input.tree,
    root: input.tree.rootNode,
    memo: (unit, slot, compute) => memo.get(unit, `${rule.meta.code}:${slot}`, compute),
    report(at, message, fix) {
      findings.push({
        code: rule.meta.code,
        message,
        range: isRange(at) ? at : nodeRange(at),
        fix: fix ?? null,
      });
    },
  };
  rule.check(ctx);
  return findings;
}

/** Positions inside the unit are stored relative to its start; others (e.g. an import insertion) stay absolute. */
interface RelativeRange extends Range {
  relative?: boolean;
}

function toRelative(range: Range, origin: Position, end: Position): RelativeRange {
  const rel = (p: Position): Position => ({
    line: p.line - origin.line,
    character: p.line === origin.line ? p.character - origin.character : p.character,
  });
  if (comparePositions(range.start, origin) < 0 || comparePositions(range.end, end) > 0) return range;
  return { start: rel(range.start), end: rel(range.end), relative: true };
}

function toAbsolute(range: RelativeRange, origin: Position): Range {
  if (!range.relative) return { start: range.start, end: range.end };
  const abs = (p: Position): Position => ({
    line: p.line + origin.line,
    character: p.line === 0 ? p.character + origin.character : p.character,
  });
  return { start: abs(range.start), end: abs(range.end) };
}

function mapFix(fix: Fix | null | undefined, map: (r: Range) => Range): Fix | null {
  if (!fix) return null;
  return { ...fix, edits: fix.edits.map((edit) => ({ range: map(edit.range), newText: edit.newText })) };
}

function relativeFinding(finding: Finding, origin: Position, end: Position): Finding {
  return {
    ...finding,
    range: toRelative(finding.range, origin, end),
    fix: mapFix(finding.fix, (r) => toRelative(r, origin, end)),
  };
}

function shiftFinding(finding: Finding, origin: Position): Finding {
  return {
    ...finding,
    range: toAbsolute(finding.range, origin),
    fix: mapFix(finding.fix, (r) => toAbsolute(r, origin)),
  };
}
