import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './lsp/helpers';

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join('test', 'fixtures', 'adversarial');

/**
 * The fix check (tools/fixcheck.ts: every rule, safe and then unsafe fixes, each fixed file compiled
 * by CPython) over hand-written hostile files: tabs, CRLF, a BOM, mixed indentation, non-ASCII
 * names, one-liners, decorators, class hierarchies.
 */
describe('fixcheck over the adversarial fixtures', () => {
  let output = '';

  beforeAll(async () => {
    await ensureBuilt();
    output = execFileSync('node', ['dist/tools/fixcheck.js', FIXTURES, '--unsafe', '--show', '50'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  }, 120_000);

  it('checks every fixture, and every fixture compiles before fixing', () => {
    const count = readdirSync(path.join(ROOT, FIXTURES)).filter((name) => name.endsWith('.py')).length;
    expect(count).toBeGreaterThanOrEqual(10);
    expect(output).toContain(`fixcheck: ${count} files under ${FIXTURES}`);
    expect(output).not.toMatch(/files did not compile with python3 before fixing/);
  });

  it('fixes them, safe fixes and unsafe fixes too, and every fixed file compiles', () => {
    const changed = [...output.matchAll(/^files changed: (\d+); fixes applied: (\d+)$/gm)];
    expect(changed).toHaveLength(2);
    for (const [, files, fixes] of changed) {
      expect(Number(files)).toBeGreaterThan(5);
      expect(Number(fixes)).toBeGreaterThan(20);
    }
    const failures = [...output.matchAll(/^compile failures \(python3 compile\(\)[^:]*: (\d+)$/gm)];
    expect(failures.map(([, count]) => Number(count))).toEqual([0, 0]);
  });
});
