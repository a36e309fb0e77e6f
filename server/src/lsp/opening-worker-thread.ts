/**
 * The opening worker thread (bundled to dist/opening-worker.js, see opening-worker.ts): the
 * tree-sitter runtime and grammar loaded at once, while the server starts, then one whole analysis
 * of the text it is handed, as the command line makes it, its findings posted back without fixes.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeOnce } from '../engine/analyze';
import { createPythonParser, parsePython } from '../parser/python';
import { allRules } from '../rules/registry';
import type { OpeningFindings, OpeningTask } from './opening-worker';

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('dist/opening-worker.js runs as a worker thread of the pyconv server');
  const parser = await createPythonParser();
  port.on('message', ({ text, config, file }: OpeningTask) => {
    let answer: OpeningFindings;
    const tree = parsePython(parser, text);
    try {
      const { diagnostics } = analyzeOnce({
        rules: allRules,
        source: text,
        tree: tree ?? fail(),
        config,
        file,
      });
      // Fixes stay behind (they may hold functions): code actions take the server's own analysis.
      answer = {
        diagnostics: diagnostics.map(({ code, message, range, severity }) => ({
          code,
          message,
          range,
          severity,
          fix: null,
        })),
      };
    } catch (error) {
      answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    } finally {
      tree?.delete();
    }
    port.postMessage(answer);
  });
}

function fail(): never {
  throw new Error('tree-sitter returned no tree');
}

serve().catch((error: unknown) => {
  process.stderr.write(
    `pyconv: the opening worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
});
