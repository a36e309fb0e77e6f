/**
 * web-tree-sitter's own exports of its wasm module, called directly where the public API's
 * marshalling is most of a call's cost (each word of a node or cursor goes through Emscripten's
 * generic `getValue`/`setValue`): the snapshot copy's cursor (`engine/wasm-cursor.ts`) and the
 * check of kept top-level statements (`top-level-nodes.ts`). Pinned with web-tree-sitter in
 * package.json; where the exports are not there (another runtime version, a module initialised by
 * someone else) the callers go through the public API.
 */
import { treeSitterModule } from './python';

/** The exports called directly (each of those taking an address takes the tree's). */
const FUNCTIONS = [
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_current_node_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_node_children_wasm',
] as const;

export type WasmModule = Record<(typeof FUNCTIONS)[number], (tree: number) => number> & {
  /** The module's memory as 32-bit words (replaced when the memory grows: read it each time). */
  HEAP32: Int32Array;
  /** Returns the transfer buffer's address (and writes the language versions into its first words). */
  _ts_init(): number;
  /** Frees what the module allocated (`_ts_node_children_wasm`'s list). */
  _free(address: number): void;
};

/** The module and its transfer buffer's index in `HEAP32`. */
export interface WasmBinding {
  module: WasmModule;
  buffer: number;
}

/** web-tree-sitter's handles: a tree's address, a cursor's four words. */
export type Handle = Record<number, number>;

let binding: WasmBinding | null | undefined;

/** The binding, or null where the exports are not all there; undefined is never kept (asked again once loaded). */
export function wasmBinding(): WasmBinding | null {
  if (binding !== undefined) return binding;
  const module = treeSitterModule() as Partial<WasmModule> | undefined;
  if (!module) return null; // not loaded yet: asked again next time
  const complete =
    typeof module._ts_init === 'function' &&
    typeof module._free === 'function' &&
    module.HEAP32 instanceof Int32Array &&
    FUNCTIONS.every((name) => typeof module[name] === 'function');
  binding = complete
    ? { module: module as WasmModule, buffer: (module as WasmModule)._ts_init() >> 2 }
    : null;
  return binding;
}

/** Whether `value` holds `words` numbers at 0.. (a web-tree-sitter handle). */
export function isHandle(value: unknown, words: number): value is Handle {
  const handle = value as Handle;
  for (let i = 0; i < words; i++) if (typeof handle[i] !== 'number') return false;
  return true;
}
