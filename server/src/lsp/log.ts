import type { Connection } from 'vscode-languageserver';
import type { LogLevel } from './client-settings';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * The server's log (`window/logMessage`, the editor's output channel), filtered by
 * `pyconv.logLevel`: what started, which configuration files apply, what is wrong with them.
 */
export class ServerLog {
  constructor(
    private readonly connection: Connection,
    /** The workspace's `pyconv.logLevel`, read at each message (settings arrive after start). */
    private readonly level: () => LogLevel,
  ) {}

  error(message: string): void {
    this.connection.console.error(`pyconv: ${message}`);
  }

  warn(message: string): void {
    if (this.enabled('warn')) this.connection.console.warn(`pyconv: ${message}`);
  }

  info(message: string): void {
    if (this.enabled('info')) this.connection.console.info(`pyconv: ${message}`);
  }

  debug(message: string): void {
    if (this.enabled('debug')) this.connection.console.log(`pyconv: ${message}`);
  }

  private enabled(level: LogLevel): boolean {
    return RANK[level] <= RANK[this.level()];
  }
}
