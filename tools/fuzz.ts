/**
 * Differential fuzzing of the incremental path, on demand:
 *   npm run fuzz -- --edits 100000 [--seed 42] [--batches 25] [--jobs 2] [--corpus DIR | --no-corpus]
 *     [--minutes M]
 *   node dist/tools/fuzz.js --replay case.json
 * Runs rounds of seeded random edit sequences (see tools/fuzz/differential.ts) until at least
 * `--edits` edits went through (or `--minutes` passed: then it says so): random edits and typing in small texts, and new code typed into
 * the middle of the corpus files (`.cache/corpus` when present; the window publish in those of
 * 1,000 lines or more). `--jobs N` runs N processes on interleaved round seeds. Prints the edits,
 * the comparisons with a fresh analysis and the time per kind of case. On a mismatch prints the
 * round's seed and fast-check's shrunk (minimal) counterexample, written whole to a temporary
 * file for `--replay`, and exits 1.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../server/src/parser/python';
import {
  type CorpusFile,
  corpusFile,
  type FuzzCase,
  type FuzzStats,
  fuzzCase,
  runCase,
} from './fuzz/differential';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles } from './shared/python-files';

interface Options {
  edits: number;
  seed: number;
  batches: number;
  jobs: number;
  /** This process's share of the round seeds: rounds `job`, `job + stride`, ... (a job of `--jobs`). */
  job: number;
  stride: number;
  corpus: string | undefined;
  replay: string | undefined;
  /** When to stop even if fewer edits went through (`Date.now()`). */
  until: number;
}

const DEFAULT_CORPUS = path.join(__dirname, '..', '..', '.cache', 'corpus');

function parseOptions(): Options {
  const { values } = toolArgs({
    edits: 'string',
    seed: 'string',
    batches: 'string',
    jobs: 'string',
    job: 'string',
    stride: 'string',
    corpus: 'string',
    'no-corpus': 'boolean',
    replay: 'string',
    minutes: 'string',
  });
  const corpus = typeof values.corpus === 'string' ? values.corpus : DEFAULT_CORPUS;
  if (typeof values.corpus === 'string' && !existsSync(corpus)) throw new Error(`no corpus at ${corpus}`);
  return {
    edits: wholeNumber('edits', values.edits, 10_000, 0),
    seed: wholeNumber('seed', values.seed, Date.now() % 2 ** 31, 0),
    batches: wholeNumber('batches', values.batches, 25, 0),
    jobs: wholeNumber('jobs', values.jobs, 1),
    job: wholeNumber('job', values.job, 0, 0),
    stride: wholeNumber('stride', values.stride, 1),
    corpus: values['no-corpus'] === true || !existsSync(corpus) ? undefined : corpus,
    replay: typeof values.replay === 'string' ? values.replay : undefined,
    until: Date.now() + wholeNumber('minutes', values.minutes, 10_000_000) * 60_000,
  };
}

/**
 * Corpus files, sorted (the cases of a seed depend on this list): of 100 to 500 lines (the whole
 * path: each keystroke analyses the file) and of 1,000 to 1,400 (the window publish), so that a
 * fresh analysis to compare with stays cheap.
 */
function loadCorpus(parser: Parser, root: string | undefined): CorpusFile[] {
  if (!root) return [];
  const sized = (lines: number) => (lines >= 100 && lines <= 500) || (lines >= 1000 && lines <= 1400);
  return pythonFiles(root)
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => sized(text.split('\n').length))
    .map(({ file, text }) => corpusFile(parser, path.relative(root, file), text))
    .filter((file) => sized(file.lines) && file.statements.length > 0);
}

const ROUND_RUNS = 200;
/** A line on standard error this often, for long runs. */
const PROGRESS_MS = 60_000;

interface KindCount {
  cases: number;
  edits: number;
  immediate: number;
  settled: number;
  ms: number;
}

/** What one job did, sent to the parent by a forked job. */
interface JobReport {
  counts: Record<string, KindCount>;
  failure?: string;
}

function addCount(counts: Record<string, KindCount>, kind: string, count: KindCount): void {
  const sum = counts[kind] ?? { cases: 0, edits: 0, immediate: 0, settled: 0, ms: 0 };
  for (const key of Object.keys(sum) as (keyof KindCount)[]) sum[key] += count[key];
  counts[kind] = sum;
}

function total(counts: Record<string, KindCount>): KindCount {
  const sum: Record<string, KindCount> = {};
  for (const count of Object.values(counts)) addCount(sum, 'all', count);
  return sum.all ?? { cases: 0, edits: 0, immediate: 0, settled: 0, ms: 0 };
}

/** Runs this job's rounds until its edits are done or a mismatch is found. */
function runRounds(parser: Parser, corpus: readonly CorpusFile[], options: Options): JobReport {
  const counts: Record<string, KindCount> = {};
  const share = Math.ceil(options.edits / options.stride);
  let reported = Date.now();
  const going = () => total(counts).edits < share && Date.now() < options.until;
  for (let round = options.job; going() || round === options.job; round += options.stride) {
    const seed = options.seed + round;
    let exploring = true;
    const result = fc.check(
      fc.property(fuzzCase(options.batches, corpus), (fuzz) => {
        if (exploring && Date.now() >= options.until) return; // out of time: the round's other cases pass
        // Shrinking re-runs smaller cases: count only the exploration.
        const stats: FuzzStats = { edits: 0 };
        const started = performance.now();
        const mismatch = runCase(parser, fuzz, stats);
        if (exploring) {
          addCount(counts, fuzz.kind ?? 'random', {
            cases: 1,
            edits: stats.edits,
            immediate: stats.immediate ?? 0,
            settled: stats.settled ?? 0,
            ms: performance.now() - started,
          });
        }
        if (Date.now() - reported > PROGRESS_MS) {
          reported = Date.now();
          console.error(
            `fuzz: job ${options.job}, round seed ${seed}: ${total(counts).edits} of ${share} edits`,
          );
        }
        if (mismatch) {
          exploring = false;
          throw new Error(mismatch);
        }
      }),
      { seed, numRuns: ROUND_RUNS },
    );
    if (result.failed) return { counts, failure: describeFailure(result, seed, options) };
  }
  return { counts };
}

function describeFailure(result: fc.RunDetails<[FuzzCase]>, seed: number, options: Options): string {
  const counterexample = result.counterexample?.[0];
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pyconv-fuzz-')), 'case.json');
  writeFileSync(file, JSON.stringify(counterexample));
  const shown = JSON.stringify({ ...counterexample, start: abbreviated(counterexample?.start ?? '') });
  const error = result.errorInstance;
  return [
    `MISMATCH in round seed ${seed} (path ${result.counterexamplePath})`,
    `minimal counterexample (${counterexample?.kind}): ${shown}`,
    String(error instanceof Error ? error.message : error),
    `the whole case: ${file}; replay: node dist/tools/fuzz.js --replay ${file}`,
    `reproduce: npm run fuzz -- --seed ${seed} --edits 1 --batches ${options.batches}${options.corpus ? '' : ' --no-corpus'}`,
  ].join('\n');
}

function abbreviated(text: string): string {
  return text.length <= 400 ? text : `${text.slice(0, 200)}…(${text.length} characters)…${text.slice(-100)}`;
}

/** Runs `--jobs` forked processes, each on its share of the round seeds, and adds up their counts. */
async function runJobs(options: Options): Promise<JobReport> {
  const script = process.argv[1];
  const passed = process.argv.slice(2).filter((arg, i, all) => arg !== '--jobs' && all[i - 1] !== '--jobs');
  const reports = await Promise.all(
    Array.from({ length: options.jobs }, (_, job) => {
      const args = [
        ...passed,
        '--seed',
        String(options.seed),
        '--job',
        String(job),
        '--stride',
        String(options.jobs),
      ];
      return new Promise<JobReport>((resolve, reject) => {
        const child = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
        let report: JobReport | undefined;
        child.on('message', (message) => {
          report = message as JobReport;
        });
        child.on('error', reject);
        child.on('exit', (code) =>
          report ? resolve(report) : reject(new Error(`job ${job} exited with ${code} and no report`)),
        );
      });
    }),
  );
  const counts: Record<string, KindCount> = {};
  for (const report of reports)
    for (const [kind, count] of Object.entries(report.counts)) addCount(counts, kind, count);
  const failure = reports.find((report) => report.failure)?.failure;
  return { counts, failure };
}

function printCounts(counts: Record<string, KindCount>, seconds: number): void {
  const row = (name: string, c: KindCount) =>
    `  ${name.padEnd(14)} ${String(c.cases).padStart(6)} cases ${String(c.edits).padStart(8)} edits ${String(c.immediate).padStart(7)} immediate ${String(c.settled).padStart(7)} settled ${(c.ms / 1000).toFixed(1).padStart(7)} s`;
  for (const kind of Object.keys(counts).sort()) console.log(row(kind, counts[kind]));
  const all = total(counts);
  console.log(row('all', all));
  console.log(
    `fuzz: ${all.edits} edits in ${seconds.toFixed(1)} s (${Math.round(all.edits / seconds)} edits/s)`,
  );
}

async function main(): Promise<number> {
  const options = parseOptions();
  const parser = await createPythonParser();
  if (options.replay) {
    const fuzz = JSON.parse(readFileSync(options.replay, 'utf8')) as FuzzCase;
    const mismatch = runCase(parser, fuzz);
    console.log(mismatch ?? 'no mismatch');
    return mismatch ? 1 : 0;
  }
  if (process.send && options.stride > 1) {
    // A job of `--jobs`: its report goes to the parent.
    const report = runRounds(parser, loadCorpus(parser, options.corpus), options);
    process.send(report);
    return 0;
  }
  const started = Date.now();
  const corpus = options.jobs > 1 ? [] : loadCorpus(parser, options.corpus);
  console.log(
    `fuzz: seed ${options.seed}, at least ${options.edits} edits, ${options.jobs} job(s), ` +
      (options.corpus ? `typing into the corpus at ${options.corpus}` : 'no corpus'),
  );
  const report = options.jobs > 1 ? await runJobs(options) : runRounds(parser, corpus, options);
  printCounts(report.counts, (Date.now() - started) / 1000);
  if (total(report.counts).edits < options.edits)
    console.log(`fuzz: stopped at --minutes, before ${options.edits} edits`);
  if (report.failure) {
    console.log(report.failure);
    return 1;
  }
  console.log('fuzz: no mismatch');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
