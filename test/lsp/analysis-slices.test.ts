/**
 * The deadlines of an analysis in slices (lsp/diagnostics-scheduler.ts): a call that starts an
 * analysis of a tree pays per-file work and its statements get as long again; a call continuing a
 * partial analysis pays none, and gets one short slice, not the per-file work of the call before.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisSlices } from '../../server/src/lsp/diagnostics-scheduler';

describe('analysis slices', () => {
  it('gives a new call its per-file work and as long again for statements, at least 8 ms', () => {
    const slices = new AnalysisSlices();
    expect(slices.deadline(100)).toBe(108);
    // 50 ms, of which 10 in statements: 40 of per-file work.
    slices.measured(50, 10);
    expect(slices.overheadMs).toBe(40);
    expect(slices.deadline(100)).toBe(180);
  });

  it('gives a call that continues a partial analysis 8 ms, whatever the per-file work of the call before', () => {
    const slices = new AnalysisSlices();
    slices.measured(50, 10);
    // Before: 80 ms of statements after a keystroke's quick look at 10k lines under load, the next keystroke waiting.
    expect(slices.continuedDeadline(100)).toBe(108);
  });
});
