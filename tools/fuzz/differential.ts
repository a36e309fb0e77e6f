/**
 * Differential fuzzing of the incremental path: edits go through the document store (`tree.edit`
 * + incremental parse) and the engine's unit cache; after each batch the store's text must equal
 * the client's. What is published at once, from the incremental tree, must equal a fresh parse +
 * fresh analysis whenever the document needs no reconciling (no syntax errors on the way, no window
 * published); at each pause (`OpenDocument.reconcile`, as the server does once the user stops
 * typing) and at the end, it must equal one in every case. Four kinds of cases: random edits
 * anywhere, new code typed character by character at the start of a line of a small text, new
 * top-level functions, classes and methods typed into the middle of real corpus files (with typos
 * taken back), and text put at the edges of a corpus file's statements and taken back (both
 * through the window publish in files of `WINDOW_MIN_LINES` or more, as the server does). Unclosed
 * brackets, strings and triple-quoted strings come on the way. Cases may also parse and analyse in
 * slices (one statement per call, as the scheduler does under its deadlines) and cut
 * a pause short (the fresh parse of `reconcile` begun, then a keystroke), and read time from a
 * seeded clock that jumps (budgets and deadlines running out anywhere, reproducibly). Shared by
 * test/fuzz.test.ts (a few thousand edits) and tools/fuzz.ts.
 */
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic, EngineConfig, FileInfo } from '../../server/src/engine/types';
import { DocumentStore, type OpenDocument } from '../../server/src/lsp/documents';
import { WINDOW_MIN_LINES, WindowPublisher } from '../../server/src/lsp/window-publish';
import { parsePython } from '../../server/src/parser/python';
import { allRules } from '../../server/src/rules/registry';
import { seededRandom } from '../shared/random';
import { TYPED_CODE } from '../shared/workload';

/** Where an edit goes, as fractions of the text, so that it applies to any text. */
export interface FuzzEdit {
  at: number;
  /** An exact UTF-16 offset instead of `at` (typed code). */
  offset?: number;
  /** UTF-16 units replaced (0: a pure insertion). */
  length: number;
  text: string;
}

export interface FuzzCase {
  /** What the case is, for the per-kind counts: `random`, `typing`, `corpus`, `boundary`, `corpus-window`, `boundary-window`. */
  kind?: string;
  start: string;
  /** One inner list per `didChange` notification. */
  batches: FuzzEdit[][];
  /** After which batches (by index) the user pauses and the tree is reconciled; every batch when absent. */
  pauses?: number[];
  /**
   * After which batches a pause is cut short: `reconcile` is asked for and the fresh parse begun in
   * a slice, then the next keystroke withdraws it (the scheduler's run abandoned).
   */
  interrupted?: number[];
  /** Publish at once from windows of statements around the edits (see window-publish.ts). */
  windows?: boolean;
  /** With `windows`: in files of this many lines or more (the server's `WINDOW_MIN_LINES`); any size when absent. */
  windowMinLines?: number;
  /**
   * Parse afresh in short slices (steps of `GROWTH_STEP_CHARS`) and analyse one statement per call (a
   * deadline already past), as under the scheduler's deadlines.
   */
  slices?: boolean;
  /**
   * The seed of a made-up clock for the case (`performance.now()`, see `SeededClock`): time jumps
   * at random, so that the budgets and deadlines of parses, window absorbs and analyses run out at
   * other points than the machine's speed makes them, and the case replays the same.
   */
  clock?: number;
}

const FRAGMENTS = [
  'x',
  'é',
  'ñame',
  'λ',
  '😀',
  '𝔘',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '"""',
  "'''",
  'f"',
  '{x}',
  '\\',
  ':',
  ',',
  '=',
  '#',
  '# noqa',
  '# noqa: N802',
  ' ',
  'def ',
  'class ',
  'import os\n',
  'from typing import Optional, List, Any\n',
  'def f(a, b=1):\n',
  'def Bad_Name(self) -> None:\n    """Doc."""\n    return 1\n',
  'class lower_case:\n    pass\n',
  'class C(Exception):\n    x: List[int] = []\n',
  '    return 1\n',
  'try:\n    pass\nexcept:\n    pass\n',
  'async def g():\n    await x\n',
  'lambda: 0',
  'if True:\n\tpass\r\n',
  '    @overload\n',
  '    def method(self, x: Optional[int]) -> None:\n        """Doc."""\n        print(x)\n',
  '    @staticmethod\n    def helper(a):\n        return a\n',
  // Soft keywords and Python 2 statements: tree-sitter-python reads the same word two ways.
  'match command:\n    case [x, *rest]:\n        pass\n    case _:\n        match = 1\n',
  'match(x)\n',
  'type Alias = list[int]\n',
  'type(x)\n',
  'print x\n',
  'print(x)\n',
  'exec "code"\n',
];

const STARTS = [
  '',
  'import os\r\n\r\nclass A:  # 😀\n    def f(self, é):\n        return "é😀"\n\nx = 1\n',
  'from typing import Optional\n\n\ndef Foo(x: Optional[int]) -> None:\n    """Do it.\n\n    Args:\n        x: y\n    """\n    print(x)\n',
  'class bad:\r    def M(self):\r        pass\r\rCONST = 1\r',
  'def f(a,\n      b):\n    return (a +\n            b)\n\nclass E(Exception): pass\n',
  // A class analysed method by method: overloads, a property, dunders, a nested def, noqa in a body.
  'from typing import Optional, overload\n\n\nclass Store:\n    """Keep things."""\n\n    limit = 3\n\n    def __init__(self, size: Optional[int] = None):\n        self.size = size\n\n    @overload\n    def get(self, key: int) -> int: ...\n    @overload\n    def get(self, key: str) -> str: ...\n    def get(self, key):\n        """Get it.\n\n        Args:\n            key: which.\n        """\n        try:\n            return self.items[key]\n        except:  # noqa: E722\n            raise ValueError(key)\n\n    @property\n    def Count(self):\n        def inner(x):\n            return x\n        return inner(1)\n\n    async def _load(self, path):\n        print(path)\n',
];

const CHARACTERS = fc.constantFrom(...'ab_Z09 \t\n\r()[]{}:\'"#\\.,=é😀'.split(/(?:)/u));

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.array(CHARACTERS, { maxLength: 8 }).map((cs) => cs.join('')) },
  { weight: 1, arbitrary: fc.constant('') },
);

export const fuzzEdit: fc.Arbitrary<FuzzEdit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.nat(4), fc.nat(40)),
  text: fragment,
});

function randomEditCase(edits: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    kind: fc.constant('random'),
    start: fc.constantFrom(...STARTS),
    batches: fc.array(fc.array(fuzzEdit, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: Math.max(1, edits),
    }),
    pauses: fc.array(fc.nat(Math.max(1, edits)), { maxLength: 4 }),
  });
}

/** Code typed as someone writes it; several never close what they open. */
const TYPED = [
  TYPED_CODE,
  'x = compute(1, [2, {3: "a", 4: (5,\n',
  's = """never closed\n\ndef inside(): pass\n',
  "t = '''also open\nclass Z: pass\n",
  'def g(a, b=(1, 2), *args, c: int = 3,\n',
  'class K(Base, metaclass=Meta):\n    """Doc\n    def m(self):\n        return f"{self.x!r} and {\n',
  'try:\n    risky()\nexcept (ValueError, KeyError) as e:\n    print("failed", e)\nfinally:\n    done()\n',
  '@decorator(arg="x")\nasync def h(self, *, key: str | None = None) -> list[int]:\n    """Fetch."""\n    return [i async for i in self.q(key)]\n',
  'match point:\n    case (0, y):\n        print(y)\n    case _:\n        type T = list[int]\n',
];

/** Methods typed into a class of a real file (each line indented as the class's members are). */
const TYPED_METHODS = [
  'def fetch(self, key: str, default=None) -> dict[str, int]:\n    """Fetch one.\n\n    Args:\n        key: which.\n    """\n    try:\n        return self._items[key]\n    except KeyError:\n        return default\n\n',
  '@property\ndef size(self):\n    return len(f"{self.name!r}: {\n',
  'async def close(self, *, timeout: float | None = None):\n    await self._closer(timeout, [1, (2,\n',
  'def __repr__(self):\n    return """never closed\n\n',
  "def label(cls, text='open\n",
  'class Inner(Base):\n    x: list[int] = []\n\n    def m(self):\n        pass\n\n',
];

/** Typing: `text` typed at `offset` one (or two) characters per notification. */
function typedBatches(
  text: string,
  offset: number,
  pairs: boolean,
  typos: readonly number[] = [],
): FuzzEdit[][] {
  const batches: FuzzEdit[][] = [];
  const step = pairs ? 2 : 1;
  let at = offset;
  for (let i = 0; i < text.length; i += step) {
    if (typos.includes(i)) {
      // A wrong key, then backspace: the text comes back to what it was.
      batches.push([{ at: 0, offset: at, length: 0, text: text[i] === ')' ? ']' : ')' }]);
      batches.push([{ at: 0, offset: at, length: 1, text: '' }]);
    }
    const piece = text.slice(i, i + step);
    batches.push([{ at: 0, offset: at, length: 0, text: piece }]);
    at += piece.length;
  }
  return batches;
}

/**
 * A typing case: up to 160 characters of one of `TYPED`, typed one (or two) per notification at
 * the start of a line of the starting text, with a few pauses on the way.
 */
function typingCase(): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      start: fc.constantFrom(...STARTS),
      typed: fc.nat(TYPED.length - 1),
      from: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.integer({ min: 1, max: 160 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      pauses: fc.array(fc.nat(160), { maxLength: 6 }),
      pairs: fc.boolean(),
    })
    .map(({ start, typed, from, length, at, pauses, pairs }) => {
      const code = TYPED[typed];
      const first = Math.floor(from * code.length);
      const text = code.slice(first, first + length);
      const lineStarts = [0, ...[...start.matchAll(/\r\n|\r|\n/g)].map((m) => (m.index ?? 0) + m[0].length)];
      const offset = lineStarts[Math.min(lineStarts.length - 1, Math.floor(at * lineStarts.length))];
      const batches = typedBatches(text, offset, pairs);
      return { kind: 'typing', start, batches, pauses: pauses.filter((p) => p < batches.length) };
    });
}

/** A real file and where new code can be typed into it: before a top-level statement, or a class member. */
export interface CorpusFile {
  name: string;
  text: string;
  lines: number;
  /** Offsets of the starts of top-level statements (column 0). */
  statements: number[];
  /** Offsets of the ends of those statements, in the same order. */
  ends: number[];
  /** Offsets of the line starts of members of top-level classes, with their indentation. */
  members: Array<{ offset: number; indent: string }>;
}

/** Reads where code can be typed into `text` from a fresh parse. */
export function corpusFile(parser: Parser, name: string, text: string): CorpusFile {
  const tree = parsePython(parser, text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const statements: number[] = [];
    const ends: number[] = [];
    const members: CorpusFile['members'] = [];
    for (const node of tree.rootNode.children) {
      if (node?.startPosition.column !== 0) continue;
      statements.push(node.startIndex);
      ends.push(node.endIndex);
      const classNode = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      if (classNode?.type !== 'class_definition') continue;
      for (const member of classNode.childForFieldName('body')?.namedChildren ?? []) {
        if (!member || member.type === 'comment') continue;
        const lineStart = member.startIndex - member.startPosition.column;
        const indent = text.slice(lineStart, member.startIndex);
        if (/^[ \t]+$/.test(indent)) members.push({ offset: lineStart, indent });
      }
    }
    return { name, text, lines: tree.rootNode.endPosition.row + 1, statements, ends, members };
  } finally {
    tree.delete();
  }
}

/**
 * New code typed into the middle of a real file: a top-level function, class or statement before a
 * top-level statement, or a method among a class's members (up to 240 characters of it), with
 * typos taken back and pauses on the way. Through the window publish in files of
 * `WINDOW_MIN_LINES` or more, as the server does; the whole path otherwise.
 */
function corpusTypingCase(corpus: readonly CorpusFile[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      file: fc.nat(corpus.length - 1),
      method: fc.boolean(),
      typed: fc.nat(Math.max(TYPED.length, TYPED_METHODS.length) - 1),
      from: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      length: fc.integer({ min: 1, max: 240 }),
      at: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
      pauses: fc.array(fc.nat(260), { maxLength: 3 }),
      interrupted: fc.array(fc.nat(260), { maxLength: 3 }),
      typos: fc.array(fc.nat(240), { maxLength: 3 }),
      pairs: fc.boolean(),
    })
    .map(({ file, method, typed, from, length, at, pauses, interrupted, typos, pairs }) => {
      const source = corpus[file];
      const asMethod = method && source.members.length > 0;
      const places = asMethod ? source.members : source.statements.map((offset) => ({ offset, indent: '' }));
      const place = places[Math.min(places.length - 1, Math.floor(at * places.length))] ?? {
        offset: 0,
        indent: '',
      };
      const snippets = asMethod ? TYPED_METHODS : TYPED;
      const code = snippets[typed % snippets.length].replace(/^(?=.)/gm, place.indent);
      const first = Math.floor(from * code.length);
      const batches = typedBatches(code.slice(first, first + length), place.offset, pairs, typos);
      const within = (indices: number[]) => indices.filter((i) => i < batches.length);
      return {
        kind: 'corpus',
        start: source.text,
        batches,
        pauses: within(pauses),
        interrupted: within(interrupted),
      };
    });
}

/** Put before a top-level statement on its line, then replaced, then taken away. */
const BEFORE_STATEMENT = [' ', '\t', '@', 'x', 'x = 1; ', '#', '"', '(', ' \t', '\f'];
/** Put after a top-level statement on its last line, then replaced, then taken away. */
const AFTER_STATEMENT = [
  '  # c',
  '  # noqa: F401',
  '  # noqa',
  ';',
  '; y = 2',
  ' ',
  '\\',
  ':',
  ')',
  ' x',
  '\t',
];

/**
 * Statements planted in a real file for `boundaryCase`, whose fixes read around them: UP035 splits
 * the import only where it stands alone on its line, B006 puts its block by whether a line break
 * ends the body, F401 removes the import with its line.
 */
const PLANTED = [
  'from typing import Dict, Iterator\n',
  'def f(a=[]):\n    """Doc."""\n    import os\n',
  'import os, sys  # noqa: E501\n',
  'x = 1  # noqa: F401\n',
];

/**
 * Edits at the edges of a real file's top-level statements that leave the statements' own text
 * as it is: text put before one on its line or after one on its last line (replaced by other text,
 * then taken away), the line break after one taken away and put back, the file's last line break
 * too; the statement one of the file's, or one of `PLANTED` put before it (or at the end of the
 * file) first and taken away after. A statement's result is kept by its text and what rules read
 * around it (its cache key): this is where a key that holds too little shows (fuzz seed 97016: an
 * import at column 1 after `@`, then after a space, kept the result without its fix).
 */
function boundaryCase(corpus: readonly CorpusFile[]): fc.Arbitrary<FuzzCase> {
  const place = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    planted: fc.option(fc.nat(PLANTED.length - 1), { nil: undefined }),
    after: fc.boolean(),
    join: fc.boolean(),
    first: fc.nat(),
    second: fc.nat(),
  });
  return fc
    .record({
      file: fc.nat(corpus.length - 1),
      places: fc.array(place, { minLength: 1, maxLength: 8 }),
      lastLineBreak: fc.boolean(),
      pauses: fc.array(fc.nat(30), { maxLength: 4 }),
    })
    .map(({ file, places, lastLineBreak, pauses }) => {
      const source = corpus[file];
      const text = source.text;
      const batches: FuzzEdit[][] = [];
      const edit: EditAt = (offset, length, inserted) =>
        batches.push([{ at: 0, offset, length, text: inserted }]);
      for (const where of places) edgeEdits(source, where, edit);
      const lastBreak = /(?:\r\n|\r|\n)$/.exec(text)?.[0];
      if (lastLineBreak && lastBreak) {
        edit(text.length - lastBreak.length, lastBreak.length, '');
        edit(text.length - lastBreak.length, 0, lastBreak);
      }
      return { kind: 'boundary', start: text, batches, pauses: pauses.filter((p) => p < batches.length) };
    });
}

type EditAt = (offset: number, length: number, inserted: string) => void;

/** Where `boundaryCase` edits, and what it puts there (indices into its lists, taken modulo). */
interface EdgePlace {
  at: number;
  planted: number | undefined;
  after: boolean;
  join: boolean;
  first: number;
  second: number;
}

/**
 * The edits at one statement's edge (see `boundaryCase`), which leave the text as it was: the
 * statement the `at`-th of the file, or one of `PLANTED` put in before it (past the last one: at
 * the end of the file, after a line break added where there is none) and taken away at the end.
 */
function edgeEdits(source: CorpusFile, place: EdgePlace, edit: EditAt): void {
  const { text } = source;
  const count = source.statements.length + (place.planted === undefined ? 0 : 1);
  const index = Math.min(count - 1, Math.floor(place.at * count));
  if (index < 0) return;
  const plantAt = source.statements[index] ?? text.length;
  const plant = place.planted === undefined ? '' : PLANTED[place.planted];
  const planted = plant && plantAt === text.length && !/[\r\n]$/.test(text) ? `\n${plant}` : plant;
  const current = text.slice(0, plantAt) + planted + text.slice(plantAt);
  const start = plant ? plantAt + planted.length - plant.length : plantAt;
  const end = plant ? start + plant.length - 1 : (source.ends[index] ?? text.length);
  if (plant) edit(plantAt, 0, planted);
  const offset = place.after ? end : start;
  const lineBreak = /^(?:\r\n|\r|\n)/.exec(current.slice(offset))?.[0];
  if (place.after && place.join && lineBreak) {
    edit(offset, lineBreak.length, '');
    edit(offset, 0, lineBreak);
  } else {
    const choices = place.after ? AFTER_STATEMENT : BEFORE_STATEMENT;
    const put = choices[place.first % choices.length];
    const replaced = choices[place.second % choices.length];
    edit(offset, 0, put);
    edit(offset, put.length, replaced);
    edit(offset, replaced.length, '');
  }
  if (plant) edit(plantAt, planted.length, '');
}

/**
 * The cases of the fuzzer: random edits of up to `edits` notifications and typing into small texts,
 * and typing into the `corpus` files when given; each published from windows or not, analysed
 * whole or in slices.
 */
export function fuzzCase(edits: number, corpus: readonly CorpusFile[] = []): fc.Arbitrary<FuzzCase> {
  const kinds = fc.oneof(
    { weight: 2, arbitrary: randomEditCase(edits) },
    { weight: 1, arbitrary: typingCase() },
    ...(corpus.length > 0
      ? [
          { weight: 2, arbitrary: corpusTypingCase(corpus) },
          { weight: 1, arbitrary: boundaryCase(corpus) },
        ]
      : []),
  );
  const clock = fc.option(fc.nat(), { nil: undefined });
  return fc.tuple(kinds, fc.boolean(), fc.boolean(), clock).map(([fuzz, windows, slices, clock]) => {
    if (fuzz.kind !== 'corpus' && fuzz.kind !== 'boundary') return { ...fuzz, windows, slices, clock };
    // Real files as the server takes them: from windows in the large ones, whole in the others.
    const windowed = lineCountOf(fuzz.start) >= WINDOW_MIN_LINES;
    return {
      ...fuzz,
      kind: windowed ? `${fuzz.kind}-window` : fuzz.kind,
      windows: windowed,
      windowMinLines: WINDOW_MIN_LINES,
      slices,
      clock,
    };
  });
}

function lineCountOf(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** The LSP change of an edit against the client's current text (a range of positions). */
export function changeFor(client: TextDocument, edit: FuzzEdit): TextDocumentContentChangeEvent {
  const text = client.getText();
  const start = Math.min(text.length, edit.offset ?? Math.floor(edit.at * (text.length + 1)));
  const end = Math.min(text.length, start + edit.length);
  return { range: { start: client.positionAt(start), end: client.positionAt(end) }, text: edit.text };
}

export const ALL_RULES_CONFIG: EngineConfig = makeEngineConfig({ enabled: allRules.map((r) => r.meta.code) });
const FILE: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

/** A fresh parse and analysis without any cache: the reference. */
export function freshDiagnostics(parser: Parser, source: string, config = ALL_RULES_CONFIG): Diagnostic[] {
  const tree = parsePython(parser, source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return analyze({ rules: allRules, source, tree, config, file: FILE }).diagnostics;
  } finally {
    tree.delete();
  }
}

/** A fresh parse in slices goes on this long at a time (short: many slices). */
const PARSE_SLICE_MS = 0.5;
/** Each step of a fresh parse in slices reads this much further (small: a file cut into many steps). */
const GROWTH_STEP_CHARS = 200;

/**
 * A document's analysis with the engine cache kept between versions, as the server does it: at once
 * from a window of statements around the edits where one applies, else whole; in slices if asked
 * (the tree parsed in short slices, one statement analysed per call until the result is complete).
 */
class CachedAnalysis {
  private cache: AnalysisCache | undefined;
  private readonly windows: WindowPublisher | undefined;

  constructor(
    fuzz: FuzzCase,
    private readonly slices = fuzz.slices === true,
  ) {
    this.windows = fuzz.windows ? new WindowPublisher(fuzz.windowMinLines ?? 0) : undefined;
  }

  diagnosticsOf(document: OpenDocument): Diagnostic[] {
    const input = { config: ALL_RULES_CONFIG, file: FILE, rules: allRules };
    const windowed = this.windows?.analyze(document, '', input, this.cache);
    // The server absorbs a publish's windows once it is written, unless the next change is already
    // waiting: then the next window step does, before its own publish. Both, one version in two.
    if (windowed && document.text.version % 2 === 0) this.windows?.absorbPublished(document);
    if (windowed) return windowed;
    if (this.slices) while (!document.parseInSlice(performance.now() + PARSE_SLICE_MS));
    for (;;) {
      const result = analyze(
        {
          rules: allRules,
          source: document.text.getText(),
          tree: document.tree,
          config: ALL_RULES_CONFIG,
          file: FILE,
          // Already past: one statement per call, the rest continued from the cache.
          deadline: this.slices ? 0 : undefined,
        },
        this.cache,
      );
      this.cache = result.cache;
      if (result.partial) continue;
      this.windows?.wholeAnalysed(document, '', result.diagnostics, allRules);
      return result.diagnostics;
    }
  }
}

/** Diagnostics one a line, for a readable difference. */
function described(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => JSON.stringify(d));
}

/** The text, or for a long one the lines around those where the diagnostics differ. */
function excerpt(text: string, lines: readonly number[]): string {
  if (text.length <= 2000) return JSON.stringify(text);
  const all = text.split('\n');
  const shown = new Set<number>();
  for (const line of lines.slice(0, 5))
    for (let i = Math.max(0, line - 4); i <= Math.min(all.length - 1, line + 4); i++) shown.add(i);
  return [...shown]
    .sort((a, b) => a - b)
    .map((i) => `${String(i).padStart(6)}| ${all[i]}`)
    .join('\n');
}

function mismatch(parser: Parser, text: string, diagnostics: Diagnostic[], when: string): string | undefined {
  const incremental = described(diagnostics);
  const fresh = described(freshDiagnostics(parser, text));
  if (incremental.join('\n') === fresh.join('\n')) return undefined;
  const onlyIncremental = incremental.filter((d) => !fresh.includes(d));
  const onlyFresh = fresh.filter((d) => !incremental.includes(d));
  const lines = [...onlyIncremental, ...onlyFresh].map((d) => (JSON.parse(d) as Diagnostic).range.start.line);
  return [
    `diagnostics differ after ${when} (${text.length} characters):`,
    `only incremental: ${onlyIncremental.join('\n                  ') || '(none)'}`,
    `only fresh:       ${onlyFresh.join('\n                  ') || '(none)'}`,
    ...(onlyIncremental.length + onlyFresh.length === 0 ? ['(the same diagnostics in another order)'] : []),
    `text: ${excerpt(text, lines)}`,
  ].join('\n');
}

/** What `runCase` counts: notifications' edits, and comparisons with a fresh analysis. */
export interface FuzzStats {
  edits: number;
  /** Publishes at once compared (the document needed no reconciling). */
  immediate?: number;
  /** Settled states compared (after a pause's reconcile, and at the end). */
  settled?: number;
}

/**
 * A clock for `performance.now()` that moves by seeded steps (`seededRandom`): mostly a few
 * microseconds a read, now and then milliseconds, rarely a tenth of a second. Every budget measured
 * against it runs out where the seed says, so a case with it replays exactly.
 */
class SeededClock {
  private now = 1_000;
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  read(): number {
    const draw = this.random();
    if (draw < 0.9) this.now += 0.005;
    else if (draw < 0.98) this.now += 1 + this.random() * 9;
    else this.now += 20 + this.random() * 180;
    return this.now;
  }
}

/** Runs `run` with `performance.now()` read from a `SeededClock` of `seed`, when given. */
function withClock<T>(seed: number | undefined, run: () => T): T {
  if (seed === undefined) return run();
  const clock = new SeededClock(seed);
  const realNow = performance.now;
  performance.now = () => clock.read();
  try {
    return run();
  } finally {
    performance.now = realNow;
  }
}

/** Runs one case; returns a description of the first mismatch, or undefined. Counts in `stats`. */
export function runCase(parser: Parser, fuzz: FuzzCase, stats: FuzzStats = { edits: 0 }): string | undefined {
  return withClock(fuzz.clock, () => runCaseNow(parser, fuzz, stats));
}

function runCaseNow(parser: Parser, fuzz: FuzzCase, stats: FuzzStats): string | undefined {
  const uri = 'file:///fuzz.py';
  const store = new DocumentStore(parser);
  const client = TextDocument.create(uri, 'python', 1, fuzz.start);
  try {
    const document = store.open(uri, 'python', 1, fuzz.start);
    if (fuzz.slices) document.growthStepChars = GROWTH_STEP_CHARS;
    const analysis = new CachedAnalysis(fuzz);
    // The server analyses a document when it opens.
    analysis.diagnosticsOf(document);
    let version = 1;
    for (const [index, batch] of fuzz.batches.entries()) {
      version++;
      const changes: TextDocumentContentChangeEvent[] = [];
      for (const edit of batch) {
        const change = changeFor(client, edit);
        TextDocument.update(client, [change], version);
        changes.push(change);
        stats.edits++;
      }
      store.change(uri, version, changes);
      const text = client.getText();
      if (document.text.getText() !== text)
        return `text differs after version ${version}: ${JSON.stringify(document.text.getText())} vs ${JSON.stringify(text)}`;
      // Published at once from the incremental tree: exact unless it went through syntax errors.
      const immediate = analysis.diagnosticsOf(document);
      if (!document.needsReconcile) {
        stats.immediate = (stats.immediate ?? 0) + 1;
        const found = mismatch(parser, text, immediate, `version ${version}`);
        if (found) return found;
      }
      const last = index === fuzz.batches.length - 1;
      if (!last && fuzz.interrupted?.includes(index)) {
        // The pause's fresh parse begun in slices, then the next keystroke withdraws it.
        if (document.reconcile()) document.parseInSlice(performance.now());
        continue;
      }
      const pause = last || (fuzz.pauses?.includes(index) ?? true);
      if (pause && document.reconcile()) {
        let diagnostics = analysis.diagnosticsOf(document);
        // As the scheduler does, once quiet again: a fresh parse in slices whose steps went through
        // syntax errors is reconciled once more (see `OpenDocument.growInSlice`).
        for (let again = 0; again < 3 && document.needsReconcile && document.reconcile(); again++)
          diagnostics = analysis.diagnosticsOf(document);
        if (document.needsReconcile)
          return `version ${version} still needs reconciling after four reconciles`;
        stats.settled = (stats.settled ?? 0) + 1;
        const settled = mismatch(parser, text, diagnostics, `version ${version}, reconciled`);
        if (settled) return settled;
      } else if (last && document.needsReconcile) {
        return `the document still needs reconciling after version ${version}`;
      }
    }
    return undefined;
  } finally {
    store.dispose();
  }
}
