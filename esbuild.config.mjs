// Bundles the server, the CLI, the VS Code extension and the dev tools into dist/, and places the
// two wasm files beside them. Usage: node esbuild.config.mjs [--watch]
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const dist = path.resolve('dist');

// esbuild would pick web-tree-sitter's ESM build even for CJS output, and that bundle crashes in
// Parser.init; point the package at its CommonJS file instead.
const webTreeSitterCjs = path.join(path.dirname(require.resolve('web-tree-sitter/package.json')), 'web-tree-sitter.cjs');

const tools = readdirSync('tools')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ in: path.join('tools', f), out: path.join('tools', f.replace(/\.ts$/, '')) }));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': webTreeSitterCjs },
  outdir: dist,
};

const builds = [
  { ...common, entryPoints: [
    { in: 'server/src/lsp/main.ts', out: 'server' },
    { in: 'server/src/cli/main.ts', out: 'cli' },
    { in: 'server/src/engine/worker.ts', out: 'worker' },
  ], banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: [{ in: 'client/src/extension.ts', out: 'extension' }], external: ['vscode'] },
  { ...common, entryPoints: tools, external: ['@astral-sh/ruff-wasm-nodejs', 'playwright-core', 'fast-check'] },
]
  .map((b) => ({ ...b, entryPoints: b.entryPoints.filter((e) => existsSync(e.in)) }))
  .filter((b) => b.entryPoints.length > 0);

function copyWasm() {
  mkdirSync(dist, { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
  copyFileSync(
    path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
    path.join(dist, 'tree-sitter-python.wasm'),
  );
}

copyWasm();
if (process.argv.includes('--watch')) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
