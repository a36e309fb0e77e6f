/**
 * The nearest-rank quantile `q` (0 to 1) of `sorted` (ascending, not empty): the smallest value
 * with at least that share of the values at or below it, as the bench's figures are taken.
 */
export function nearestRank(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
