import type { EngineConfig, PythonVersion, Severity } from './types';

/** The user-facing selection, shaped like Ruff's (`select`, `extend-select`, `ignore`). */
export interface Selection {
  select?: readonly string[];
  extendSelect?: readonly string[];
  ignore?: readonly string[];
}

/**
 * Resolves a selection against the known codes the way Ruff does: a selector is a code prefix
 * (`N`, `N8`, `N802`, `ALL`); the most specific selector wins, and at equal specificity `ignore`
 * wins over `select`.
 */
export function resolveSelection(
  known: readonly { code: string; defaultEnabled: boolean }[],
  selection: Selection,
): Set<string> {
  const enabled = new Set<string>();
  const select = selection.select;
  for (const rule of known) {
    const selectedBy = select ? specificity(select, rule.code) : rule.defaultEnabled ? 0 : -1;
    const extendedBy = specificity(selection.extendSelect ?? [], rule.code);
    const on = Math.max(selectedBy, extendedBy);
    const off = specificity(selection.ignore ?? [], rule.code);
    if (on >= 0 && on > off) enabled.add(rule.code);
  }
  return enabled;
}

/** Length of the longest selector that matches the code (`ALL` counts as 0), or -1. */
function specificity(selectors: readonly string[], code: string): number {
  let best = -1;
  for (const selector of selectors) {
    if (selector === 'ALL') best = Math.max(best, 0);
    else if (code.startsWith(selector)) best = Math.max(best, selector.length);
  }
  return best;
}

export function parseTargetVersion(value: string): PythonVersion | undefined {
  const match = /^py3(\d{1,2})$/.exec(value);
  return match ? [3, Number(match[1])] : undefined;
}

export const DEFAULT_TARGET_VERSION: PythonVersion = [3, 10];

/** Builds an engine config; the fingerprint makes cached analyses invalid when anything changes. */
export function makeEngineConfig(parts: {
  enabled: Iterable<string>;
  targetVersion?: PythonVersion;
  severities?: Record<string, Severity>;
  options?: Record<string, Record<string, unknown>>;
}): EngineConfig {
  const enabled = new Set(parts.enabled);
  const targetVersion = parts.targetVersion ?? DEFAULT_TARGET_VERSION;
  const severities = parts.severities ?? {};
  const options = parts.options ?? {};
  const fingerprint = JSON.stringify([[...enabled].sort(), targetVersion, severities, options]);
  return { enabled, targetVersion, severities, options, fingerprint };
}
