import { inspect } from 'node:util';
import { type Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { fitHeapToUse } from './idle-gc';
import { IncomingMessages, StdioMessageReader } from './message-reader';
import { StdioMessageWriter } from './message-writer';
import { PyconvServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const STDIN_FD = 0;

function main(): void {
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(`${t}=`)))) {
    process.stderr.write('Usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
    process.exit(2);
  }
  fitHeapToUse();
  const incoming = process.argv.includes('--stdio') ? new IncomingMessages() : undefined;
  const connection = incoming ? stdioConnection(incoming) : createConnection(ProposedFeatures.all);
  // The server keeps serving after a bug: log it (stderr is not the protocol channel) and go on.
  process.on('uncaughtException', (error) =>
    connection.console.error(`pyconv: uncaught: ${error.stack ?? error}`),
  );
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`pyconv: unhandled rejection: ${String(reason)}`),
  );
  new PyconvServer(connection, incoming).listen();
}

/**
 * Over stdio with our own reader and writer (see message-reader.ts, message-writer.ts).
 * vscode-languageserver then no longer exits when stdin ends, nor turns `console` output into log
 * messages itself (stdout is the protocol channel): both done here.
 */
function stdioConnection(incoming: IncomingMessages): Connection {
  const reader = new StdioMessageReader(process.stdin, incoming, STDIN_FD);
  const connection = createConnection(ProposedFeatures.all, reader, new StdioMessageWriter(process.stdout), {
    messageStrategy: incoming.strategy,
  });
  // As vscode-languageserver does for a stream: the client is gone; exit code 0 after `shutdown`.
  const exit = () => process.exit(reader.shutdownRead ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const text = (args: unknown[]) =>
    args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.trace = (...args: unknown[]) => connection.console.log(`${text(args)}\n${new Error().stack ?? ''}`);
  console.dir = (arg: unknown) => connection.console.log(inspect(arg));
  return connection;
}

main();
