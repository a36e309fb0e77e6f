/**
 * The workspace's configuration layer: finds the file that configures a file (`.pyconv.toml`,
 * `pyconv.toml`, or a pyproject.toml with `[tool.pyconv]`), follows its `extend` chain, validates
 * the settings, merges editor settings over them, and turns the result into the engine's config
 * and file facts. Implements the contract in settings.ts; used by the LSP server and the CLI.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import {
  DEFAULT_TARGET_VERSION,
  makeEngineConfig,
  parseTargetVersion,
  resolveSelection,
} from '../engine/config';
import type { EngineConfig, PythonVersion, RuleMeta, Severity } from '../engine/types';
import { allOptionSections, allRuleMetas } from '../rules/registry';
import { mergeSettings, rebaseGlobs } from './extend';
import { excludePatterns, fileInfoFor, isExcluded, perFileIgnores, relativePath } from './paths';
import type { ConfigProblem, FileConfig, ProjectConfig, PyconvSettings } from './settings';
import { locateTomlKeys } from './toml-locations';
import {
  errorMessage,
  isTable,
  NEWEST_TARGET,
  OLDEST_TARGET,
  problemAt,
  safeValidate,
  validateSettings,
  type Where,
} from './validate';

export { DEFAULT_EXCLUDE, excludePatterns, fileInfoFor, isExcluded, matchesPath } from './paths';
export { isKnownSelector, NEWEST_TARGET, OLDEST_TARGET, validateSettings } from './validate';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

const TOOL_TABLE = ['tool', 'pyconv'];

/**
 * Standalone configuration files (settings at the top level, no `[tool.pyconv]`), in the order
 * they win over each other and over a pyproject.toml in the same folder, as Ruff's `.ruff.toml`
 * and `ruff.toml` do.
 */
export const STANDALONE_CONFIG_NAMES = ['.pyconv.toml', 'pyconv.toml'] as const;

/** Whether a file's name makes it a configuration file that the search finds. */
export function isConfigFileName(file: string): boolean {
  const name = path.basename(file);
  return name === 'pyproject.toml' || (STANDALONE_CONFIG_NAMES as readonly string[]).includes(name);
}

/**
 * Finds the configuration for files in `startDir`: in this folder or the nearest parent, a
 * `.pyconv.toml`, a `pyconv.toml` (either configures pyconv, even when empty) or a pyproject.toml
 * with a `[tool.pyconv]` table, in that order; or `explicitPath` when given (a pyproject.toml, or
 * any TOML file whose top level is the settings). `extend` is followed. Never throws: problems are
 * reported and the defaults apply.
 */
export function findProjectConfig(
  startDir: string,
  explicitPath?: string,
  searches: Map<string, FolderSearch> = new Map(),
): ProjectConfig {
  if (explicitPath) return loadExplicit(path.resolve(explicitPath));
  const found = searchFrom(path.resolve(startDir), searches);
  if (found.configured) return found.configured;
  // Like Ruff 0.10+: without a configuring file, the nearest pyproject.toml still gives the
  // Python version and the project root (for module paths).
  if (found.nearestPyproject) return unconfigured(found.nearestPyproject);
  return { root: path.resolve(startDir), settings: {}, problems: [] };
}

/** What the search upward from one folder found: the configuration, or only the nearest pyproject.toml. */
export interface FolderSearch {
  configured?: ProjectConfig;
  nearestPyproject?: string;
}

/**
 * The search from `dir` upward, each folder's result kept in `searches`: the folders of one walk
 * share their parents' answers instead of reading every file up to the root again.
 */
function searchFrom(dir: string, searches: Map<string, FolderSearch>): FolderSearch {
  const known = searches.get(dir);
  if (known) return known;
  const result = searchFolder(dir, searches);
  searches.set(dir, result);
  return result;
}

function searchFolder(dir: string, searches: Map<string, FolderSearch>): FolderSearch {
  for (const name of STANDALONE_CONFIG_NAMES) {
    const standalone = path.join(dir, name);
    if (isFile(standalone)) return { configured: withExtends(readLayer(standalone, 'standalone')) };
  }
  const candidate = path.join(dir, 'pyproject.toml');
  let own: string | undefined;
  if (isFile(candidate)) {
    own = candidate;
    const loaded = readLayer(candidate, 'pyproject');
    if (loaded.configuresPyconv) return { configured: withExtends(loaded) };
  }
  const parent = path.dirname(dir);
  const above = parent === dir ? {} : searchFrom(parent, searches);
  return { configured: above.configured, nearestPyproject: own ?? above.nearestPyproject };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

interface ReadToml {
  data?: Record<string, unknown>;
  text: string;
  problem?: ConfigProblem;
}

function readToml(file: string): ReadToml {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { text: '', problem: { message: `Cannot read ${file}: ${errorMessage(error)}`, file } };
  }
  try {
    return { data: parseToml(text) as Record<string, unknown>, text };
  } catch (error) {
    return { text, problem: tomlProblem(error, file) };
  }
}

function tomlProblem(error: unknown, file: string): ConfigProblem {
  if (error instanceof TomlError) {
    const firstLine = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    const position = { line: Math.max(0, error.line - 1), character: Math.max(0, error.column - 1) };
    return {
      message: `Invalid TOML (line ${error.line}, column ${error.column}): ${firstLine}; pyconv uses its defaults`,
      file,
      range: { start: position, end: position },
    };
  }
  return { message: `Invalid TOML: ${errorMessage(error)}; pyconv uses its defaults`, file };
}

function loadExplicit(file: string): ProjectConfig {
  const root = path.dirname(file);
  if (!existsSync(file)) {
    return { root, settings: {}, problems: [{ message: `Configuration file not found: ${file}`, file }] };
  }
  return withExtends(readLayer(file, shapeOf(file)));
}

/** A pyproject.toml keeps its settings in `[tool.pyconv]`; any other TOML file at its top level. */
type ConfigShape = 'pyproject' | 'standalone';

function shapeOf(file: string): ConfigShape {
  return path.basename(file) === 'pyproject.toml' ? 'pyproject' : 'standalone';
}

/** One configuration file's own settings and problems, and the file it extends. */
interface ConfigLayer {
  file: string;
  /**
   * False for a pyproject.toml without `[tool.pyconv]` (the search goes on past it; named by
   * `--config` or `extend`, it is used all the same). A broken one that mentions `tool.pyconv`
   * configures pyconv, so that its problem is reported. A standalone file always does.
   */
  configuresPyconv: boolean;
  settings: PyconvSettings;
  problems: ConfigProblem[];
  extend?: { target: string; where: Where };
}

/** Reads one configuration file: its own settings, problems and `extend`. */
function readLayer(file: string, shape: ConfigShape): ConfigLayer {
  const standalone = shape === 'standalone';
  const read = readToml(file);
  if (!read.data) {
    const configuresPyconv = standalone || read.text.includes('tool.pyconv');
    return { file, configuresPyconv, settings: {}, problems: read.problem ? [read.problem] : [] };
  }
  const table = standalone ? read.data : getTable(read.data, TOOL_TABLE);
  const where: Where = { file, locations: locateTomlKeys(read.text), table: standalone ? [] : TOOL_TABLE };
  const problems: ConfigProblem[] = [];
  let raw: Record<string, unknown> = {};
  if (isTable(table)) raw = table;
  else if (table !== undefined) problems.push(problemAt(where, [], '`[tool.pyconv]` must be a table'));
  const { extend, ...rest } = raw;
  let target: string | undefined;
  if (typeof extend === 'string' && extend.trim() !== '') target = path.resolve(path.dirname(file), extend);
  else if (extend !== undefined)
    problems.push(problemAt(where, ['extend'], '`extend` must be the path of a TOML file'));
  const validated = validateSettings(rest, where);
  problems.push(...validated.problems);
  const settings = validated.settings;
  if (settings['target-version'] === undefined) {
    const derived = requiresPythonTarget(read.data, where, problems);
    if (derived) settings['target-version'] = derived;
  }
  const extendTarget = target ? { target, where } : undefined;
  return { file, configuresPyconv: table !== undefined, settings, problems, extend: extendTarget };
}

/**
 * Follows `extend` from `own` to the base files and merges them (see extend.ts). A missing file
 * or a cycle is reported at the `extend` key that names it, and the chain stops there; a broken
 * base contributes its problems and no settings.
 */
function withExtends(own: ConfigLayer): ProjectConfig {
  const root = path.dirname(own.file);
  const chain = [own];
  const problems = [...own.problems];
  for (let current = own; current.extend; ) {
    const { target, where } = current.extend;
    const visited = chain.map((layer) => layer.file);
    if (visited.includes(target)) {
      const cycle = [...visited, target].map((file) => path.relative(root, file) || path.basename(file));
      problems.push(
        problemAt(where, ['extend'], `\`extend\` makes a cycle (${cycle.join(' → ')}); the chain stops here`),
      );
      break;
    }
    if (!isFile(target)) {
      problems.push(problemAt(where, ['extend'], `\`extend\` names a file that does not exist: ${target}`));
      break;
    }
    current = readLayer(target, shapeOf(target));
    problems.push(...current.problems);
    chain.push(current);
  }
  const layers = chain.map((layer) => rebaseGlobs(layer.settings, path.dirname(layer.file), root)).reverse();
  const settings = layers.reduce((merged, layer) => mergeSettings(merged, layer), {});
  const configFiles = chain.map((layer) => layer.file);
  return {
    root,
    pyprojectPath: own.file,
    settings,
    problems,
    ...(layers.length > 1 ? { layers, configFiles } : { configFiles }),
  };
}

function unconfigured(pyproject: string): ProjectConfig {
  const read = readToml(pyproject);
  const settings: PyconvSettings = {};
  if (read.data) {
    const where: Where = { file: pyproject, locations: locateTomlKeys(read.text), table: TOOL_TABLE };
    const derived = requiresPythonTarget(read.data, where, []);
    if (derived) settings['target-version'] = derived;
  }
  return { root: path.dirname(pyproject), settings, problems: [] };
}

function requiresPythonTarget(
  data: Record<string, unknown>,
  where: Where,
  problems: ConfigProblem[],
): string | undefined {
  const spec = getTable(data, ['project', 'requires-python']);
  if (spec === undefined) return undefined;
  const version = typeof spec === 'string' ? minimumPython(spec) : undefined;
  if (!version) {
    const range = where.locations?.key(['project', 'requires-python'])?.range;
    problems.push({
      message: `Cannot read a Python version from \`requires-python = ${JSON.stringify(spec)}\`; using py${DEFAULT_TARGET_VERSION.join('')}`,
      file: where.file,
      range,
    });
    return undefined;
  }
  return `py${version[0]}${version[1]}`;
}

/**
 * The oldest Python a `requires-python` specifier allows, as Ruff reads it: the highest lower
 * bound (`>=`, `>`, `==`, `~=`, `===`), clamped to the versions pyconv knows.
 */
export function minimumPython(spec: string): PythonVersion | undefined {
  let lowest: number | undefined;
  for (const clause of spec.split(',')) {
    const match = /^\s*(>=|>|===|==|~=|\^|<=|<|!=)?\s*v?(\d+)(?:\.(\d+|\*))?/.exec(clause);
    if (!match) {
      if (clause.trim() === '') continue;
      return undefined;
    }
    const [, operator = '==', major, minor] = match;
    if (!['>=', '>', '==', '~=', '===', '^'].includes(operator)) continue;
    const minorNumber = minor === undefined || minor === '*' ? 0 : Number(minor);
    const value = Number(major) < 3 ? OLDEST_TARGET[1] : Number(major) > 3 ? NEWEST_TARGET[1] : minorNumber;
    lowest = Math.max(lowest ?? 0, value);
  }
  if (lowest === undefined) return undefined;
  return [3, Math.min(NEWEST_TARGET[1], Math.max(OLDEST_TARGET[1], lowest))];
}

function getTable(data: Record<string, unknown>, keys: readonly string[]): unknown {
  let current: unknown = data;
  for (const key of keys) {
    if (!isTable(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The selection keys of one settings layer; later layers win as Ruff's command line does. */
interface SelectionLayer {
  select?: readonly string[];
  extendSelect?: readonly string[];
  ignore?: readonly string[];
}

/**
 * Resolves layered selections (pyproject first, then editor or command line) like Ruff: a layer
 * with `select` starts over from its own selection (dropping earlier ignores too); a layer
 * without one adds its `extend-select` and removes its `ignore` from what came before, the more
 * specific selector winning inside the layer.
 */
export function resolveLayers(metas: readonly RuleMeta[], layers: readonly SelectionLayer[]): Set<string> {
  let enabled = resolveSelection(metas, layers[0] ?? {});
  for (const layer of layers.slice(1)) {
    if (layer.select) {
      enabled = resolveSelection(metas, layer);
      continue;
    }
    const added = resolveSelection(metas, {
      select: [],
      extendSelect: layer.extendSelect,
      ignore: layer.ignore,
    });
    const removed = resolveSelection(metas, { select: layer.ignore ?? [] });
    enabled = new Set([...[...enabled].filter((code) => !removed.has(code)), ...added]);
  }
  return enabled;
}

/** A Jupyter notebook, checked as one module of its code cells (see notebook/module.ts). */
export function isNotebookPath(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.ipynb');
}

/**
 * The rules off by default in notebooks (`RuleMeta.offInNotebooks`), less those a layer selects by
 * their full code: asked for by name, a rule runs in notebooks too.
 */
function notebookIgnores(layers: readonly SelectionLayer[]): string[] {
  const named = new Set(layers.flatMap((layer) => [...(layer.select ?? []), ...(layer.extendSelect ?? [])]));
  return allRuleMetas.filter((meta) => meta.offInNotebooks && !named.has(meta.code)).map((meta) => meta.code);
}

function selectionOf(settings: PyconvSettings): SelectionLayer {
  return { select: settings.select, extendSelect: settings['extend-select'], ignore: settings.ignore };
}

/**
 * The engine config and file facts for one file. `overrides` (editor settings or command-line
 * options, same shape as `[tool.pyconv]`) win over the pyproject's keys; option sub-tables merge
 * key by key.
 */
export function engineConfigFor(
  project: ProjectConfig,
  filePath: string | undefined,
  overrides?: PyconvSettings,
  memo?: EngineConfigMemo,
): FileConfig {
  const problems = [...project.problems];
  let override: PyconvSettings = {};
  if (overrides) {
    const validated = validatedOverrides(overrides);
    override = validated.settings;
    problems.push(...validated.problems);
  }
  const merged: PyconvSettings = { ...project.settings, ...override };
  const relative = filePath === undefined ? undefined : relativePath(project.root, filePath);

  const perFileIgnored =
    relative === undefined ? [] : perFileIgnores(merged['per-file-ignores'] ?? {}, relative);
  const configured = project.layers ?? [project.settings];
  const layers = [...configured.map(selectionOf), selectionOf(override)];
  const perFile =
    filePath !== undefined && isNotebookPath(filePath)
      ? [...perFileIgnored, ...notebookIgnores(layers)]
      : perFileIgnored;
  const build = (): BuiltConfig => {
    const enabled = resolveLayers(allRuleMetas, layers);
    const selected =
      perFile.length === 0
        ? enabled
        : resolveLayers(allRuleMetas, [{ select: [...enabled] }, { ignore: perFile }]);
    const optionProblems: ConfigProblem[] = [];
    const config = makeEngineConfig({
      enabled: selected,
      targetVersion: parseTargetVersion(merged['target-version'] ?? '') ?? DEFAULT_TARGET_VERSION,
      severities: severitiesFor(selected, merged.severity ?? {}),
      options: mergedOptions(project.settings, override, optionProblems),
    });
    return { config, optionProblems };
  };
  const { config, optionProblems } = memo ? memo.get(project, perFile, build) : build();
  for (const problem of optionProblems)
    if (!problems.some((p) => p.message === problem.message)) problems.push(problem);
  return {
    config,
    file: fileInfoFor(relative, filePath),
    excluded: relative !== undefined && isExcluded(relative, excludePatterns(merged)),
    problems,
    maxFileSize: merged['max-file-size'] ?? DEFAULT_MAX_FILE_SIZE,
  };
}

/**
 * The overrides validated, once per overrides object: a CLI run passes the same options for every
 * file, and validating them (every selector against the rule table) was a measurable part of a run.
 * The result is only read (spread and copied), never changed.
 */
const validatedByOverrides = new WeakMap<PyconvSettings, ReturnType<typeof validateSettings>>();

function validatedOverrides(overrides: PyconvSettings): ReturnType<typeof validateSettings> {
  let validated = validatedByOverrides.get(overrides);
  if (!validated) {
    validated = validateSettings(overrides, { table: [] });
    validatedByOverrides.set(overrides, validated);
  }
  return validated;
}

/** An engine config, with the problems its option sub-tables from the overrides had. */
interface BuiltConfig {
  config: EngineConfig;
  optionProblems: ConfigProblem[];
}

/**
 * Engine configs already built, by project and per-file ignores (the only per-file input): a run
 * over thousands of files builds a handful. Kept by a `ConfigCache`, which drops it when its
 * overrides change; a project reloaded from disk is a new object, so its old configs are not reused.
 */
export class EngineConfigMemo {
  private readonly byProject = new WeakMap<ProjectConfig, Map<string, BuiltConfig>>();

  get(project: ProjectConfig, perFile: readonly string[], build: () => BuiltConfig): BuiltConfig {
    let configs = this.byProject.get(project);
    if (!configs) {
      configs = new Map();
      this.byProject.set(project, configs);
    }
    const key = perFile.join(',');
    let config = configs.get(key);
    if (!config) {
      config = build();
      configs.set(key, config);
    }
    return config;
  }
}

/** Severity per enabled code: the longest matching code or prefix in the map wins (`ALL` is shortest). */
function severitiesFor(
  enabled: ReadonlySet<string>,
  map: Record<string, Severity>,
): Record<string, Severity> {
  const result: Record<string, Severity> = {};
  const entries = Object.entries(map);
  if (entries.length === 0) return result;
  for (const code of enabled) {
    let best = -1;
    for (const [selector, severity] of entries) {
      const length = selector === 'ALL' ? 0 : code.startsWith(selector) ? selector.length : -1;
      if (length > best) {
        best = length;
        result[code] = severity;
      }
    }
  }
  return result;
}

function mergedOptions(
  project: PyconvSettings,
  override: PyconvSettings,
  problems: ConfigProblem[],
): Record<string, Record<string, unknown>> {
  const options: Record<string, Record<string, unknown>> = {};
  for (const section of allOptionSections) {
    const fromProject = isTable(project[section.name])
      ? (project[section.name] as Record<string, unknown>)
      : {};
    const fromEditor = isTable(override[section.name])
      ? (override[section.name] as Record<string, unknown>)
      : {};
    const validated = safeValidate(section, { ...fromProject, ...fromEditor });
    options[section.name] = validated.value;
    // The pyproject's own problems were reported when it was loaded; report only what the editor adds.
    if (Object.keys(fromEditor).length === 0) continue;
    for (const message of validated.problems) {
      if (!problems.some((p) => p.message === message))
        problems.push({ message: `${message} (editor settings)` });
    }
  }
  return options;
}

/**
 * `filesystemFirst`: the editor's keys that the configuration files leave unset; in a table both
 * set (rule options, `per-file-ignores`, `severity`), the editor's entries the files leave unset.
 */
export function editorKeysNotInFiles(editor: PyconvSettings, files: PyconvSettings): PyconvSettings {
  const result: PyconvSettings = {};
  for (const [key, value] of Object.entries(editor)) {
    const fromFiles = files[key];
    if (fromFiles === undefined) result[key] = value;
    else if (isTable(value) && isTable(fromFiles)) result[key] = { ...value, ...fromFiles };
  }
  return result;
}

/** Which wins where overrides (editor settings) and configuration files both set a key (see lsp/client-settings.ts). */
export type OverridePreference = 'editorFirst' | 'filesystemFirst' | 'editorOnly';

export interface ConfigCacheOptions {
  /** `--config`: one file configures everything. */
  explicitConfig?: string;
  /** Editor settings or command-line options; they win over pyproject.toml. */
  overrides?: PyconvSettings;
  /**
   * The project roots for files that no configuration file or pyproject.toml governs: the CLI's
   * working folder, the editor's workspace folders (the innermost that holds a file wins). Their
   * module paths (private modules, the own package, N999) and relative paths then start there, the
   * same for `pyconv check` run in a workspace folder, the server's workspace diagnostics and its
   * open documents; a file outside all of them is rooted at its own folder.
   */
  fallbackRoots?: readonly string[];
  /** How `overrides` meet the files (default `editorFirst`: the overrides win), as the server's open documents read them. */
  preference?: OverridePreference;
}

/**
 * Project configs by folder, so that each pyproject.toml is read once. The server calls
 * `invalidate(pyprojectPath)` when a pyproject.toml changes (or `invalidate()` for all).
 */
export class ConfigCache {
  private readonly projects = new Map<string, ProjectConfig>();
  private overrides: PyconvSettings | undefined;
  /** The overrides' valid keys, for exclusion checks during a walk (problems come with forFile). */
  private validOverrides: PyconvSettings = {};
  private configMemo = new EngineConfigMemo();
  private readonly bareProjects = new WeakMap<ProjectConfig, ProjectConfig>();
  /** The configuration search by folder (see `findProjectConfig`); dropped with the configs. */
  private readonly searches = new Map<string, FolderSearch>();

  /** `fallbackRoots`, resolved, the innermost first. */
  private fallbackRoots: string[] = [];

  constructor(private readonly options: ConfigCacheOptions = {}) {
    this.setOverrides(options.overrides);
    this.setFallbackRoots(options.fallbackRoots ?? []);
  }

  /** The server's workspace folders changed: the configurations found so far may root files elsewhere. */
  setFallbackRoots(roots: readonly string[]): void {
    this.fallbackRoots = roots.map((root) => path.resolve(root)).sort((a, b) => b.length - a.length);
    this.invalidate();
  }

  /** The project config that applies to files in `dir`. */
  projectFor(dir: string): ProjectConfig {
    const key = path.resolve(dir);
    let project = this.projects.get(key);
    if (!project) {
      const found = this.withFallbackRoot(
        findProjectConfig(key, this.options.explicitConfig, this.searches),
        key,
      );
      // Folders configured by the same file share one object, so its problems are reported once.
      project = this.sameFile(found) ?? found;
      this.projects.set(key, project);
    }
    return project;
  }

  /** Without any pyproject.toml, a file's folder is its root, unless a fallback root holds it (the innermost). */
  private withFallbackRoot(found: ProjectConfig, dir: string): ProjectConfig {
    if (this.fallbackRoots.length === 0 || found.pyprojectPath || found.root !== dir) return found;
    if (isFile(path.join(dir, 'pyproject.toml'))) return found;
    const fallback = this.fallbackRoots.find((root) => dir === root || dir.startsWith(root + path.sep));
    return fallback ? { ...found, root: fallback } : found;
  }

  private sameFile(found: ProjectConfig): ProjectConfig | undefined {
    if (!found.pyprojectPath) return undefined;
    for (const project of this.projects.values()) {
      if (project.pyprojectPath === found.pyprojectPath && project.root === found.root) return project;
    }
    return undefined;
  }

  forFile(filePath: string): FileConfig {
    const absolute = path.resolve(filePath);
    const project = this.withPreference(this.projectFor(path.dirname(absolute)));
    const overrides =
      this.options.preference === 'filesystemFirst' && this.overrides
        ? editorKeysNotInFiles(this.overrides, project.settings)
        : this.overrides;
    return engineConfigFor(project, absolute, overrides, this.configMemo);
  }

  /** `editorOnly`: the files are not read for settings, their folder still roots relative paths (one object per project, for the memo). */
  private withPreference(found: ProjectConfig): ProjectConfig {
    if (this.options.preference !== 'editorOnly') return found;
    let bare = this.bareProjects.get(found);
    if (!bare) {
      bare = { root: found.root, settings: {}, problems: [] };
      this.bareProjects.set(found, bare);
    }
    return bare;
  }

  setOverrides(overrides: PyconvSettings | undefined): void {
    this.overrides = overrides;
    this.configMemo = new EngineConfigMemo();
    this.validOverrides = overrides ? validateSettings(overrides, { table: [] }).settings : {};
  }

  /**
   * Whether `exclude`/`extend-exclude` of the configuration that applies where `target` lies
   * (a file or a folder) excludes it; cheap enough to call for every entry of a directory walk.
   */
  isExcluded(target: string): boolean {
    const absolute = path.resolve(target);
    const project = this.withPreference(this.projectFor(path.dirname(absolute)));
    const merged: PyconvSettings =
      this.options.preference === 'filesystemFirst'
        ? { ...this.validOverrides, ...project.settings }
        : { ...project.settings, ...this.validOverrides };
    return isExcluded(relativePath(project.root, absolute), excludePatterns(merged));
  }

  /** The least severe finding that fails a CLI run for `file` (`fail-on`, default `hint`: any finding). */
  failOnFor(file: string): Severity {
    const project = this.projectFor(path.dirname(path.resolve(file)));
    return this.validOverrides['fail-on'] ?? project.settings['fail-on'] ?? 'hint';
  }

  /** Every problem of the configurations loaded so far, each once. */
  loadedProblems(): ConfigProblem[] {
    const seen = new Set<ProjectConfig>();
    const problems: ConfigProblem[] = [];
    for (const project of this.projects.values()) {
      if (seen.has(project)) continue;
      seen.add(project);
      problems.push(...project.problems);
    }
    return problems;
  }

  /**
   * Whether a change to `file` can change a configuration: a file the search finds by its name,
   * or one that a loaded configuration extends.
   */
  isConfigFile(file: string): boolean {
    const absolute = path.resolve(file);
    if (isConfigFileName(absolute)) return true;
    for (const project of this.projects.values()) if (project.configFiles?.includes(absolute)) return true;
    return false;
  }

  /**
   * Forgets configs that a change to `configPath` may affect (its folder and below, and every
   * configuration that reads it through `extend`), or all.
   */
  invalidate(configPath?: string): void {
    // Cheap to redo, and a new or changed file anywhere above can change any folder's search.
    this.searches.clear();
    if (!configPath) {
      this.projects.clear();
      return;
    }
    const changed = path.resolve(configPath);
    const dir = path.dirname(changed);
    for (const [key, project] of this.projects) {
      const inside = key === dir || key.startsWith(dir + path.sep);
      if (inside || project.pyprojectPath === changed || project.configFiles?.includes(changed))
        this.projects.delete(key);
    }
  }
}
