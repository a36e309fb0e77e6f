/**
 * Where one keystroke's time goes, in process and phase by phase: the benchmark's workload (a
 * module built from the corpus, single-character edits in function bodies and at module level)
 * through the server's own document store and engine, without the protocol around them.
 *   npm run keystroke-profile -- [--lines 10000] [--edits 500]
 * Prints the median and p95 of each phase (incremental parse, module facts, unit analysis, file
 * rules, diagnostics, conversion to LSP, JSON of the publishDiagnostics message) and how many lines
 * were re-analysed per edit.
 */
import path from 'node:path';
import { type AnalysisCache, analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { toLspDiagnostic } from '../server/src/lsp/convert';
import { DocumentStore } from '../server/src/lsp/documents';
import { createPythonParser } from '../server/src/parser/python';
import { allRuleMetas, allRules } from '../server/src/rules/registry';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles } from './shared/python-files';
import { buildSource, contentChange, editScript } from './shared/workload';

const CORPUS = path.resolve(__dirname, '..', '..', '.cache', 'corpus');

type Phase =
  | 'parse'
  | 'moduleFacts'
  | 'units'
  | 'fileRules'
  | 'diagnostics'
  | 'toLsp'
  | 'json'
  | 'total'
  | 'analysedLines';

async function main(): Promise<void> {
  const { values } = toolArgs({ lines: 'string', edits: 'string' });
  const lines = wholeNumber('lines', values.lines, 10_000);
  const editCount = wholeNumber('edits', values.edits, 500);
  const source = buildSource(pythonFiles(CORPUS), lines);
  // The benchmark's selection: the codes pyconv shares with Ruff.
  const config = makeEngineConfig({
    enabled: allRuleMetas.map((meta) => meta.code).filter((code) => !code.startsWith('PCV')),
  });
  const file = { path: 'big_module.py', isPackageInit: false, isPrivateModule: false, isStub: false };
  const store = new DocumentStore(await createPythonParser());
  const uri = 'file:///bench/big_module.py';
  const document = store.open(uri, 'python', 1, source);
  let cache: AnalysisCache | undefined = analyze({
    rules: allRules,
    source,
    tree: document.tree,
    config,
    file,
  }).cache;

  const samples = new Map<Phase, number[]>();
  const record = (phase: Phase, value: number) => {
    const list = samples.get(phase) ?? [];
    list.push(value);
    samples.set(phase, list);
  };
  let payloadBytes = 0;
  for (const [index, edit] of editScript(source, editCount).entries()) {
    const started = performance.now();
    document.applyChanges(index + 2, [contentChange(edit)]);
    const tree = document.tree;
    const parsed = performance.now();
    const result = analyze({ rules: allRules, source: document.text.getText(), tree, config, file }, cache);
    cache = result.cache;
    const analysed = performance.now();
    const diagnostics = result.diagnostics.map(toLspDiagnostic);
    const converted = performance.now();
    const message = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri, version: index + 2, diagnostics },
    });
    const serialised = performance.now();
    payloadBytes = Buffer.byteLength(message);
    record('parse', parsed - started);
    for (const [phase, ms] of Object.entries(result.stats.phases)) record(phase as Phase, ms);
    record('toLsp', converted - analysed);
    record('json', serialised - converted);
    record('total', serialised - started);
    record('analysedLines', result.stats.analysedLines);
  }
  store.dispose();

  console.log(
    `keystroke profile: ${lines} lines, ${editCount} edits, publishDiagnostics ${payloadBytes} bytes`,
  );
  console.log('| phase | p50 | p95 | max |');
  console.log('| --- | --- | --- | --- |');
  for (const [phase, values] of samples) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    const unit = phase === 'analysedLines' ? '' : ' ms';
    const show = (v: number) => `${phase === 'analysedLines' ? v : v.toFixed(2)}${unit}`;
    console.log(`| ${phase} | ${show(at(0.5))} | ${show(at(0.95))} | ${show(sorted[sorted.length - 1])} |`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
