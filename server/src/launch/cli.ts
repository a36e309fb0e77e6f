/**
 * `dist/cli.js`, the `pyconv` command: runs the CLI's bundle, `dist/cli-main.js` (cli/main.ts),
 * from V8's code cache (see code-cache.ts). Measured under load, `pyconv check` of one small file:
 * 160 ms without, 105 ms with. Its worker threads (dist/worker.js) load their bundle as usual.
 */
import path from 'node:path';
import { runWithCodeCache } from './code-cache';

// The CLI sets no V8 flag at run time (test/cli/code-cache.test.ts checks that a second run takes
// the first one's cache).
runWithCodeCache(path.join(__dirname, 'cli-main.js'), { runtimeFlagDefaults: [] });
