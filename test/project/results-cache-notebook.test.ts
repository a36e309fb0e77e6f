// The findings cache keeps a notebook finding's cell and its range in the .ipynb text (the CLI's
// output and the server's workspace diagnostics both read them from it); a malformed place is
// not trusted: the entry is ignored and the file checked again.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineConfig, FileInfo } from '../../server/src/engine/types';
import { type CachedDiagnostic, ResultsCache } from '../../server/src/project/results-cache';

const CONFIG = { fingerprint: 'test-config' } as EngineConfig;
const INFO: FileInfo = {
  path: 'analysis.ipynb',
  isPackageInit: false,
  isPrivateModule: false,
  isStub: false,
};

const FINDINGS: CachedDiagnostic[] = [
  {
    code: 'F401',
    message: '`os` imported but unused',
    severity: 'warning',
    range: { start: { line: 0, character: 7 }, end: { line: 0, character: 9 } },
    fix: null,
    cell: 2,
    fileRange: { start: { line: 13, character: 12 }, end: { line: 13, character: 14 } },
  },
  {
    code: 'N802',
    message: 'Function name `Bad` should be lowercase',
    severity: 'warning',
    range: { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } },
    fix: null,
    cell: 3,
  },
];

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(): { root: string; file: string; cacheDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'pyconv-cache-nb-'));
  folders.push(root);
  const file = path.join(root, 'analysis.ipynb');
  writeFileSync(file, '{"cells": []}\n');
  return { root, file, cacheDir: path.join(root, '.pyconv_cache') };
}

function storeAndSave(root: string, file: string, cacheDir: string): void {
  const cache = ResultsCache.open(cacheDir, root, 'test');
  const lookup = cache.lookup(file, CONFIG, INFO);
  if (lookup.kind !== 'miss' || !lookup.pending) throw new Error('expected a miss to record');
  cache.store(lookup.pending, FINDINGS);
  expect(cache.save()).toBeUndefined();
}

describe('the findings cache and notebooks', () => {
  it("gives back each finding's cell and place in the file", () => {
    const { root, file, cacheDir } = project();
    storeAndSave(root, file, cacheDir);
    const lookup = ResultsCache.open(cacheDir, root, 'test').lookup(file, CONFIG, INFO);
    expect(lookup).toEqual({ kind: 'hit', diagnostics: FINDINGS });
  });

  it('ignores an entry whose cell or place is malformed', () => {
    for (const place of [[0], ['2'], [2, 13, 12], [2, 13, 12, 13, -1], 'cell 2']) {
      const { root, file, cacheDir } = project();
      storeAndSave(root, file, cacheDir);
      const [name] = readdirSync(cacheDir).filter((n) => n.startsWith('results-'));
      const data = JSON.parse(readFileSync(path.join(cacheDir, name), 'utf8'));
      data.entries['analysis.ipynb'].diagnostics[0][8] = place;
      writeFileSync(path.join(cacheDir, name), JSON.stringify(data));
      const lookup = ResultsCache.open(cacheDir, root, 'test').lookup(file, CONFIG, INFO);
      expect(lookup.kind, JSON.stringify(place)).toBe('miss');
    }
  });
});
