/**
 * Runs a CommonJS bundle compiled with V8's code cache: the bytecode of the functions a run of it
 * compiled, kept in the user's cache folder, so that the next start compiles neither the bundle
 * nor the functions its first analysis runs (Node 20 has no `module.enableCompileCache`).
 * Measured under load: loading the server bundle took 80 ms of a process's 140 ms without, 44 ms
 * with; spawn to `initialize` answered, 168 ms without, 133 ms with (medians of 15).
 *
 * The cache only ever speeds up: one that is missing, unreadable, damaged (a digest heads the file),
 * of another build (the file's name holds the bundle's path, size and modification time, the Node
 * version and flags) or refused by V8 is ignored, and written afresh when the process exits. Anything failing here falls back to a
 * plain `require` of the bundle.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** Where the code cache is kept (a folder), or `off`; else the user's cache folder. */
export const CODE_CACHE_ENV = 'PYCONV_CODE_CACHE_DIR';

/** `exports, require, module, __filename, __dirname`: what Node gives a CommonJS module. */
type ModuleBody = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

export interface CodeCacheOptions {
  /**
   * The V8 flags the bundle sets at run time, as V8's defaults (`--heap-growing-percent=0`): put
   * back before the cache is made. V8 refuses a cache made under other flags than its own, and
   * counts flags set at run time: without this, every start would refuse the last one's cache.
   */
  runtimeFlagDefaults: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** Runs `bundle` (a CommonJS file) as `require` would, from V8's code cache where it has one. */
export function runWithCodeCache(
  bundle: string,
  { runtimeFlagDefaults, env = process.env }: CodeCacheOptions,
): void {
  let compiled: { body: ModuleBody; script: Script; cacheFile?: string; cached: boolean } | undefined;
  try {
    compiled = compile(bundle, cacheFileOf(bundle, env));
  } catch {
    compiled = undefined;
  }
  if (!compiled) {
    require(bundle);
    return;
  }
  const { body, script, cacheFile, cached } = compiled;
  // Written at exit: by then it holds every function the session compiled (the first analysis's too).
  if (cacheFile && !cached)
    process.once('exit', () => writeCodeCache(script, cacheFile, prefixOf(bundle), runtimeFlagDefaults));
  // The bundle runs as the main module where the launcher is it: `require.main === module` holds in
  // it, as with `node bundle.js`.
  const module = require.main ?? { exports: {} };
  body.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

function compile(bundle: string, cacheFile: string | undefined) {
  // A bundle starts with `#!/usr/bin/env node`, which is valid only at the very start of a script.
  const source = readFileSync(bundle, 'utf8').replace(/^#!/, '//');
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  const body = script.runInThisContext() as ModuleBody;
  return { body, script, cacheFile, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** As Node wraps a CommonJS module (one line: the bundle's line numbers stay those of its source map). */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/**
 * The cache's bytes if the file holds them whole: V8 checks their length and where they came from,
 * not their content (a damaged cache it takes could crash every start), so the file begins with a
 * digest of them (`CHECKSUM`, 4 ms at 1.8 MB under load).
 */
function readCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(CHECKSUM_BYTES);
  const expected = bytes.subarray(0, CHECKSUM_BYTES);
  return bytes.length > CHECKSUM_BYTES && checksum(data).equals(expected) ? data : undefined;
}

const CHECKSUM = 'sha1';
const CHECKSUM_BYTES = 20;

function checksum(data: Uint8Array): Buffer {
  return createHash(CHECKSUM).update(data).digest();
}

/**
 * The cache file of this bundle, this build of it and this Node (V8 checks the source's length, its
 * own version and flags, not the text: the build's stamp names the file). Undefined when off.
 */
function cacheFileOf(bundle: string, env: NodeJS.ProcessEnv): string | undefined {
  const configured = env[CODE_CACHE_ENV];
  if (configured === 'off') return undefined;
  const folder = configured ? path.resolve(configured) : userCacheFolder(env);
  if (!folder) return undefined;
  const stats: Stats = statSync(bundle);
  const build = [stats.size, stats.mtimeMs, stats.ino, process.version, process.arch, ...process.execArgv];
  return path.join(folder, `${prefixOf(bundle)}${hash(build.join('\u0000'))}.bin`);
}

/** What every cache file of one bundle (whatever its build) is named from. */
function prefixOf(bundle: string): string {
  return `${path.basename(bundle, '.js')}-${hash(bundle)}-`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** `pyconv/code-cache` in the platform's folder for caches, or undefined without a home. */
function userCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const home = homedir();
  if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA ?? (home ? path.join(home, 'AppData', 'Local') : undefined);
    return local && path.join(local, 'pyconv', 'Cache', 'code-cache');
  }
  if (!home) return undefined;
  const base =
    process.platform === 'darwin'
      ? path.join(home, 'Library', 'Caches')
      : (env.XDG_CACHE_HOME ?? path.join(home, '.cache'));
  return path.join(base, 'pyconv', 'code-cache');
}

/**
 * Puts the flags set at run time back (see `CodeCacheOptions`), writes the cache (temporary file +
 * rename: a reader sees a whole file or none) and removes the bundle's caches of other builds.
 * Never throws: the process is exiting.
 */
function writeCodeCache(
  script: Script,
  cacheFile: string,
  prefix: string,
  runtimeFlagDefaults: readonly string[],
): void {
  try {
    for (const flag of runtimeFlagDefaults) setFlagsFromString(flag);
    const folder = path.dirname(cacheFile);
    mkdirSync(folder, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    const data = script.createCachedData();
    writeFileSync(temporary, Buffer.concat([checksum(data), data]));
    renameSync(temporary, cacheFile);
    for (const name of readdirSync(folder))
      if (name.startsWith(prefix) && name.endsWith('.bin') && name !== path.basename(cacheFile))
        rmSync(path.join(folder, name), { force: true });
  } catch {
    // A cache not written is only a slower next start.
  }
}
