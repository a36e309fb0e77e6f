/**
 * Issue 19, section 2: each guide's own example code (extracted into
 * `examples/configs/<guide>/guide_examples/`) passes under that guide's preset, except where the guide
 * contradicts itself. Those findings are listed here exactly, and each must be justified in the
 * preset by a `# Guide contradicts itself:` comment naming its code and file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { checkFile } from '../server/src/cli/check-file';
import { ConfigCache } from '../server/src/project/config';
import { getParser } from './helpers/analyze';
import { pythonFiles } from './helpers/guide-pairs';

const PRESETS = path.resolve(__dirname, '../examples/configs');

/** `CODE path:line` (path below guide_examples/, 1-based line) of every finding a guide's contradictions cause. */
const CONTRADICTIONS: Record<string, string[]> = {
  '000-machineuse': [
    'ANN002 async_functions.py:14',
    'ANN201 concurrent_operations.py:3',
    'ANN201 naming_variables_functions.py:8',
    'ANN201 naming_variables_functions.py:12',
    'ANN202 private_members.py:7',
    'ANN204 async_functions.py:10',
    'ANN204 async_functions.py:14',
    'ANN204 private_members.py:3',
    'D101 async_functions.py:9',
    'D101 naming_classes.py:3',
    'D101 naming_classes.py:7',
    'D101 naming_classes.py:12',
    'D101 private_members.py:2',
    'D101 type_hint_patterns.py:27',
    'D102 type_hint_patterns.py:28',
    'D103 async_functions.py:3',
    'D103 concurrent_operations.py:3',
    'D103 naming_variables_functions.py:8',
    'D103 naming_variables_functions.py:12',
    'D103 type_hint_patterns.py:6',
    'D103 type_hint_patterns.py:11',
    'D103 type_hint_patterns.py:19',
    'D105 async_functions.py:10',
    'D105 async_functions.py:14',
    'I001 imports.py:3',
    'I001 type_hint_patterns.py:2',
    'PCV101 naming_variables_functions.py:3',
    'PCV101 naming_variables_functions.py:4',
  ],
  '001-setu': [
    'D101 field_metadata.py:3',
    'D101 frozen_dataclasses.py:7',
    'D101 generic_types.py:8',
    'D101 generic_types.py:11',
    'D101 logger_initialization.py:6',
    'D101 polymorphic_base_classes.py:6',
    'D101 type_annotations.py:6',
    'D102 generic_types.py:9',
    'D102 generic_types.py:15',
    'D102 generic_types.py:18',
    'D102 polymorphic_base_classes.py:27',
    'D102 polymorphic_base_classes.py:37',
    'DOC502 docstring_style.py:10',
    'I001 frozen_dataclasses.py:2',
    'I001 generic_types.py:2',
    'I001 import_order.py:3',
    'I001 native_handle_integration.py:2',
    'I001 polymorphic_base_classes.py:2',
    'I001 registry_pattern.py:2',
    'I001 tests/conftest.py:3',
    'I001 tests/test_model_config.py:2',
    'I001 type_annotations.py:2',
    'PCV101 naming_variables_functions.py:2',
    'PCV102 frozen_dataclasses.py:16',
  ],
  '002-core-engineering': [
    'ANN001 retry_with_backoff.py:4',
    'ANN001 retry_with_backoff.py:4',
    'ANN201 retry_with_backoff.py:4',
  ],
  '003-familyos': [
    'ANN001 tests/test_memory_service.py:13',
    'ANN201 tests/test_memory_service.py:6',
    'ANN201 tests/test_memory_service.py:13',
    'ANN202 traces.py:6',
    'I001 contract_integration.py:2',
    'I001 data_models.py:2',
    'I001 tests/test_memory_service.py:2',
    'I001 traces.py:2',
  ],
  '004-llenergymeasure': [
    'D101 protocols.py:5',
    'D102 protocols.py:6',
    'D102 protocols.py:7',
    'DOC201 function_design.py:8',
    'I001 protocols.py:3',
    'I001 type_checking_imports.py:5',
    'PCV602 function_design.py:5',
    'PCV602 type_annotations.py:5',
  ],
};

/** The `# Guide contradicts itself: ...` comments of a preset, continuation lines included. */
function contradictionComments(pyproject: string): string {
  const kept: string[] = [];
  let inside = false;
  for (const line of readFileSync(pyproject, 'utf8').split('\n')) {
    if (line.startsWith('# Guide contradicts itself:')) inside = true;
    else if (!line.startsWith('#   ')) inside = false;
    if (inside) kept.push(line);
  }
  return kept.join('\n');
}

let parser: Parser;
beforeAll(async () => {
  parser = await getParser();
});

describe("presets: each guide's own examples pass under its preset", () => {
  for (const [preset, expected] of Object.entries(CONTRADICTIONS)) {
    const examples = path.join(PRESETS, preset, 'guide_examples');

    it(`${preset}: only the findings its guide's contradictions cause`, () => {
      const configs = new ConfigCache();
      const found: string[] = [];
      for (const file of pythonFiles(examples)) {
        const project = configs.projectFor(path.dirname(file));
        expect(project.pyprojectPath).toBe(path.join(PRESETS, preset, 'pyproject.toml'));
        expect(project.problems).toEqual([]);
        const report = checkFile(file, configs, parser);
        expect(report.error).toBeUndefined();
        const relative = path.relative(examples, file).split(path.sep).join('/');
        for (const d of report.diagnostics) found.push(`${d.code} ${relative}:${d.range.start.line + 1}`);
      }
      expect(found.sort()).toEqual([...expected].sort());
    });

    it(`${preset}: the preset justifies each of them`, () => {
      const comments = contradictionComments(path.join(PRESETS, preset, 'pyproject.toml'));
      for (const finding of expected) {
        const [code, where] = finding.split(' ');
        const fileName = path.basename(where.split(':')[0]);
        const justified = comments
          .split('# Guide contradicts itself:')
          .some((one) => new RegExp(`\\b${code}\\b`).test(one) && one.includes(fileName));
        expect(justified, `${finding} needs a "# Guide contradicts itself:" comment in ${preset}`).toBe(true);
      }
    });
  }
});
