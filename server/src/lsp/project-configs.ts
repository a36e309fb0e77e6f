import path from 'node:path';
import { ConfigCache, editorKeysNotInFiles, engineConfigFor } from '../project/config';
import type { ConfigProblem, FileConfig, ProjectConfig, PyconvSettings } from '../project/settings';
import type { ConfigurationPreference } from './client-settings';

export { editorKeysNotInFiles } from '../project/config';

/** What the server needs to analyse one document. */
export interface DocumentConfig {
  fileConfig: FileConfig;
  project: ProjectConfig;
  /** Project and file problems together, without duplicates. */
  problems: ConfigProblem[];
}

/**
 * Project configurations by folder, so that typing does not read pyproject.toml again; cleared
 * when a pyproject.toml changes. A failure of the workspace layer becomes a problem, never a crash.
 */
export class ProjectConfigs {
  private readonly cache = new ConfigCache();
  /** Changes whenever anything cached is dropped; part of the documents' analysis tags. */
  generation = 0;

  forFile(
    filePath: string | undefined,
    fallbackFolder: string,
    overrides: PyconvSettings,
    preference: ConfigurationPreference = 'editorFirst',
  ): DocumentConfig {
    const folder = filePath ? path.dirname(filePath) : fallbackFolder;
    const found = this.loadProject(folder);
    // editorOnly: the files are not read for settings; their folder still roots relative paths.
    const project = preference === 'editorOnly' ? { root: found.root, settings: {}, problems: [] } : found;
    const editor =
      preference === 'filesystemFirst' ? editorKeysNotInFiles(overrides, project.settings) : overrides;
    const fileConfig = configForFile(project, filePath, editor);
    return { fileConfig, project, problems: dedupeProblems([...project.problems, ...fileConfig.problems]) };
  }

  /** The workspace folders, which root the files no configuration governs (see ConfigCacheOptions.fallbackRoots). */
  setFolders(folders: readonly string[]): void {
    this.cache.setFallbackRoots(folders);
    this.generation++;
  }

  /** Whether a change to `file` concerns a configuration (see ConfigCache.isConfigFile); never a non-file URI. */
  isConfigFile(file: string | undefined): boolean {
    return file !== undefined && this.cache.isConfigFile(file);
  }

  /** Forgets what a change of `pyprojectPath` may affect (or everything). */
  invalidate(pyprojectPath?: string): void {
    this.cache.invalidate(pyprojectPath);
    this.generation++;
  }

  private loadProject(folder: string): ProjectConfig {
    try {
      return this.cache.projectFor(folder);
    } catch (error) {
      return {
        root: folder,
        settings: {},
        problems: [{ message: `Could not read the configuration: ${describe(error)}` }],
      };
    }
  }
}

function configForFile(
  project: ProjectConfig,
  filePath: string | undefined,
  overrides: PyconvSettings,
): FileConfig {
  try {
    return engineConfigFor(project, filePath, overrides);
  } catch (error) {
    // Defaults apply; the problem is shown like any other configuration problem.
    const fallback = engineConfigFor({ root: project.root, settings: {}, problems: [] }, filePath, {});
    return {
      ...fallback,
      problems: [{ message: `Invalid configuration: ${describe(error)}`, file: project.pyprojectPath }],
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dedupeProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.file, problem.range, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
