/**
 * Differential fuzzing of the incremental path: random edits go through the document store
 * (`tree.edit` + incremental parse) and the engine's unit cache; after each batch the store's text
 * must equal the client's, and the cached analysis must equal a fresh parse + fresh analysis.
 * Shared by test/fuzz.test.ts (a few thousand edits) and tools/fuzz.ts (as many as asked).
 */
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { type AnalysisCache, analyze } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { Diagnostic, EngineConfig, FileInfo } from '../../server/src/engine/types';
import { DocumentStore } from '../../server/src/lsp/documents';
import { parsePython } from '../../server/src/parser/python';
import { allRules } from '../../server/src/rules/registry';

/** Where an edit goes, as fractions of the text, so that it applies to any text. */
export interface FuzzEdit {
  at: number;
  /** UTF-16 units replaced (0: a pure insertion). */
  length: number;
  text: string;
}

export interface FuzzCase {
  start: string;
  /** One inner list per `didChange` notification. */
  batches: FuzzEdit[][];
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

export function fuzzCase(edits: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    start: fc.constantFrom(...STARTS),
    batches: fc.array(fc.array(fuzzEdit, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: Math.max(1, edits),
    }),
  });
}

/** The LSP change of an edit against the client's current text (a range of positions). */
export function changeFor(client: TextDocument, edit: FuzzEdit): TextDocumentContentChangeEvent {
  const text = client.getText();
  const start = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
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

/** Runs one case; returns a description of the first mismatch, or undefined. Counts edits in `stats`. */
export function runCase(parser: Parser, fuzz: FuzzCase, stats = { edits: 0 }): string | undefined {
  const uri = 'file:///fuzz.py';
  const store = new DocumentStore(parser);
  const client = TextDocument.create(uri, 'python', 1, fuzz.start);
  try {
    const document = store.open(uri, 'python', 1, fuzz.start);
    let cache: AnalysisCache | undefined;
    let version = 1;
    for (const batch of fuzz.batches) {
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
      const result = analyze(
        { source: text, tree: document.tree, config: ALL_RULES_CONFIG, file: FILE, rules: allRules },
        cache,
      );
      cache = result.cache;
      const incremental = JSON.stringify(result.diagnostics);
      const fresh = JSON.stringify(freshDiagnostics(parser, text));
      if (incremental !== fresh)
        return `diagnostics differ after version ${version} on ${JSON.stringify(text)}:\nincremental ${incremental}\nfresh       ${fresh}`;
    }
    return undefined;
  } finally {
    store.dispose();
  }
}
