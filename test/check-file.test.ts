import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile } from '../server/src/cli/check-file';
import { MAX_FIX_PASSES } from '../server/src/engine/fix-loop';
import { nodeRange } from '../server/src/engine/positions';
import type { UnitRule } from '../server/src/engine/rule';
import type { RuleMeta } from '../server/src/engine/types';
import { ConfigCache } from '../server/src/project/config';
import { getParser } from './helpers/analyze';

const dir = mkdtempSync(path.join(tmpdir(), 'pyconv-checkfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fake rules borrow registry codes, so that the configuration can select them. */
function meta(code: string): RuleMeta {
  return { code, name: 'fake', summary: '', seeds: [], defaultEnabled: true, fix: 'safe', doc: '' };
}

const renameX: UnitRule = {
  kind: 'unit',
  meta: meta('N801'),
  nodeTypes: ['identifier'],
  visit(node, ctx) {
    if (node.text !== 'x') return;
    ctx.report(node, 'x', { title: 'x to y', safe: true, edits: [{ range: nodeRange(node), newText: 'y' }] });
  },
};

const rewriteAssignment: UnitRule = {
  kind: 'unit',
  meta: meta('N802'),
  nodeTypes: ['assignment'],
  visit(node, ctx) {
    if (node.text === 'z = 1') return;
    ctx.report(node, 'assign', {
      title: 'to z',
      safe: true,
      edits: [{ range: nodeRange(node), newText: 'z = 1' }],
    });
  },
};

const breakPass: UnitRule = {
  kind: 'unit',
  meta: meta('E722'),
  nodeTypes: ['pass_statement'],
  visit(node, ctx) {
    ctx.report(node, 'pass', {
      title: 'Break it',
      safe: true,
      edits: [{ range: nodeRange(node), newText: 'pass(' }],
    });
  },
};

const neverDone: UnitRule = {
  kind: 'unit',
  meta: meta('N803'),
  nodeTypes: ['comment'],
  visit(node, ctx) {
    ctx.report(node, 'more', {
      title: 'More',
      safe: true,
      edits: [{ range: nodeRange(node), newText: `${node.text}#` }],
    });
  },
};

const unsafeRename: UnitRule = {
  ...renameX,
  visit(node, ctx) {
    if (node.text !== 'x') return;
    ctx.report(node, 'x', {
      title: 'x to y',
      safe: false,
      edits: [{ range: nodeRange(node), newText: 'y' }],
    });
  },
};

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const configs = new ConfigCache({ overrides: { select: ['N801', 'N802', 'N803', 'E722'] } });

describe('checkFile', () => {
  it('reports without touching the file when not fixing', async () => {
    const file = write('report.py', 'x = 2\n');
    const report = checkFile(file, configs, await getParser(), {
      fix: false,
      unsafeFixes: false,
      rules: [renameX],
    });
    expect(report.diagnostics.map((d) => d.message)).toEqual(['x']);
    expect(report.fixed).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('x = 2\n');
  });

  it('fixes over several passes when fixes overlap', async () => {
    const file = write('passes.py', 'x = 2\n');
    const rules = [renameX, rewriteAssignment];
    const report = checkFile(file, configs, await getParser(), { fix: true, unsafeFixes: false, rules });
    expect(readFileSync(file, 'utf8')).toBe('z = 1\n');
    expect(report).toMatchObject({ fixed: 2, diagnostics: [] });
  });

  it('refuses a fix that would break the syntax, applies the others, and says why', async () => {
    const file = write('broken.py', 'def f():\n    x = 1\n    pass\n');
    const rules = [renameX, breakPass];
    const report = checkFile(file, configs, await getParser(), { fix: true, unsafeFixes: false, rules });
    expect(readFileSync(file, 'utf8')).toBe('def f():\n    y = 1\n    pass\n');
    expect(report.fixed).toBe(1);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['E722']);
    expect(report.warning).toBe('not applied, would break the syntax: Break it');
  });

  it(`stops after ${MAX_FIX_PASSES} passes`, async () => {
    const file = write('endless.py', 'a = 1  #\n');
    const report = checkFile(file, configs, await getParser(), {
      fix: true,
      unsafeFixes: false,
      rules: [neverDone],
    });
    expect(report.fixed).toBe(MAX_FIX_PASSES);
    expect(readFileSync(file, 'utf8')).toBe(`a = 1  #${'#'.repeat(MAX_FIX_PASSES)}\n`);
  });

  it('applies unsafe fixes only when asked', async () => {
    const file = write('unsafe.py', 'x = 2\n');
    const parser = await getParser();
    expect(
      checkFile(file, configs, parser, { fix: true, unsafeFixes: false, rules: [unsafeRename] }).fixed,
    ).toBe(0);
    expect(
      checkFile(file, configs, parser, { fix: true, unsafeFixes: true, rules: [unsafeRename] }).fixed,
    ).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('y = 2\n');
  });

  it('reports files it cannot check instead of throwing', async () => {
    const parser = await getParser();
    const latin1 = write('latin1.py', Buffer.from([0x78, 0x3d, 0x27, 0xe9, 0x27, 0x0a]));
    expect(checkFile(latin1, configs, parser).error).toBe('not valid UTF-8, not checked');
    expect(checkFile(path.join(dir, 'missing.py'), configs, parser).error).toMatch(/^cannot read file/);
    const small = new ConfigCache({ overrides: { 'max-file-size': 4 } });
    expect(checkFile(write('big.py', 'x = 12345\n'), small, parser).skipped).toBe(
      'larger than max-file-size (10 > 4 bytes), not checked',
    );
  });
});
