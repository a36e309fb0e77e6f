import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { boundHeapGrowth } from './idle-gc';
import { PyconvServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function main(): void {
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(`${t}=`)))) {
    process.stderr.write('Usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
    process.exit(2);
  }
  boundHeapGrowth();
  const connection = createConnection(ProposedFeatures.all);
  // The server keeps serving after a bug: log it (stderr is not the protocol channel) and go on.
  process.on('uncaughtException', (error) =>
    connection.console.error(`pyconv: uncaught: ${error.stack ?? error}`),
  );
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`pyconv: unhandled rejection: ${String(reason)}`),
  );
  new PyconvServer(connection).listen();
}

main();
