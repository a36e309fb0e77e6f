/**
 * F401's fix removes an import its module never reads; but another module of the project may import
 * that name from this one (`from .compat import json`), and removing it would break that module.
 * Given the names others import (ProjectIndex.namesOthersImport), such fixes are made unavailable
 * with the reason; the finding stays. The CLI (`--fix`) and the editor (quick fix, fix-all) share this.
 */
import type { FixPassAnalysis } from '../engine/fix-loop';
import { lineStarts, offsetAt } from '../engine/positions';
import type { Diagnostic, Fix } from '../engine/types';

/** Name (or `*`, any public name) → a module importing it, for the reason. */
export type ImportsOthersNeed = Readonly<Record<string, string>>;

/** The analysis of `text` with F401's fixes of names other modules import made unavailable. */
export function withImportsOthersNeed(
  analysis: FixPassAnalysis | undefined,
  text: string,
  imports: ImportsOthersNeed | undefined,
): FixPassAnalysis | undefined {
  if (!analysis || !imports || Object.keys(imports).length === 0) return analysis;
  return { ...analysis, diagnostics: keepImportsOthersNeed(analysis.diagnostics, text, imports) };
}

/** The findings of `text` with F401's fixes of names other modules import made unavailable. */
export function keepImportsOthersNeed(
  findings: readonly Diagnostic[],
  text: string,
  imports: ImportsOthersNeed,
): Diagnostic[] {
  const starts = lineStarts(text);
  // One fix removes every unused name of a statement: it is refused when any of them is needed.
  // Its findings may carry copies of it: it is known by its edits.
  const refused = new Map<string, string>();
  const keyOf = (fix: Fix) => JSON.stringify(fix.edits);
  for (const diagnostic of findings) {
    const fix = diagnostic.fix;
    if (diagnostic.code !== 'F401' || !fix || fix.unavailable || refused.has(keyOf(fix))) continue;
    const bound = text
      .slice(offsetAt(starts, text, diagnostic.range.start), offsetAt(starts, text, diagnostic.range.end))
      .split('.')[0];
    const importer = Object.hasOwn(imports, bound)
      ? imports[bound]
      : !bound.startsWith('_') && Object.hasOwn(imports, '*')
        ? imports['*']
        : undefined;
    if (importer !== undefined)
      refused.set(keyOf(fix), `other modules import \`${bound}\` from this module (${importer})`);
  }
  return findings.map((diagnostic) => {
    const reason =
      diagnostic.code === 'F401' && diagnostic.fix ? refused.get(keyOf(diagnostic.fix)) : undefined;
    return reason && diagnostic.fix
      ? { ...diagnostic, fix: { ...diagnostic.fix, edits: [], unavailable: reason } }
      : diagnostic;
  });
}
