/**
 * Ruff-wasm checking files in a process of its own, as `npm run bench` times it beside the CLI:
 * from the process's start to the end of the last check, Node's start and the module's load and
 * compilation included, as the CLI's run is timed (not the exit, which waits for V8's background
 * compilation of the module: see bench.ts). In a process that has checked much already, Ruff-wasm runs several times
 * faster (V8 has optimised its WebAssembly by then: measured over the corpus, 1.9-2.3 s for the
 * first pass, 0.31-0.33 s for the third), which is not what checking a project costs.
 *   node dist/tools/ruff-throughput.js < {"files": [...], "codes": [...]}
 * Prints the number of files and of findings, and the milliseconds from the process's start.
 */
import { readFileSync } from 'node:fs';
import { loadRuff, ruffSettings } from './shared/ruff';

function main(): void {
  const { files, codes } = JSON.parse(readFileSync(0, 'utf8')) as { files: string[]; codes: string[] };
  const ruff = loadRuff();
  const workspace = new ruff.Workspace(ruffSettings(codes), ruff.PositionEncoding.Utf16);
  let findings = 0;
  for (const file of files) findings += workspace.check(readFileSync(file, 'utf8')).length;
  // performance.now() counts from the process's start.
  process.stdout.write(`${JSON.stringify({ files: files.length, findings, ms: performance.now() })}\n`);
}

main();
