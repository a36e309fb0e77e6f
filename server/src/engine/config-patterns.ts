/**
 * Patterns that come from configuration files (`typevar-pattern`, `ignore-names`, `known-*`,
 * `exclude`, `per-file-ignores`). Whoever writes a `pyproject.toml` chooses them, and a
 * backtracking matcher (JavaScript's RegExp, picomatch) can take exponential time on a pattern
 * such as `^(a|a)+$` or `*a*a*a*a*a*b` against a long name, which would hang the CLI and freeze the
 * server. So regular expressions go through RE2 (`re2js`: linear time, no backreferences or
 * lookaround) and globs through the automaton below, which reads each character once per state.
 */
import { RE2JS } from 're2js';

/** A compiled pattern: `test` runs in time linear in the input's length. */
export interface LinearMatcher {
  test(input: string): boolean;
}

/**
 * A regular expression from a config file, searched (unanchored, like `RegExp.test`) with RE2.
 * Returns the reason when RE2 cannot compile it (a syntax error, a backreference, lookaround).
 */
export function compileConfigRegex(pattern: string): LinearMatcher | { error: string } {
  try {
    const compiled = RE2JS.compile(pattern);
    return { test: (input) => compiled.test(input) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      error: `${reason} (patterns are matched in linear time with RE2 syntax: backreferences and lookaround are not supported)`,
    };
  }
}

/**
 * A glob on a bare name (Ruff's `ignore-names`, isort's `known-*`): `*` and `?` match any
 * characters, `[abc]`, `[!a-z]`, `{a,b}` and `\x` as in globset. Undefined when malformed.
 */
export function compileNameGlob(glob: string): LinearMatcher | undefined {
  return compileGlob(glob, undefined);
}

/**
 * A glob on a `/`-separated path (`exclude`, `per-file-ignores`): as `compileNameGlob`, except that
 * `*`, `?` and classes stay within one path segment, and `**` crosses segments (`**​/` also matches
 * no folder at all). Undefined when malformed.
 */
export function compilePathGlob(glob: string): LinearMatcher | undefined {
  return compileGlob(glob, SLASH);
}

const SLASH = '/'.codePointAt(0) as number;

type CharTest = (codePoint: number) => boolean;

/** The parsed glob: a sequence of items; braces hold alternative sequences. */
type Item =
  | { kind: 'char'; test: CharTest }
  | { kind: 'repeat'; test: CharTest }
  | { kind: 'alternatives'; sequences: Item[][] }
  /** `**​/` in a path glob: any number of whole folders, including none. */
  | { kind: 'folders' };

/** A Thompson automaton's state: read one character, fork without reading, or accept. */
type State =
  | { kind: 'char'; test: CharTest; out: number }
  | { kind: 'split'; outs: number[] }
  | { kind: 'match' };

function compileGlob(glob: string, separator: number | undefined): LinearMatcher | undefined {
  const parsed = new GlobParser(Array.from(glob), separator).parse();
  if (!parsed) return undefined;
  const states: State[] = [{ kind: 'match' }];
  const start = buildSequence(parsed, 0, states);
  return { test: (input) => run(states, start, input) };
}

class GlobParser {
  private index = 0;

  constructor(
    private readonly chars: readonly string[],
    private readonly separator: number | undefined,
  ) {}

  parse(): Item[] | undefined {
    const items = this.sequence(0);
    if (!items || this.index !== this.chars.length) return undefined;
    // `folder/**` also matches the folder itself.
    const tail = this.chars.slice(-3).join('');
    if (this.separator !== undefined && tail === '/**' && items.length >= 2) {
      const within = items.splice(-2);
      items.push({ kind: 'alternatives', sequences: [[], within] });
    }
    return items;
  }

  /** Items up to the end, or (inside braces) up to the `,` or `}` that ends the alternative. */
  private sequence(braceDepth: number): Item[] | undefined {
    const items: Item[] = [];
    while (this.index < this.chars.length) {
      const char = this.chars[this.index];
      if (braceDepth > 0 && (char === ',' || char === '}')) return items;
      const item = this.item(braceDepth);
      if (!item) return undefined;
      items.push(item);
    }
    return braceDepth > 0 ? undefined : items;
  }

  private item(braceDepth: number): Item | undefined {
    const char = this.chars[this.index++];
    if (char === '*') return this.star();
    if (char === '?') return { kind: 'char', test: this.anyChar() };
    if (char === '[') return this.characterClass();
    if (char === '{') return this.alternatives(braceDepth);
    if (char === '\\') {
      const escaped = this.chars[this.index++];
      return escaped === undefined ? undefined : { kind: 'char', test: literal(escaped) };
    }
    return { kind: 'char', test: literal(char) };
  }

  private star(): Item {
    const begin = this.index - 1;
    const double = this.chars[this.index] === '*';
    while (this.chars[this.index] === '*') this.index++;
    if (!double || this.separator === undefined) return { kind: 'repeat', test: this.anyChar() };
    const atSegmentStart = begin === 0 || this.chars[begin - 1] === '/';
    if (atSegmentStart && this.chars[this.index] === '/') {
      this.index++;
      return { kind: 'folders' };
    }
    return { kind: 'repeat', test: () => true };
  }

  private anyChar(): CharTest {
    const separator = this.separator;
    return separator === undefined ? () => true : (c) => c !== separator;
  }

  /** `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`; a `]` right after the opening is a member. */
  private characterClass(): Item | undefined {
    let negated = false;
    if (this.chars[this.index] === '!' || this.chars[this.index] === '^') {
      negated = true;
      this.index++;
    }
    const ranges: Array<readonly [number, number]> = [];
    let first = true;
    while (this.index < this.chars.length && (first || this.chars[this.index] !== ']')) {
      first = false;
      const low = this.chars[this.index++].codePointAt(0) as number;
      const isRange = this.chars[this.index] === '-' && this.chars[this.index + 1] !== ']';
      if (isRange && this.index + 1 < this.chars.length) {
        const high = this.chars[this.index + 1].codePointAt(0) as number;
        this.index += 2;
        ranges.push([low, high]);
      } else ranges.push([low, low]);
    }
    if (this.chars[this.index] !== ']') return undefined;
    this.index++;
    const separator = this.separator;
    const inClass = (c: number) => ranges.some(([low, high]) => c >= low && c <= high);
    return { kind: 'char', test: (c) => c !== separator && inClass(c) !== negated };
  }

  private alternatives(braceDepth: number): Item | undefined {
    const sequences: Item[][] = [];
    for (;;) {
      const sequence = this.sequence(braceDepth + 1);
      if (!sequence) return undefined;
      sequences.push(sequence);
      const closing = this.chars[this.index++];
      if (closing === '}') return { kind: 'alternatives', sequences };
      if (closing !== ',') return undefined;
    }
  }
}

function literal(char: string): CharTest {
  const codePoint = char.codePointAt(0) as number;
  return (c) => c === codePoint;
}

/** Adds the states of `items` in front of state `next`; returns the first one. Built back to front. */
function buildSequence(items: readonly Item[], next: number, states: State[]): number {
  let following = next;
  for (let i = items.length - 1; i >= 0; i--) following = buildItem(items[i], following, states);
  return following;
}

function buildItem(item: Item, next: number, states: State[]): number {
  const add = (state: State): number => states.push(state) - 1;
  switch (item.kind) {
    case 'char':
      return add({ kind: 'char', test: item.test, out: next });
    case 'repeat': {
      const loop = add({ kind: 'split', outs: [] });
      const step = add({ kind: 'char', test: item.test, out: loop });
      (states[loop] as { outs: number[] }).outs.push(step, next);
      return loop;
    }
    case 'folders': {
      // (anything `/`)*: any characters, each `/` may end a folder and continue with the rest.
      const loop = add({ kind: 'split', outs: [] });
      const step = add({ kind: 'char', test: () => true, out: loop });
      const slash = add({ kind: 'char', test: (c) => c === SLASH, out: next });
      (states[loop] as { outs: number[] }).outs.push(step, slash);
      return add({ kind: 'split', outs: [loop, next] });
    }
    case 'alternatives':
      return add({
        kind: 'split',
        outs: item.sequences.map((sequence) => buildSequence(sequence, next, states)),
      });
  }
}

/** Runs the automaton over the input: each character advances every live state once. */
function run(states: readonly State[], start: number, input: string): boolean {
  const seen = new Uint32Array(states.length);
  let generation = 1;
  let current = closure(states, [start], seen, generation);
  for (const char of input) {
    if (current.length === 0) return false;
    const codePoint = char.codePointAt(0) as number;
    const moved: number[] = [];
    for (const index of current) {
      const state = states[index];
      if (state.kind === 'char' && state.test(codePoint)) moved.push(state.out);
    }
    generation++;
    current = closure(states, moved, seen, generation);
  }
  return current.some((index) => states[index].kind === 'match');
}

/** The states reachable without reading (splits followed), each once. */
function closure(states: readonly State[], from: number[], seen: Uint32Array, generation: number): number[] {
  const result: number[] = [];
  const pending = [...from];
  while (pending.length > 0) {
    const index = pending.pop() as number;
    if (seen[index] === generation) continue;
    seen[index] = generation;
    const state = states[index];
    if (state.kind === 'split') pending.push(...state.outs);
    else result.push(index);
  }
  return result;
}
