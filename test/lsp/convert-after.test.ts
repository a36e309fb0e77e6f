/**
 * `toLspDiagnosticsAfter` (lsp/convert.ts): a publish's diagnostics converted with the last
 * publish's conversion reused where they are the same objects at its start and end.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../server/src/engine/types';
import { toLspDiagnostic, toLspDiagnosticsAfter } from '../../server/src/lsp/convert';

function finding(line: number, code = 'T201'): Diagnostic {
  const range = { start: { line, character: 0 }, end: { line, character: 5 } };
  return { code, message: `at ${line}`, range, severity: 'warning', fix: null };
}

describe('toLspDiagnosticsAfter', () => {
  it('converts every diagnostic as toLspDiagnostic does, whatever the last list shares with it', () => {
    const first = [finding(1), finding(2), finding(3), finding(4), finding(5)];
    const cases: Diagnostic[][] = [
      first,
      [first[0], first[1], finding(3, 'E722'), first[3], first[4]],
      [first[0], finding(2), finding(6), first[4]],
      [first[4]],
      [],
      [first[0], first[0], first[1]],
      [first[0], first[1], first[2], first[3], first[4], finding(9)],
    ];
    for (const diagnostics of cases) {
      let last = toLspDiagnosticsAfter(first, undefined);
      last = toLspDiagnosticsAfter(diagnostics, last);
      expect(last.converted).toEqual(diagnostics.map(toLspDiagnostic));
      for (const [index, converted] of last.converted.entries())
        expect(converted).toBe(toLspDiagnostic(diagnostics[index]));
      expect(toLspDiagnosticsAfter(first, last).converted).toEqual(first.map(toLspDiagnostic));
    }
  });
});
