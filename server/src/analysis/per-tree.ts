/**
 * Values computed from a syntax tree alone and shared by whoever reads that tree next: the scope
 * model (`scopeModelOf` in scopes.ts) of `resolveFixes`, code actions and
 * renames on the same version. Only for values that depend on nothing but the tree and the key (the
 * rules' values that depend on the configuration are shared through `ctx.shared`, per analysis).
 *
 * Only the values of the tree last asked about are kept: they are large (a whole module's scope
 * model, with copies of its statements: about 10 MB for 10,000 lines, 50 MB for 50,000), and the
 * next analysis is of a new tree: kept per tree, every open document held its own set while idle
 * (measured, a third of the server's memory with twenty files open). The server lets go of them
 * when idle (`forgetPerTreeValues`); a request on the same version then recomputes them. Not a
 * `WeakRef`: V8 keeps every WeakRef's target alive until the end of the job that made it, and a
 * synchronous loop over many trees (the fuzzer, a batch of files) is one job: it ran out of memory.
 */
let latest: { tree: object; values: Map<string, unknown> } | undefined;

export function perTree<T>(tree: object, key: string, compute: () => T): T {
  if (latest?.tree !== tree) latest = { tree, values: new Map() };
  const { values } = latest;
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}

/** Lets go of the values kept for the last tree (the server, once idle). */
export function forgetPerTreeValues(): void {
  latest = undefined;
}

/**
 * Lets go of the values kept for `tree`, if they are the last ones: the tree was edited (its values
 * describe the text it was parsed from, and the next analysis parses a new tree) or deleted. At
 * 50,000 lines the scope model alone is about 40 MB, otherwise held while the user types.
 */
export function forgetPerTreeValuesOf(tree: object): void {
  if (latest?.tree === tree) latest = undefined;
}
