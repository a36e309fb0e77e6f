/** `--statistics`: how many findings each rule code has, and how many of them a fix could remove. */
import type { RuleMeta } from '../engine/types';
import type { FileReport } from './check-file';

export interface CodeStatistics {
  code: string;
  name: string;
  count: number;
  /** Findings with a safe fix (`--fix`) and with an unsafe one (`--fix --unsafe-fixes`). */
  fixable: { safe: number; unsafe: number };
}

/** Per code, most frequent first (then by code). */
export function statisticsOf(reports: readonly FileReport[], metas: readonly RuleMeta[]): CodeStatistics[] {
  const names = new Map(metas.map((meta) => [meta.code, meta.name]));
  const byCode = new Map<string, CodeStatistics>();
  for (const d of reports.flatMap((report) => report.diagnostics)) {
    let entry = byCode.get(d.code);
    if (!entry) {
      entry = { code: d.code, name: names.get(d.code) ?? '', count: 0, fixable: { safe: 0, unsafe: 0 } };
      byCode.set(d.code, entry);
    }
    entry.count++;
    if (!d.fix || d.fix.unavailable) continue;
    if (d.fix.safe) entry.fixable.safe++;
    else entry.fixable.unsafe++;
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/**
 * `   12  N802  [*] invalid-function-name` a line: `[*]` every finding has a safe fix, `[-]` some or
 * only unsafe ones, blank none; a legend follows when a marker is shown.
 */
export function formatStatistics(entries: readonly CodeStatistics[]): string {
  if (entries.length === 0) return 'No findings.\n';
  const countWidth = Math.max(...entries.map((e) => String(e.count).length));
  const codeWidth = Math.max(...entries.map((e) => e.code.length));
  const markers = entries.map(fixMarker);
  const lines = entries.map((e, i) =>
    `${String(e.count).padStart(countWidth)}  ${e.code.padEnd(codeWidth)}  ${markers[i]} ${e.name}`.trimEnd(),
  );
  if (markers.includes('[*]')) lines.push('[*] fixable with `--fix`');
  if (markers.includes('[-]')) lines.push('[-] some fixable, with `--fix` or `--fix --unsafe-fixes`');
  return `${lines.join('\n')}\n`;
}

function fixMarker(entry: CodeStatistics): '[*]' | '[-]' | '   ' {
  if (entry.fixable.safe === entry.count) return '[*]';
  return entry.fixable.safe + entry.fixable.unsafe > 0 ? '[-]' : '   ';
}

export function formatStatisticsJson(entries: readonly CodeStatistics[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
