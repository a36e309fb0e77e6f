/**
 * `--fix --unsafe-fixes` for renames that reach other modules: before the per-file fixes, the
 * naming rules' rename fixes of module-level names are planned across the checked files with the
 * project index (project/project-index.ts, project/cross-file-rename.ts), applied one after the
 * other to the texts in memory, and written all together or not at all (`replaceFilesTogether`).
 * A rename that cannot follow every use is refused with the reason, and the per-file pass is told
 * to leave that name alone (`CheckOptions.keepNames`), so that no file is renamed on its own while
 * its importers keep the old name. With `--unsafe-fixes`, `patch("pkg.mod.name")` strings change too.
 *
 * The same index tells `--fix` (safe fixes too) which imports other modules import from a module
 * (`from .compat import json`): F401's fix leaves those (`CheckOptions.keepImports`).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { planRename } from '../analysis/rename';
import { analyzeScopes } from '../analysis/scopes';
import { analyzeOnce } from '../engine/analyze';
import { comparePositions, lineStarts, nodeRange, offsetAt } from '../engine/positions';
import { resolveFixes } from '../engine/resolve-fixes';
import { snapshotOf } from '../engine/syntax-node';
import type { Diagnostic, EngineConfig, FileInfo, TextEdit } from '../engine/types';
import { parsePython } from '../parser/python';
import { type ConfigCache, DEFAULT_MAX_FILE_SIZE } from '../project/config';
import { importerRenameEdits } from '../project/cross-file-rename';
import type { ImportsOthersNeed } from '../project/kept-imports';
import { sourceRoots } from '../project/module-resolution';
import { contentHash, ProjectIndex, summarizeText } from '../project/project-index';
import { readTree } from '../project/read-tree';
import { errorMessage } from '../project/validate';
import { allRules } from '../rules/registry';
import { type Replacement, replaceFilesTogether } from './atomic-write';
import { encodeSource, readSource } from './check-file';

/** The naming rules, whose fixes are renames (`rename-fix.ts`): the only ones run before the per-file pass. */
const RENAME_RULES = allRules.filter((rule) => /^(N8|PCV1)/.test(rule.meta.code) && rule.meta.fix !== 'none');

export interface Candidate {
  file: string;
  name: string;
  newName: string;
}

export interface CrossFileResult {
  /** `renamed X to Y in N files` lines. */
  renamed: string[];
  /** Renames left undone, with the reason. */
  refused: string[];
  /** Per file, module-level names the per-file fixes must not rename (their importers would break). */
  keepNames: Record<string, string[]>;
  /** Files written. */
  written: string[];
  /** The files could not be written (all left as they were). */
  writeError?: string;
}

interface SourceFile {
  bytes: Uint8Array;
  original: string;
  text: string;
  hasBom: boolean;
}

/** The checked files as the project index sees them, and their texts (renames change them in memory). */
export interface ProjectFiles {
  index: ProjectIndex;
  sources: Map<string, SourceFile>;
}

/** Whether a naming rule with a rename fix is enabled for any of `files`. */
export function renamesWanted(files: readonly string[], configs: ConfigCache): boolean {
  return files.some((file) =>
    RENAME_RULES.some((rule) => configs.forFile(file).config.enabled.has(rule.meta.code)),
  );
}

/** Whether F401, whose fix may remove an import other modules need, is enabled for any of `files`. */
export function keptImportsWanted(files: readonly string[], configs: ConfigCache): boolean {
  return files.some((file) => configs.forFile(file).config.enabled.has('F401'));
}

/** Reads and summarises the checked `files` into a project index (one parse each, trees deleted). */
export function readProject(files: readonly string[], configs: ConfigCache, parser: Parser): ProjectFiles {
  const sources = new Map<string, SourceFile>();
  const index = new ProjectIndex();
  index.setRoots(
    [...new Set(files.map((file) => configs.projectFor(path.dirname(file))))].flatMap((project) =>
      sourceRoots(project.root, project.settings.src),
    ),
  );
  for (const file of files) {
    const read = readSource(file, configs.forFile(file).maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (read.kind !== 'read') continue;
    sources.set(file, { bytes: read.bytes, original: read.source, text: read.source, hasBom: read.hasBom });
    index.set(file, contentHash(read.source), summarizeText(parser, read.source));
  }
  return { index, sources };
}

/** Per checked file, the names other modules import from it (for F401's fix, project/kept-imports.ts). */
export function importsOthersNeed(
  project: ProjectFiles,
  files: readonly string[],
): Record<string, ImportsOthersNeed> {
  const kept: Record<string, ImportsOthersNeed> = {};
  for (const file of files) {
    const names = project.index.namesOthersImport(file);
    if (Object.keys(names).length > 0) kept[file] = names;
  }
  return kept;
}

/** Plans, applies in memory and writes the renames across files of the checked `files`. */
export function fixRenamesAcrossFiles(
  project: ProjectFiles,
  files: readonly string[],
  configs: ConfigCache,
  parser: Parser,
  writableRoots: readonly string[],
): CrossFileResult {
  const result: CrossFileResult = { renamed: [], refused: [], keepNames: {}, written: [] };
  const { index, sources } = project;
  const keep = (file: string, name: string) => {
    result.keepNames[file] = [...(result.keepNames[file] ?? []), name];
  };
  const done: Candidate[] = [];
  const candidates = files.flatMap((file) => {
    const source = sources.get(file);
    const { config, file: info } = configs.forFile(file);
    return source ? renameCandidates(file, source.text, config, info, parser) : [];
  });
  for (const candidate of candidates) {
    const outcome = renameAcross(candidate, index, sources, parser);
    if (outcome === undefined) continue;
    if (typeof outcome === 'string') {
      result.refused.push(
        `${candidate.file}: \`${candidate.name}\` not renamed to \`${candidate.newName}\`: ${outcome}`,
      );
      keep(candidate.file, candidate.name);
      continue;
    }
    done.push(candidate);
    result.renamed.push(
      `${candidate.file}: renamed \`${candidate.name}\` to \`${candidate.newName}\` in ${outcome} files`,
    );
  }
  const changed = [...sources].filter(([, source]) => source.text !== source.original);
  if (changed.length === 0) return result;
  const write = writeTogether(changed, writableRoots);
  if (write) {
    result.writeError = write;
    result.renamed = [];
    for (const candidate of done) keep(candidate.file, candidate.name);
  } else result.written = changed.map(([file]) => file);
  return result;
}

/** The naming rules' rename fixes of module-level names in `file` (its text). */
export function renameCandidates(
  file: string,
  text: string,
  config: EngineConfig,
  info: FileInfo,
  parser: Parser,
): Candidate[] {
  const tree = parsePython(parser, text);
  if (!tree) return [];
  try {
    const { diagnostics } = analyzeOnce({ source: text, tree, config, file: info, rules: RENAME_RULES });
    const renames = diagnostics.filter((d) => d.fix?.resolve?.kind === 'rename');
    if (renames.length === 0) return [];
    const root = snapshotOf(tree.rootNode, tree.rootNode.text, new Set(), tree.rootNode.startIndex);
    const model = analyzeScopes(root);
    return resolveFixes(renames, tree.rootNode, model).flatMap((diagnostic: Diagnostic) => {
      const resolver = diagnostic.fix?.resolve;
      if (!resolver || diagnostic.fix?.unavailable) return [];
      const binding = model.module.bindings.get(resolver.name);
      const defined = binding?.definitions.some(
        (node) =>
          comparePositions(nodeRange(node).start, diagnostic.range.start) >= 0 &&
          comparePositions(nodeRange(node).end, diagnostic.range.end) <= 0,
      );
      return defined ? [{ file, name: resolver.name, newName: resolver.newName }] : [];
    });
  } finally {
    tree.delete();
  }
}

/**
 * Applies one rename to the texts in memory (and the index); how many files changed, undefined
 * when no other file is concerned (the per-file fixes do it), or why it cannot be done.
 */
function renameAcross(
  candidate: Candidate,
  index: ProjectIndex,
  sources: Map<string, SourceFile>,
  parser: Parser,
): number | string | undefined {
  const plan = planRenameAcross(candidate, index, (file) => sources.get(file)?.text, parser);
  if (plan === undefined || typeof plan === 'string') return plan;
  for (const [file, text] of plan) {
    sources.get(file)!.text = text;
    index.set(file, contentHash(text), summarizeText(parser, text));
  }
  return plan.size;
}

/**
 * The new texts of every file a rename across files changes (patch() strings included), undefined
 * when no other file is concerned, or why it cannot be done.
 */
export function planRenameAcross(
  candidate: Candidate,
  index: ProjectIndex,
  textOf: (file: string) => string | undefined,
  parser: Parser,
): Map<string, string> | string | undefined {
  const impact = index.renameImpact(candidate.file, candidate.name);
  if (!impact.ok) return impact.reason;
  if (impact.files.length === 0 && impact.patchFiles.length === 0) return undefined;
  const definingText = textOf(candidate.file);
  if (definingText === undefined) return `${candidate.file} cannot be read`;
  const defining = definingEdits(candidate, definingText, parser);
  if (typeof defining === 'string') return defining;
  const target = { modules: impact.modules, name: candidate.name, newName: candidate.newName };
  const edits = new Map<string, TextEdit[]>([[candidate.file, defining]]);
  for (const other of new Set([...impact.files, ...impact.patchFiles])) {
    const entry = index.get(other);
    const text = textOf(other);
    if (!entry || text === undefined) return `${other} cannot be read`;
    const outcome = importerRenameEdits(parser, text, entry.location, target);
    if (typeof outcome === 'string') return `in ${other}: ${outcome}`;
    edits.set(other, [...(edits.get(other) ?? []), ...outcome.edits, ...outcome.patchEdits]);
  }
  return new Map([...edits].map(([file, fileEdits]) => [file, applyEdits(textOf(file)!, fileEdits)]));
}

function definingEdits(candidate: Candidate, text: string, parser: Parser): TextEdit[] | string {
  const outcome = readTree(parser, text, (root) => {
    const model = analyzeScopes(root);
    const binding = model.module.bindings.get(candidate.name);
    if (!binding) return `\`${candidate.name}\` is no longer defined`;
    const plan = planRename(model, binding, candidate.newName);
    return plan.ok ? plan.edits : plan.reason;
  });
  return outcome ?? 'the file could not be parsed';
}

/** Non-overlapping edits applied from the end, so earlier offsets stay valid. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const unique = new Map(edits.map((edit) => [offsetAt(starts, text, edit.range.start), edit]));
  let out = text;
  for (const [start, edit] of [...unique].sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + edit.newText + out.slice(offsetAt(starts, text, edit.range.end));
  }
  return out;
}

/** Writes every changed file or none; an error message when none was written. */
function writeTogether(
  changed: ReadonlyArray<[string, SourceFile]>,
  writableRoots: readonly string[],
): string | undefined {
  const replacements: Replacement[] = [];
  for (const [file, source] of changed) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch (error) {
      return `${file}: ${errorMessage(error)}`;
    }
    if (!writableRoots.some((root) => real === root || real.startsWith(root + path.sep)))
      return `${file} is a symlink to ${real}, outside the checked paths`;
    replacements.push({
      file: real,
      expected: source.bytes,
      content: encodeSource(source.text, source.hasBom),
    });
  }
  const outcome = replaceFilesTogether(replacements);
  if (outcome.kind === 'replaced') return undefined;
  if (outcome.kind === 'changed') return 'a file changed on disk since it was read';
  return outcome.message;
}
