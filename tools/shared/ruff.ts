/** Ruff as WebAssembly (@astral-sh/ruff-wasm-nodejs), as the benchmarks run it beside pyconv. */

export type RuffWorkspace = { check(source: string): unknown[]; free?(): void };
export type RuffModule = {
  Workspace: new (settings: object, encoding: unknown) => RuffWorkspace;
  PositionEncoding: { Utf16: unknown };
};

export function loadRuff(): RuffModule {
  // External to the bundle (esbuild.config.mjs): loaded from node_modules at run time.
  return require('@astral-sh/ruff-wasm-nodejs') as RuffModule;
}

/** Ruff's settings for `codes`: the benchmark's selection, with pyconv's defaults where they matter. */
export function ruffSettings(codes: readonly string[]): object {
  return {
    'target-version': 'py310',
    lint: { select: codes, preview: true, pydocstyle: { convention: 'google' } },
  };
}
