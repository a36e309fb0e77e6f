/** The CLI's three output formats: Ruff-like text, one JSON array, and SARIF 2.1.0. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, RuleMeta, Severity } from '../engine/types';
import { ruleDocUrl } from '../rules/registry';
import type { FileReport } from './check-file';

/** A path as the user reads it: relative to the working folder, with `/`. */
export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, absolute) || path.basename(absolute);
  return relative.split(path.sep).join('/');
}

export interface JsonDiagnostic {
  path: string;
  code: string;
  message: string;
  severity: Severity;
  range: Diagnostic['range'];
  fix: { title: string; safe: boolean; edits: Array<{ range: Diagnostic['range']; newText: string }> } | null;
}

export function toJson(reports: readonly FileReport[], cwd?: string): JsonDiagnostic[] {
  return reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      path: displayPath(report.path, cwd),
      code: d.code,
      message: d.message,
      severity: d.severity,
      range: { start: { ...d.range.start }, end: { ...d.range.end } },
      // A rename that cannot be made (see engine/resolve-fixes.ts) is no fix.
      fix:
        d.fix && !d.fix.unavailable
          ? {
              title: d.fix.title,
              safe: d.fix.safe,
              edits: d.fix.edits.map((e) => ({ range: e.range, newText: e.newText })),
            }
          : null,
    })),
  );
}

export function formatJson(reports: readonly FileReport[], cwd?: string): string {
  return `${JSON.stringify(toJson(reports, cwd), null, 2)}\n`;
}

/** `path:line:col: CODE [*] message` (1-based, `[*]` when --fix would fix it), then a summary. */
export function formatText(reports: readonly FileReport[], options: { fix: boolean; cwd?: string }): string {
  const lines: string[] = [];
  let remaining = 0;
  let fixed = 0;
  let safeFixable = 0;
  let unsafeFixable = 0;
  for (const report of reports) {
    fixed += report.fixed;
    for (const d of report.diagnostics) {
      remaining++;
      if (d.fix?.safe) safeFixable++;
      else if (d.fix && !d.fix.unavailable) unsafeFixable++;
      const marker = d.fix?.safe ? '[*] ' : '';
      const where = `${displayPath(report.path, options.cwd)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`${where}: ${d.code} ${marker}${d.message}`);
    }
  }
  lines.push(...summary({ remaining, fixed, safeFixable, unsafeFixable, fixMode: options.fix }));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summary(counts: {
  remaining: number;
  fixed: number;
  safeFixable: number;
  unsafeFixable: number;
  fixMode: boolean;
}): string[] {
  const { remaining, fixed, safeFixable, unsafeFixable, fixMode } = counts;
  if (remaining === 0)
    return fixed > 0
      ? [`Found ${plural(fixed, 'error')} (${fixed} fixed, 0 remaining).`]
      : ['All checks passed!'];
  const lines = [
    fixed > 0
      ? `Found ${plural(fixed + remaining, 'error')} (${fixed} fixed, ${remaining} remaining).`
      : `Found ${plural(remaining, 'error')}.`,
  ];
  if (!fixMode && safeFixable > 0) lines.push(`[*] ${safeFixable} fixable with the \`--fix\` option.`);
  if (unsafeFixable > 0) {
    const fixes = unsafeFixable === 1 ? 'fix' : 'fixes';
    lines.push(`(${unsafeFixable} unsafe ${fixes} available with \`--fix --unsafe-fixes\`.)`);
  }
  return lines;
}

const SARIF_LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** A SARIF 2.1.0 log with one run; every registry rule is described, results point at them. */
export function formatSarif(
  reports: readonly FileReport[],
  metas: readonly RuleMeta[],
  version: string,
): string {
  const ruleIndex = new Map(metas.map((meta, index) => [meta.code, index]));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
      level: SARIF_LEVELS[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToFileURL(report.path).href },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
      ...(d.fix ? { fixes: [sarifFix(report.path, d)] } : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyconv',
            version,
            informationUri: 'https://github.com/pyconv/pyconv',
            rules: metas.map((meta) => ({
              id: meta.code,
              name: meta.name,
              shortDescription: { text: meta.summary },
              fullDescription: { text: meta.doc },
              helpUri: ruleDocUrl(meta.code),
              help: { text: meta.summary, markdown: meta.doc },
              defaultConfiguration: { enabled: meta.defaultEnabled, level: 'warning' },
              properties: { seeds: [...meta.seeds], fix: meta.fix },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifFix(file: string, d: Diagnostic) {
  const fix = d.fix!;
  return {
    description: { text: fix.safe ? fix.title : `${fix.title} (unsafe)` },
    artifactChanges: [
      {
        artifactLocation: { uri: pathToFileURL(file).href },
        replacements: fix.edits.map((edit) => ({
          deletedRegion: {
            startLine: edit.range.start.line + 1,
            startColumn: edit.range.start.character + 1,
            endLine: edit.range.end.line + 1,
            endColumn: edit.range.end.character + 1,
          },
          insertedContent: { text: edit.newText },
        })),
      },
    ],
  };
}
