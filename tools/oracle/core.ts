/**
 * The oracle's parts, shared by tools/oracle.ts (the corpus command) and test/oracle.test.ts: Ruff's
 * WASM build driven with pyconv's settings, path adjustments, and the comparison.
 *
 * Ruff's WASM build checks text without a path; Ruff's CLI derives facts from the path. Each such
 * fact is re-derived here from the file's package (`ruffPathView`: the top-most folder chain with
 * `__init__.py`, as Ruff's package detection finds it), so the oracle stands for the CLI:
 * - D100-D107 / ANN201 / D100-in-`__init__`: `adjustForPath` drops D1xx in private modules (a
 *   module-path part starting with `_`, or for a file outside any package its own stem), renames
 *   ANN201 to ANN202 there, and D100 to D104 in `__init__.py`.
 * - N999 needs the path entirely: `computeRuffN999`.
 * - Relative imports (`from .x import E`): Ruff resolves them to qualified names with the module
 *   path, which the WASM build lacks, so e.g. DOC501 skips every exception imported relatively.
 *   `absolutizeRelativeImports` rewrites each relative module name to its absolute one (only the
 *   module name of `from ... import` statements changes; no line is added or removed) and the codes
 *   in `RESOLVED_CODES` are taken from Ruff's check of that rewritten text (columns on rewritten
 *   lines mapped back), every other code from the original text (I001/TID252 depend on the relative
 *   spelling). On the corpus (334 files, default settings) the rewrite changes Ruff's findings for
 *   DOC501 only; DOC502 reads the same resolved raises, and TID251 resolves `from .x import y`
 *   against its bans with the module path too.
 * - `isort.line-length` (pyconv's place for it) is passed as Ruff's top-level `line-length`.
 * - I001 first-party detection: with `detect-same-package` (Ruff's default) the CLI puts imports of
 *   the file's own package root in first-party; the oracle adds that package name to Ruff's
 *   `known-first-party` for the file. Ruff's other source of first-party modules, the `src` folders,
 *   is not emulated (the corpus has no project file; run it as its own project).
 * - TID252 needs the path only for its fix, not to report, so no adjustment is needed.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EngineConfig, FileInfo, Node, Tree } from '../../server/src/engine/types';
import { isMigrationName, isModuleName } from '../../server/src/rules/naming/case';
import { isIgnoredName } from '../../server/src/rules/naming/options';

export interface Finding {
  code: string;
  /** 1-based line and column (UTF-16 units), as Ruff reports them. */
  line: number;
  column: number;
  message: string;
}

/** The subset of a Ruff WASM diagnostic the oracle reads. */
interface RuffDiagnostic {
  /** The rule's name (`invalid-function-name`), or `invalid-syntax`. */
  code: string;
  message: string;
  start_location: { row: number; column: number };
}

interface RuffWorkspace {
  check(source: string): RuffDiagnostic[];
  free(): void;
}

interface RuffModule {
  Workspace: new (settings: unknown, encoding: number) => RuffWorkspace;
  PositionEncoding: { Utf16: number };
}

/**
 * How each pyconv option section becomes Ruff's: the keys Ruff knows under the same section name.
 * A section missing here is not passed to Ruff. Engineers adding a Ruff-compatible section add a row.
 */
export const RUFF_OPTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  'pep8-naming': ['ignore-names', 'extend-ignore-names', 'classmethod-decorators', 'staticmethod-decorators'],
  pydocstyle: ['convention', 'ignore-decorators', 'property-decorators', 'ignore-var-parameters'],
  pydoclint: ['ignore-one-line-docstrings'],
  isort: [
    'known-first-party',
    'known-third-party',
    'known-local-folder',
    'extra-standard-library',
    'section-order',
    'sections',
    'required-imports',
    'force-single-line',
    'combine-as-imports',
    'force-sort-within-sections',
    'lines-after-imports',
    'no-lines-before',
    'order-by-type',
    'case-sensitive',
    'force-wrap-aliases',
    'split-on-trailing-comma',
    'relative-imports-order',
    'detect-same-package',
    'single-line-exclusions',
    'default-section',
  ],
  'flake8-annotations': [
    'mypy-init-return',
    'suppress-dummy-args',
    'suppress-none-returning',
    'allow-star-arg-any',
    'ignore-fully-untyped',
  ],
  'flake8-tidy-imports': ['ban-relative-imports', 'banned-api', 'banned-module-level-imports'],
  'flake8-bandit': ['hardcoded-tmp-directory', 'check-typed-exception'],
  'flake8-bugbear': ['extend-immutable-calls'],
  pyupgrade: ['keep-runtime-typing'],
};

/** Ruff's settings equivalent to an engine config. */
export function ruffSettings(config: EngineConfig, codes: readonly string[]): Record<string, unknown> {
  const lint: Record<string, unknown> = { select: [...codes], preview: true };
  for (const [section, keys] of Object.entries(RUFF_OPTION_KEYS)) {
    const value = config.options[section];
    if (!value) continue;
    const picked: Record<string, unknown> = {};
    for (const key of keys) if (value[key] !== undefined) picked[key] = value[key];
    lint[section] = picked;
  }
  // Ruff's convention is pyconv's: none for `auto` (Ruff guesses per docstring, as pyconv does); Ruff
  // has no `sphinx`, whose reading is pyconv's own, so Ruff guesses there too.
  const pydocstyle = { ...((lint.pydocstyle ?? {}) as Record<string, unknown>) };
  if (pydocstyle.convention === 'auto' || pydocstyle.convention === 'sphinx') delete pydocstyle.convention;
  lint.pydocstyle = pydocstyle;
  const [major, minor] = config.targetVersion;
  const settings: Record<string, unknown> = { 'target-version': `py${major}${minor}`, lint };
  // pyconv reads isort's wrap width from `isort.line-length`; Ruff from its top-level `line-length`.
  const lineLength = config.options.isort?.['line-length'];
  if (typeof lineLength === 'number') settings['line-length'] = lineLength;
  return settings;
}

/**
 * Ruff's WASM build reports rule names, not codes. Names are learnt the first time they appear, by
 * re-checking that file one code at a time.
 */
export class RuffOracle {
  private readonly ruff: RuffModule;
  private readonly main: RuffWorkspace;
  /** Workspaces whose isort settings also list one package as first-party, by package name. */
  private readonly perPackage = new Map<string, RuffWorkspace>();
  private readonly single = new Map<string, RuffWorkspace>();
  private readonly codeOfName = new Map<string, string>();
  private readonly unmapped: Set<string>;
  /** Rule names Ruff reported that no selected code produced on its own (should stay empty). */
  readonly unknownNames = new Set<string>();

  constructor(
    private readonly settings: Record<string, unknown>,
    codes: readonly string[],
  ) {
    // Loaded at run time from node_modules (the WASM package is not bundled), from the working
    // folder so that it resolves the same way bundled and under vitest.
    const load = createRequire(path.join(process.cwd(), 'package.json'));
    this.ruff = load('@astral-sh/ruff-wasm-nodejs') as RuffModule;
    this.main = new this.ruff.Workspace(settings, this.ruff.PositionEncoding.Utf16);
    this.unmapped = new Set(codes);
  }

  /**
   * Ruff's findings, with codes; syntax errors are counted apart. `samePackage`: the file's package
   * root name, first-party as Ruff's CLI treats it under `detect-same-package` (default on).
   */
  check(source: string, samePackage?: string): { findings: Finding[]; syntaxErrors: number } {
    const diagnostics = this.workspaceFor(samePackage).check(source);
    const unknown = diagnostics.some((d) => d.code !== 'invalid-syntax' && !this.codeOfName.has(d.code));
    if (unknown) this.learnNames(source, samePackage);
    const findings: Finding[] = [];
    let syntaxErrors = 0;
    for (const d of diagnostics) {
      if (d.code === 'invalid-syntax') {
        syntaxErrors++;
        continue;
      }
      const code = this.codeOfName.get(d.code);
      if (code === undefined) {
        this.unknownNames.add(d.code);
        continue;
      }
      findings.push({
        code,
        line: d.start_location.row,
        column: d.start_location.column,
        message: d.message,
      });
    }
    return { findings, syntaxErrors };
  }

  /** The settings with the file's package first-party, as `detect-same-package` makes it in Ruff's CLI. */
  private settingsFor(samePackage: string | undefined): Record<string, unknown> | undefined {
    const lint = this.settings.lint as Record<string, unknown>;
    const isort = (lint.isort ?? {}) as Record<string, unknown>;
    if (!samePackage || isort['detect-same-package'] === false) return undefined;
    const known = Array.isArray(isort['known-first-party']) ? isort['known-first-party'] : [];
    const withPackage = { ...isort, 'known-first-party': [...known, samePackage] };
    return { ...this.settings, lint: { ...lint, isort: withPackage } };
  }

  private workspaceFor(samePackage: string | undefined): RuffWorkspace {
    const settings = this.settingsFor(samePackage);
    if (!settings || !samePackage) return this.main;
    let workspace = this.perPackage.get(samePackage);
    if (!workspace) {
      workspace = new this.ruff.Workspace(settings, this.ruff.PositionEncoding.Utf16);
      this.perPackage.set(samePackage, workspace);
    }
    return workspace;
  }

  /** Checks the source once per still-unmapped code, with the same package settings as the main check. */
  private learnNames(source: string, samePackage: string | undefined): void {
    const settings = this.settingsFor(samePackage) ?? this.settings;
    for (const code of [...this.unmapped]) {
      const key = `${code} ${settings === this.settings ? '' : samePackage}`;
      let workspace = this.single.get(key);
      if (!workspace) {
        const lint = { ...(settings.lint as Record<string, unknown>), select: [code] };
        workspace = new this.ruff.Workspace({ ...settings, lint }, this.ruff.PositionEncoding.Utf16);
        this.single.set(key, workspace);
      }
      const names = new Set(workspace.check(source).map((d) => d.code));
      names.delete('invalid-syntax');
      for (const name of names) {
        this.codeOfName.set(name, code);
        this.unmapped.delete(code);
      }
    }
  }

  free(): void {
    this.main.free();
    for (const workspace of this.perPackage.values()) workspace.free();
    for (const workspace of this.single.values()) workspace.free();
  }
}

/**
 * What Ruff's CLI derives from the path and the WASM build cannot: private modules (`_x.py`, or in
 * a `_pkg` folder) get no D100-D107 and ANN202 for ANN201; `__init__.py` gets D104 for D100.
 * Pass `ruffPathView(file)` to judge privacy as Ruff does (by module path from the package root).
 */
export function adjustForPath(
  findings: readonly Finding[],
  file: Pick<FileInfo, 'isPrivateModule' | 'isPackageInit'>,
): Finding[] {
  const adjusted: Finding[] = [];
  for (const finding of findings) {
    if (file.isPrivateModule && /^D10[0-7]$/.test(finding.code)) continue;
    if (file.isPrivateModule && finding.code === 'ANN201') adjusted.push({ ...finding, code: 'ANN202' });
    else if (file.isPackageInit && finding.code === 'D100') adjusted.push({ ...finding, code: 'D104' });
    else adjusted.push(finding);
  }
  return adjusted;
}

export interface CodeRow {
  code: string;
  ours: number;
  ruff: number;
  matched: number;
  precision: number;
  recall: number;
}

export interface Mismatch {
  file: string;
  side: 'ours' | 'ruff';
  finding: Finding;
}

export function findingKey(f: Finding): string {
  return `${f.code}:${f.line}:${f.column}`;
}

/** Compares two finding lists of one file as multisets of (code, line, column). */
export function compareFindings(
  file: string,
  ours: readonly Finding[],
  ruff: readonly Finding[],
): { matched: Finding[]; mismatches: Mismatch[] } {
  const remaining = new Map<string, Finding[]>();
  for (const f of ruff) {
    const list = remaining.get(findingKey(f)) ?? [];
    list.push(f);
    remaining.set(findingKey(f), list);
  }
  const matched: Finding[] = [];
  const mismatches: Mismatch[] = [];
  for (const f of ours) {
    const list = remaining.get(findingKey(f));
    if (list && list.length > 0) {
      list.pop();
      matched.push(f);
    } else mismatches.push({ file, side: 'ours', finding: f });
  }
  for (const list of remaining.values())
    for (const f of list) mismatches.push({ file, side: 'ruff', finding: f });
  return { matched, mismatches };
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/**
 * N999 as Ruff's CLI computes it (the WASM build has no path): only for files whose folder is a
 * package (has `__init__.py`); the name checked is the file's stem, or for `__init__`/`__main__`
 * files the name of the topmost package folder (Ruff's package root).
 */
export function computeRuffN999(absoluteFile: string, config: EngineConfig): Finding[] {
  const folder = path.dirname(absoluteFile);
  const root = packageRootOf(absoluteFile);
  if (root === undefined) return [];
  const base = path.basename(absoluteFile);
  const moduleFile = ['__init__.py', '__init__.pyi', '__main__.py', '__main__.pyi'].includes(base);
  const name = moduleFile ? path.basename(root) : base.replace(/\.pyi?$/, '');
  const parent = path.basename(folder);
  const valid = parent === 'versions' || parent === 'migrations' ? isMigrationName(name) : isModuleName(name);
  // The naming options are read through `ctx.options`, as a rule reads them.
  const ctx = { config, options: (section: string) => config.options[section] ?? {} };
  if (valid || isIgnoredName(ctx as Parameters<typeof isIgnoredName>[0], name)) return [];
  return [{ code: 'N999', line: 1, column: 1, message: `Invalid module name: '${name}'` }];
}

function isPackageFolder(dir: string): boolean {
  return existsSync(path.join(dir, '__init__.py')) || existsSync(path.join(dir, '__init__.pyi'));
}

/** The top-most folder of the chain of packages holding the file (Ruff's package root), if any. */
export function packageRootOf(absoluteFile: string): string | undefined {
  const folder = path.dirname(absoluteFile);
  if (!isPackageFolder(folder)) return undefined;
  let root = folder;
  while (path.dirname(root) !== root && isPackageFolder(path.dirname(root))) root = path.dirname(root);
  return root;
}

/** What Ruff's CLI knows about a file from its path. */
export interface RuffPathView {
  /** The package root's folder name (first-party under `detect-same-package`); none outside packages. */
  packageName?: string;
  /** Dotted module path from the package root, `__init__` kept as a segment (Ruff's `to_module_path`). */
  modulePath?: string[];
  /** The file's path relative to the package root's parent: the project-relative path pyconv gets. */
  packageRelativePath?: string;
  isPrivateModule: boolean;
  isPackageInit: boolean;
}

function isPrivateName(part: string): boolean {
  return part.startsWith('_') && !(part.startsWith('__') && part.endsWith('__'));
}

export function ruffPathView(absoluteFile: string): RuffPathView {
  const base = path.basename(absoluteFile);
  const stem = base.replace(/\.pyi?$/, '');
  const isPackageInit = stem === '__init__';
  const root = packageRootOf(absoluteFile);
  if (root === undefined) return { isPrivateModule: isPrivateName(stem), isPackageInit };
  const relative = path.relative(path.dirname(root), absoluteFile).split(path.sep);
  const modulePath = [...relative.slice(0, -1), stem];
  return {
    packageName: path.basename(root),
    modulePath,
    packageRelativePath: relative.join('/'),
    isPrivateModule: modulePath.some(isPrivateName),
    isPackageInit,
  };
}

/**
 * Codes whose Ruff findings depend on resolving names imported relatively; the oracle takes them
 * from Ruff's check of the source with relative imports made absolute (columns mapped back).
 */
export const RESOLVED_CODES: ReadonlySet<string> = new Set(['DOC501', 'DOC502', 'TID251']);

interface ImportEdit {
  start: number;
  end: number;
  text: string;
  /** 1-based line and 0-based UTF-16 columns of the replaced module name. */
  line: number;
  startColumn: number;
  endColumn: number;
}

/**
 * The source with every `from .x import ...` spelled `from pkg.x import ...` (module path of the
 * file from `ruffPathView`), the 1-based lines changed, and `toOriginal` to move a finding on the
 * rewritten text back to the original columns. Imports climbing above the package root stay
 * relative (Ruff's CLI cannot resolve them either). Lines are neither added nor removed.
 */
export function absolutizeRelativeImports(
  source: string,
  tree: Tree,
  modulePath: readonly string[],
): { source: string; lines: Set<number>; toOriginal: (finding: Finding) => Finding } {
  const edits: ImportEdit[] = [];
  const pending: Node[] = [tree.rootNode];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'relative_import' && node.parent?.type === 'import_from_statement') {
      const absolute = absoluteModule(node, modulePath);
      const oneLine = node.startPosition.row === node.endPosition.row;
      if (absolute !== undefined && oneLine && source.slice(node.startIndex, node.endIndex) === node.text) {
        edits.push({
          start: node.startIndex,
          end: node.endIndex,
          text: absolute,
          line: node.startPosition.row + 1,
          startColumn: node.startPosition.column,
          endColumn: node.endPosition.column,
        });
      }
      continue;
    }
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  edits.sort((a, b) => b.start - a.start);
  let rewritten = source;
  for (const edit of edits)
    rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end);
  const byLine = new Map<number, ImportEdit[]>();
  for (const edit of [...edits].reverse()) byLine.set(edit.line, [...(byLine.get(edit.line) ?? []), edit]);
  const toOriginal = (finding: Finding): Finding => {
    const lineEdits = byLine.get(finding.line);
    if (!lineEdits) return finding;
    return { ...finding, column: originalColumn(finding.column - 1, lineEdits) + 1 };
  };
  return { source: rewritten, lines: new Set(byLine.keys()), toOriginal };
}

/** A 0-based column of the rewritten line as a column of the original (edits in line order). */
function originalColumn(column: number, edits: readonly ImportEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    const start = edit.startColumn + shift;
    const end = start + edit.text.length;
    if (column < start) break;
    if (column < end) return edit.startColumn;
    shift += edit.text.length - (edit.endColumn - edit.startColumn);
  }
  return column - shift;
}

function absoluteModule(relativeImport: Node, modulePath: readonly string[]): string | undefined {
  const prefix = relativeImport.namedChildren.find((c) => c?.type === 'import_prefix');
  const level = prefix ? prefix.text.replace(/[^.]/g, '').length : 0;
  if (level === 0 || level >= modulePath.length) return undefined;
  const dotted = relativeImport.namedChildren.find((c) => c?.type === 'dotted_name');
  const base = modulePath.slice(0, modulePath.length - level);
  return [...base, ...(dotted ? [dotted.text.replace(/\s/g, '')] : [])].join('.');
}

function pad(text: string | number, width: number, left = false): string {
  const s = String(text);
  return left ? s.padEnd(width) : s.padStart(width);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

export function formatTable(rows: readonly CodeRow[]): string {
  const lines = [
    `${pad('code', 8, true)}${pad('ours', 8)}${pad('ruff', 8)}${pad('matched', 9)}${pad('precision', 11)}${pad('recall', 10)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${pad(r.code, 8, true)}${pad(r.ours, 8)}${pad(r.ruff, 8)}${pad(r.matched, 9)}${pad(percent(r.precision), 11)}${pad(percent(r.recall), 10)}`,
    );
  }
  return lines.join('\n');
}
