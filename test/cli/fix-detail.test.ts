import { describe, expect, it } from 'vitest';
import { type CheckRequest, parseCommandLine } from '../../server/src/cli/args';
import { fixDetailShown } from '../../server/src/cli/report';
import { analyzeForFixes } from '../../server/src/cli/source-file';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic, FileInfo, FixDetail } from '../../server/src/engine/types';
import { allRules } from '../../server/src/rules/registry';
import { getParser } from '../helpers/analyze';

const FILE: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

// D103's template fix, N802 and N806 renames that can be made, an N806 rename refused (the new
// name is taken in the function), and DOC201's new section.
const SOURCE = `def fetchData(count):
    result = count + 1
    return result


def other():
    myValue = 1
    my_value = 2
    return myValue + my_value


def documented(count):
    """Add one."""
    return count + 1


print(fetchData(2))
`;

async function analysed(detail: FixDetail): Promise<Diagnostic[]> {
  const config = makeEngineConfig({ enabled: ['D103', 'DOC201', 'N802', 'N806'] });
  const analysis = analyzeForFixes(SOURCE, await getParser(), config, FILE, allRules, undefined, detail);
  if (!analysis) throw new Error('parse failed');
  return analysis.diagnostics;
}

function checkRequest(argv: string[]): CheckRequest {
  const request = parseCommandLine(argv);
  if (request.command !== 'check') throw new Error('not a check');
  return request;
}

/** What the text formats print of a finding and of its fix. */
function shown(d: Diagnostic) {
  const fix = d.fix && { title: d.fix.title, safe: d.fix.safe, unavailable: d.fix.unavailable };
  return { code: d.code, message: d.message, range: d.range, fix };
}

describe('fixes of a check whose report shows no edit (FixDetail availability)', () => {
  it('are the same fixes, available or not as with edits, only without the costly edits', async () => {
    const withEdits = await analysed('edits');
    const availability = await analysed('availability');
    expect(availability.map(shown)).toEqual(withEdits.map(shown));
    expect(withEdits.map((d) => [d.code, d.fix?.unavailable === undefined])).toEqual([
      ['D103', true],
      ['N802', true],
      ['D103', true],
      ['N806', false],
      ['DOC201', true],
    ]);
    // With edits: the templates, the renames and the section are built; without: none of them.
    expect(withEdits.filter((d) => d.fix?.unavailable === undefined).map((d) => d.fix?.edits.length)).toEqual(
      [1, 2, 1, 1],
    );
    expect(availability.map((d) => d.fix?.edits.length)).toEqual([0, 0, 0, 0, 0]);
  });

  it('is asked for by the formats that print no edit (and the statistics), not by those that print edits', () => {
    expect(fixDetailShown(checkRequest(['check', '.']))).toBe('availability');
    expect(fixDetailShown(checkRequest(['check', '--output-format', 'concise', '.']))).toBe('availability');
    expect(fixDetailShown(checkRequest(['check', '--statistics', '--output-format', 'json', '.']))).toBe(
      'availability',
    );
    for (const format of ['json', 'json-lines', 'sarif'])
      expect(fixDetailShown(checkRequest(['check', '--output-format', format, '.']))).toBe('edits');
  });
});
