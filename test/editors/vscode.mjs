// The VS Code extension tested as a person uses it: the packaged .vsix installed into code-server, a Python
// file opened in Debian's Chromium through playwright-core, and every check made through the UI.
//
// Usage: npm run test:vscode [-- --vsix FILE] [-- --keep] [-- --update-images]
//   --vsix FILE  test this .vsix instead of building and packaging one
//   --keep       keep the temporary workspace and code-server's logs (their folder is printed)
// Needs scripts/install-editors.sh to have run (code-server in .cache/code-server, /usr/bin/chromium).
// Screenshots go to test-output/screenshots/vscode-*.png; with --update-images the three for the README are
// copied to docs/images/ (a plain test run leaves the tracked images, and so `git status`, untouched).
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codeServerBin = path.join(root, '.cache/code-server/node_modules/.bin/code-server');
const chromiumPath = '/usr/bin/chromium';
const screenshotDir = path.join(root, 'test-output/screenshots');
const readmeImageDir = path.join(root, 'docs/images');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const vsixArg = args.includes('--vsix') ? args[args.indexOf('--vsix') + 1] : undefined;

// The file under test. Line numbers below are 1-based, as VS Code's "Go to Line" takes them.
const exampleName = 'example.py';
const exampleSource = `"""Shipping cost helpers."""

from typing import Optional, Union


def F(weight: Optional[int]) -> int:
    return weight or 0


def shipping_cost(weight: int, rate: float = 2.5) -> float:
    return weight * rate


def rounded(weight: Union[int, float]) -> int:
    """Round a weight to whole units."""
    return round(weight)
`;
const optionalLine = 6;
const optionalColumn = 15; // inside `Optional[int]`
// The docstring goes under this def. Found by its text, not its line: fix-all deletes the typing import above it.
const docstringDef = 'def shipping_cost(';
// What accepting the completion and leaving its placeholders as they are makes of that def.
const expectedDocstring = `def shipping_cost(weight: int, rate: float = 2.5) -> float:
    """Summary.

    Args:
        weight (int): Description.
        rate (float): Description. Defaults to 2.5.

    Returns:
        float: Description.
    """
    return weight * rate
`;
const expectedCodes = ['N802', 'UP045', 'UP007'];
// Opened once the server runs: for the warm open and the as-you-type figures.
const secondName = 'second.py';
/** Never opened: its findings reach the Problems panel through "pyconv: Check Workspace". */
const neverOpenedName = 'never_opened.py';
const neverOpenedSource =
  '"""Never opened."""\n\n\ndef Unopened(value: int) -> int:\n    """Return the value."""\n    return value\n';
const secondSource = `"""More helpers."""


def Second() -> None:
    """Do nothing."""
`;

// A rename across files: F2 in pricing.py must update cart.py, which is never opened before.
const pricingName = 'pricing.py';
const pricingSource = 'def computeTotal(items):\n    return sum(items)\n';
const cartName = 'cart.py';
const cartSource = `import pricing
from pricing import computeTotal as ct


def checkout(items):
    return ct(items) + pricing.computeTotal(items)
`;
// A notebook: an import of cell 1 used in cell 2 (F401 only for `sys`), a magic, and UP045 in the third cell.
const notebookName = 'analysis.ipynb';
const notebookCells = [
  ['import os\n', 'import sys\n', '\n', '%matplotlib inline'],
  ['print(os.sep)'],
  [
    'from typing import Optional\n',
    '\n',
    '\n',
    'def area(side: Optional[int]) -> int:\n',
    '    return side * side',
  ],
];
const notebookSource = `${JSON.stringify(
  {
    cells: notebookCells.map((source, i) => ({
      cell_type: 'code',
      execution_count: i + 1,
      id: `cell-${i}`,
      metadata: {},
      outputs: i === 1 ? [{ name: 'stdout', output_type: 'stream', text: ['/\n'] }] : [],
      source,
    })),
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

const timeouts = { startup: 60_000, squiggle: 30_000, ui: 10_000 };
const results = [];
let currentPage; // for a screenshot when a step fails
const figures = {};

function log(message) {
  console.log(`[vscode] ${message}`);
}

/**
 * Steps known to fail today, by name, with the reason: they still run and are reported (KNOWN
 * FAILURE, or FIXED when they pass), but do not fail the run. Remove an entry once it is fixed.
 */
const KNOWN_FAILURES = new Map([]);

async function step(name, body) {
  const started = Date.now();
  const known = KNOWN_FAILURES.get(name);
  try {
    await body();
    results.push({ name, ok: true });
    log(`${known ? 'FIXED (remove it from KNOWN_FAILURES)' : 'PASS'} ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    if (known) {
      results.push({ name, ok: true, known: true });
      log(
        `KNOWN FAILURE, not counted (${known}): ${name}: ${error instanceof Error ? error.message : error}`,
      );
      return;
    }
    results.push({ name, ok: false, error });
    log(`FAIL ${name}: ${error instanceof Error ? error.message : error}`);
    if (currentPage) {
      const file = await screenshot(currentPage, `failed-${results.length}`).catch(() => undefined);
      if (file) log(`  screenshot: ${file}`);
    }
  }
}

function fail(message) {
  throw new Error(message);
}

function checkPrerequisites() {
  const missing = [];
  if (!existsSync(codeServerBin)) missing.push(`code-server (${codeServerBin})`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium (${chromiumPath})`);
  if (missing.length > 0) {
    console.error(`[vscode] missing: ${missing.join(', ')}. Run: sudo bash scripts/install-editors.sh`);
    process.exit(2);
  }
}

function buildAndPackage() {
  if (vsixArg) return path.resolve(vsixArg);
  log('npm run package (build + vsce)');
  const run = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('[vscode] npm run package failed');
    process.exit(1);
  }
  return path.join(root, 'dist/pyconv.vsix');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function writeUserSettings(userDataDir) {
  // Keeps the page quiet: no trust prompt, welcome page, tips, telemetry, update checks, AI panels, recommendations.
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
  };
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User/settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

function installExtension(vsix, extensionsDir, env) {
  const run = spawnSync(codeServerBin, ['--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env,
  });
  if (run.status !== 0 || !/successfully installed/i.test(run.stdout + run.stderr)) {
    fail(`code-server --install-extension failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

function startCodeServer({ port, userDataDir, extensionsDir, workspace, logFile, env }) {
  const out = [];
  const child = spawn(
    codeServerBin,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => out.push(chunk));
  const stop = async () => {
    writeFileSync(logFile, Buffer.concat(out));
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { child, stop };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForHealth(port, child) {
  const deadline = Date.now() + timeouts.startup;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  fail(`code-server did not answer /healthz within ${timeouts.startup} ms`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function screenshot(page, name) {
  const file = path.join(screenshotDir, `vscode-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G takes `line:column`). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeouts.ui });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeouts.ui });
}

/** Takes back what a failed step typed, so the steps after it see the file as it was saved. */
async function undoTyping(page, file) {
  const saved = readFileSync(file, 'utf8').trimEnd();
  for (let i = 0; i < 10 && (await editorText(page)).trimEnd() !== saved; i++) {
    await page.keyboard.press('Control+Z');
  }
}

/**
 * Deletes the line typed (Enter, then text) after line `line`: from the end of that line to the end of
 * the next. Undo would not do: how many steps the typing took depends on the editor's auto-closing.
 */
async function deleteLineTypedAfter(page, line) {
  await goTo(page, line, 200);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
}

/**
 * Brings the example file back to the front by clicking its tab: keys would not do, as a webview on top
 * (the markdown preview) keeps the keyboard focus.
 */
async function showExample(page) {
  await page
    .locator('.tabs-container .tab', { hasText: exampleName })
    .first()
    .click({ timeout: timeouts.ui });
  await page
    .locator('.tabs-container .tab.active', { hasText: exampleName })
    .waitFor({ timeout: timeouts.ui });
  await focusEditor(page);
}

/** Ctrl+1 focuses the first editor group, whatever panel or widget had the focus. */
async function focusEditor(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+1');
  await page.locator('.monaco-editor.focused').first().waitFor({ timeout: timeouts.ui });
}

/**
 * Picks a menu entry with the keyboard, as clicks on VS Code's action widget are intercepted by its
 * pointer block: moves down until the focused row holds the text, then Enter.
 */
async function chooseFocusedRow(page, menu, text) {
  const rows = await menu.locator('.monaco-list-row').count();
  for (let i = 0; i <= rows; i++) {
    const focused = menu.locator('.monaco-list-row.focused');
    if ((await focused.count()) > 0 && (await focused.first().textContent()).includes(text)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  fail(`could not move the focus to "${text}" in the menu`);
}

/** The visible text of the active editor (the example is short enough to be all visible). */
async function editorText(page) {
  // One element per view line, but in the order VS Code recycled them, not the order shown: sort by their
  // offset from the top. The innerText of the whole view would also drop the empty lines.
  const lines = await page
    .locator('.monaco-editor.focused .view-lines')
    .first()
    .locator('.view-line')
    .evaluateAll((elements) =>
      elements.map((element) => ({ top: Number.parseFloat(element.style.top), text: element.textContent })),
    );
  lines.sort((a, b) => a.top - b.top);
  return lines.map((line) => line.text.replace(/\u00a0/g, ' ')).join('\n');
}

/** The 1-based number of the first line of the active editor that starts with `prefix`. */
async function lineStartingWith(page, prefix) {
  const index = (await editorText(page)).split('\n').findIndex((line) => line.startsWith(prefix));
  if (index < 0) fail(`no line starting with \`${prefix}\` in the editor`);
  return index + 1;
}

/**
 * Waits until the editor shows `expected`, saves, and waits until the file on disk shows it too (a read
 * can catch VS Code's write half done).
 */
async function waitAndSave(page, file, expected) {
  const deadline = Date.now() + timeouts.ui;
  while (Date.now() < deadline && !expected.test(await editorText(page))) await sleep(100);
  await page.keyboard.press('Control+S');
  let text = readFileSync(file, 'utf8');
  while (Date.now() < deadline && !expected.test(text)) {
    await sleep(100);
    text = readFileSync(file, 'utf8');
  }
  await sleep(200);
  return readFileSync(file, 'utf8');
}

/** Opens the editor's command palette and runs a command by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeouts.ui });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: timeouts.ui });
  await page.keyboard.press('Enter');
}

function parsesAsPython(file) {
  const run = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file], {
    encoding: 'utf8',
  });
  return run.status === 0 ? '' : run.stderr.trim().split('\n').pop();
}

async function main() {
  checkPrerequisites();
  mkdirSync(screenshotDir, { recursive: true });
  const vsix = buildAndPackage();
  if (!existsSync(vsix)) fail(`no .vsix at ${vsix}`);
  figures.vsixBytes = statSync(vsix).size;
  log(`vsix: ${vsix} (${(figures.vsixBytes / 1024).toFixed(1)} KiB)`);

  const scratch = mkdtempSync(path.join(tmpdir(), 'pyconv-vscode-'));
  const workspace = path.join(scratch, 'workspace');
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const logFile = path.join(scratch, 'code-server.log');
  mkdirSync(workspace, { recursive: true });
  const exampleFile = path.join(workspace, exampleName);
  writeFileSync(exampleFile, exampleSource);
  writeFileSync(path.join(workspace, secondName), secondSource);
  writeFileSync(path.join(workspace, pricingName), pricingSource);
  writeFileSync(path.join(workspace, cartName), cartSource);
  writeFileSync(path.join(workspace, neverOpenedName), neverOpenedSource);
  writeFileSync(path.join(workspace, notebookName), notebookSource);
  writeUserSettings(userDataDir);
  // Its own config folder so code-server does not write into the user's ~/.config.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(scratch, 'config'),
    XDG_DATA_HOME: path.join(scratch, 'data'),
  };

  const installStarted = Date.now();
  installExtension(vsix, extensionsDir, env);
  log(`extension installed (${Date.now() - installStarted} ms)`);

  const port = await freePort();
  const codeServer = startCodeServer({ port, userDataDir, extensionsDir, workspace, logFile, env });
  let browser;
  const cleanUp = async () => {
    await browser?.close().catch(() => {});
    await codeServer.stop();
  };
  process.once('SIGINT', () => {
    void cleanUp().then(() => process.exit(130));
  });
  try {
    await waitForHealth(port, codeServer.child);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    currentPage = page;
    await runUiChecks(page, exampleFile, port, workspace);
  } finally {
    await cleanUp();
    const logs = outputLogs(userDataDir);
    if (results.some((r) => !r.ok)) {
      log(`code-server log: ${logFile}`);
      for (const file of logs)
        log(`extension output: ${file}\n${readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')}`);
    }
    if (!keep && results.every((r) => r.ok)) rmSync(scratch, { recursive: true, force: true });
    else log(`kept ${scratch}`);
  }
}

/** The pyconv output channel's log files, for failure reports. */
function outputLogs(userDataDir) {
  const found = spawnSync('find', [path.join(userDataDir, 'logs'), '-iname', '*pyconv*.log'], {
    encoding: 'utf8',
  });
  return found.stdout.split('\n').filter(Boolean);
}

async function runUiChecks(page, exampleFile, port, workspace) {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: timeouts.startup });
  const fileRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: exampleName }).first();
  await fileRow.waitFor({ timeout: timeouts.startup });

  let squiggles = false;
  await step('squiggles appear after opening the file', async () => {
    const opened = Date.now();
    await fileRow.click();
    // The "starting" status bar item lives only until the server runs: note whether it was seen.
    const starting = page
      .locator('.statusbar-item', { hasText: 'pyconv' })
      .first()
      .waitFor({ timeout: timeouts.squiggle })
      .then(
        () => Date.now() - opened,
        () => undefined,
      );
    await page
      .locator(
        '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info',
      )
      .first()
      .waitFor({ timeout: timeouts.squiggle })
      .catch(() => fail(`no squiggle within ${timeouts.squiggle} ms of opening ${exampleName}`));
    figures.openToFirstSquiggleMs = Date.now() - opened;
    // When the extension activated (its status item appeared), if that was seen before the squiggle.
    figures.openToActivationMs = await Promise.race([starting, sleep(0).then(() => undefined)]);
    squiggles = true;
    log(
      `open -> first squiggle: ${figures.openToFirstSquiggleMs} ms (extension active after ${figures.openToActivationMs ?? '?'} ms)`,
    );
    await screenshot(page, '1-squiggles');
  });

  await step(`Problems panel lists ${expectedCodes.join(', ')}`, async () => {
    if (!squiggles) fail('skipped: no diagnostics arrived');
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: timeouts.ui });
    const deadline = Date.now() + timeouts.ui;
    let text = '';
    while (Date.now() < deadline) {
      text = (await rows.allInnerTexts()).join('\n');
      if (expectedCodes.every((code) => text.includes(code))) break;
      await sleep(200);
    }
    const missing = expectedCodes.filter((code) => !text.includes(code));
    if (missing.length > 0) fail(`Problems panel lacks ${missing.join(', ')}; it shows:\n${text}`);
    figures.problems = [...new Set(text.match(/\b[A-Z]+[0-9]+\b/g) ?? [])].sort();
    await screenshot(page, '2-problems');
  });

  await step("a code's link in the Problems panel opens the rule's rendered page", async () => {
    // Ctrl+Shift+M toggles the panel: the previous step left it open.
    if (!(await page.locator('.markers-panel').first().isVisible()))
      await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'UP045' }).first();
    await row.waitFor({ timeout: timeouts.ui });
    await row
      .locator('a.monaco-link', { has: page.locator('.marker-code') })
      .first()
      .click({ timeout: timeouts.ui })
      .catch(async () => fail(`no code link in the UP045 row: ${(await row.innerHTML()).slice(0, 1500)}`));
    await page
      .locator('.tab', { hasText: /UP045/ })
      .first()
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('no editor tab for UP045 opened'));
    const preview = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe').first();
    await preview
      .locator('body', { hasText: 'non-pep604-annotation-optional' })
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('the UP045 page opened, but not as a rendered preview'));
    await showExample(page);
  });

  await step('quick fix "Convert to `X | None`" rewrites Optional[int]', async () => {
    if (!squiggles) fail('skipped: no diagnostics arrived');
    await focusEditor(page);
    await goTo(page, optionalLine, optionalColumn);
    await page.keyboard.press('Control+Period');
    const menu = page.locator('.action-widget');
    await menu
      .waitFor({ state: 'visible', timeout: timeouts.ui })
      .catch(() => fail('Ctrl+. opened no quick fix menu'));
    const item = menu.locator('.monaco-list-row', { hasText: 'X | None' }).first();
    await item.waitFor({ timeout: timeouts.ui }).catch(async () => {
      fail(
        `no "Convert to \`X | None\`" in the quick fix menu; it shows: ${(await menu.textContent()).replace(/\s+/g, ' ')}`,
      );
    });
    await screenshot(page, '3-quickfix-menu');
    await chooseFocusedRow(page, menu, 'X | None');
    await menu.waitFor({ state: 'hidden', timeout: timeouts.ui });
    const text = await waitAndSave(page, exampleFile, /weight: int \| None/);
    if (!text.includes('def F(weight: int | None) -> int:')) {
      fail(`the fix did not produce \`weight: int | None\`; the file reads:\n${text}`);
    }
    await screenshot(page, '4-after-quickfix');
  });

  await step('command "pyconv: Fix all auto-fixable problems" rewrites Union[int, float]', async () => {
    await focusEditor(page);
    await runCommand(page, 'pyconv: Fix all auto-fixable problems');
    const text = await waitAndSave(page, exampleFile, /weight: int \| float/);
    if (!text.includes('def rounded(weight: int | float) -> int:')) {
      fail(`fix-all did not rewrite \`Union[int, float]\`; the file reads:\n${text}`);
    }
  });

  await step('command "pyconv: Show Rule Documentation" opens N802\'s page', async () => {
    await focusEditor(page);
    await runCommand(page, 'pyconv: Show Rule Documentation');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: timeouts.ui });
    await page
      .locator('.quick-input-widget .monaco-list-row')
      .first()
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('the quick pick lists no rule codes'));
    await input.fill('N802');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'N802' }).first();
    await row.waitFor({ timeout: timeouts.ui }).catch(() => fail('the quick pick does not list N802'));
    await page.keyboard.press('Enter');
    await page
      .locator('.tab', { hasText: /N802/ })
      .first()
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('no editor tab for N802.md opened'));
    // The preview is a webview: an iframe holding the page in another iframe.
    const preview = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe').first();
    await preview
      .locator('body', { hasText: 'invalid-function-name' })
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('the N802 page opened, but its preview never showed the text'));
    await screenshot(page, '7-rule-doc');
  });

  await step('typing """ under a def offers the docstring; accepting inserts it', async () => {
    await showExample(page);
    const defLine = await lineStartingWith(page, docstringDef);
    await goTo(page, defLine, 200); // past the end of the line: lands at its end
    await page.keyboard.press('Enter');
    await page.keyboard.type('"""', { delay: 80 });
    const suggest = page.locator('.editor-widget.suggest-widget');
    await suggest.waitFor({ state: 'visible', timeout: timeouts.ui }).catch(async () => {
      const lines = (await editorText(page)).split('\n');
      await undoTyping(page, exampleFile);
      fail(
        `no completion list after typing """ in the body of a def; lines ${defLine}-${defLine + 1} read:\n` +
          `${lines[defLine - 1]}\n${lines[defLine]}`,
      );
    });
    const rows = suggest.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: timeouts.ui });
    await screenshot(page, '5-docstring-completion');
    const offered = (await rows.allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
    await page.keyboard.press('Enter');
    await suggest.waitFor({ state: 'hidden', timeout: timeouts.ui });
    await page.keyboard.press('Escape'); // leave snippet mode
    const text = await waitAndSave(page, exampleFile, /Args:/);
    // Exact, indentation included: VS Code re-indents a multi-line completion unless told not to.
    if (!text.includes(expectedDocstring)) {
      fail(
        `accepting "${offered}" did not insert the docstring\n${expectedDocstring}\nthe file reads:\n${text}`,
      );
    }
    const parseError = parsesAsPython(exampleFile);
    if (parseError) fail(`after the docstring the file no longer parses (${parseError}):\n${text}`);
    await screenshot(page, '6-docstring-inserted');
  });

  await step(
    'command "pyconv: Check Workspace" lists a file never opened in the Problems panel',
    async () => {
      await showExample(page);
      await runCommand(page, 'pyconv: Check Workspace');
      if (!(await page.locator('.markers-panel').first().isVisible()))
        await page.keyboard.press('Control+Shift+M');
      // The panel's list renders only the rows in view, and other files' findings come first: filter
      // it to the file, as a user would.
      const filter = page.locator('.part.panel input[placeholder*="Filter"]').first();
      await filter.fill(neverOpenedName.replace(/\.py$/, '')).catch(() => undefined);
      // The workspace pull of vscode-languageclient comes every 2 s: the finding shows by the next one.
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'Unopened' })
        .first()
        .waitFor({ timeout: timeouts.ui })
        .catch(async () =>
          fail(
            `no finding of ${neverOpenedName} in the Problems panel: ${(
              await page.locator('.markers-panel .monaco-list-row').allInnerTexts()
            ).join(' | ')}`,
          ),
        );
      await screenshot(page, '7-check-workspace');
      await filter.fill('').catch(() => undefined);
    },
  );

  await step('command "pyconv: Show Output" shows the pyconv output channel', async () => {
    await showExample(page);
    await runCommand(page, 'pyconv: Show Output');
    // The Output view names its channel in the panel's title bar (a select box).
    const deadline = Date.now() + timeouts.ui;
    let title = '';
    while (Date.now() < deadline) {
      const panel = page.locator('.part.panel');
      title =
        (await panel
          .locator('.title')
          .first()
          .textContent()
          .catch(() => '')) + (await selectedChannel(panel));
      if (/OUTPUT/i.test(title) && /pyconv/.test(title)) return;
      await sleep(200);
    }
    await screenshot(page, 'output-failure');
    fail(
      `the Output view does not show the pyconv channel; its title bar reads: ${title.replace(/\s+/g, ' ')}`,
    );
  });

  await step('the output logs the server start; "pyconv: Restart Server" logs no error', async () => {
    // The view renders spaces as no-break spaces.
    const outputText = async () =>
      (
        (await page
          .locator('.part.panel .monaco-editor .view-lines')
          .first()
          .textContent()
          .catch(() => '')) ?? ''
      ).replace(/\u00a0/g, ' ');
    const waitForOutput = async (pattern, what) => {
      const deadline = Date.now() + timeouts.ui;
      let text = await outputText();
      while (!pattern.test(text)) {
        if (Date.now() > deadline) {
          await screenshot(page, 'output-log-failure');
          fail(`the pyconv output never showed ${what}; it reads: ${text.slice(-400)}`);
        }
        await sleep(200);
        text = await outputText();
      }
      return text;
    };
    await waitForOutput(/pyconv: server \d+\.\d+\.\d+ started/, 'the server start');
    await runCommand(page, 'pyconv: Restart Server');
    const text = await waitForOutput(/the server stopped\.[\s\S]*started/, 'the restart');
    if (/\[Error/.test(text) || /exited/.test(text)) fail(`the restart logged an error: ${text.slice(-400)}`);
  });

  await step('a second file opened while the server runs gets its squiggle', async () => {
    await quickOpen(page, secondName);
    const opened = Date.now();
    await page.keyboard.press('Enter');
    await page
      .locator('.monaco-editor.focused .squiggly-warning, .monaco-editor.focused .squiggly-error')
      .first()
      .waitFor({ timeout: timeouts.squiggle })
      .catch(() => fail(`no squiggle in ${secondName} within ${timeouts.squiggle} ms`));
    figures.warmOpenToFirstSquiggleMs = Date.now() - opened;
    log(`open -> first squiggle, server already running: ${figures.warmOpenToFirstSquiggleMs} ms`);
  });

  await step('a new violation typed into the file is flagged', async () => {
    await focusEditor(page);
    const before = await warningCount(page);
    await page.keyboard.press('Control+End');
    // One edit (as a paste is), so no half-typed name is flagged on the way and the figure means one round trip.
    await page.keyboard.insertText('\n\ndef Typed() -> None:\n    """Typed in."""\n');
    const typed = Date.now();
    const deadline = typed + timeouts.squiggle;
    // N802 on `Typed` adds one warning to the status bar's count (the problem list is virtualised).
    while ((await warningCount(page)) <= before) {
      if (Date.now() > deadline) fail(`the warning count stayed at ${before} after typing \`def Typed\``);
      await sleep(20);
    }
    figures.editToNewWarningMs = Date.now() - typed;
    log(`edit -> its warning counted: ${figures.editToNewWarningMs} ms`);
    await screenshot(page, '8-typed');
  });

  await step('F2 renames a function in the file that imports it, which was never opened', async () => {
    await openByName(page, pricingName);
    await goTo(page, 1, 6);
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input').first();
    await input.waitFor({ state: 'visible', timeout: timeouts.squiggle });
    await page
      .locator('.notifications-toasts', { hasText: 'changes 2 files' })
      .first()
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('no message telling how many files the rename changes'));
    await input.fill('compute_total');
    await screenshot(page, '9-rename');
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: timeouts.ui });
    await runCommand(page, 'File: Save All');
    const cartFile = path.join(workspace, cartName);
    const deadline = Date.now() + timeouts.ui;
    while (Date.now() < deadline && !readFileSync(cartFile, 'utf8').includes('pricing.compute_total(items)'))
      await sleep(100);
    const cart = readFileSync(cartFile, 'utf8');
    if (
      !cart.includes('from pricing import compute_total as ct') ||
      !cart.includes('pricing.compute_total(items)')
    )
      fail(`cart.py was not updated:\n${cart}`);
    const run = spawnSync('python3', ['-c', 'import cart; print(cart.checkout([1, 2]))'], {
      cwd: workspace,
      encoding: 'utf8',
    });
    if (run.stdout.trim() !== '6') fail(`python3 could not run the renamed code: ${run.stdout}${run.stderr}`);
    await openByName(page, cartName);
    await screenshot(page, '10-renamed-importer');
  });

  await step('a notebook: squiggles in its cells, a quick fix applied in the third cell', async () => {
    await page.keyboard.press('Escape');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: notebookName }).first();
    await row.click({ timeout: timeouts.ui });
    const notebook = page.locator('.notebookOverlay').first();
    await notebook
      .waitFor({ timeout: timeouts.startup })
      .catch(() => fail('the notebook editor did not open'));
    const squiggles = notebook.locator('.squiggly-warning, .squiggly-error');
    const opened = Date.now();
    while ((await squiggles.count()) < 2) {
      if (Date.now() - opened > timeouts.squiggle)
        fail(
          `${await squiggles.count()} squiggles in the notebook after ${timeouts.squiggle} ms (2 expected: cells 1 and 3)`,
        );
      await sleep(100);
    }
    figures.notebookOpenToSquigglesMs = Date.now() - opened;
    await screenshot(page, 'notebook-squiggles');
    // Put the cursor in cell 3's UP045 squiggle, then Ctrl+. as in a file.
    const boxes = await squiggles.evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }),
    );
    // On `def area(side: Optional[int])` D103 marks `area`, UP045 `Optional[int]`: the rightmost of the lowest line.
    const lowest = boxes.sort((a, b) => b.y - a.y || b.x - a.x)[0];
    await page.mouse.click(lowest.x, lowest.y);
    await page.keyboard.press('Control+Period');
    const menu = page.locator('.action-widget');
    await menu
      .waitFor({ state: 'visible', timeout: timeouts.ui })
      .catch(() => fail('Ctrl+. opened no menu in the cell'));
    await menu
      .locator('.monaco-list-row', { hasText: 'X | None' })
      .first()
      .waitFor({ timeout: timeouts.ui })
      .catch(async () =>
        fail(
          `no "Convert to \`X | None\`" in the cell's menu: ${(await menu.textContent()).replace(/\s+/g, ' ')}`,
        ),
      );
    await screenshot(page, 'notebook-quickfix-menu');
    await chooseFocusedRow(page, menu, 'X | None');
    await menu.waitFor({ state: 'hidden', timeout: timeouts.ui });
    const fixed = notebook.locator('.view-line', { hasText: 'int | None' }).first();
    await fixed
      .waitFor({ timeout: timeouts.ui })
      .catch(() => fail('the third cell does not read `int | None`'));
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + timeouts.ui;
    let saved = '';
    while (Date.now() < deadline && !saved.includes('int | None')) {
      await sleep(100);
      saved = readFileSync(path.join(workspace, notebookName), 'utf8');
    }
    const cells = JSON.parse(saved).cells;
    if (cells[2].source.join('') !== '\n\ndef area(side: int | None) -> int:\n    return side * side')
      fail(`the saved third cell reads ${JSON.stringify(cells[2].source)}`);
    if (
      JSON.stringify(cells[1].outputs) !==
      JSON.stringify([{ name: 'stdout', output_type: 'stream', text: ['/\n'] }])
    )
      fail('the outputs of cell 2 changed');
    await screenshot(page, 'notebook-after-quickfix');
    await page.keyboard.press('Control+W');
  });

  await step('setting pyconv.enable to false stops the server; true brings it back', async () => {
    const settingsFile = path.join(workspace, '.vscode/settings.json');
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, '{ "pyconv.enable": false }\n');
    await waitForWarnings(page, (count) => count === 0, 'drop to 0 with pyconv.enable false');
    writeFileSync(settingsFile, '{ "pyconv.enable": true }\n');
    await waitForWarnings(page, (count) => count > 0, 'come back with pyconv.enable true');
  });

  await step(
    'after pyconv.docstring.style changes to numpy, typing """ offers the NumPy template',
    async () => {
      const settingsFile = path.join(workspace, '.vscode/settings.json');
      writeFileSync(settingsFile, '{ "pyconv.enable": true, "pyconv.docstring.style": "numpy" }\n');
      await showExample(page);
      // Written on disk (the editor has no unsaved change and reloads it): typed or inserted text would
      // be re-indented and auto-closed by the editor.
      writeFileSync(
        exampleFile,
        `${readFileSync(exampleFile, 'utf8')}\n\ndef scaled(count: int) -> int:\n    return count * 2\n`,
      );
      // The file is longer than the view: its end is shown after Ctrl+End.
      const reloaded = Date.now() + timeouts.ui;
      for (;;) {
        await page.keyboard.press('Control+End');
        if ((await editorText(page)).includes('def scaled(')) break;
        if (Date.now() > reloaded) fail('the editor did not show `def scaled` written to the file');
        await sleep(200);
      }
      const defLine =
        readFileSync(exampleFile, 'utf8').split('\n').indexOf('def scaled(count: int) -> int:') + 1;
      // The settings reach the server as didChangeConfiguration, a moment after the file is written (and
      // later on a slow machine, right after the server's restart): the Google template offered before
      // then is taken back and `"""` typed again, until the NumPy template is offered or the time is up.
      const suggest = page.locator('.editor-widget.suggest-widget');
      const settled = Date.now() + timeouts.squiggle;
      let offered = '';
      for (let attempt = 1; ; attempt++) {
        await sleep(attempt === 1 ? 1500 : 1000);
        await goTo(page, defLine, 200);
        await page.keyboard.press('Enter');
        await page.keyboard.type('"""', { delay: 80 });
        const shown = await suggest
          .waitFor({ state: 'visible', timeout: timeouts.ui })
          .then(() => true)
          .catch(() => false);
        offered = shown ? (await suggest.locator('.monaco-list-row').allInnerTexts()).join(' | ') : '';
        if (/NumPy/.test(offered)) {
          figures.numpyTemplateTries = attempt;
          break;
        }
        await page.keyboard.press('Escape');
        await deleteLineTypedAfter(page, defLine);
        if (Date.now() > settled)
          fail(
            shown
              ? `the completion offered "${offered}", not the NumPy template (${attempt} tries)`
              : `no completion list after typing """ under \`def scaled\` (${attempt} tries)`,
          );
      }
      await screenshot(page, '9-numpy-docstring-completion');
      await page.keyboard.press('Enter');
      await suggest.waitFor({ state: 'hidden', timeout: timeouts.ui });
      await page.keyboard.press('Escape');
      const text = await waitAndSave(page, exampleFile, /----------/);
      const expected = [
        'def scaled(count: int) -> int:',
        '    """Summary.',
        '',
        '    Parameters',
        '    ----------',
        '    count : int',
        '        Description.',
        '',
        '    Returns',
        '    -------',
        '    int',
        '        Description.',
        '    """',
        '    return count * 2',
      ].join('\n');
      if (!text.includes(expected))
        fail(`the NumPy docstring was not inserted as\n${expected}\nthe file reads:\n${text}`);
    },
  );
}

/** Types a file's name into Quick Open (Ctrl+P) and waits for its row; Enter opens it. */
async function quickOpen(page, name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeouts.ui });
  await input.fill(name);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ timeout: timeouts.ui });
}

/** Opens a workspace file with Quick Open and focuses its editor. */
async function openByName(page, name) {
  await quickOpen(page, name);
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: timeouts.ui });
  await focusEditor(page);
}

async function waitForWarnings(page, wanted, what) {
  const deadline = Date.now() + timeouts.squiggle;
  let count = await warningCount(page);
  while (!wanted(count)) {
    if (Date.now() > deadline) fail(`the warning count did not ${what} (it reads ${count})`);
    await sleep(100);
    count = await warningCount(page);
  }
}

/** The warnings in the status bar's problem counter ("0 errors, 10 warnings"). */
async function warningCount(page) {
  const label = (await page.locator('[id="status.problems"] a').first().getAttribute('aria-label')) ?? '';
  if (/no problems/i.test(label)) return 0;
  const match = /warnings?:?\s*(\d+)|(\d+)\s+warnings?/i.exec(label);
  if (!match) fail(`cannot read the warning count from the status bar (${JSON.stringify(label)})`);
  return Number(match[1] ?? match[2]);
}

async function selectedChannel(panel) {
  const select = panel.locator('select.monaco-select-box').first();
  if ((await select.count()) === 0) return '';
  return select.evaluate((element) => element.options[element.selectedIndex]?.text ?? '').catch(() => '');
}

function report() {
  const passed = results.filter((r) => r.ok && !r.known).length;
  const failed = results.filter((r) => !r.ok).length;
  const known = results.filter((r) => r.known).map((r) => r.name);
  if (known.length > 0) log(`known failures, not counted: ${known.join('; ')}`);
  if (process.argv.includes('--update-images')) copyReadmeImages();
  console.log(`[vscode] figures: ${JSON.stringify(figures)}`);
  // Repeated last, where a CI log cut to its end still shows them.
  for (const failure of results.filter((r) => !r.ok))
    log(`FAILED: ${failure.name}: ${failure.error instanceof Error ? failure.error.message : failure.error}`);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

function copyReadmeImages() {
  const wanted = { '2-problems': 'vscode-diagnostics.png', '3-quickfix-menu': 'vscode-quickfix.png' };
  wanted['5-docstring-completion'] = 'vscode-docstring-completion.png';
  wanted['10-renamed-importer'] = 'vscode-rename.png';
  wanted['notebook-quickfix-menu'] = 'vscode-notebook-quickfix.png';
  for (const [shot, target] of Object.entries(wanted)) {
    const source = path.join(screenshotDir, `vscode-${shot}.png`);
    if (!existsSync(source) || statSync(source).mtimeMs < startedAt) continue;
    mkdirSync(readmeImageDir, { recursive: true });
    copyFileSync(source, path.join(readmeImageDir, target));
  }
}

const startedAt = Date.now();
main()
  .catch((error) => {
    results.push({ name: 'harness', ok: false, error });
    console.error(`[vscode] ${error instanceof Error ? error.stack : error}`);
  })
  .finally(() => {
    process.exitCode = report() ? 0 : 1;
  });
