/**
 * Renames of module-level names across the project: the defining file's edits (analysis/rename.ts)
 * plus every importing file's (project/cross-file-rename.ts), found through the project index, as
 * one WorkspaceEdit: `documentChanges` with the versions of open documents (null for closed files)
 * when the client takes them, else `changes`. Closed files change only through that edit, which the
 * client applies (`workspace/applyEdit` or the rename itself): the server never writes them.
 */
import path from 'node:path';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { scopeModelOf } from '../../analysis/scopes';
import type { FixPassAnalysis } from '../../engine/fix-loop';
import { comparePositions, nodeRange } from '../../engine/positions';
import type { Diagnostic, Fix, Range } from '../../engine/types';
import { importerRenameEdits } from '../../project/cross-file-rename';
import { keepImportsOthersNeed } from '../../project/kept-imports';
import type { OpenDocument } from '../documents';
import type { ProjectIndexService } from '../project-index-service';
import { fsPathOf } from '../uris';

export interface CrossFileEnvironment {
  service: ProjectIndexService;
  parser: Parser;
  /** The client takes `documentChanges` (`workspace.workspaceEdit.documentChanges`). */
  documentChanges: boolean;
}

interface FileChange {
  uri: string;
  /** An open document's version; undefined for a closed file. */
  version?: number;
  edits: TextEdit[];
}

export type CrossFilePlan =
  | {
      ok: true;
      /** Every file that changes, the defining one first. */
      changes: FileChange[];
      /** `patch("pkg.mod.name")` strings, per file: the unsafe part. */
      patchChanges: FileChange[];
    }
  | { ok: false; reason: string };

/** The defining document's rename. */
export interface DefiningRename {
  uri: string;
  version: number;
  name: string;
  newName: string;
  edits: TextEdit[];
}

/** The whole rename of a module-level name, or why it cannot follow every use. The index must be ready. */
export function planAcrossFiles(env: CrossFileEnvironment, defining: DefiningRename): CrossFilePlan {
  const file = fsPathOf(defining.uri);
  if (!file) return { ok: false, reason: `the project cannot be resolved: ${defining.uri} is not a file` };
  if (!env.service.hasFolders)
    return { ok: false, reason: 'the project cannot be resolved: no workspace folder is open' };
  env.service.refreshOpenDocuments();
  const impact = env.service.index.renameImpact(file, defining.name);
  if (!impact.ok) return impact;
  const target = { modules: impact.modules, name: defining.name, newName: defining.newName };
  const changes: FileChange[] = [{ uri: defining.uri, version: defining.version, edits: defining.edits }];
  const patchChanges: FileChange[] = [];
  for (const other of new Set([...impact.files, ...impact.patchFiles])) {
    const entry = env.service.index.get(other);
    const current = env.service.textOf(other);
    if (!entry || !current) return { ok: false, reason: `${path.basename(other)} cannot be read` };
    const outcome = importerRenameEdits(env.parser, current.text, entry.location, target);
    if (typeof outcome === 'string') return { ok: false, reason: `in ${path.basename(other)}: ${outcome}` };
    const change = { uri: current.uri, version: current.version };
    if (outcome.patchEdits.length > 0) patchChanges.push({ ...change, edits: outcome.patchEdits });
    if (other === file || outcome.edits.length === 0) continue;
    changes.push({ ...change, edits: outcome.edits });
  }
  return { ok: true, changes, patchChanges };
}

/** One WorkspaceEdit of these changes, in the form the client takes. */
export function workspaceEditOf(changes: readonly FileChange[], documentChanges: boolean): WorkspaceEdit {
  if (!documentChanges) {
    const byUri: Record<string, TextEdit[]> = {};
    for (const change of changes) byUri[change.uri] = [...(byUri[change.uri] ?? []), ...change.edits];
    return { changes: byUri };
  }
  const merged = new Map<string, TextDocumentEdit>();
  for (const change of changes) {
    const known = merged.get(change.uri);
    if (known) known.edits.push(...change.edits);
    else
      merged.set(change.uri, {
        textDocument: { uri: change.uri, version: change.version ?? null },
        edits: [...change.edits],
      });
  }
  return { documentChanges: [...merged.values()] };
}

/** The rename and, when there are any, the same with the `patch()` strings (unsafe): the edits and a summary. */
export function planSummary(plan: Extract<CrossFilePlan, { ok: true }>): string {
  const names = plan.changes.map((change) => path.basename(fsPathOf(change.uri) ?? change.uri));
  const files = plan.changes.length === 1 ? '1 file' : `${plan.changes.length} files`;
  const patches = plan.patchChanges.reduce((sum, change) => sum + change.edits.length, 0);
  const patchNote =
    patches > 0
      ? `; ${patches} \`patch()\` string(s) naming it are left (a separate unsafe quick fix changes them)`
      : '';
  return `${files} will change (${names.join(', ')})${patchNote}`;
}

/** A rename quick fix across files: its edit (and the one with `patch()` strings), or why it cannot be made. */
export type AcrossFilesFix =
  | { edit: WorkspaceEdit; files: number; withPatches?: WorkspaceEdit }
  | { unavailable: string };

/**
 * The N8xx rename fix of a module-level name as a rename across files; undefined when the fix is
 * not one (a local, a member: the file's own edits stand) or no other file is concerned.
 */
export function acrossFilesFix(
  env: CrossFileEnvironment,
  document: OpenDocument,
  fix: Fix,
  range: Range,
): AcrossFilesFix | undefined {
  if (fix.resolve?.kind !== 'rename' || fix.unavailable) return undefined;
  const binding = scopeModelOf(document.tree).module.bindings.get(fix.resolve.name);
  const defines = binding?.definitions.some(
    (node) =>
      comparePositions(nodeRange(node).start, range.start) >= 0 &&
      comparePositions(nodeRange(node).end, range.end) <= 0,
  );
  if (!defines) return undefined;
  if (!env.service.ready)
    return { unavailable: 'the project index is still being built; try again in a moment' };
  const plan = planAcrossFiles(env, {
    uri: document.uri,
    version: document.text.version,
    name: fix.resolve.name,
    newName: fix.resolve.newName,
    edits: fix.edits,
  });
  if (!plan.ok) return { unavailable: plan.reason };
  if (plan.changes.length === 1 && plan.patchChanges.length === 0) return undefined;
  const edit = workspaceEditOf(plan.changes, env.documentChanges);
  if (plan.patchChanges.length === 0) return { edit, files: plan.changes.length };
  const withPatches = workspaceEditOf([...plan.changes, ...plan.patchChanges], env.documentChanges);
  return { edit, files: plan.changes.length, withPatches };
}

/**
 * Fix-all with unsafe fixes renames in one file only: the rename fixes of names other files reach
 * (or may reach: a refusal, an index still being built) are left out of it, with the reason. Use
 * the quick fix or F2 to rename those across files.
 */
export function withoutRenamesOthersNeed(
  env: CrossFileEnvironment,
  uri: string,
  analysis: FixPassAnalysis | undefined,
): FixPassAnalysis | undefined {
  const file = fsPathOf(uri);
  if (!analysis || !file || !env.service.hasFolders || !env.service.index.locate(file)) return analysis;
  const diagnostics = analysis.diagnostics.map((diagnostic) => {
    const fix = diagnostic.fix;
    if (fix?.resolve?.kind !== 'rename' || fix.unavailable) return diagnostic;
    const impact = env.service.ready ? env.service.index.renameImpact(file, fix.resolve.name) : undefined;
    if (impact?.ok && impact.files.length === 0 && impact.patchFiles.length === 0) return diagnostic;
    const reason =
      impact?.ok === false
        ? impact.reason
        : 'other files may use the name; rename it with the quick fix or F2';
    return { ...diagnostic, fix: { ...fix, edits: [], unavailable: reason } };
  });
  return { ...analysis, diagnostics };
}

/**
 * F401's fixes of imports other modules of the project import from this one (`from .compat import
 * json`) made unavailable with the reason: the quick fix is shown disabled and fix-all leaves them
 * (project/kept-imports.ts). Until the index is first built, the fixes stand as the file alone says.
 */
export function withImportsOthersNeedIn(
  env: CrossFileEnvironment,
  uri: string,
  findings: readonly Diagnostic[],
  text: string,
): readonly Diagnostic[] {
  const file = fsPathOf(uri);
  if (!file || !env.service.ready || !env.service.index.get(file)) return findings;
  if (!findings.some((finding) => finding.code === 'F401' && finding.fix && !finding.fix.unavailable))
    return findings;
  env.service.refreshOpenDocumentsBut(uri);
  return keepImportsOthersNeed(findings, text, env.service.index.namesOthersImport(file));
}
