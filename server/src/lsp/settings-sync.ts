import type { Connection, InitializeParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features';
import {
  type ClientSettings,
  DEFAULT_CLIENT_SETTINGS,
  pyconvSection,
  WorkspaceSettings,
} from './client-settings';
import type { ConfigProblemReporter } from './config-problems';
import type { DocumentStore, OpenDocument } from './documents';
import { describe } from './guards';
import type { ServerLog } from './log';
import { type DocumentConfig, ProjectConfigs } from './project-configs';
import { fsPathOf } from './uris';

/** A client that never answers `workspace/configuration` must not hold diagnostics back longer than this. */
const SETTINGS_TIMEOUT_MS = 2000;

export interface SettingsHooks {
  /** The configuration of some documents may have changed: analyse them again. */
  configurationChanged(): void;
  /** A configuration file to watch when the client cannot watch it for us. */
  watch(file: string): void;
}

/**
 * Which configuration applies to a document: the editor settings (asked of the client, with a
 * timeout) over pyproject.toml, cached per document until either changes; problems reported once.
 */
export class SettingsSync {
  private readonly settings = new WorkspaceSettings(DEFAULT_CLIENT_SETTINGS);
  private readonly configs = new ProjectConfigs();
  private readonly documentConfigs = new Map<string, { key: string; config: DocumentConfig }>();
  private features?: ClientFeatures;
  private documents?: DocumentStore;
  private folders: string[] = [];
  private fallbackFolder = process.cwd();
  private rootUri: string | undefined;
  private generation = 0;
  /** Settles when the client's settings have arrived, or after SETTINGS_TIMEOUT_MS. */
  ready: Promise<void> = Promise.resolve();

  /** Configurations already logged, by folder and file: each is logged once until it changes. */
  private readonly loggedConfigs = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly problems: ConfigProblemReporter,
    private readonly log: ServerLog,
    private readonly hooks: SettingsHooks,
  ) {}

  initialize(initial: ClientSettings, params: InitializeParams, features: ClientFeatures): void {
    this.features = features;
    this.settings.setInitial(initial);
    this.folders = params.workspaceFolders?.map((folder) => folder.uri) ?? [];
    this.settings.setFolders(this.folders);
    this.rootUri = params.rootUri ?? undefined;
    this.configs.setFolders(this.folderPaths());
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.fallbackFolder = (folder && fsPathOf(folder)) ?? params.rootPath ?? process.cwd();
  }

  setDocuments(documents: DocumentStore): void {
    this.documents = documents;
  }

  clientSettings(uri: string): ClientSettings {
    return this.settings.for(uri);
  }

  /** The workspace folders' URIs (the root's when the client named no folders). */
  folderUris(): readonly string[] {
    return this.folders.length > 0 || !this.rootUri ? this.folders : [this.rootUri];
  }

  /** The settings of the whole workspace (no folder's): `logLevel`, for one. */
  workspaceSettings(): ClientSettings {
    return this.settings.workspaceWide();
  }

  /** Changes whenever the project configuration or the editor settings change. */
  configKey(): string {
    return `${this.configs.generation}:${this.generation}`;
  }

  configFor(document: OpenDocument): DocumentConfig {
    const key = this.configKey();
    const cached = this.documentConfigs.get(document.uri);
    if (cached?.key === key) return cached.config;
    const { overrides, configurationPreference } = this.settings.for(document.uri);
    const config = this.configs.forFile(
      fsPathOf(document.uri),
      this.fallbackFolder,
      overrides,
      configurationPreference,
    );
    this.documentConfigs.set(document.uri, { key, config });
    this.logConfig(config, configurationPreference);
    for (const file of config.project.configFiles ?? []) this.hooks.watch(file);
    for (const problem of config.problems) if (problem.file) this.hooks.watch(problem.file);
    this.problems.report(config.problems);
    return config;
  }

  /** Which configuration file a folder's documents read, once per folder and file. */
  private logConfig(config: DocumentConfig, preference: string): void {
    const { root, pyprojectPath } = config.project;
    const key = `${root}|${pyprojectPath ?? ''}|${preference}`;
    if (this.loggedConfigs.has(key)) return;
    this.loggedConfigs.add(key);
    if (preference === 'editorOnly')
      this.log.info(`${root}: configuration files not read (pyconv.configurationPreference: editorOnly)`);
    else if (pyprojectPath)
      this.log.info(
        `${root}: configuration from ${pyprojectPath} (pyconv.configurationPreference: ${preference})`,
      );
    else this.log.info(`${root}: no configuration file found; the defaults and editor settings apply`);
  }

  forget(uri: string): void {
    this.documentConfigs.delete(uri);
  }

  /** Asks the client for the `pyconv` section when it can answer; documents wait for the answer. */
  refresh(): void {
    if (!this.features?.configurationRequests) return;
    const answer = this.connection.workspace
      .getConfiguration(this.settings.requestItems())
      .then((raw: unknown[]) => {
        this.settings.applyAnswer(raw);
        this.applied();
      })
      .catch((error) => this.log.error(`could not read settings: ${describe(error)}`));
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SETTINGS_TIMEOUT_MS);
    });
    this.ready = Promise.race([answer, patience]).finally(() => clearTimeout(timer));
  }

  /** `workspace/didChangeConfiguration`: ask again, or take the pushed settings from clients that cannot be asked. */
  pushed(raw: unknown): void {
    if (this.features?.configurationRequests) {
      this.refresh();
      return;
    }
    this.settings.applyPushed(pyconvSection(raw) ?? {});
    this.applied();
  }

  foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    this.folders = [
      ...this.folders.filter((uri) => !event.removed.some((removed) => removed.uri === uri)),
      ...event.added.map((added) => added.uri),
    ];
    this.settings.setFolders(this.folders);
    this.configs.setFolders(this.folderPaths());
    this.refresh();
  }

  private folderPaths(): string[] {
    return this.folderUris().flatMap((uri) => fsPathOf(uri) ?? []);
  }

  /** `workspace/didChangeWatchedFiles`: the changes that concern a configuration (see ConfigCache.isConfigFile). */
  watchedFilesChanged(uris: readonly string[]): void {
    this.pyprojectsChanged(uris.map(fsPathOf).filter((file) => this.configs.isConfigFile(file)));
  }

  /** Some configuration files changed (an undefined path: one we cannot name, so all of them). */
  pyprojectsChanged(paths: ReadonlyArray<string | undefined>): void {
    if (paths.length === 0) return;
    for (const file of paths) {
      this.log.info(`${file ?? 'a configuration file'} changed: reading the configuration again`);
      this.configs.invalidate(file);
    }
    this.loggedConfigs.clear();
    this.reanalyzeAll();
  }

  private applied(): void {
    this.generation++;
    this.log.debug(`editor settings: ${JSON.stringify(this.settings.workspaceWide())}`);
    this.reanalyzeAll();
  }

  /** New configs (and their problems) for every open document, then new diagnostics. */
  private reanalyzeAll(): void {
    if (!this.documents) return;
    this.documentConfigs.clear();
    const stillBroken = new Set<string>();
    for (const document of this.documents.all()) {
      for (const problem of this.configFor(document).problems)
        if (problem.file) stillBroken.add(problem.file);
    }
    this.problems.clearFixed(stillBroken);
    this.hooks.configurationChanged();
  }
}
