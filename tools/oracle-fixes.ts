/**
 * Compares pyconv's fix edits with Ruff's, text for text, over a folder of Python files: for each
 * finding both engines report at the same place, the edits (ranges and replacement text) must be
 * identical. Ruff's WASM build knows no file path, so pyconv runs without one too (no first-party
 * guess from the path, no TID252 rewrite). Meaningful for the rules whose fixes Ruff also has: I001,
 * I002, F401, and the N804/N805 renames (unsafe in both).
 *
 *   node dist/tools/oracle-fixes.js DIR [--select I001,I002] [--config pyproject.toml] [--show N]
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig } from '../server/src/engine/config';
import { resolveFixes } from '../server/src/engine/resolve-fixes';
import type { Diagnostic } from '../server/src/engine/types';
import { createPythonParser } from '../server/src/parser/python';
import { allOptionSections, allRules } from '../server/src/rules/registry';
import { RUFF_OPTION_KEYS } from './oracle/core';
import { toolArgs } from './shared/args';
import { pythonFiles } from './shared/python-files';

interface RuffEdit {
  location: { row: number; column: number };
  end_location: { row: number; column: number };
  /** null for a deletion. */
  content: string | null;
}

interface RuffDiagnostic {
  code: string;
  start_location: { row: number; column: number };
  fix: { edits: RuffEdit[] } | null;
}

interface RuffModule {
  Workspace: new (settings: unknown, encoding: number) => { check(source: string): RuffDiagnostic[] };
  PositionEncoding: { Utf16: number };
}

function loadOptions(configPath: string | undefined): Record<string, Record<string, unknown>> {
  const toml = configPath ? (parseToml(readFileSync(configPath, 'utf8')) as Record<string, unknown>) : {};
  const raw = ((toml.tool as Record<string, unknown> | undefined)?.pyconv ?? toml) as Record<string, unknown>;
  const options: Record<string, Record<string, unknown>> = {};
  for (const section of allOptionSections) {
    const { value, problems } = section.validate(raw[section.name]);
    for (const problem of problems) console.error(`oracle-fixes: ${problem}`);
    options[section.name] = value;
  }
  return options;
}

const ruffEdits = (d: RuffDiagnostic): string =>
  (d.fix?.edits ?? [])
    .map(
      (e) =>
        `${e.location.row}:${e.location.column}-${e.end_location.row}:${e.end_location.column} ${JSON.stringify(e.content ?? '')}`,
    )
    .join('\n');

const ourEdits = (d: Diagnostic): string =>
  (d.fix?.edits ?? [])
    .map((e) => {
      const { start, end } = e.range;
      return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${JSON.stringify(e.newText)}`;
    })
    .join('\n');

async function main(): Promise<void> {
  const { values, positionals } = toolArgs({ select: 'string', config: 'string', show: 'string' });
  const flag = (name: 'select' | 'config' | 'show') => values[name] as string | undefined;
  const [dir] = positionals;
  if (!dir) {
    console.error('usage: oracle-fixes DIR [--select I001,I002] [--config pyproject.toml] [--show N]');
    process.exit(2);
  }
  const codes = (flag('select') ?? 'I001,I002').split(',');
  const show = Number(flag('show') ?? 5);
  const options = loadOptions(flag('config'));
  const lint: Record<string, unknown> = { select: codes };
  for (const [section, keys] of Object.entries(RUFF_OPTION_KEYS)) {
    const picked = Object.fromEntries(
      keys.filter((k) => options[section]?.[k] !== undefined).map((k) => [k, options[section][k]]),
    );
    if (Object.keys(picked).length > 0) lint[section] = picked;
  }
  const ruff = createRequire(path.join(process.cwd(), 'package.json'))(
    '@astral-sh/ruff-wasm-nodejs',
  ) as RuffModule;
  const workspace = new ruff.Workspace({ 'target-version': 'py310', lint }, ruff.PositionEncoding.Utf16);
  const config = makeEngineConfig({ enabled: codes, options });
  const parser = await createPythonParser();
  let compared = 0;
  let different = 0;
  for (const file of pythonFiles(path.resolve(dir))) {
    const source = readFileSync(file, 'utf8');
    const tree = parser.parse(source);
    if (!tree) continue;
    const analysed = analyze({
      rules: allRules,
      source,
      tree,
      config,
      file: { isPackageInit: false, isPrivateModule: false, isStub: false },
    }).diagnostics;
    // Renames (N804/N805) are lazy fixes: their edits come from the whole tree, as in `--fix`.
    const ours = resolveFixes(analysed, tree.rootNode);
    tree.delete();
    const byPlace = new Map<string, Diagnostic[]>();
    for (const d of ours) {
      const key = `${d.code}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      byPlace.set(key, [...(byPlace.get(key) ?? []), d]);
    }
    for (const d of workspace.check(source)) {
      const mine = byPlace.get(`${d.code}:${d.start_location.row}:${d.start_location.column}`);
      if (!mine || mine.length === 0) continue;
      const theirs = ruffEdits(d);
      const index = mine.findIndex((m) => ourEdits(m) === theirs);
      compared++;
      if (index >= 0) {
        mine.splice(index, 1);
        continue;
      }
      different++;
      if (different <= show) {
        console.log(
          `${path.relative(process.cwd(), file)}:${d.start_location.row}:${d.start_location.column} ${d.code}`,
        );
        console.log(`  ruff: ${theirs}\n  ours: ${ourEdits(mine[0])}`);
      }
    }
  }
  console.log(`fixes compared: ${compared}, identical: ${compared - different}, different: ${different}`);
  process.exitCode = different > 0 ? 1 : 0;
}

main();
