/**
 * Values computed from a syntax tree alone and shared by whoever reads that tree next: the scope
 * model (`scopeModelOf` in scopes.ts) of the TC rules, then of `resolveFixes`, code actions and
 * renames on the same version. Only for values that depend on nothing but the tree and the key (the
 * rules' values that depend on the configuration are shared through `ctx.shared`, per analysis).
 *
 * Only the values of the tree last asked about are kept, and only until the next garbage
 * collection after the task that computed them (a `WeakRef`: V8 keeps its target for the rest of
 * the task, so one analysis, which runs in one task, computes each value once). They are large (a
 * whole module's scope model, with copies of its statements: about 10 MB for
 * 10,000 lines, 50 MB for 50,000), and the next analysis is of a new tree: kept per tree, every open
 * document held its own set while idle (measured, a third of the server's memory with twenty files
 * open). A request on the same version (a rename, a lazy fix) recomputes them if they were collected.
 */
let latest: { tree: object; values: WeakRef<Map<string, unknown>> } | undefined;

export function perTree<T>(tree: object, key: string, compute: () => T): T {
  let values = latest?.tree === tree ? latest.values.deref() : undefined;
  if (!values) {
    values = new Map();
    latest = { tree, values: new WeakRef(values) };
  }
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
