/** The language server started as an editor starts it, for the tools that time it over the protocol. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

/**
 * `node <serverPath> --stdio` in `workspace`, and a JSON-RPC connection to it (not listening yet).
 * SERVER_NODE_ARGS passes node flags to the server: e.g. `--cpu-prof` to see where time went.
 */
export function spawnServer(
  serverPath: string,
  workspace: string,
): { child: ChildProcess; connection: MessageConnection } {
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { cwd: workspace });
  child.stderr?.resume();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  return { child, connection };
}

/**
 * Resolves once the process has been idle for `quietMs`: under 50 ms of CPU in that time (a timer or
 * an idle garbage collection costs a few milliseconds, an analysis slice more). A large file's
 * opening analysis runs its file rules for a second without publishing anything.
 */
export async function processIdle(child: ChildProcess, quietMs: number): Promise<void> {
  for (let before = cpuMs(child); ; ) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = cpuMs(child);
    if (now - before < 50) return;
    before = now;
  }
}

/** CPU time (user + system) the process has used so far, in ms (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
