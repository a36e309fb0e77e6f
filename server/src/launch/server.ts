/**
 * `dist/server.js`, what editors start (`node dist/server.js --stdio`): runs the server's bundle,
 * `dist/server-main.js` (lsp/main.ts), from V8's code cache (see code-cache.ts). Nothing else is
 * loaded here: what is compiled before the bundle is not cached.
 */
import path from 'node:path';
import { runWithCodeCache } from './code-cache';

runWithCodeCache(path.join(__dirname, 'server-main.js'), {
  // What lsp/idle-gc.ts sets at run time, as V8's defaults (test/lsp/code-cache.test.ts checks that
  // a second start takes the first one's cache).
  runtimeFlagDefaults: ['--heap-growing-percent=0', '--semi-space-growth-factor=2', '--no-expose-gc'],
});
