/**
 * Natural string order as Ruff's isort uses it (the `natord` algorithm, after Martin Pool's
 * strnatcmp): whitespace is skipped, runs of ASCII digits compare by value (right-aligned), and
 * runs starting with `0` compare digit by digit (left-aligned, so `015` < `12`); other characters
 * compare by code point.
 */
export function natordCompare(left: string, right: string): number {
  const a = Array.from(left);
  const b = Array.from(right);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSkipped(a[i])) i++;
    while (j < b.length && isSkipped(b[j])) j++;
    if (i >= a.length || j >= b.length) return i >= a.length ? (j >= b.length ? 0 : -1) : 1;
    const da = digit(a[i]);
    const db = digit(b[j]);
    if (da === undefined || db === undefined) {
      const order = compareCodePoints(a[i], b[j]);
      if (order !== 0) return order;
      i++;
      j++;
      continue;
    }
    const result = da === 0 || db === 0 ? compareLeftAligned(a, b, i, j) : compareRightAligned(a, b, i, j);
    if (result.order !== 0) return result.order;
    i = result.i;
    j = result.j;
  }
}

interface DigitRun {
  order: number;
  i: number;
  j: number;
}

/** Fractional-style comparison: digit by digit, the longer run is greater when equal so far. */
function compareLeftAligned(a: string[], b: string[], i: number, j: number): DigitRun {
  for (;;) {
    const da = digit(a[i]);
    const db = digit(b[j]);
    if (da === undefined && db === undefined) return { order: 0, i, j };
    if (db === undefined) return { order: 1, i, j };
    if (da === undefined) return { order: -1, i, j };
    if (da !== db) return { order: da < db ? -1 : 1, i, j };
    i++;
    j++;
  }
}

/** Integer-style comparison: the longer run is greater; equal lengths compare by first difference. */
function compareRightAligned(a: string[], b: string[], i: number, j: number): DigitRun {
  let firstDifference = 0;
  for (;;) {
    const da = digit(a[i]);
    const db = digit(b[j]);
    if (da === undefined && db === undefined) return { order: firstDifference, i, j };
    if (db === undefined) return { order: 1, i, j };
    if (da === undefined) return { order: -1, i, j };
    if (firstDifference === 0 && da !== db) firstDifference = da < db ? -1 : 1;
    i++;
    j++;
  }
}

function digit(c: string | undefined): number | undefined {
  if (c === undefined || c.length !== 1) return undefined;
  const code = c.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : undefined;
}

function isSkipped(c: string): boolean {
  return /^\s$/u.test(c);
}

function compareCodePoints(a: string, b: string): number {
  const x = a.codePointAt(0) ?? 0;
  const y = b.codePointAt(0) ?? 0;
  return x < y ? -1 : x > y ? 1 : 0;
}
