/**
 * Turns lazy fixes (`Fix.resolve`) into edits with the whole tree in hand. Rules report renames
 * this way because a rename touches statements other than the reporting one, which the incremental
 * contract (rule.ts) forbids a unit rule to look at. The server resolves at code-action and fix-all
 * time, the CLI before `--fix` and before printing JSON.
 */

import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { acceptRename, planRename } from '../analysis/rename';
import { analyzeScopes, type Binding, pythonName, type Scope, type ScopeModel } from '../analysis/scopes';
import { type SnapshotNode, snapshotOf } from './syntax-node';
import type { Diagnostic, Fix, FixDetail, Node, Range, RenameResolver } from './types';

/** Whether any diagnostic carries a fix whose edits are still to be computed. */
export function hasUnresolvedFixes(diagnostics: readonly { fix: Fix | null }[]): boolean {
  return diagnostics.some(
    (d) => d.fix?.resolve !== undefined && d.fix.edits.length === 0 && !d.fix.unavailable,
  );
}

/**
 * The diagnostics with their lazy fixes resolved: edits filled in, or `unavailable` set with the
 * reason (the fix then has no edits). Renames resolved together never pick the same new name for
 * two bindings of one scope. Diagnostics without lazy fixes are returned as they are. `copy` gives
 * the module's snapshot when one is at hand (see `analyzeOnce`). With `detail` `'availability'`
 * only `unavailable` is decided: an available fix is left without edits (see `FixDetail`).
 */
export function resolveFixes<D extends Pick<Diagnostic, 'range' | 'fix'>>(
  diagnostics: readonly D[],
  root: TreeSitterNode,
  scopes?: ScopeModel,
  copy: () => SnapshotNode = () => snapshotOf(root, root.text, new Set(), root.startIndex),
  detail: FixDetail = 'edits',
): D[] {
  if (!hasUnresolvedFixes(diagnostics)) return [...diagnostics];
  let model = scopes;
  // Scopes and renames read the whole tree: from a snapshot, not node by node from tree-sitter.
  let snapshot: SnapshotNode | undefined;
  const claims = new Map<Scope, Map<string, Binding>>();
  return diagnostics.map((diagnostic) => {
    const fix = diagnostic.fix;
    if (!fix?.resolve || fix.edits.length > 0 || fix.unavailable) return diagnostic;
    snapshot ??= copy();
    model ??= analyzeScopes(snapshot);
    const resolved = resolveRename(fix, fix.resolve, diagnostic.range, snapshot, model, claims, detail);
    return { ...diagnostic, fix: resolved };
  });
}

function resolveRename(
  fix: Fix,
  resolver: RenameResolver,
  range: Range,
  root: SnapshotNode,
  model: ScopeModel,
  claims: Map<Scope, Map<string, Binding>>,
  detail: FixDetail,
): Fix {
  const unavailable = (reason: string): Fix => ({ ...fix, edits: [], unavailable: reason });
  const identifier = identifierIn(root, range, resolver.name);
  const binding = identifier ? model.bindingOf(identifier) : undefined;
  if (!binding) return unavailable(`cannot find where \`${resolver.name}\` is bound`);
  // Two spellings of one name after NFKC are one name to Python.
  const claim = pythonName(resolver.newName);
  const claimed = claims.get(binding.scope)?.get(claim);
  if (claimed && claimed !== binding) {
    return unavailable(`\`${claimed.name}\` is also being renamed to \`${resolver.newName}\``);
  }
  let edits: Fix['edits'] = [];
  if (detail === 'availability') {
    const accepted = acceptRename(model, binding, resolver.newName);
    if (typeof accepted === 'string') return unavailable(accepted);
  } else {
    const outcome = planRename(model, binding, resolver.newName);
    if (!outcome.ok) return unavailable(outcome.reason);
    edits = outcome.edits;
  }
  const scopeClaims = claims.get(binding.scope) ?? new Map<string, Binding>();
  scopeClaims.set(claim, binding);
  claims.set(binding.scope, scopeClaims);
  return { ...fix, edits };
}

/** The first identifier spelled `name` within the range (the diagnostic's range holds the name). */
function identifierIn(root: SnapshotNode, range: Range, name: string): Node | undefined {
  const start = { row: range.start.line, column: range.start.character };
  const end = { row: range.end.line, column: range.end.character };
  const container = root.descendantForPosition(start, end);
  if (!container) return undefined;
  const pending: Node[] = [container];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'identifier' && node.text === name) return node;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) pending.push(child);
    }
  }
  return undefined;
}
