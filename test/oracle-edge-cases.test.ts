/**
 * Edge cases per rule, compared with Ruff itself (ruff-wasm): each `fixtures/edge-cases/<CODE>*.py`
 * puts the rule's subject in every syntactic position it can take (annotations, strings, calls,
 * comprehensions, walrus, star targets, decorators, nested classes, class-level imports, `match`).
 * Both must report the same findings (code, exact range, message) and, for the rules whose fixes
 * follow Ruff's, offer a fix at the same places with the same rewrite. Header lines
 * `# target-version: pyXY,pyZW` (default py313) and `# codes: A,B` (default: the file name's code) set
 * the target and the codes compared. Differences kept on purpose are listed
 * in `KNOWN` and explained in the rule's doc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../server/src/rules/registry';
import { check, formatRange } from './helpers/analyze';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: ruff-wasm ships no types for its diagnostics
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs') as any;

const FIXTURES = path.join(__dirname, 'fixtures', 'edge-cases');
const nameToCode = new Map(allRules.map((rule) => [rule.meta.name, rule.meta.code]));
/** Codes that follow Ruff's stable behaviour rather than its preview (see the rule's doc). */
const STABLE = new Set(['B006']);
/** Codes whose fixes are Ruff's: where Ruff offers one, pyconv must too, with the same rewrite. */
const SAME_FIXES = new Set(['UP006', 'UP007', 'UP045', 'B006', 'I001']);

/** Findings that differ from Ruff on purpose (`ours`/`ruff` + the finding), by fixture. */
const KNOWN: Record<string, string[]> = {
  'I001-lazy.py': [
    // tree-sitter-python cannot parse `lazy` imports: such a block is left unchecked (see I001's doc).
    'ruff I001 0:0-4:10 Import block is un-sorted or un-formatted',
  ],
  'N806.py': [
    // tree-sitter-python cannot parse a starred list target in a `for` loop (see N806's doc).
    'ruff N806 22:14-22:16 Variable `iI` in function should be lowercase',
  ],
};

interface RuffLocation {
  row: number;
  column: number;
}
interface RuffDiagnostic {
  code: string;
  message: string;
  start_location: RuffLocation;
  end_location: RuffLocation;
  fix: { edits: { location: RuffLocation; end_location: RuffLocation; content: string }[] } | null;
}
interface Workspace {
  check(source: string): RuffDiagnostic[];
  free(): void;
}

const workspaces = new Map<string, Workspace>();
afterAll(() => {
  for (const workspace of workspaces.values()) workspace.free();
});

function ruffWorkspace(codes: string[], target: string): Workspace {
  const key = `${codes} ${target}`;
  let workspace = workspaces.get(key);
  if (!workspace) {
    const preview = !codes.some((code) => STABLE.has(code));
    const lint = { select: codes, preview, pydocstyle: { convention: 'google' } };
    workspace = new Workspace({ 'target-version': target, lint }, PositionEncoding.Utf16) as Workspace;
    workspaces.set(key, workspace);
  }
  return workspace;
}

const at = (l: RuffLocation): string => `${l.row - 1}:${l.column - 1}`;

interface Compared {
  finding: string;
  /** The fix's text at the finding's own range, `-` without a fix. */
  rewrite: string;
}

function ruff(source: string, codes: string[], target: string): Compared[] {
  return ruffWorkspace(codes, target)
    .check(source)
    .filter((d) => d.code !== 'invalid-syntax')
    .map((d) => {
      const range = `${at(d.start_location)}-${at(d.end_location)}`;
      const edit = d.fix?.edits.find((e) => `${at(e.location)}-${at(e.end_location)}` === range);
      return {
        finding: `${nameToCode.get(d.code) ?? d.code} ${range} ${d.message}`,
        rewrite: d.fix ? (edit?.content ?? '(elsewhere)') : '-',
      };
    });
}

async function ours(source: string, codes: string[], target: string): Promise<Compared[]> {
  const diagnostics = await check(source, codes, { targetVersion: target });
  return diagnostics.map((d) => {
    const range = formatRange(d.range);
    // Ours may add an import removal; the rewrite itself must be Ruff's.
    const edit = d.fix?.edits.find((e) => formatRange(e.range) === range);
    return {
      finding: `${d.code} ${range} ${d.message}`,
      rewrite: d.fix ? (edit?.newText ?? '(elsewhere)') : '-',
    };
  });
}

/** Multiset difference, as `side finding` lines. */
function differences(mine: readonly string[], theirs: readonly string[]): string[] {
  const remaining = [...theirs];
  const out: string[] = [];
  for (const finding of mine) {
    const index = remaining.indexOf(finding);
    if (index >= 0) remaining.splice(index, 1);
    else out.push(`ours ${finding}`);
  }
  for (const finding of remaining) out.push(`ruff ${finding}`);
  return out.sort();
}

const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.py'))
  .sort();

describe('edge cases agree with Ruff, rule by rule', () => {
  for (const file of fixtures) {
    const source = readFileSync(path.join(FIXTURES, file), 'utf8');
    const listed = /^# codes: (.+)$/m.exec(source)?.[1].split(',');
    const codes = listed ?? [/^[A-Z]+[0-9]+/.exec(file)?.[0] ?? ''];
    const targets = /^# target-version: (.+)$/m.exec(source)?.[1].split(',') ?? ['py313'];
    for (const target of targets)
      it(`${file} (${codes.join(' ')}, ${target})`, async () => {
        const mine = await ours(source, codes, target);
        const theirs = ruff(source, codes, target);
        // The last target listed is the one the fixture is written for (older ones may find nothing).
        if (target === targets[targets.length - 1])
          expect(theirs.length, 'the fixture should hold findings').toBeGreaterThan(0);
        const found = differences(
          mine.map((m) => m.finding),
          theirs.map((t) => t.finding),
        );
        expect(found).toEqual([...(KNOWN[file] ?? [])].sort());
        const rewrites = (list: Compared[]) =>
          list
            .filter(
              (c) => SAME_FIXES.has(c.finding.split(' ')[0]) && !found.some((f) => f.endsWith(c.finding)),
            )
            .map((c) => `${c.finding} => ${c.rewrite}`);
        expect(rewrites(mine).sort()).toEqual(rewrites(theirs).sort());
      });
  }
});
