/**
 * Values computed from a syntax tree and shared by the rules of one analysis (each file rule gets
 * its own context, but all see the same tree object; the next edit makes a new tree). Only for
 * values that depend on nothing but the tree and the key, as `scopeModelOf` in scopes.ts.
 *
 * Only the values of the tree last asked about are kept. They are large (a whole module's scope
 * model and binding flows, with copies of its statements: about 10 MB for 10,000 lines), and a
 * document keeps its tree while it is idle: kept per tree, every open document held its own set
 * (measured, a third of the server's memory with twenty files open). The rules of one analysis,
 * and the requests that follow it on the same version, ask about one tree in a row.
 */
let latest: { tree: object; values: Map<string, unknown> } | undefined;

export function perTree<T>(tree: object, key: string, compute: () => T): T {
  if (latest?.tree !== tree) latest = { tree, values: new Map() };
  const values = latest.values;
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
