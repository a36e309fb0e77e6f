// Neovim (Debian's 0.7.2, headless) as a real LSP client of the built server: runs init.lua beside this file
// on a Python file and asserts on the JSON it writes (diagnostics, the "Convert to `X | None`" code action,
// the docstring completion after `"""`). Prints the time from opening the file to the first diagnostics.
//
// Usage: npm run test:nvim [-- --no-build] [-- --keep]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const server = path.join(root, 'dist/server.js');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const runTimeoutMs = 60_000;

const exampleSource = `"""Shipping cost helpers."""

from typing import Optional


def F(weight: Optional[int]) -> int:
    return weight or 0


def shipping_cost(weight: int, rate: float = 2.5) -> float:
    return weight * rate
`;

/** Never opened in Neovim: its findings come from "pyconv: Check Workspace". */
const neverOpenedSource = `"""Never opened."""


def Unopened(value: int) -> int:
    """Return the value."""
    return value
`;

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok: Boolean(ok) });
  console.log(`[nvim] ${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

function prerequisites() {
  if (spawnSync('nvim', ['--version']).status !== 0) {
    console.error('[nvim] nvim not found. Run: sudo bash scripts/install-editors.sh');
    process.exit(2);
  }
  if (!args.includes('--no-build')) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('[nvim] npm run build failed');
      process.exit(1);
    }
  }
  if (!existsSync(server)) {
    console.error(`[nvim] no server at ${server}`);
    process.exit(1);
  }
}

/** Runs nvim in its own process group so a hang can be ended with everything it started. */
function runNvim(workspace, resultFile) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('nvim', ['--headless', '-u', path.join(here, 'init.lua'), 'example.py'], {
      cwd: workspace,
      env: { ...process.env, PYCONV_SERVER: server, PYCONV_RESULT: resultFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const timer = setTimeout(() => {
      output.push(Buffer.from(`\n[nvim] killed after ${runTimeoutMs} ms\n`));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, runTimeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, output: Buffer.concat(output).toString('utf8') });
    });
  });
}

function parsesAsPython(file) {
  const run = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file], {
    encoding: 'utf8',
  });
  return run.status === 0 ? '' : (run.stderr.trim().split('\n').pop() ?? 'does not parse');
}

async function main() {
  prerequisites();
  const workspace = mkdtempSync(path.join(tmpdir(), 'pyconv-nvim-'));
  const resultFile = path.join(workspace, 'result.json');
  writeFileSync(path.join(workspace, 'example.py'), exampleSource);
  writeFileSync(path.join(workspace, 'never_opened.py'), neverOpenedSource);
  const run = await runNvim(workspace, resultFile);
  if (!existsSync(resultFile)) {
    console.error(`[nvim] no result file; nvim exited with ${run.code ?? run.signal}:\n${run.output}`);
    process.exitCode = 1;
    return;
  }
  const seen = JSON.parse(readFileSync(resultFile, 'utf8'));
  console.log(`[nvim] Neovim ${seen.nvim}, run ${run.ms} ms, exit ${run.code ?? run.signal}`);
  if (seen.fatal) console.log(`[nvim] fatal: ${seen.fatal}`);
  for (const step of seen.steps ?? []) {
    if (!step.ok) console.log(`[nvim] step "${step.name}" failed: ${step.error}`);
  }
  assertOn(seen, workspace);
  console.log(`[nvim] open -> first diagnostics: ${seen.open_to_first_diagnostics_ms ?? 'n/a'} ms`);
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  console.log(`nvim: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && run.code === 0 ? 0 : 1;
  if (keep || failed > 0) console.log(`[nvim] kept ${workspace}`);
  else rmSync(workspace, { recursive: true, force: true });
}

function assertOn(seen, workspace) {
  const diagnostics = seen.diagnostics ?? [];
  const byCode = (code) => diagnostics.find((d) => d.code === code);
  const n802 = byCode('N802');
  check(
    'N802 on `F` at 5:4-5:5',
    n802 && rangeText(n802.range) === '5:4-5:5',
    n802 ? rangeText(n802.range) : codes(diagnostics),
  );
  const up045 = byCode('UP045');
  check(
    'UP045 on `Optional[int]` at 5:14-5:27',
    up045 && rangeText(up045.range) === '5:14-5:27',
    up045 ? rangeText(up045.range) : codes(diagnostics),
  );
  check(
    'diagnostics carry source "pyconv" and a rule doc link',
    diagnostics.length > 0 &&
      diagnostics.every((d) => d.source === 'pyconv' && /\/docs\/rules\/\w+\.md$/.test(d.href)),
    JSON.stringify(diagnostics.map((d) => [d.code, d.source, d.href])),
  );
  check(
    'code action "Convert to `X | None`" applied',
    seen.line_after_fix === 'def F(weight: int | None) -> int:',
    `titles ${JSON.stringify(seen.code_action_titles)}, line now ${JSON.stringify(seen.line_after_fix)}`,
  );
  check(
    'source.fixAll.pyconv offered',
    (seen.fix_all_titles ?? []).some((title) => title.includes('source.fixAll.pyconv')),
    JSON.stringify(seen.fix_all_titles),
  );
  const unopened = (seen.workspace_diagnostics ?? []).find((d) => d.code === 'N802');
  check(
    'Check Workspace: N802 on `Unopened` at 3:4-3:12 in a file never opened',
    unopened && rangeText(unopened.range) === '3:4-3:12',
    unopened ? rangeText(unopened.range) : codes(seen.workspace_diagnostics ?? []),
  );
  const counts = (seen.workspace_progress ?? []).filter((message) =>
    /^checked \d+\/\d+ files$/.test(message),
  );
  check(
    'Check Workspace: work-done progress with file counts',
    counts.includes('checked 2/2 files') || counts.includes('checked 1/1 files'),
    JSON.stringify(seen.workspace_progress),
  );
  const text = seen.text ?? '';
  const body = text.slice(text.indexOf('def shipping_cost'));
  check(
    'docstring completion after """ lists weight and rate under Args:',
    /"""[^\n]*\n(.*\n)*?\s+Args:\s*\n\s+weight\b(.*\n)*?\s+rate\b/.test(body),
    `labels ${JSON.stringify(seen.completion_labels)}; text after:\n${body}`,
  );
  const fixedFile = path.join(workspace, 'after.py');
  writeFileSync(fixedFile, text);
  const parseError = parsesAsPython(fixedFile);
  check('the edited file still parses', text.length > 0 && !parseError, parseError);
}

function rangeText(range) {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function codes(diagnostics) {
  return `got ${JSON.stringify(diagnostics.map((d) => `${d.code}@${rangeText(d.range)}`))}`;
}

main().catch((error) => {
  console.error(`[nvim] ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
});
