import { describe, expect, it } from 'vitest';
import { check } from './helpers/analyze';
import { applyFix } from './helpers/apply-fix';

// Ruff (the wasm build) is the oracle for RUF100: on each snippet both must give the same
// messages, ranges and fixed text. The snippets name only codes pyconv has (Ruff's `non-enabled`
// for a code pyconv does not implement, such as E501, is left alone by pyconv by design).
// biome-ignore lint/suspicious/noExplicitAny: the wasm package ships loose typings
const ruff: any = require('@astral-sh/ruff-wasm-nodejs');

const SELECT = ['RUF100', 'N801', 'N802', 'E722'];
const workspace = new ruff.Workspace({ lint: { select: SELECT } }, ruff.PositionEncoding.Utf16);

interface RuffLocation {
  row: number;
  column: number;
}
interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: RuffLocation;
  end_location: RuffLocation;
  fix: {
    edits: Array<{ location: RuffLocation; end_location: RuffLocation; content: string | null }>;
  } | null;
}

const position = (at: RuffLocation) => ({ line: at.row - 1, character: at.column - 1 });
const brief = (range: {
  start: { line: number; character: number };
  end: { line: number; character: number };
}) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

function ruffReport(source: string, ruffWorkspace = workspace): string[] {
  return (ruffWorkspace.check(source) as RuffDiagnostic[])
    .filter((d) => d.code === 'RUF100' || d.code === 'unused-noqa')
    .map((d) => {
      const range = { start: position(d.start_location), end: position(d.end_location) };
      const edits = (d.fix?.edits ?? []).map((e) => ({
        range: { start: position(e.location), end: position(e.end_location) },
        newText: e.content ?? '',
      }));
      const fixed = edits.length > 0 ? applyFix(source, { title: '', safe: true, edits }) : '(no fix)';
      return `${brief(range)} ${d.message} => ${JSON.stringify(fixed)}`;
    })
    .sort();
}

async function ourReport(source: string): Promise<string[]> {
  const diagnostics = await check(source, ['RUF100'], { select: SELECT });
  return diagnostics
    .map((d) => {
      const fixed = d.fix ? applyFix(source, d.fix) : '(no fix)';
      return `${brief(d.range)} ${d.message} => ${JSON.stringify(fixed)}`;
    })
    .sort();
}

const SNIPPETS: Record<string, string> = {
  unusedCode: 'import sys  # noqa: N802\n',
  blanket: 'def f():  # noqa\n    pass\n\n\ndef badName():  # noqa\n    pass\n',
  partlyUsed: 'def badName():  # noqa: N802, N801\n    pass\n',
  duplicated: 'z = 3  # noqa: N802, N802\n',
  noSpace: 'y = 2 # noqa:N802 # type: ignore\n',
  uppercaseAndTabs: 'x = 1\t# NOQA: E722\n',
  usedInString: 'def badName():\n    x = """a\n    b"""  # noqa: N802\n',
  usedOnHandler: 'try:\n    pass\nexcept:  # noqa: E722, N801\n    pass\n',
  selfNamed: 'x = 1  # noqa: N802, RUF100\n',
  fileExempt: '# ruff: noqa: RUF100\nx = 1  # noqa: N802\n',
};

// Range suppressions are in Ruff's preview, which names the rule `unused-noqa`.
const previewWorkspace = new ruff.Workspace(
  { lint: { select: SELECT, preview: true } },
  ruff.PositionEncoding.Utf16,
);

const RANGE_SNIPPETS: Record<string, string> = {
  unused: 'x = 1\n# ruff: disable[N802]\ndef good():\n    pass\n# ruff: enable[N802]\ny = 2\n',
  partlyUsed: '# ruff: disable[N802, N801]\ndef badName():\n    pass\n# ruff: enable[N802, N801]\n',
  inBlockAtEnd:
    'class A:\n    # ruff: disable[N802]\n    def good(self):\n        pass\n    # ruff: enable[N802]',
  used: 'class A:\n    # ruff: disable[N802]\n    def badOne(self):\n        pass\n\n\ndef badTwo():\n    pass\n',
};

describe('RUF100 on range suppressions against Ruff (preview)', () => {
  for (const [name, source] of Object.entries(RANGE_SNIPPETS)) {
    it(name, async () => {
      expect(await ourReport(source)).toEqual(ruffReport(source, previewWorkspace));
    });
  }
});

describe('RUF100 against Ruff', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, async () => {
      expect(await ourReport(source)).toEqual(ruffReport(source));
    });
  }
});
