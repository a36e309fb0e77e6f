/**
 * Differential fuzzing of the incremental path: edits go through the document store (`tree.edit`
 * + incremental parse) and the engine's unit cache; after each batch the store's text must equal
 * the client's. What is published at once, from the incremental tree, must equal a fresh parse +
 * fresh analysis whenever the document needs no reconciling (no syntax errors on the way); at each
 * pause (`OpenDocument.reconcile`, as the server does once the user stops typing) and at the end,
 * it must equal one in every case. Two kinds of cases: random edits anywhere, and new code typed
 * character by character at the start of a line (unclosed brackets, strings and triple-quoted
 * strings on the way). Shared by test/fuzz.test.ts (a few thousand edits) and tools/fuzz.ts.
 */
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic, EngineConfig, FileInfo } from '../../server/src/engine/types';
import { DocumentStore, type OpenDocument } from '../../server/src/lsp/documents';
import { WindowPublisher } from '../../server/src/lsp/window-publish';
import { parsePython } from '../../server/src/parser/python';
import { allRules } from '../../server/src/rules/registry';
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
  start: string;
  /** One inner list per `didChange` notification. */
  batches: FuzzEdit[][];
  /** After which batches (by index) the user pauses and the tree is reconciled; every batch when absent. */
  pauses?: number[];
  /** Publish at once from windows of statements around the edits (see window-publish.ts). */
  windows?: boolean;
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
];

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
      let offset = lineStarts[Math.min(lineStarts.length - 1, Math.floor(at * lineStarts.length))];
      const batches: FuzzEdit[][] = [];
      const step = pairs ? 2 : 1;
      for (let i = 0; i < text.length; i += step) {
        const piece = text.slice(i, i + step);
        batches.push([{ at: 0, offset, length: 0, text: piece }]);
        offset += piece.length;
      }
      return { start, batches, pauses: pauses.filter((p) => p < batches.length) };
    });
}

export function fuzzCase(edits: number): fc.Arbitrary<FuzzCase> {
  const kinds = fc.oneof(
    { weight: 2, arbitrary: randomEditCase(edits) },
    { weight: 1, arbitrary: typingCase() },
  );
  return fc.tuple(kinds, fc.boolean()).map(([fuzz, windows]) => ({ ...fuzz, windows }));
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

/**
 * A document's analysis with the engine cache kept between versions, as the server does it: at once
 * from a window of statements around the edits where one applies (in files of any size here), else
 * whole.
 */
class CachedAnalysis {
  private cache: AnalysisCache | undefined;
  private readonly windows: WindowPublisher | undefined;

  constructor(windows: boolean) {
    // In files of any size: the fuzzer's are small.
    this.windows = windows ? new WindowPublisher(0) : undefined;
  }

  diagnosticsOf(document: OpenDocument): Diagnostic[] {
    const input = { config: ALL_RULES_CONFIG, file: FILE, rules: allRules };
    const windowed = this.windows?.analyze(document, '', input, this.cache);
    if (windowed) return windowed;
    const result = analyze(
      {
        rules: allRules,
        source: document.text.getText(),
        tree: document.tree,
        config: ALL_RULES_CONFIG,
        file: FILE,
      },
      this.cache,
    );
    this.cache = result.cache;
    this.windows?.wholeAnalysed(document, '', result.diagnostics, allRules);
    return result.diagnostics;
  }
}

function mismatch(parser: Parser, text: string, diagnostics: Diagnostic[], when: string): string | undefined {
  const incremental = JSON.stringify(diagnostics);
  const fresh = JSON.stringify(freshDiagnostics(parser, text));
  if (incremental === fresh) return undefined;
  return `diagnostics differ after ${when} on ${JSON.stringify(text)}:\nincremental ${incremental}\nfresh       ${fresh}`;
}

/** Runs one case; returns a description of the first mismatch, or undefined. Counts edits in `stats`. */
export function runCase(parser: Parser, fuzz: FuzzCase, stats = { edits: 0 }): string | undefined {
  const uri = 'file:///fuzz.py';
  const store = new DocumentStore(parser);
  const client = TextDocument.create(uri, 'python', 1, fuzz.start);
  try {
    const document = store.open(uri, 'python', 1, fuzz.start);
    const analysis = new CachedAnalysis(fuzz.windows === true);
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
      const found = document.needsReconcile
        ? undefined
        : mismatch(parser, text, immediate, `version ${version}`);
      if (found) return found;
      const pause = index === fuzz.batches.length - 1 || (fuzz.pauses?.includes(index) ?? true);
      if (pause && document.reconcile()) {
        const settled = mismatch(
          parser,
          text,
          analysis.diagnosticsOf(document),
          `version ${version}, reconciled`,
        );
        if (settled) return settled;
      }
    }
    return undefined;
  } finally {
    store.dispose();
  }
}
