import { type FSWatcher, watch } from 'node:fs';

const SETTLE_MS = 100;

/**
 * What the server asks the client to watch: every TOML file, because `extend` may name a file of
 * any name; the server keeps the changes that concern a configuration (`isConfigFile`: a
 * pyproject.toml, `pyconv.toml`, `.pyconv.toml`, or a file a loaded configuration extends).
 */
export const CONFIG_WATCH_GLOBS: readonly string[] = ['**/*.toml'];

/**
 * For clients that cannot register file watchers (Neovim before 0.9, for one): watches the
 * configuration files (with those they extend) of open documents, and reports a change once it settles.
 */
export class PyprojectWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly changed: (file: string) => void) {}

  watch(file: string): void {
    if (this.watchers.has(file)) return;
    try {
      const watcher = watch(file, { persistent: false }, () => this.settle(file));
      watcher.on('error', () => this.forget(file));
      this.watchers.set(file, watcher);
    } catch {
      // A file that cannot be watched is read again only when something else invalidates it.
    }
  }

  dispose(): void {
    for (const file of [...this.watchers.keys()]) this.forget(file);
  }

  private settle(file: string): void {
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        // Editors often replace the file (rename over it): watch the new one.
        this.forget(file);
        this.watch(file);
        this.changed(file);
      }, SETTLE_MS),
    );
  }

  private forget(file: string): void {
    this.watchers.get(file)?.close();
    this.watchers.delete(file);
    clearTimeout(this.timers.get(file));
    this.timers.delete(file);
  }
}
