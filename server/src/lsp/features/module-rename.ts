/**
 * N999's quick fix in the editor: rename the module file to snake_case with a RenameFile operation
 * and update every import of it (project/module-rename.ts), in one WorkspaceEdit. Offered only to
 * clients that apply file renames in workspace edits (`resourceOperations` with `rename`); others
 * get the action disabled with the reason. Packages (`__init__.py`) are not renamed.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type RenameFile,
  type TextDocumentEdit,
} from 'vscode-languageserver';
import { moduleImporterEdits, moduleRenameImpact } from '../../project/module-rename';
import { toSnakeCase } from '../../rules/naming/rename-fix';
import type { OpenDocument } from '../documents';
import { fsPathOf } from '../uris';
import type { CrossFileEnvironment } from './cross-file-rename';

export interface ModuleRenameEnvironment extends CrossFileEnvironment {
  /** The client applies RenameFile operations. */
  renameFiles: boolean;
}

/** The rename action for an N999 diagnostic, enabled or disabled with the reason. */
export function moduleRenameAction(
  env: ModuleRenameEnvironment,
  document: OpenDocument,
  diagnostic: Diagnostic,
): CodeAction | undefined {
  const file = fsPathOf(document.uri);
  if (!file) return undefined;
  const stem = path.basename(file).replace(/\.pyi?$/, '');
  const newStem = toSnakeCase(stem.replace(/-/g, '_'));
  if (!newStem || newStem === stem || !/^[a-z_][a-z0-9_]*$/.test(newStem)) return undefined;
  const title = `Rename module \`${stem}\` to \`${newStem}\` and update its imports`;
  const disabled = (reason: string): CodeAction => ({
    title: `${title} (unsafe)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    disabled: { reason },
  });
  if (!env.renameFiles) return disabled('the editor cannot rename files through a workspace edit');
  if (!env.service.ready) return disabled('the project index is still being built; try again in a moment');
  env.service.refreshOpenDocuments();
  const impact = moduleRenameImpact(env.service.index, file, newStem);
  if (!impact.ok) return disabled(impact.reason);
  const changes: Array<TextDocumentEdit | RenameFile> = [];
  for (const other of impact.files) {
    const entry = env.service.index.get(other);
    const current = env.service.textOf(other);
    if (!entry || !current) return disabled(`${path.basename(other)} cannot be read`);
    const edits = moduleImporterEdits(env.parser, current.text, entry.location, impact);
    if (typeof edits === 'string') return disabled(`in ${path.basename(other)}: ${edits}`);
    if (edits.length > 0)
      changes.push({ textDocument: { uri: current.uri, version: current.version ?? null }, edits });
  }
  changes.push({ kind: 'rename', oldUri: document.uri, newUri: pathToFileURL(impact.newFile).href });
  return {
    title: `${title} in ${changes.length - 1} file(s) (unsafe)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { documentChanges: changes },
  };
}
