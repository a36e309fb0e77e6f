/**
 * `FileContext.shared`: one value per slot and analysis, shared by the file rules that ask (a family
 * such as TC001-TC003 does its common work once), and computed again by the next analysis even of
 * the same tree object (a value may depend on the configuration, which the tree does not carry).
 */

import { describe, expect, it } from 'vitest';
import { analyze, analyzeOnce } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import type { FileRule } from '../../server/src/engine/rule';
import type { FileInfo, RuleMeta, Tree } from '../../server/src/engine/types';
import { parsePython } from '../../server/src/parser/python';
import { getParser } from '../helpers/analyze';

const FILE: FileInfo = { isPackageInit: false, isPrivateModule: false, isStub: false };

async function parsed(source: string): Promise<Tree> {
  const tree = parsePython(await getParser(), source);
  if (!tree) throw new Error('parse failed');
  return tree;
}

function meta(code: string): RuleMeta {
  return { code, name: `shared-${code}`, summary: '', seeds: [], defaultEnabled: true, fix: 'none', doc: '' };
}

/** Two file rules reporting, at the module's start, the value they share and which analysis computed it. */
function sharingRules(computed: string[]): FileRule[] {
  return ['XS001', 'XS002'].map((code) => ({
    kind: 'file',
    meta: meta(code),
    check(ctx) {
      const value = ctx.shared('count', () => {
        computed.push(code);
        return `${[...ctx.config.enabled].sort().join(',')}#${computed.length}`;
      });
      ctx.report({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, value);
    },
  }));
}

describe('FileContext.shared', () => {
  it('computes a slot once per analysis for every file rule that asks', async () => {
    const tree = await parsed('x = 1\n');
    const computed: string[] = [];
    const rules = sharingRules(computed);
    const config = makeEngineConfig({ enabled: ['XS001', 'XS002'] });
    const { diagnostics } = analyzeOnce({ source: 'x = 1\n', tree, config, file: FILE, rules });
    expect(computed).toEqual(['XS001']);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['XS001', 'XS001,XS002#1'],
      ['XS002', 'XS001,XS002#1'],
    ]);
  });

  it('computes it again in the next analysis of the same tree, under another configuration', async () => {
    const source = 'x = 1\n';
    const tree = await parsed(source);
    const computed: string[] = [];
    const rules = sharingRules(computed);
    const both = makeEngineConfig({ enabled: ['XS001', 'XS002'] });
    const second = makeEngineConfig({ enabled: ['XS002'] });
    analyze({ source, tree, config: both, file: FILE, rules });
    const { diagnostics } = analyze({ source, tree, config: second, file: FILE, rules });
    expect(computed).toEqual(['XS001', 'XS002']);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['XS002', 'XS002#2']]);
  });
});
