import type { PyconvSettings } from '../project/settings';
import { allOptionSections } from '../rules/registry';

/** Editor settings (section `pyconv`), normalised: the editor-only keys, and the rest shaped like `[tool.pyconv]`. */
export interface ClientSettings {
  enable: boolean;
  /** Delay between the last change and the pushed diagnostics; 0 analyses at once. */
  debounceMs: number;
  unsafeFixes: boolean;
  /** Publish syntax errors (E999); off for editors whose Python support shows them already. */
  showSyntaxErrors: boolean;
  /** Time budget of one analysis of one file (ms); past it the diagnostics are partial and it continues in steps. */
  timeBudgetMs: number;
  /** `docstring.style` for the docstring completion (google, numpy, sphinx). */
  docstringStyle?: string;
  /** When findings are computed: as the text changes, or on open and save only. */
  run: RunTrigger;
  /** Which wins where editor settings and configuration files both set a key. */
  configurationPreference: ConfigurationPreference;
  /** The least severe server log message written to the output (`window/logMessage`). */
  logLevel: LogLevel;
  /** Which files get findings: the open ones, or every file of the workspace folders (workspace-diagnostics.ts). */
  diagnosticsScope: DiagnosticsScope;
  /** Passed to the workspace layer as overrides of pyproject.toml. */
  overrides: PyconvSettings;
}

export const RUN_TRIGGERS = ['onType', 'onSave'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
/**
 * `editorFirst`: editor settings over the configuration files; `filesystemFirst`: the files' keys
 * over the editor's; `editorOnly`: the configuration files are not read.
 */
export const CONFIGURATION_PREFERENCES = ['editorFirst', 'filesystemFirst', 'editorOnly'] as const;
export type ConfigurationPreference = (typeof CONFIGURATION_PREFERENCES)[number];
export const DIAGNOSTICS_SCOPES = ['openFiles', 'workspace'] as const;
export type DiagnosticsScope = (typeof DIAGNOSTICS_SCOPES)[number];
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_DEBOUNCE_MS = 75;
export const DEFAULT_TIME_BUDGET_MS = 3000;

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  enable: true,
  debounceMs: DEFAULT_DEBOUNCE_MS,
  unsafeFixes: false,
  showSyntaxErrors: true,
  timeBudgetMs: DEFAULT_TIME_BUDGET_MS,
  run: 'onType',
  configurationPreference: 'editorFirst',
  logLevel: 'info',
  diagnosticsScope: 'openFiles',
  overrides: {},
};

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((known) => known === value);
}

/** Editors spell some keys in camelCase; the config layer wants Ruff's kebab-case. */
const KEY_ALIASES: Record<string, string> = {
  extendSelect: 'extend-select',
  perFileIgnores: 'per-file-ignores',
  extendExclude: 'extend-exclude',
  targetVersion: 'target-version',
  maxFileSize: 'max-file-size',
};

const LIST_KEYS = new Set(['select', 'extend-select', 'ignore', 'exclude', 'extend-exclude']);
const PLAIN_KEYS = new Set(['per-file-ignores', 'target-version', 'severity', 'max-file-size']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a raw `pyconv` settings object (from `workspace/configuration`, `didChangeConfiguration` or
 * initializationOptions) over a base. Unknown keys are dropped (editors send their own, such as
 * `trace`); empty lists and nulls mean "not set", because editors send declared defaults.
 */
export function parseClientSettings(
  raw: unknown,
  base: ClientSettings = DEFAULT_CLIENT_SETTINGS,
): ClientSettings {
  if (!isRecord(raw)) return base;
  const result: ClientSettings = { ...base, overrides: { ...base.overrides } };
  if (typeof raw.enable === 'boolean') result.enable = raw.enable;
  if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) {
    result.debounceMs = raw.debounceMs;
  }
  if (typeof raw.unsafeFixes === 'boolean') result.unsafeFixes = raw.unsafeFixes;
  if (typeof raw.showSyntaxErrors === 'boolean') result.showSyntaxErrors = raw.showSyntaxErrors;
  if (typeof raw.timeBudgetMs === 'number' && Number.isFinite(raw.timeBudgetMs) && raw.timeBudgetMs > 0) {
    result.timeBudgetMs = raw.timeBudgetMs;
  }
  result.run = oneOf(RUN_TRIGGERS, raw.run) ?? result.run;
  result.configurationPreference =
    oneOf(CONFIGURATION_PREFERENCES, raw.configurationPreference) ?? result.configurationPreference;
  result.logLevel = oneOf(LOG_LEVELS, raw.logLevel) ?? result.logLevel;
  result.diagnosticsScope = oneOf(DIAGNOSTICS_SCOPES, raw.diagnosticsScope) ?? result.diagnosticsScope;
  const docstring = raw.docstring;
  if (isRecord(docstring) && typeof docstring.style === 'string') result.docstringStyle = docstring.style;
  else if (typeof raw['docstring.style'] === 'string') result.docstringStyle = raw['docstring.style'];

  const sections = new Set(allOptionSections.map((section) => section.name));
  for (const [rawKey, value] of Object.entries(raw)) {
    const key = KEY_ALIASES[rawKey] ?? rawKey;
    if (value === null || value === undefined) continue;
    if (LIST_KEYS.has(key)) {
      // A wrong type is passed on, for the config layer to report.
      if (!Array.isArray(value) || value.length > 0) result.overrides[key] = value;
    } else if (PLAIN_KEYS.has(key)) {
      if (!(isRecord(value) && Object.keys(value).length === 0)) result.overrides[key] = value;
    } else if (sections.has(key) && isRecord(value)) {
      // VS Code sends a section's declared defaults (`docstring: { style: null }`): null is unset.
      const set = Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined);
      if (set.length > 0) result.overrides[key] = Object.fromEntries(set);
    }
  }
  return result;
}

/** The `pyconv` part of a `didChangeConfiguration` payload (`{ settings: { pyconv: {...} } }`), if any. */
export function pyconvSection(settings: unknown): unknown {
  if (!isRecord(settings)) return undefined;
  return settings.pyconv;
}

/**
 * Editor settings per workspace folder (`workspace/configuration` with a `scopeUri`), and for the
 * whole workspace; a document takes those of the innermost folder holding it.
 */
export class WorkspaceSettings {
  private global: ClientSettings;
  private readonly byFolder = new Map<string, ClientSettings>();
  private folders: string[] = [];

  constructor(private initial: ClientSettings) {
    this.global = initial;
  }

  /** Settings from initializationOptions: the base every answer is read over. */
  setInitial(initial: ClientSettings): void {
    this.initial = initial;
    this.global = initial;
    this.byFolder.clear();
  }

  setFolders(uris: readonly string[]): void {
    this.folders = [...new Set(uris.map((uri) => uri.replace(/\/+$/, '')))];
    for (const folder of [...this.byFolder.keys()])
      if (!this.folders.includes(folder)) this.byFolder.delete(folder);
  }

  /** The items of one `workspace/configuration` request: the workspace, then each folder. */
  requestItems(): Array<{ section: string; scopeUri?: string }> {
    return [{ section: 'pyconv' }, ...this.folders.map((scopeUri) => ({ section: 'pyconv', scopeUri }))];
  }

  /** Reads the answer to `requestItems()`, in the same order. */
  applyAnswer(answer: readonly unknown[]): void {
    this.global = parseClientSettings(answer[0], this.initial);
    this.byFolder.clear();
    this.folders.forEach((folder, i) => {
      if (i + 1 < answer.length) this.byFolder.set(folder, parseClientSettings(answer[i + 1], this.initial));
    });
  }

  /** Settings pushed with `didChangeConfiguration` by clients that cannot be asked: one set for all. */
  applyPushed(raw: unknown): void {
    this.global = parseClientSettings(raw, this.initial);
    this.byFolder.clear();
  }

  workspaceWide(): ClientSettings {
    return this.global;
  }

  for(uri: string): ClientSettings {
    let best: string | undefined;
    for (const folder of this.byFolder.keys()) {
      if (uri.startsWith(`${folder}/`) && (!best || folder.length > best.length)) best = folder;
    }
    return (best && this.byFolder.get(best)) || this.global;
  }
}
