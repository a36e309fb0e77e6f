/** The language server started as an editor starts it, for the tools that time it over the protocol. */
import { type ChildProcess, spawn } from 'node:child_process';
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
