/**
 * `--diff`: a unified diff (as `diff -u` and `git diff` print it, three lines of context) between a
 * file's text and its fixed text. Lines are compared with Myers' O((N+M)D) algorithm after the
 * common head and tail are set aside, so a few fixes in a long file cost little.
 */

const CONTEXT = 3;

type Op = { kind: 'equal' | 'delete' | 'insert'; line: string };

/** `--- path`, `+++ path` and the hunks; empty when the texts are the same. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const hunks = hunksOf(ops).map(formatHunk);
  return `--- ${path}\n+++ ${path}\n${hunks.join('')}`;
}

/** Lines with their line ends (`\n`, `\r\n` stay part of the line; a last line may have none). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const equal = (line: string): Op => ({ kind: 'equal', line });
  return [
    ...a.slice(0, head).map(equal),
    ...myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map(equal),
  ];
}

/** The shortest edit script from `a` to `b` (Myers 1986, greedy forward search, then a backtrack). */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= n + m && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset])
          ? v[k + 1 + offset]
          : v[k - 1 + offset] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const fromAbove = k === -d || (k !== d && previous[k - 1 + offset] < previous[k + 1 + offset]);
    const previousK = fromAbove ? k + 1 : k - 1;
    const previousX = previous[previousK + offset];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      ops.push({ kind: 'equal', line: a[x - 1] });
      x--;
      y--;
    }
    if (d === 0) break;
    if (fromAbove) ops.push({ kind: 'insert', line: b[--y] });
    else ops.push({ kind: 'delete', line: a[--x] });
  }
  return ops.reverse();
}

interface Hunk {
  ops: Op[];
  /** 0-based first line of the hunk in the old and the new text. */
  oldStart: number;
  newStart: number;
}

/** Changes with up to three lines of context around them; changes closer than 2×3 lines share a hunk. */
function hunksOf(ops: readonly Op[]): Hunk[] {
  const changed = ops.flatMap((op, index) => (op.kind === 'equal' ? [] : [index]));
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i] - CONTEXT);
    let last = changed[i];
    while (i + 1 < changed.length && changed[i + 1] - last <= 2 * CONTEXT) last = changed[++i];
    i++;
    const end = Math.min(ops.length, last + CONTEXT + 1);
    const before = ops.slice(0, start);
    hunks.push({
      ops: ops.slice(start, end),
      oldStart: before.filter((op) => op.kind !== 'insert').length,
      newStart: before.filter((op) => op.kind !== 'delete').length,
    });
  }
  return hunks;
}

function formatHunk(hunk: Hunk): string {
  const oldCount = hunk.ops.filter((op) => op.kind !== 'insert').length;
  const newCount = hunk.ops.filter((op) => op.kind !== 'delete').length;
  // An empty side is numbered by the line before it (`-0,0` at the top).
  const range = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
  const header = `@@ -${range(hunk.oldStart, oldCount)} +${range(hunk.newStart, newCount)} @@\n`;
  const sign = { equal: ' ', delete: '-', insert: '+' } as const;
  const body = hunk.ops.map((op) => {
    const line = `${sign[op.kind]}${op.line}`;
    return line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`;
  });
  return header + body.join('');
}
