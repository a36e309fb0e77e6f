import {
  ErrorCodes,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  ResponseError,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { memberNamedAt } from '../../analysis/members';
import {
  invalidNameReason,
  PYTHON_BUILTINS,
  PYTHON_KEYWORDS,
  planRename,
  renameableReason,
} from '../../analysis/rename';
import { type Binding, pythonName, scopeModelOf } from '../../analysis/scopes';
import { nodeRange } from '../../engine/positions';
import type { Node } from '../../engine/types';
import type { OpenDocument } from '../documents';
import { fsPathOf } from '../uris';
import { type CrossFileEnvironment, planAcrossFiles, workspaceEditOf } from './cross-file-rename';

export interface RenameEnvironment {
  document: OpenDocument;
  /** The project index, for module-level names other files may import (ready when given). */
  across?: CrossFileEnvironment;
  /** Shows the user a message (`window/showMessage`): how many files a rename will change. */
  notify?(message: string): void;
}

function refusal(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, `pyconv: ${message}`);
}

/** The identifier under the cursor, also when the cursor sits right after it. */
function identifierAt(
  document: OpenDocument,
  position: { line: number; character: number },
): Node | undefined {
  const root = document.tree.rootNode;
  const at = (character: number) => root.descendantForPosition({ row: position.line, column: character });
  const here = at(position.character);
  if (here?.type === 'identifier') return here;
  if (position.character === 0) return undefined;
  const before = at(position.character - 1);
  return before?.type === 'identifier' ? before : undefined;
}

/** The word under the cursor that is no renameable identifier: keywords and operators say so. */
function tokenAt(document: OpenDocument, position: { line: number; character: number }): string | undefined {
  const node = document.tree.rootNode.descendantForPosition({
    row: position.line,
    column: position.character,
  });
  return node && node.childCount === 0 ? node.text : undefined;
}

/** Why a name that resolves to no binding of this file cannot be renamed. */
function unboundReason(identifier: Node): string {
  const name = identifier.text;
  const parent = identifier.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id) {
    return `\`${name}\` is an attribute of an object pyconv cannot trace to a class of this file`;
  }
  if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id) {
    return `\`${name}\` is not a parameter of a function defined in this file`;
  }
  if (parent?.type === 'dotted_name' || parent?.type === 'aliased_import') {
    return `\`${name}\` is part of a module path; rename the module itself`;
  }
  if (PYTHON_BUILTINS.has(pythonName(name))) return `\`${name}\` is a builtin, not defined in this file`;
  return `\`${name}\` is not defined in this file`;
}

/** The binding under the cursor, or the ResponseError that explains why there is none to rename. */
function renameTarget(
  env: RenameEnvironment,
  position: { line: number; character: number },
): {
  identifier: Node;
  binding: Binding;
} {
  const identifier = identifierAt(env.document, position);
  if (!identifier) {
    const token = tokenAt(env.document, position);
    if (token && PYTHON_KEYWORDS.has(token)) throw refusal(`\`${token}\` is a keyword and cannot be renamed`);
    throw refusal('there is no name to rename here');
  }
  const model = scopeModelOf(env.document.tree);
  const binding = model.bindingOf(identifier) ?? memberNamedAt(model, identifier);
  if (!binding) throw refusal(unboundReason(identifier));
  const reason = renameableReason(binding);
  if (reason) throw refusal(reason);
  return { identifier, binding };
}

/**
 * `textDocument/prepareRename`: the range and text of the name under the cursor when it is a name
 * bound in this file; otherwise an error that says why (keyword, builtin, untraceable attribute).
 */
export function prepareRename(
  params: PrepareRenameParams,
  env: RenameEnvironment,
): Range | { range: Range; placeholder: string } | null {
  const { identifier, binding } = renameTarget(env, params.position);
  const across = env.across;
  const file = fsPathOf(env.document.uri);
  if (across && isModuleLevel(binding) && file) {
    if (!across.service.hasFolders)
      throw refusal(
        `cannot rename \`${binding.name}\`: the project cannot be resolved: no workspace folder is open`,
      );
    across.service.refreshOpenDocuments();
    const impact = across.service.index.renameImpact(file, binding.name);
    if (!impact.ok) throw refusal(`cannot rename \`${binding.name}\`: ${impact.reason}`);
    if (impact.files.length > 0) {
      const names = impact.files.map((other) => across.service.index.displayPath(other)).join(', ');
      const patches =
        impact.patchFiles.length > 0
          ? `; \`patch()\` strings in ${impact.patchFiles.length} file(s) are not changed`
          : '';
      env.notify?.(
        `pyconv: renaming \`${binding.name}\` changes ${impact.files.length + 1} files (also ${names})${patches}`,
      );
    }
  }
  return { range: nodeRange(identifier), placeholder: identifier.text };
}

/** A name of the module scope (not a class member, not a local): other modules may import it. */
function isModuleLevel(binding: Binding): boolean {
  return binding.scope.kind === 'module';
}

/**
 * The `newName` of a rename request as a Python name; InvalidParams when it is not a string (a
 * client may send anything) or not a valid identifier.
 */
function newNameOf(params: RenameParams): string {
  const newName: unknown = params.newName;
  if (typeof newName !== 'string') {
    const got = newName === null ? 'null' : Array.isArray(newName) ? 'an array' : `a ${typeof newName}`;
    throw new ResponseError(ErrorCodes.InvalidParams, `pyconv: newName must be a string, got ${got}`);
  }
  const invalid = invalidNameReason(newName);
  if (invalid) throw new ResponseError(ErrorCodes.InvalidParams, `pyconv: cannot rename to ${invalid}`);
  return newName;
}

/** `textDocument/rename`: every occurrence of the binding in this file, scope-aware; refusals explain themselves. */
export function rename(params: RenameParams, env: RenameEnvironment): WorkspaceEdit | null {
  const newName = newNameOf(params);
  const { binding } = renameTarget(env, params.position);
  const outcome = planRename(scopeModelOf(env.document.tree), binding, newName);
  if (!outcome.ok) throw refusal(`cannot rename \`${binding.name}\` to \`${newName}\`: ${outcome.reason}`);
  if (!env.across || !isModuleLevel(binding)) return { changes: { [env.document.uri]: outcome.edits } };
  const plan = planAcrossFiles(env.across, {
    uri: env.document.uri,
    version: env.document.text.version,
    name: binding.name,
    newName,
    edits: outcome.edits,
  });
  if (!plan.ok) throw refusal(`cannot rename \`${binding.name}\` to \`${newName}\`: ${plan.reason}`);
  return workspaceEditOf(plan.changes, env.across.documentChanges);
}
