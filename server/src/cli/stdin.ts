/**
 * `pyconv check -`: the source comes from standard input. `--stdin-filename PATH` names the file it
 * stands for: its configuration, per-file-ignores, `exclude` and module name apply. With `--fix`,
 * the fixed source (the source itself when nothing was fixed) goes to standard output and the report
 * to standard error, as Ruff does, so that editors can pipe a buffer through it.
 */
import path from 'node:path';
import { createPythonParser } from '../parser/python';
import { type ConfigCache, isNotebookPath } from '../project/config';
import type { CheckRequest } from './args';
import { checkText, decodeSource, encodeSource, type FileReport } from './check-file';
import { unifiedDiff } from './diff';
import { textPath } from './output';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FOUND, emit, failsOn, type Io, renderReports } from './report';

/** The file standard input stands for: `--stdin-filename`, else `-` in the working folder. */
export function stdinPath(request: CheckRequest): string {
  return path.resolve(request.stdinFilename ?? '-');
}

/** Checks standard input; the caller has reported problems of the configuration for `stdinPath`. */
export async function checkStdin(request: CheckRequest, configs: ConfigCache, io: Io): Promise<number> {
  const filePath = stdinPath(request);
  const { config, file } = configs.forFile(filePath);
  const input = await readStandardInput();
  const decoded = decodeSource(input);
  if (decoded === undefined) {
    io.err('pyconv: error: standard input is not valid UTF-8, not checked\n');
    // Editors pipe a buffer through `--fix`: give back exactly what came in.
    if (request.fix && !process.stdout.destroyed) process.stdout.write(input);
    return EXIT_FOUND;
  }
  if (isNotebookPath(filePath)) {
    // Not checked as Python source (its JSON would be): say so, and give the input back unchanged.
    io.err('pyconv: error: a notebook is not read from standard input; name the .ipynb file instead\n');
    if (request.fix && !process.stdout.destroyed) process.stdout.write(input);
    return EXIT_FOUND;
  }
  const { source, hasBom } = decoded;
  const asGiven = (text: string) => encodeSource(text, hasBom).toString('utf8');
  // An excluded file is not checked (as when it is found by a walk); --fix gives it back unchanged.
  if (request.stdinFilename !== undefined && configs.isExcluded(filePath)) {
    if (request.fix) io.out(asGiven(source));
    return EXIT_CLEAN;
  }
  const parser = await createPythonParser();
  let checked: ReturnType<typeof checkText>;
  try {
    checked = checkText(source, parser, config, file, {
      fix: request.fix || request.diff,
      unsafeFixes: request.unsafeFixes,
    });
  } finally {
    parser.delete();
  }
  if (!checked) {
    io.err('pyconv: error: the parser gave up on standard input\n');
    if (request.fix) io.out(asGiven(source));
    return EXIT_FOUND;
  }
  const report: FileReport = {
    path: filePath,
    diagnostics: checked.diagnostics,
    fixed: checked.fixed,
    warning: checked.warning,
  };
  if (report.warning) io.err(`pyconv: warning: ${textPath(filePath)}: ${report.warning}\n`);
  if (request.diff) {
    if (!emit(unifiedDiff(textPath(filePath), source, checked.text), request, io)) return EXIT_ERROR;
    return checked.text !== source && !request.exitZero ? EXIT_FOUND : EXIT_CLEAN;
  }
  const rendered = renderReports([report], request);
  if (request.fix) {
    io.out(asGiven(checked.text));
    if (request.outputFile === undefined) io.err(rendered);
    else if (!emit(rendered, request, io)) return EXIT_ERROR;
  } else if (!emit(rendered, request, io)) {
    return EXIT_ERROR;
  }
  if (request.exitNonZeroOnFix && checked.fixed > 0) return EXIT_FOUND;
  return failsOn(report, configs.failOnFor(filePath)) && !request.exitZero ? EXIT_FOUND : EXIT_CLEAN;
}

function readStandardInput(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}
