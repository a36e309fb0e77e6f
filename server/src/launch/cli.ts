/**
 * `dist/cli.js`, the command line: runs the CLI's bundle, `dist/cli-main.js` (cli/main.ts), from
 * V8's code cache (see code-cache.ts), as `dist/server.js` runs the server's. A check of many files
 * compiles most of the rules' functions lazily as it reaches them: with the cache, their bytecode
 * is read rather than compiled. Nothing else is loaded here: what is compiled before the bundle is
 * not cached.
 */
import path from 'node:path';
import { runWithCodeCache } from './code-cache';

// The CLI sets no V8 flag at run time (its worker threads run dist/worker.js, not cached).
runWithCodeCache(path.join(__dirname, 'cli-main.js'), { runtimeFlagDefaults: [] });
