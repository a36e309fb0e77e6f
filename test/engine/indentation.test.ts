import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { indentationError } from '../../server/src/engine/indentation';

const WHITESPACE = [
  '\t',
  '    ',
  '        ',
  '  ',
  ' \t',
  '\t ',
  '\t\t',
  '       \t',
  '\t    ',
  '\f\t',
  '   ',
];
const NOISE_LINES = [
  (ws: string) => `${ws}# a comment`,
  (ws: string) => ws,
  (ws: string) => `${ws}x = [\n${ws}  1,\n \t2]`,
  (ws: string) => `${ws}s = """\n\t  inside\n  """`,
  (ws: string) => `${ws}y = 1 + \\\n\t 2`,
  (ws: string) => `${ws}t = ('a'\n        "b")`,
  (ws: string) => `${ws}u = '\\\n \t x'`,
];

/** A program of nested `if` blocks whose lines are indented with randomly mixed tabs and spaces. */
function sample(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const levels: string[][] = [[''], [pick(WHITESPACE)], [], [], []];
  const indentFor = (level: number): string => {
    if (level === 0) return '';
    const known = levels[level];
    if (known.length === 0 || next() < 0.25) {
      const deeper = indentFor(level - 1) + pick(WHITESPACE);
      known.push(next() < 0.7 ? deeper : pick(WHITESPACE).repeat(level));
    }
    return pick(known);
  };
  const lines: string[] = [];
  let level = 0;
  const count = 3 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const indent = indentFor(level);
    if (next() < 0.2) lines.push(pick(NOISE_LINES)(next() < 0.5 ? indent : pick(WHITESPACE)));
    if (level < 4 && next() < 0.4) {
      lines.push(`${indent}if x:`);
      level++;
    } else {
      lines.push(`${indent}pass`);
      level = Math.floor(next() * (level + 1));
    }
  }
  if (lines.at(-1)?.trimEnd().endsWith(':')) lines.push(`${indentFor(level)}pass`);
  return `x = 1\n${lines.join('\n')}\n`;
}

const CPYTHON_VERDICTS = `
import json, sys
for line in sys.stdin:
    try:
        compile(json.loads(line), "<sample>", "exec")
        print(json.dumps(None))
    except SyntaxError as error:
        print(json.dumps({"kind": type(error).__name__, "message": error.msg, "line": error.lineno}))
`;

import { seededRandom as random } from '../../tools/shared/random';

interface Verdict {
  kind: string;
  message: string;
  line: number;
}

function cpythonVerdicts(texts: string[]): Array<Verdict | null> {
  const result = spawnSync('python3', ['-c', CPYTHON_VERDICTS], {
    input: `${texts.map((t) => JSON.stringify(t)).join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Verdict | null);
}

/** The errors of CPython's tokenizer; the others (unexpected indent, ...) come from its parser. */
function isTokenizerVerdict(verdict: Verdict | null): boolean {
  return (
    verdict === null ||
    verdict.kind === 'TabError' ||
    verdict.message === 'unindent does not match any outer indentation level'
  );
}

describe('indentationError (CPython tokenizer rule)', () => {
  it('accepts consistent tabs, consistent spaces and continuation lines', () => {
    expect(indentationError('def f():\n\tif x:\n\t\treturn 1\n\treturn 2\n')).toBeUndefined();
    expect(indentationError('def f():\n    x = (1,\n\t2)\n    return x\n')).toBeUndefined();
    expect(indentationError('def f():\n    s = """\n\tx\n"""\n    return s\n')).toBeUndefined();
    expect(indentationError('def f():\r\n\treturn 1\r\n')).toBeUndefined();
  });

  it('finds a tab and eight spaces in one block, and a dedent to no enclosing level', () => {
    expect(indentationError('def f():\n\tx = 1\n        return x\n')).toEqual({
      line: 2,
      kind: 'TabError',
      message: 'inconsistent use of tabs and spaces in indentation',
    });
    expect(indentationError('if x:\n    if y:\n        pass\n  pass\n')?.kind).toBe('IndentationError');
  });

  it('agrees with python3 compile() on generated samples', () => {
    const next = random(20261206);
    const samples = Array.from({ length: 3000 }, () => sample(next));
    const verdicts = cpythonVerdicts(samples);
    const seen = new Map<string, number>();
    const disagreements: string[] = [];
    samples.forEach((text, index) => {
      const verdict = verdicts[index];
      if (!isTokenizerVerdict(verdict)) return;
      const kind = verdict?.kind ?? 'ok';
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      const ours = indentationError(text);
      const expected = verdict ? { kind: verdict.kind, line: verdict.line - 1 } : undefined;
      const actual = ours ? { kind: ours.kind, line: ours.line } : undefined;
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        disagreements.push(
          `${JSON.stringify(text)}: python ${JSON.stringify(expected)}, ours ${JSON.stringify(actual)}`,
        );
    });
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The generator must exercise every outcome, not only the easy one.
    expect(seen.get('ok')).toBeGreaterThan(300);
    expect(seen.get('TabError')).toBeGreaterThan(300);
    expect(seen.get('IndentationError')).toBeGreaterThan(50);
  });
});
