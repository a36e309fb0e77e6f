/**
 * The contract between the workspace layer (pyproject.toml discovery, editor settings) and its
 * users (LSP server, CLI). Implemented in project/config.ts.
 */
import type { EngineConfig, FileInfo, Range, Severity } from '../engine/types';

/** `[tool.pyconv]` as the user writes it, keys shaped like Ruff's. Editor settings use the same shape. */
export interface PyconvSettings {
  select?: string[];
  'extend-select'?: string[];
  ignore?: string[];
  'per-file-ignores'?: Record<string, string[]>;
  exclude?: string[];
  'extend-exclude'?: string[];
  'target-version'?: string;
  /** Severity per code or prefix, e.g. `{ N = "warning", E722 = "error" }`. */
  severity?: Record<string, Severity>;
  /** Files larger than this many bytes are skipped with one message. */
  'max-file-size'?: number;
  /** The CLI's exit status: the least severe finding that fails a run (default `hint`: any finding). */
  'fail-on'?: Severity;
  /** The CLI's cache folder, relative to the configuring file's folder (default `.pyconv_cache` there). */
  'cache-dir'?: string;
  /** Source roots for module names (the project index, cross-file renames), relative to the configuring file's folder; default the root and `src/`. */
  src?: string[];
  /** Rule option sub-tables, e.g. `pep8-naming`, `isort`, `pydocstyle`, `docstring`. */
  [section: string]: unknown;
}

/** A problem in configuration: shown as a diagnostic on the file and as a message; defaults apply. */
export interface ConfigProblem {
  message: string;
  /** The file the problem is in (a pyproject.toml), when there is one. */
  file?: string;
  range?: Range;
}

export interface ProjectConfig {
  /** The folder holding the file that configured pyconv, or the start folder. */
  root: string;
  /** The file that configured pyconv: a pyproject.toml, `pyconv.toml` or `.pyconv.toml`. */
  pyprojectPath?: string;
  /** The settings of the whole `extend` chain merged, the configuring file's keys winning. */
  settings: PyconvSettings;
  /**
   * With `extend`: each file's own settings, the base first, for the rule selection (resolved layer
   * by layer, as Ruff does); globs already relative to `root`.
   */
  layers?: PyconvSettings[];
  /** Every file read for this configuration (the configuring file, then what it extends). */
  configFiles?: string[];
  problems: ConfigProblem[];
}

export interface FileConfig {
  config: EngineConfig;
  file: FileInfo;
  /** Matched `exclude`/`extend-exclude` (or .gitignore, for the CLI's walk). */
  excluded: boolean;
  problems: ConfigProblem[];
  /** Files larger than this many bytes are skipped (`max-file-size`, default 1 MiB). */
  maxFileSize?: number;
}
