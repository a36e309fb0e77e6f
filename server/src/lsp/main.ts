import { inspect } from 'node:util';
import {
  type Connection,
  createConnection,
  type MessageReader,
  ProposedFeatures,
} from 'vscode-languageserver/node';
import { boundHeapGrowth } from './idle-gc';
import { StdioMessageWriter } from './message-writer';
import { PyconvServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function main(): void {
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(`${t}=`)))) {
    process.stderr.write('Usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
    process.exit(2);
  }
  boundHeapGrowth();
  const connection = process.argv.includes('--stdio')
    ? stdioConnection()
    : createConnection(ProposedFeatures.all);
  // The server keeps serving after a bug: log it (stderr is not the protocol channel) and go on.
  process.on('uncaughtException', (error) =>
    connection.console.error(`pyconv: uncaught: ${error.stack ?? error}`),
  );
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`pyconv: unhandled rejection: ${String(reason)}`),
  );
  new PyconvServer(connection).listen();
}

/**
 * Over stdio with our own writer (see message-writer.ts). vscode-languageserver then no longer
 * turns `console` output into log messages itself (stdout is the protocol channel): done here.
 */
function stdioConnection(): Connection {
  // The input stays the stream itself (no reader of ours): vscode-languageserver then exits when
  // stdin ends, as with `--stdio`. At run time it takes a stream and a writer together (each that
  // is a stream is wrapped); its overloads only list both of a kind.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StdioMessageWriter(process.stdout));
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
