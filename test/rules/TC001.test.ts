import { describe, expect, it } from 'vitest';
import type { AnalysisCache } from '../../server/src/engine/analyze';
import { makeEngineConfig } from '../../server/src/engine/config';
import { allRuleMetas } from '../../server/src/rules/registry';
import { analyzeParsed, check, flagged, getParser } from '../helpers/analyze';

describe('TC001 typing-only-first-party-import', () => {
  it('flags first-party and relative imports used only in annotations, at the name', async () => {
    const source = [
      'from __future__ import annotations',
      'from .models import Config',
      'from app.core import Engine',
      'def run(config: Config) -> Engine: ...',
      '',
    ].join('\n');
    const options = { isort: { 'known-first-party': ['app'] } };
    expect(await flagged(source, 'TC001', { options })).toEqual(['TC001 1:20-1:26', 'TC001 2:21-2:27']);
    const [first] = await check(source, ['TC001'], { options });
    expect(first.message).toBe('Move application import `.models.Config` into a type-checking block');
  });

  it('passes runtime uses, TYPE_CHECKING blocks and unused imports', async () => {
    const source = [
      'from __future__ import annotations',
      'from typing import TYPE_CHECKING',
      'from .models import Config, build',
      'from .unused import Nothing',
      'if TYPE_CHECKING:',
      '    from .engine import Engine',
      'def run(config: Config) -> Engine:',
      '    return build()',
      '',
    ].join('\n');
    expect(await flagged(source, 'TC001')).toEqual([]);
  });

  it('follows edits of other statements when it reuses the summaries of unchanged ones', async () => {
    // Each statement's summary is kept by its text: the import's statement is unchanged in every
    // version, while its uses move between runtime and annotations in the other statements.
    const parser = await getParser();
    const setup = {
      config: makeEngineConfig({ enabled: allRuleMetas.map((m) => m.code) }),
      file: { path: 'pkg/module.py', isPackageInit: false, isPrivateModule: false, isStub: false },
    };
    const head = ['from __future__ import annotations', 'from .models import Config', ''];
    const versions = [
      [...head, 'def run(config: Config) -> None: ...', ''],
      [...head, 'def run(config: Config) -> None: ...', 'DEFAULT = Config()', ''],
      [...head, 'def run(config: Config) -> None: ...', 'DEFAULT: Config = None', ''],
      [...head, 'def run(config) -> None:', '    return Config', ''],
      [...head, 'def run(config: "Config") -> None: ...', ''],
    ].map((lines) => lines.join('\n'));
    const codes = (diagnostics: readonly { code: string; range: { start: { line: number } } }[]) =>
      diagnostics.filter((d) => d.code === 'TC001').map((d) => `${d.code} ${d.range.start.line}`);
    const expected = [['TC001 1'], [], ['TC001 1'], [], ['TC001 1']];
    let cache: AnalysisCache | undefined;
    versions.forEach((source, index) => {
      const result = analyzeParsed(parser, source, setup, cache);
      cache = result.cache;
      expect(codes(result.diagnostics), `version ${index}`).toEqual(expected[index]);
      expect(result.diagnostics).toEqual(analyzeParsed(parser, source, setup).diagnostics);
    });
  });
});
