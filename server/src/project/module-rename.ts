/**
 * Renaming a module file (N999's quick fix): which files import the module (the project index) and
 * the edits in each: `import a.Old` and its `a.Old.x` uses, `import a.Old as m`, `from a.Old import
 * x`, relative forms, and `from a import Old` with the uses of `Old`. The file itself is moved by the
 * client (a RenameFile operation in the same WorkspaceEdit, lsp/features/module-rename.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { dottedChain, moduleReference } from '../analysis/module-summary';
import { planImportedNameRename } from '../analysis/rename';
import { analyzeScopes } from '../analysis/scopes';
import { nodeRange } from '../engine/positions';
import type { Node, TextEdit } from '../engine/types';
import { absoluteModule, type ModuleLocation } from './module-resolution';
import type { ProjectIndex } from './project-index';
import { readTree } from './read-tree';

export type ModuleRenameImpact =
  | { ok: true; module: string; newModule: string; newFile: string; files: string[] }
  | { ok: false; reason: string };

/** Who imports the module of `file`, renamed to `newStem`; refused for packages, stubs and names taken. */
export function moduleRenameImpact(index: ProjectIndex, file: string, newStem: string): ModuleRenameImpact {
  const entry = index.get(file);
  if (!entry)
    return {
      ok: false,
      reason: `the project cannot be resolved: ${path.basename(file)} is not a module under the source roots`,
    };
  if (entry.location.isPackage) return { ok: false, reason: 'renaming a package folder is not offered' };
  const extension = path.extname(file);
  const newFile = path.join(path.dirname(file), `${newStem}${extension}`);
  if (existsSync(newFile)) return { ok: false, reason: `${path.basename(newFile)} already exists` };
  const sibling = extension === '.py' ? `${file}i` : file.slice(0, -1);
  if (existsSync(sibling))
    return { ok: false, reason: `${path.basename(sibling)} would have to be renamed with it` };
  const module = entry.location.name;
  const parent = module.split('.').slice(0, -1).join('.');
  const stem = module.split('.').at(-1)!;
  const newModule = parent ? `${parent}.${newStem}` : newStem;
  if (index.hasModule(newModule)) return { ok: false, reason: `the module \`${newModule}\` already exists` };
  const inside = (name: string | undefined) => name === module || name?.startsWith(`${module}.`) === true;
  const files: string[] = [];
  for (const other of index.allFiles()) {
    const importer = index.get(other)!;
    if (importer.summary.namesAsStrings.includes(stem) || importer.summary.patchTargets.some(inside))
      return { ok: false, reason: `${index.displayPath(other)} names the module \`${stem}\` in a string` };
    const uses = importer.summary.imports.some((fact) => {
      if (fact.kind === 'import') return inside(fact.module);
      const from = index.importedModule(importer, fact);
      if (inside(from)) return true;
      return fact.kind === 'from' && from === parent && fact.names.some((n) => n.name === stem);
    });
    if (uses) files.push(other);
  }
  return { ok: true, module, newModule, newFile, files };
}

/** The edits in one importer's text; a string says why it cannot be changed. */
export function moduleImporterEdits(
  parser: Parser,
  text: string,
  location: ModuleLocation,
  impact: Extract<ModuleRenameImpact, { ok: true }>,
): TextEdit[] | string {
  return readTree(parser, text, (root) => editsIn(root, location, impact)) ?? 'the file could not be parsed';
}

function editsIn(
  root: Node,
  location: ModuleLocation,
  impact: Extract<ModuleRenameImpact, { ok: true }>,
): TextEdit[] | string {
  const model = analyzeScopes(root);
  const depth = impact.module.split('.').length;
  const stem = impact.module.split('.').at(-1)!;
  const newStem = impact.newModule.split('.').at(-1)!;
  const parent = impact.module.split('.').slice(0, -1).join('.');
  const nodes = new Map<number, Node>();
  const edits: TextEdit[] = [];
  const partAt = (dotted: Node, index: number) =>
    dotted.namedChildren.filter((c) => c?.type === 'identifier')[index];
  const inside = (name: string) => name === impact.module || name.startsWith(`${impact.module}.`);
  for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!statement) continue;
    if (statement.type === 'import_statement') {
      for (const item of statement.childrenForFieldName('name')) {
        const dotted = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
        if (dotted?.type !== 'dotted_name' || !inside(dotted.text)) continue;
        const part = partAt(dotted, depth - 1);
        if (part) nodes.set(part.id, part);
        if (item?.type === 'aliased_import') continue;
        const head = dotted.namedChild(0);
        const binding = head ? model.bindingOf(head) : undefined;
        if (binding && depth === 1) {
          // `import Old` binds `Old` itself: every use is renamed with it.
          const outcome = planImportedNameRename(model, binding, newStem);
          if (!outcome.ok) return outcome.reason;
          edits.push(...outcome.edits);
          continue;
        }
        for (const reference of binding?.references ?? []) {
          const attribute = attributeAtDepth(reference, depth, impact.module);
          if (attribute) nodes.set(attribute.id, attribute);
        }
      }
      continue;
    }
    const reference = statement.childForFieldName('module_name');
    const { module, level } = moduleReference(reference);
    const from = absoluteModule(location, module, level);
    if (from === undefined) continue;
    if (inside(from) && reference) {
      const dotted =
        reference.type === 'dotted_name'
          ? reference
          : reference.namedChildren.find((c) => c?.type === 'dotted_name');
      const base = from.split('.').length - (module ? module.split('.').length : 0);
      const part = dotted ? partAt(dotted, depth - 1 - base) : undefined;
      if (part) nodes.set(part.id, part);
      continue;
    }
    if (from !== parent) continue;
    for (const item of statement.childrenForFieldName('name')) {
      const dotted = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
      if (dotted?.type !== 'dotted_name' || dotted.text !== stem) continue;
      const identifier = dotted.namedChild(0)!;
      if (item?.type === 'aliased_import') {
        nodes.set(identifier.id, identifier);
        continue;
      }
      const binding = model.bindingOf(identifier);
      if (!binding) continue;
      const outcome = planImportedNameRename(model, binding, newStem);
      if (!outcome.ok) return outcome.reason;
      edits.push(...outcome.edits);
    }
  }
  for (const node of nodes.values()) edits.push({ range: nodeRange(node), newText: newStem });
  const unique = new Map(
    edits.map((edit) => [`${edit.range.start.line}:${edit.range.start.character}`, edit]),
  );
  return [...unique.values()];
}

/** In `a.Old.x` read through `a`, the `Old` attribute (the module's last part at `depth`). */
function attributeAtDepth(reference: Node, depth: number, module: string): Node | undefined {
  let chain: Node = reference;
  for (let level = 1; level < depth; level++) {
    const parent = chain.parent;
    if (parent?.type !== 'attribute' || parent.childForFieldName('object')?.id !== chain.id) return undefined;
    chain = parent;
  }
  return dottedChain(chain) === module ? (chain.childForFieldName('attribute') ?? undefined) : undefined;
}
