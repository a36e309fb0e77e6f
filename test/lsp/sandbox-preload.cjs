// Preloaded into the server (`node --require`) by test/lsp/safety.test.ts: records, and blocks,
// every child process, network connection and file read outside the allowed files, in the file
// named by PYCONV_SANDBOX_LOG (one JSON line each).
const fs = require('node:fs');
const path = require('node:path');

const log = process.env.PYCONV_SANDBOX_LOG;
const distDir = process.env.PYCONV_SANDBOX_DIST;
// The workspace whose folders and Python files the project index may read (renames across files).
const workspace = process.env.PYCONV_SANDBOX_WORKSPACE;
// The server's own V8 code cache (server/src/launch/code-cache.ts): its bytecode, read at start.
const codeCache = process.env.PYCONV_CODE_CACHE_DIR;
const appendFileSync = fs.appendFileSync;

function record(kind, detail) {
  appendFileSync(log, `${JSON.stringify({ kind, detail: String(detail) })}\n`);
}

record('sandbox', `pid ${process.pid}`);

function allowedRead(file, name) {
  if (typeof file !== 'string' && !(file instanceof URL) && !Buffer.isBuffer(file)) return true; // a descriptor
  const resolved = path.resolve(file instanceof URL ? file.pathname : String(file));
  const base = path.basename(resolved);
  if (base === 'pyproject.toml' || base === '.gitignore' || resolved.startsWith(distDir + path.sep))
    return true;
  if (codeCache && resolved.startsWith(path.resolve(codeCache) + path.sep)) return true;
  return Boolean(workspace) && indexRead(resolved, name);
}

/** The project index lists the workspace's folders and reads its Python files and its own cache. */
function indexRead(resolved, name) {
  if (resolved !== workspace && !resolved.startsWith(workspace + path.sep)) return false;
  if (name.startsWith('readdir')) return true;
  return /\.pyi?$/.test(resolved) || resolved.includes(`${path.sep}.pyconv_cache${path.sep}`);
}

function blockAll(module, names, kind) {
  for (const name of names) {
    if (typeof module[name] !== 'function') continue;
    module[name] = (...args) => {
      record(kind, `${name} ${JSON.stringify(args[0])}`);
      throw new Error(`sandbox: ${kind} ${name} blocked`);
    };
  }
}

blockAll(
  require('node:child_process'),
  ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
  'process',
);
const net = require('node:net');
blockAll(net, ['connect', 'createConnection'], 'network');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = (...args) => {
  record('network', `Socket.connect ${JSON.stringify(args[0])}`);
  throw new Error('sandbox: network blocked');
};
void connect;
blockAll(require('node:http'), ['request', 'get'], 'network');
blockAll(require('node:https'), ['request', 'get'], 'network');
blockAll(require('node:dns'), ['lookup', 'resolve'], 'network');

function guardReads(target, names) {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (file, ...rest) {
      if (!allowedRead(file, name)) record('read', `${name} ${file}`);
      return original.call(this, file, ...rest);
    };
  }
}

guardReads(fs, [
  'readFileSync',
  'readFile',
  'openSync',
  'open',
  'createReadStream',
  'readdirSync',
  'readdir',
  'opendirSync',
]);
guardReads(fs.promises, ['readFile', 'open', 'readdir', 'opendir']);
