/**
 * Differential fuzzing of the incremental path, on demand:
 *   npm run fuzz -- --edits 100000 [--seed 42] [--batches 25]
 * Runs rounds of seeded random edit sequences (see tools/fuzz/differential.ts) until at least
 * `--edits` edits went through; on a mismatch prints the round's seed and fast-check's shrunk
 * (minimal) counterexample, and exits 1.
 */
import fc from 'fast-check';
import { createPythonParser } from '../server/src/parser/python';
import { fuzzCase, runCase } from './fuzz/differential';
import { toolArgs, wholeNumber } from './shared/args';

interface Options {
  edits: number;
  seed: number;
  batches: number;
}

function parseOptions(): Options {
  const { values } = toolArgs({ edits: 'string', seed: 'string', batches: 'string' });
  return {
    edits: wholeNumber('edits', values.edits, 10_000, 0),
    seed: wholeNumber('seed', values.seed, Date.now() % 2 ** 31, 0),
    batches: wholeNumber('batches', values.batches, 25, 0),
  };
}

const ROUND_RUNS = 200;

async function main(): Promise<number> {
  const options = parseOptions();
  const parser = await createPythonParser();
  const stats = { edits: 0 };
  const started = Date.now();
  console.log(`fuzz: seed ${options.seed}, at least ${options.edits} edits`);
  for (let round = 0; stats.edits < options.edits; round++) {
    const seed = options.seed + round;
    let counting = true;
    const result = fc.check(
      fc.property(fuzzCase(options.batches), (fuzz) => {
        // Shrinking re-runs smaller cases: count only the exploration.
        const mismatch = runCase(parser, fuzz, counting ? stats : { edits: 0 });
        if (mismatch) {
          counting = false;
          throw new Error(mismatch);
        }
      }),
      { seed, numRuns: ROUND_RUNS },
    );
    if (result.failed) {
      console.log(`MISMATCH in round seed ${seed} (path ${result.counterexamplePath})`);
      console.log(`minimal counterexample: ${JSON.stringify(result.counterexample?.[0])}`);
      console.log(
        String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance),
      );
      console.log(`reproduce: npm run fuzz -- --seed ${seed} --edits 1 --batches ${options.batches}`);
      return 1;
    }
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${stats.edits} edits, no mismatch, ${seconds.toFixed(1)} s (${Math.round(stats.edits / seconds)} edits/s)`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
