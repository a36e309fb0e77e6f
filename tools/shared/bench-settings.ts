/**
 * What the benchmarks check with, on both sides: kept apart from shared/ruff.ts, which the Ruff-wasm
 * throughput process loads (timed from its start: the rule registry is no part of Ruff's run).
 */
import { allRuleMetas } from '../../server/src/rules/registry';

/**
 * Our codes that are Ruff's: all but the PCV family, which is pyconv's own (the oracle tools draw
 * the same line; Ruff's Workspace accepts unknown selectors silently, so it cannot be asked). The
 * benchmarks' selection, on both sides.
 */
export function sharedRuleCodes(): string[] {
  return allRuleMetas.map((meta) => meta.code).filter((code) => !code.startsWith('PCV'));
}

/**
 * The editor settings the benchmarks run the server with: the shared codes, no debounce, and a
 * size limit above every bench file (a 50k-line file is over the default 1 MiB, and would not be
 * checked at all).
 */
export function benchServerSettings(codes: readonly string[] = sharedRuleCodes()) {
  return { debounceMs: 0, select: codes, maxFileSize: 64 * 1024 * 1024 };
}
