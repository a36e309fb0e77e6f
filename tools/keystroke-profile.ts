/**
 * Where one keystroke's time goes, in process and phase by phase: the benchmark's workload (a
 * module built from the corpus, single-character edits in function bodies and at module level;
 * with `--typing`, new code typed character by character into its middle, as `npm run bench`
 * types it) through the server's own document store and engine, without the protocol around them.
 * With `--typing` the tree is reconciled at the end (as after a pause) and that is timed too, and the
 * settled result is compared with a fresh analysis. As in the server, a keystroke in a file of
 * `WINDOW_MIN_LINES` or more is published from a window of statements around the edits where one
 * applies (`window`: that parse and analysis; `windowed` counts them); `--whole` parses every keystroke whole.
 *   npm run keystroke-profile -- [--lines 10000] [--edits 500] [--typing]
 * Prints the mean, median, p95 and max of each phase (incremental parse, module facts, unit analysis,
 * file rules, diagnostics, conversion to LSP, JSON of the publishDiagnostics message; for a window
 * publish: the edit applied, the window's parse, its module facts, units and diagnostics, the
 * file-level findings carried; JSON: the message bytes as the server's writer makes them; after the
 * publish, outside its total: `absorb`, the windows far apart parsed into the tree) and how many lines were re-analysed per edit, with the wall and CPU
 * time of all keystrokes (CPU time is what to compare on a loaded machine). Then the tail: line
 * breaks apart from the other keystrokes, and what the slowest 5% had in common (a line break, a
 * garbage collection V8 reported, a slow application of the change; see `tailReport`).
 */
import path from 'node:path';
import {
  constants,
  type NodeGCPerformanceDetail,
  type PerformanceEntry,
  PerformanceObserver,
} from 'node:perf_hooks';
import type { Message } from 'vscode-languageserver/node';
import { type AnalysisCache, analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { type LspConversion, toLspDiagnosticsAfter } from '../server/src/lsp/convert';
import { DocumentStore } from '../server/src/lsp/documents';
import { LastPublish, messageBytes } from '../server/src/lsp/message-writer';
import { WindowPublisher } from '../server/src/lsp/window-publish';
import { createPythonParser } from '../server/src/parser/python';
import { allRules } from '../server/src/rules/registry';
import { toolArgs, wholeNumber } from './shared/args';
import { sharedRuleCodes } from './shared/bench-settings';
import { nearestRank } from './shared/percentile';
import { pythonFiles } from './shared/python-files';
import { buildSource, contentChange, type Edit, editScript, typingScript } from './shared/workload';

const CORPUS = path.resolve(__dirname, '..', '..', '.cache', 'corpus');

type Phase =
  | 'parse'
  | 'moduleFacts'
  | 'units'
  | 'fileRules'
  | 'diagnostics'
  | 'toLsp'
  | 'json'
  | 'window'
  | 'applyChanges'
  | 'windowParse'
  | 'carry'
  | 'absorb'
  | 'total'
  | 'analysedLines';

async function main(): Promise<void> {
  const { values } = toolArgs({ lines: 'string', edits: 'string', typing: 'boolean', whole: 'boolean' });
  const lines = wholeNumber('lines', values.lines, 10_000);
  const editCount = wholeNumber('edits', values.edits, 500);
  const source = buildSource(pythonFiles(CORPUS), lines);
  // The benchmark's selection: the codes pyconv shares with Ruff.
  const config = makeEngineConfig({ enabled: sharedRuleCodes() });
  const file = { path: 'big_module.py', isPackageInit: false, isPrivateModule: false, isStub: false };
  const store = new DocumentStore(await createPythonParser());
  const uri = 'file:///bench/big_module.py';
  const lastPublish = new LastPublish();
  const document = store.open(uri, 'python', 1, source);
  const opened = analyze({ rules: allRules, source, tree: document.tree, config, file });
  let cache: AnalysisCache | undefined = opened.cache;
  const windows = new WindowPublisher();
  windows.wholeAnalysed(document, '', opened.diagnostics, allRules);
  let windowed = 0;
  let shown: LspConversion | undefined;

  const samples = new Map<Phase, number[]>();
  const record = (phase: Phase, value: number) => {
    const list = samples.get(phase) ?? [];
    list.push(value);
    samples.set(phase, list);
  };
  let payloadBytes = 0;
  const typing = values.typing === true;
  const edits: Edit[] = typing ? typingScript(source).edits : editScript(source, editCount);
  const collections = watchCollections();
  const keystrokes: KeystrokeSpan[] = [];
  const loopStarted = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const [index, edit] of edits.entries()) {
    const started = performance.now();
    document.applyChanges(index + 2, [contentChange(edit)]);
    const applyMs = performance.now() - started;
    record('applyChanges', applyMs);
    const inWindow = values.whole
      ? undefined
      : windows.analyze(document, '', { config, file, rules: allRules }, cache);
    let found = inWindow;
    const parsed = performance.now();
    if (inWindow) {
      windowed++;
      record('window', parsed - started);
      for (const [phase, ms] of Object.entries(windows.lastPhases ?? {})) record(phase as Phase, ms);
    } else {
      const tree = document.tree;
      const parsed = performance.now();
      const result = analyze({ rules: allRules, source: document.text.getText(), tree, config, file }, cache);
      cache = result.cache;
      windows.wholeAnalysed(document, '', result.diagnostics, allRules);
      found = result.diagnostics;
      record('parse', parsed - started);
      for (const [phase, ms] of Object.entries(result.stats.phases)) record(phase as Phase, ms);
      record('analysedLines', result.stats.analysedLines);
    }
    const analysed = performance.now();
    // As the scheduler converts them: the last publish's conversion reused where it shares diagnostics.
    shown = toLspDiagnosticsAfter(found ?? [], shown);
    const diagnostics = shown.converted;
    const converted = performance.now();
    // As the server's writer makes it (lsp/message-writer.ts), copying what the last publish shares.
    const message = messageBytes(
      {
        jsonrpc: '2.0',
        method: 'textDocument/publishDiagnostics',
        params: { uri, version: index + 2, diagnostics },
      } as Message,
      lastPublish,
    );
    const serialised = performance.now();
    payloadBytes = message.length;
    record('toLsp', converted - analysed);
    record('json', serialised - converted);
    record('total', serialised - started);
    keystrokes.push({ started, ended: serialised, applyMs, lineBreak: edit.text === '\n' });
    // After the publish is written, as the server does (see `WindowPublisher.absorbPublished`).
    if (inWindow) {
      const written = performance.now();
      windows.absorbPublished(document);
      record('absorb', performance.now() - written);
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time, unlike wall time, is little changed by other processes on a loaded machine.
  const spent = `all keystrokes: ${(performance.now() - loopStarted).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`;
  let reconciled = '';
  if (typing) {
    const started = performance.now();
    document.reconcile();
    const text = document.text.getText();
    const tree = document.tree;
    const parsed = performance.now();
    const settled = analyze({ rules: allRules, source: text, tree, config, file }, cache);
    const done = performance.now();
    const fresh = analyze({ rules: allRules, source: text, tree, config, file });
    const same = JSON.stringify(settled.diagnostics) === JSON.stringify(fresh.diagnostics);
    reconciled = `; reconcile after the pause: fresh parse ${(parsed - started).toFixed(1)} ms, analysis ${(done - parsed).toFixed(1)} ms; settled = fresh analysis: ${same ? 'yes' : 'NO'}`;
  }
  store.dispose();
  const tail = tailReport(keystrokes, await collections.stop());

  console.log(
    `keystroke profile: ${lines} lines, ${edits.length} ${typing ? 'typed characters' : 'edits'} (${windowed} from a window), publishDiagnostics ${payloadBytes} bytes; ${spent}${reconciled}`,
  );
  console.log('| phase | mean | p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [phase, values] of samples) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => nearestRank(sorted, q);
    const unit = phase === 'analysedLines' ? '' : ' ms';
    const show = (v: number) => `${phase === 'analysedLines' ? v : v.toFixed(2)}${unit}`;
    const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
    console.log(
      `| ${phase} | ${show(mean)} | ${show(at(0.5))} | ${show(at(0.95))} | ${show(sorted[sorted.length - 1])} |`,
    );
  }
  console.log(tail);
}

/**
 * One keystroke's span (from its change to its publish's bytes), the part of it that applied the
 * change to the document, and whether it typed a line break.
 */
interface KeystrokeSpan {
  started: number;
  ended: number;
  applyMs: number;
  lineBreak: boolean;
}

/**
 * Applying one change costs hundredths of a millisecond, and a copy of the text where the new text
 * is first read. Above this, V8 worked meanwhile: mostly a scavenge that the copy's allocation set
 * off (counted as such), at times with no pause it reports (measured at 2k lines while typing).
 */
const SLOW_APPLY_MS = 2;

/** A garbage collection V8 reported: when it started, how long it paused, and its kind. */
interface Collection {
  startTime: number;
  duration: number;
  full: boolean;
}

/** Records every garbage collection until `stop`, which resolves once V8 has reported them all. */
function watchCollections(): { stop(): Promise<Collection[]> } {
  const seen: Collection[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.push(collectionOf(entry));
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // The observer is called once the event loop turns, after the loop of keystrokes: let it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      return seen;
    },
  };
}

function collectionOf(entry: PerformanceEntry): Collection {
  // A 'gc' entry carries its kind in `detail`, which these types declare on marks and measures only.
  const { detail } = entry as PerformanceEntry & { readonly detail?: NodeGCPerformanceDetail };
  // A scavenge is minor; the rest (major, incremental, weak callbacks) count as full.
  const full = detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR;
  return { startTime: entry.startTime, duration: entry.duration, full };
}

/**
 * What the slowest keystrokes have in common: the median and p95 of line breaks (below one, every
 * statement's lines move) and of the other keystrokes, and how many of the slowest 5% typed a line
 * break, paused for a garbage collection V8 reported (a scavenge, a full collection), or spent over
 * `SLOW_APPLY_MS` applying the change with no such pause.
 */
function tailReport(keystrokes: readonly KeystrokeSpan[], collections: readonly Collection[]): string {
  const pauses = keystrokes.map((span) =>
    collections.filter((gc) => gc.startTime >= span.started && gc.startTime < span.ended),
  );
  const ms = (span: KeystrokeSpan) => span.ended - span.started;
  const summary = (spans: readonly KeystrokeSpan[]) => {
    if (spans.length === 0) return 'none';
    const sorted = spans.map(ms).sort((a, b) => a - b);
    return `${spans.length}, p50 ${nearestRank(sorted, 0.5).toFixed(2)} ms, p95 ${nearestRank(sorted, 0.95).toFixed(2)} ms`;
  };
  const byTime = keystrokes.map((span, index) => ({ span, index })).sort((a, b) => ms(b.span) - ms(a.span));
  const slowest = byTime.slice(0, Math.max(1, Math.round(keystrokes.length * 0.05)));
  const lineBreaks = slowest.filter(({ span }) => span.lineBreak).length;
  const scavenged = slowest.filter(({ index }) => pauses[index].some((gc) => !gc.full)).length;
  const fullyCollected = slowest.filter(({ index }) => pauses[index].some((gc) => gc.full)).length;
  const slowApply = slowest.filter(
    ({ span, index }) => span.applyMs > SLOW_APPLY_MS && pauses[index].length === 0,
  ).length;
  const paused = collections.reduce((sum, gc) => sum + gc.duration, 0);
  return [
    `line breaks: ${summary(keystrokes.filter((span) => span.lineBreak))}; other keystrokes: ${summary(keystrokes.filter((span) => !span.lineBreak))}`,
    `slowest 5% (${slowest.length}): ${lineBreaks} line breaks, ${scavenged} with a scavenge, ${fullyCollected} with a full collection, ${slowApply} over ${SLOW_APPLY_MS} ms applying the change without one; garbage collection over the run: ${collections.length} pauses, ${paused.toFixed(0)} ms`,
  ].join('\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
