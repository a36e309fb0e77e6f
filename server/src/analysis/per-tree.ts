/**
 * Values computed from a syntax tree and shared by the rules of one analysis (each file rule gets
 * its own context, but all see the same tree object; the next edit makes a new tree). Only for
 * values that depend on nothing but the tree and the key, as `scopeModelOf` in scopes.ts.
 */
const valuesByTree = new WeakMap<object, Map<string, unknown>>();

export function perTree<T>(tree: object, key: string, compute: () => T): T {
  let values = valuesByTree.get(tree);
  if (!values) {
    values = new Map();
    valuesByTree.set(tree, values);
  }
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
