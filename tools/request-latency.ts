/**
 * How long hover, completion and code-action requests wait while the server re-analyses a file
 * (the workload of tools/shared/request-workload.ts, also `bench --only requests`): prints
 * p50/p95/max latency per request kind. With `--eager-fix-all` the client resolves no code action,
 * and each code action with fixes computes fix-all's edit at once (up to 10 whole analyses).
 * Usage: node dist/tools/request-latency.js [--lines 10000] [--server dist/server.js] [--repeat 1] [--eager-fix-all]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pythonFiles } from './shared/python-files';
import { KINDS, type Kind, measureRequests, TYPED } from './shared/request-workload';
import { buildSource } from './shared/workload';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '.cache', 'corpus');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '10000' },
      server: { type: 'string', default: path.join(ROOT, 'dist', 'server.js') },
      repeat: { type: 'string', default: '1' },
      'eager-fix-all': { type: 'boolean', default: false },
    },
  });
  const lines = Number(values.lines);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(lines) || lines <= 0 || !Number.isInteger(repeat) || repeat <= 0)
    throw new Error('--lines and --repeat need positive whole numbers');
  const source = buildSource(pythonFiles(CORPUS), lines);
  const all: Record<Kind, number[]> = { hover: [], completion: [], codeAction: [] };
  for (let run = 0; run < repeat; run++) {
    const latencies = await measureRequests(
      path.resolve(values.server),
      source,
      values['eager-fix-all'] === true,
    );
    for (const kind of KINDS) all[kind].push(...latencies[kind]);
  }
  console.log(`Requests while typing ${TYPED.length} characters into a ${lines}-line file (ms):`);
  console.log('| request | n | p50 | p95 | max |\n|---|---|---|---|---|');
  for (const kind of KINDS) {
    const sorted = [...all[kind]].sort((a, b) => a - b);
    const cells = [0.5, 0.95].map((p) => percentile(sorted, p).toFixed(1));
    console.log(
      `| ${kind} | ${sorted.length} | ${cells.join(' | ')} | ${sorted[sorted.length - 1].toFixed(1)} |`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
