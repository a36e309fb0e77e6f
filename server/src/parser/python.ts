import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, type ParseOptions, Parser, type Tree } from 'web-tree-sitter';

export const RUNTIME_WASM = 'web-tree-sitter.wasm';
export const PYTHON_WASM = 'tree-sitter-python.wasm';

let loaded: Promise<Language> | undefined;

/**
 * The object web-tree-sitter built its wasm module on (the options given to `Parser.init`, which
 * Emscripten fills with the module's exports): see `wasm-binding.ts`, its one reader.
 */
let wasmModule: object | undefined;

/** The tree-sitter runtime's wasm module (its exports), once `loadPython()` has resolved. */
export function treeSitterModule(): object | undefined {
  return wasmModule;
}

/**
 * Finds a wasm file: next to the bundle (dist/), else in the pinned npm package (running from
 * source in tests and tools).
 */
export function locateWasm(file: string): string {
  const besideBundle = path.join(__dirname, file);
  if (existsSync(besideBundle)) return besideBundle;
  const require = createRequire(__filename);
  if (file === RUNTIME_WASM) return require.resolve('web-tree-sitter/web-tree-sitter.wasm');
  return path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), file);
}

/** Loads the tree-sitter runtime and the Python grammar once per process (or worker). */
export function loadPython(): Promise<Language> {
  loaded ??= (async () => {
    const options = { locateFile: (name: string) => locateWasm(name) };
    await Parser.init(options);
    wasmModule = options;
    // Read here rather than by web-tree-sitter, whose loader imports `fs/promises` dynamically (which
    // a script compiled with V8's code cache cannot do) and reads the file asynchronously.
    ready = await Language.load(readFileSync(locateWasm(PYTHON_WASM)));
    return ready;
  })();
  return loaded;
}

let ready: Language | undefined;

/**
 * The grammar once `loadPython()` has resolved (always so while a tree is being analysed); rules
 * use it synchronously to parse string annotations.
 */
export function loadedPython(): Language | undefined {
  return ready;
}

export async function createPythonParser(): Promise<Parser> {
  const language = await loadPython();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

const LONE_CARRIAGE_RETURN = /\r(?!\n)/g;

/**
 * The text tree-sitter is given: a lone `\r` becomes `\n`. Python and LSP both count a lone `\r`
 * as a line break, tree-sitter does not; with this view tree-sitter rows are LSP lines. Offsets
 * and UTF-16 lengths are unchanged, so positions map one to one.
 */
export function treeSitterView(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CARRIAGE_RETURN, '\n') : text;
}

/**
 * How a module text is parsed: `parsePython` for a Python file; a notebook module's cells one by one
 * (`notebook/cell-trees.ts`). Deleting the tree deletes what the parse made.
 */
export type ParseModule = (parser: Parser, text: string) => Tree | null;

/**
 * Parses Python source through its tree-sitter view (see `treeSitterView`). With a
 * `progressCallback` that returns true the parse is cancelled: null, and the parser must be reset.
 */
export function parsePython(
  parser: Parser,
  text: string,
  previous?: Tree,
  options?: ParseOptions,
): Tree | null {
  return parseView(parser, treeSitterView(text), previous, options);
}

/**
 * How much of the text tree-sitter is handed at each read while it parses. Given the whole text,
 * web-tree-sitter copies up to 5,000 characters into the module's memory at every read, one at a
 * time in JavaScript, and tree-sitter reads again wherever its lexer jumps (each included range,
 * each reused subtree's end): measured, a window of 30 lines read about 25,000 characters, and its
 * parse took 0.57-0.74 ms against 0.46-0.48 in 1,024-character pieces; a whole file's fresh parse
 * took the same either way.
 */
const PARSE_CHUNK = 1_024;

/**
 * Parses `view` (a tree-sitter view, see `treeSitterView`) as `parser.parse` would, read in pieces
 * of `PARSE_CHUNK` characters. The tree's nodes read their `text` from the whole view, as with a
 * string given to `parse` (a node's text read in pieces would be put together piece by piece).
 */
export function parseView(
  parser: Parser,
  view: string,
  previous?: Tree | null,
  options?: ParseOptions,
): Tree | null {
  const tree = parser.parse(textPieces(view), previous, options);
  if (tree) readCurrentText(tree, view);
  return tree;
}

/**
 * What tree-sitter is handed of `view` at a read from `index`: at most `PARSE_CHUNK` characters,
 * none from `end` on (a notebook cell's parse reads its own cell only).
 */
export function textPieces(view: string, end = view.length): (index: number) => string {
  return (index) => (index < end ? view.slice(index, Math.min(end, index + PARSE_CHUNK)) : '');
}

/**
 * Makes the tree's nodes read their `text` from `view`. web-tree-sitter's `Node.text` reads the
 * text through the function the tree was parsed with (`textCallback`: set by `parse` from its
 * input, 0.25 to 0.27; not in its typings), from the node's offsets: after `tree.edit` moved them,
 * it is given the current text here too, or a statement after an edit would read the old text at
 * its new offsets until the tree is parsed again (the engine reads `text` where its per-statement
 * memo misses).
 */
export function readCurrentText(tree: Tree, view: string): void {
  (tree as unknown as { textCallback: (index: number) => string }).textCallback = (index) =>
    view.slice(index);
}
