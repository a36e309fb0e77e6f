import { type FSWatcher, watch } from 'node:fs';

const SETTLE_MS = 100;

/**
 * For clients that cannot register file watchers (Neovim before 0.9, for one): watches the
 * pyproject.toml files that configure open documents, and reports a change once it settles.
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
