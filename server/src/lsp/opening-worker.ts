/**
 * The opening-analysis thread (bundled to dist/opening-worker.js; see opening-analysis.ts): parses
 * and analyses a whole text with the server's engine call, one task at a time.
 */
import { parentPort } from 'node:worker_threads';
import { analyze } from '../engine/analyze';
import { makeEngineConfig } from '../engine/config';
import { createPythonParser, parsePython } from '../parser/python';
import { allRules } from '../rules/registry';
import type { OpeningAnswer, OpeningTask } from './opening-analysis';

const port = parentPort;
if (!port) throw new Error('dist/opening-worker.js runs as a worker thread of the pyconv server');
const parser = createPythonParser();
// Tasks arrive one at a time per opened file; each is answered before the next is read.
let queue = Promise.resolve();
port.on('message', (task: OpeningTask) => {
  queue = queue.then(() => answer(task));
});

async function answer(task: OpeningTask): Promise<void> {
  let message: OpeningAnswer;
  try {
    message = { id: task.id, diagnostics: analyzeWhole(task, await parser) };
  } catch (error) {
    message = { id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port?.postMessage(message);
}

function analyzeWhole(task: OpeningTask, withParser: Awaited<typeof parser>) {
  const tree = parsePython(withParser, task.source);
  if (!tree) throw new Error('the parse was cancelled');
  try {
    // The same call as the scheduler's, without a deadline or a cache: the same findings.
    return analyze({
      source: task.source,
      tree,
      rules: allRules,
      config: makeEngineConfig(task.config),
      file: task.file,
    }).diagnostics;
  } finally {
    tree.delete();
  }
}
