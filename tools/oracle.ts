/**
 * The oracle: runs pyconv's engine and Ruff (its WASM build) over every .py file of a folder with the
 * same settings, and prints per rule code how far they agree.
 *
 *   npm run oracle -- DIR [--select CODES] [--show N] [--json FILE] [--config FILE] [--target-version py310]
 *
 * Findings match on (code, start line, start column). Only rules with a Ruff code are compared
 * (PCV rules are pyconv's own). Ruff's WASM build sees text only, so what Ruff's CLI derives from
 * the path is re-derived (oracle/core.ts header: private modules, `__init__`, N999, relative
 * imports resolved for DOC501/DOC502, same-package first-party imports for I001).
 *
 * Each file is checked as Ruff's CLI would check it in its own project: pyconv gets the path from
 * the parent of the file's package root (`attr/_make.py` for `.../dist-packages/attr/_make.py`),
 * which is where a project's pyproject.toml would sit; files outside any package keep their path
 * relative to DIR.
 *
 * Where the parsers differ: for a file Ruff cannot parse it reports nothing but `invalid-syntax`,
 * while pyconv still checks everything outside tree-sitter's ERROR nodes. The header line counts
 * such files; their differences are parser differences, not rule differences.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { analyze } from '../server/src/engine/analyze';
import { makeEngineConfig, parseTargetVersion, resolveSelection } from '../server/src/engine/config';
import { createPythonParser } from '../server/src/parser/python';
import { fileInfoFor } from '../server/src/project/config';
import { allOptionSections, allRuleMetas, allRules } from '../server/src/rules/registry';
import {
  absolutizeRelativeImports,
  adjustForPath,
  type CodeRow,
  compareFindings,
  computeRuffN999,
  type Finding,
  formatTable,
  type Mismatch,
  RESOLVED_CODES,
  RuffOracle,
  ratio,
  ruffPathView,
  ruffSettings,
} from './oracle/core';
import { toolArgs, wholeNumber } from './shared/args';
import { pythonFiles } from './shared/python-files';

interface Options {
  dir: string;
  select?: string[];
  show: number;
  json?: string;
  config?: string;
  targetVersion: string;
}

function usage(message?: string): never {
  if (message) console.error(`oracle: ${message}`);
  console.error(
    'usage: npm run oracle -- DIR [--select CODES] [--show N] [--json FILE] [--config pyproject.toml] [--target-version py310]',
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  if (argv.includes('-h')) usage();
  try {
    const { values, positionals } = toolArgs(
      {
        select: 'string',
        show: 'string',
        json: 'string',
        config: 'string',
        'target-version': 'string',
        help: 'boolean',
      },
      argv,
    );
    if (values.help) usage();
    if (positionals.length > 1) usage('give one folder');
    const [dir] = positionals;
    if (!dir) usage('no folder given');
    const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);
    return {
      dir,
      select: text(values.select)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      show: wholeNumber('show', values.show, 10, 0),
      json: text(values.json),
      config: text(values.config),
      targetVersion: text(values['target-version']) ?? 'py310',
    };
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
}

/** Rule option sections from a TOML file's `[tool.pyconv]` (or its top level), validated. */
function loadOptions(configPath: string | undefined): Record<string, Record<string, unknown>> {
  let raw: Record<string, unknown> = {};
  if (configPath) {
    const toml = parseToml(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    const tool = (toml.tool as Record<string, unknown> | undefined)?.pyconv;
    raw = (tool ?? toml) as Record<string, unknown>;
  }
  const options: Record<string, Record<string, unknown>> = {};
  for (const section of allOptionSections) {
    const { value, problems } = section.validate(raw[section.name]);
    for (const problem of problems) console.error(`oracle: ${problem}`);
    options[section.name] = value;
  }
  return options;
}

/** The codes compared: the selection (prefixes allowed) among pyconv's rules, minus pyconv-only PCV codes. */
function comparedCodes(select: readonly string[] | undefined): string[] {
  const known = allRuleMetas.filter((m) => !m.code.startsWith('PCV'));
  const selection = select ? { select } : { select: ['ALL'] };
  return [...resolveSelection(known, selection)].sort();
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const root = path.resolve(options.dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) usage(`${options.dir} is not a folder`);
  const target = parseTargetVersion(options.targetVersion);
  if (!target) usage(`bad --target-version ${options.targetVersion} (expected e.g. py310)`);
  const codes = comparedCodes(options.select);
  if (codes.length === 0) usage('no rule with a Ruff code matches --select');

  const config = makeEngineConfig({
    enabled: codes,
    targetVersion: target,
    options: loadOptions(options.config),
  });
  const oracle = new RuffOracle(ruffSettings(config, codes), codes);
  const parser = await createPythonParser();
  const files = pythonFiles(root);

  const counts = new Map(codes.map((code) => [code, { ours: 0, ruff: 0, matched: 0 }]));
  const mismatches: Mismatch[] = [];
  let oursMs = 0;
  let parseMs = 0;
  let ruffMs = 0;
  let parseErrorFiles = 0;
  let ruffSyntaxErrorFiles = 0;
  for (const file of files) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const source = readFileSync(file, 'utf8');
    const view = ruffPathView(file);
    const info = fileInfoFor(view.packageRelativePath ?? relative);

    let started = performance.now();
    const tree = parser.parse(source);
    if (!tree) throw new Error(`tree-sitter could not parse ${relative}`);
    parseMs += performance.now() - started;
    if (tree.rootNode.hasError) parseErrorFiles++;
    const ours: Finding[] = analyze({ rules: allRules, source, tree, config, file: info }).diagnostics.map(
      (d) => ({
        code: d.code,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        message: d.message,
      }),
    );
    oursMs += performance.now() - started;
    const absolutized = view.modulePath
      ? absolutizeRelativeImports(source, tree, view.modulePath)
      : { source, lines: new Set<number>(), toOriginal: (f: Finding) => f };
    tree.delete();

    started = performance.now();
    const result = oracle.check(source, view.packageName);
    let findings = result.findings;
    if (absolutized.lines.size > 0 && codes.some((code) => RESOLVED_CODES.has(code))) {
      const resolved = oracle.check(absolutized.source, view.packageName).findings;
      findings = [
        ...findings.filter((f) => !RESOLVED_CODES.has(f.code)),
        ...resolved.filter((f) => RESOLVED_CODES.has(f.code)).map(absolutized.toOriginal),
      ];
    }
    ruffMs += performance.now() - started;
    if (result.syntaxErrors > 0) ruffSyntaxErrorFiles++;
    const ruffFindings = adjustForPath(findings, view).filter((f) => counts.has(f.code));
    if (counts.has('N999')) ruffFindings.push(...computeRuffN999(file, config));

    const compared = compareFindings(
      relative,
      ours.filter((f) => counts.has(f.code)),
      ruffFindings,
    );
    for (const f of ours) if (counts.has(f.code)) counts.get(f.code)!.ours++;
    for (const f of ruffFindings) counts.get(f.code)!.ruff++;
    for (const f of compared.matched) counts.get(f.code)!.matched++;
    mismatches.push(...compared.mismatches);
  }
  oracle.free();
  if (oracle.unknownNames.size > 0) {
    console.error(
      `oracle: Ruff rule names not mapped to a code (left out): ${[...oracle.unknownNames].join(', ')}`,
    );
  }

  const rows: CodeRow[] = [...counts].map(([code, c]) => ({
    code,
    ...c,
    precision: ratio(c.matched, c.ours),
    recall: ratio(c.matched, c.ruff),
  }));
  const total = rows.reduce(
    (t, r) => ({ ours: t.ours + r.ours, ruff: t.ruff + r.ruff, matched: t.matched + r.matched }),
    {
      ours: 0,
      ruff: 0,
      matched: 0,
    },
  );
  const totalRow: CodeRow = {
    code: 'TOTAL',
    ...total,
    precision: ratio(total.matched, total.ours),
    recall: ratio(total.matched, total.ruff),
  };

  console.log(
    `${files.length} files under ${options.dir}; ${parseErrorFiles} with tree-sitter ERROR nodes, ${ruffSyntaxErrorFiles} with Ruff syntax errors`,
  );
  console.log(
    `pyconv ${oursMs.toFixed(0)} ms (parse ${parseMs.toFixed(0)} + analyze ${(oursMs - parseMs).toFixed(0)}), Ruff WASM ${ruffMs.toFixed(0)} ms\n`,
  );
  console.log(formatTable([...rows, totalRow]));
  for (const row of rows) {
    for (const side of ['ours', 'ruff'] as const) {
      const list = mismatches.filter((m) => m.side === side && m.finding.code === row.code);
      if (list.length === 0 || options.show === 0) continue;
      console.log(`\n${row.code}: ${list.length} only in ${side === 'ours' ? 'pyconv' : 'Ruff'}`);
      for (const m of list.slice(0, options.show)) {
        console.log(
          `  ${m.file}:${m.finding.line}:${m.finding.column} ${side === 'ours' ? 'ours' : 'Ruff'}: ${m.finding.message}`,
        );
      }
    }
  }
  if (options.json) {
    const report = {
      dir: options.dir,
      files: files.length,
      parseErrorFiles,
      ruffSyntaxErrorFiles,
      timingsMs: { pyconv: Math.round(oursMs), parse: Math.round(parseMs), ruff: Math.round(ruffMs) },
      rows: [...rows, totalRow],
      mismatches: mismatches.map((m) => ({ file: m.file, side: m.side, ...m.finding })),
    };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${options.json}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`oracle: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
