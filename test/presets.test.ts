import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { checkFile } from '../server/src/cli/check-file';
import { ConfigCache } from '../server/src/project/config';
import { getParser } from './helpers/analyze';

const PRESETS = path.resolve(__dirname, '../examples/configs');

/** Each preset's sample, and exactly what its configuration must flag there (1-based line, as the CLI prints). */
const EXPECTED: Record<string, { sample: string; flagged: string[] }> = {
  '000-machineuse': {
    sample: 'machineuse/instances.py',
    flagged: ['N801:15', 'N802:26', 'E722:37', 'ANN001:41'],
  },
  '001-setu': {
    sample: 'setu/scheduler.py',
    flagged: ['I001:3', 'TID252:11', 'TID251:13', 'PCV102:23', 'PCV201:23', 'PCV102:36', 'G004:37'],
  },
  '002-core-engineering': {
    sample: 'service/client.py',
    flagged: [
      'S105:6',
      'PCV502:6',
      'ANN201:9',
      'ANN001:9',
      'ANN001:9',
      'ANN001:9',
      'S113:12',
      'BLE001:13',
      'PCV401:14',
      'SIM115:15',
      'S608:17',
      'S602:18',
    ],
  },
  '003-familyos': {
    sample: 'memory/service.py',
    flagged: ['TID251:4', 'PLW0603:21', 'TID251:22', 'T201:23', 'PCV501:24'],
  },
  '004-llenergymeasure': {
    sample: 'llenergymeasure/metrics.py',
    flagged: ['I002:1', 'UP035:3', 'N818:8', 'UP006:14', 'PCV602:15', 'UP045:15'],
  },
};

let parser: Parser;
beforeAll(async () => {
  parser = await getParser();
});

describe('presets: each seed guide as a pyproject.toml', () => {
  for (const [preset, { sample, flagged }] of Object.entries(EXPECTED)) {
    it(`${preset} loads without problems and flags exactly what the guide forbids`, () => {
      const configs = new ConfigCache();
      const file = path.join(PRESETS, preset, sample);
      const project = configs.projectFor(path.dirname(file));
      expect(project.pyprojectPath).toBe(path.join(PRESETS, preset, 'pyproject.toml'));
      expect(project.problems).toEqual([]);
      const report = checkFile(file, configs, parser);
      expect(report.error).toBeUndefined();
      const found = report.diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`);
      expect(found.sort()).toEqual([...flagged].sort());
    });
  }
});
