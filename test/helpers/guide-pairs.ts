/**
 * Issue 19's coverage measure: for each guide, a violating file and a compliant twin per statically
 * checkable convention (`test/fixtures/guides/<guide>/<convention>/{bad,good}/`), checked under the
 * guide's preset. A convention is covered when the violation gets one of its codes and the twin
 * gets no finding at all.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { checkFile } from '../../server/src/cli/check-file';
import { ConfigCache } from '../../server/src/project/config';

export const GUIDE_PAIRS = path.resolve(__dirname, '../fixtures/guides');

/** A convention checked by existing rules (`codes`), or one that waits for a rule (`pending`: its code). */
export type Convention = { name: string; codes: string[] } | { name: string; pending: string };

export interface PairResult {
  /** The codes found on the violating file. */
  bad: string[];
  /** Every finding on the compliant twin, `CODE path:line`. */
  good: string[];
}

/** Every `.py` file below `dir`. */
export function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pythonFiles(full);
    return entry.name.endsWith('.py') ? [full] : [];
  });
}

/** Checks one side of a pair as a project of its own, configured by `pyproject`. */
function findings(side: string, pyproject: string, parser: Parser): string[] {
  const project = mkdtempSync(path.join(os.tmpdir(), 'pyconv-guide-'));
  try {
    writeFileSync(path.join(project, 'pyproject.toml'), pyproject);
    cpSync(side, project, { recursive: true });
    const configs = new ConfigCache();
    return pythonFiles(project).flatMap((file) =>
      checkFile(file, configs, parser).diagnostics.map(
        (d) => `${d.code} ${path.relative(project, file)}:${d.range.start.line + 1}`,
      ),
    );
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

export function checkPair(guide: string, convention: string, pyproject: string, parser: Parser): PairResult {
  const pair = path.join(GUIDE_PAIRS, guide, convention);
  return {
    bad: findings(path.join(pair, 'bad'), pyproject, parser).map((f) => f.split(' ')[0]),
    good: findings(path.join(pair, 'good'), pyproject, parser),
  };
}

/** The codes that would flag the violation (for a pending convention, the code its rule will have). */
export function expectedCodes(convention: Convention): string[] {
  return 'codes' in convention ? convention.codes : [convention.pending.split(' ')[0]];
}

export function isCovered(convention: Convention, result: PairResult): boolean {
  return result.bad.some((code) => expectedCodes(convention).includes(code)) && result.good.length === 0;
}

export const GUIDE_CONVENTIONS: Record<string, Convention[]> = {
  '000-machineuse': [
    { name: 'function-names-snake-case', codes: ['N802'] },
    { name: 'variable-names-snake-case', codes: ['N806'] },
    { name: 'argument-names-snake-case', codes: ['N803'] },
    { name: 'class-names-pascal-case', codes: ['N801'] },
    { name: 'exception-names-end-in-error', codes: ['N818'] },
    { name: 'module-level-constants-upper-case', codes: ['PCV101'] },
    { name: 'type-hints-on-arguments', codes: ['ANN001'] },
    { name: 'return-type-hints', codes: ['ANN201'] },
    { name: 'tests-exempt-from-type-hints', codes: ['ANN001', 'ANN201'] },
    { name: 'docstring-args-section', codes: ['D417'] },
    { name: 'docstring-returns-section', codes: ['DOC201'] },
    { name: 'docstring-raises-section', codes: ['DOC501'] },
    { name: 'docstring-no-extraneous-raises', codes: ['DOC502'] },
    { name: 'docstring-google-layout', codes: ['PCV301'] },
    { name: 'module-docstring', codes: ['D100'] },
    { name: 'public-function-docstring', codes: ['D103'] },
    { name: 'public-class-docstring', codes: ['D101'] },
    { name: 'no-bare-except', codes: ['E722'] },
    { name: 'catch-specific-exceptions', codes: ['BLE001'] },
    { name: 'import-groups', codes: ['I001'] },
    { name: 'no-star-imports', codes: ['F403'] },
    { name: 'no-unused-imports', codes: ['F401'] },
    { name: 'no-undefined-names', codes: ['F821'] },
    { name: 'no-unused-variables', codes: ['F841'] },
    { name: 'no-redefinitions', codes: ['F811'] },
  ],
  '001-setu': [
    { name: 'import-sections-native-separate', codes: ['I001'] },
    { name: 'absolute-imports', codes: ['TID252'] },
    { name: 'no-star-imports', codes: ['F403'] },
    { name: 'function-names-snake-case', codes: ['N802'] },
    { name: 'boolean-predicates', codes: ['PCV102'] },
    { name: 'type-aliases-pascal-case', codes: ['PCV103'] },
    { name: 'constants-upper-snake-case', codes: ['PCV101'] },
    { name: 'typevar-names', codes: ['PCV104'] },
    { name: 'class-names-pascal-case', codes: ['N801'] },
    { name: 'type-hints-on-arguments', codes: ['ANN001'] },
    { name: 'return-type-hints', codes: ['ANN201'] },
    { name: 'class-attributes-annotated', codes: ['PCV201'] },
    { name: 'docstring-args-section', codes: ['D417'] },
    { name: 'docstring-returns-section', codes: ['DOC201'] },
    { name: 'docstring-yields-section', codes: ['DOC402'] },
    { name: 'docstring-raises-section', codes: ['DOC501'] },
    { name: 'docstring-google-layout', codes: ['PCV301'] },
    { name: 'init-logger-not-getlogger', codes: ['TID251'] },
    { name: 'lazy-percent-logging-not-fstrings', codes: ['G004'] },
    { name: 'no-format-in-log-calls', codes: ['G001'] },
    { name: 'test-classes-start-with-test', codes: ['PCV105'] },
    { name: 'tests-exempt-from-module-docstring-and-return-types', codes: ['D100', 'ANN201'] },
    { name: 'pytest-raises-with-match', codes: ['PT011'] },
    { name: 'field-metadata-help', codes: ['PCV701'] },
  ],
  '002-core-engineering': [
    { name: 'no-bare-except', codes: ['E722'] },
    { name: 'no-broad-except-unless-reraised-or-logged', codes: ['BLE001'] },
    { name: 'right-exception-type', codes: ['TRY002'] },
    { name: 'files-in-context-managers', codes: ['SIM115'] },
    { name: 'no-hardcoded-passwords', codes: ['S105'] },
    { name: 'no-secret-literals-in-key-names', codes: ['PCV502'] },
    { name: 'no-secret-arguments', codes: ['S106'] },
    { name: 'no-secret-defaults', codes: ['S107'] },
    { name: 'no-shell-true-subprocess', codes: ['S602'] },
    { name: 'no-shell-true-elsewhere', codes: ['S604'] },
    { name: 'no-sql-strings', codes: ['S608'] },
    { name: 'http-timeouts', codes: ['S113'] },
    { name: 'retries-back-off', codes: ['PCV401'] },
    { name: 'type-hints-on-arguments', codes: ['ANN001'] },
    { name: 'return-type-hints', codes: ['ANN201'] },
    { name: 'argparse-or-click-not-optparse', codes: ['TID251'] },
    { name: 'no-os-system', codes: ['S605'] },
    { name: 'subprocess-timeouts', codes: ['PCV503'] },
    { name: 'sockets-in-context-managers', codes: ['PCV504'] },
    { name: 'no-finalizers-for-cleanup', codes: ['PCV505'] },
    { name: 'retries-capped', codes: ['PCV402'] },
  ],
  '003-familyos': [
    { name: 'exception-chaining', codes: ['B904'] },
    { name: 'pep585-generics', codes: ['UP006'] },
    { name: 'no-deprecated-typing-imports', codes: ['UP035'] },
    { name: 'pep604-optional', codes: ['UP045'] },
    { name: 'no-bare-except', codes: ['E722'] },
    { name: 'specific-exceptions', codes: ['BLE001'] },
    { name: 'raise-specific-exceptions', codes: ['TRY002'] },
    { name: 'type-hints-on-arguments', codes: ['ANN001'] },
    { name: 'return-type-hints', codes: ['ANN201'] },
    { name: 'structured-logging-not-print', codes: ['T201'] },
    { name: 'never-log-pii', codes: ['PCV501'] },
    { name: 'no-time-sleep', codes: ['TID251', 'ASYNC251'] },
    { name: 'no-asyncio-sleep', codes: ['TID251'] },
    { name: 'get-logger-not-stdlib-logging', codes: ['TID251'] },
    { name: 'ward-not-pytest', codes: ['TID251'] },
    { name: 'no-other-services-internals', codes: ['TID251', 'TID252'] },
    { name: 'no-global-state', codes: ['PLW0603'] },
    { name: 'mutable-defaults', codes: ['B006'] },
    { name: 'import-sorting', codes: ['I001'] },
    { name: 'no-unused-imports', codes: ['F401'] },
    { name: 'no-blocking-http-in-async', codes: ['ASYNC210'] },
    { name: 'no-blocking-open-in-async', codes: ['ASYNC230'] },
    { name: 'no-mutated-module-globals', codes: ['PLW0602'] },
    { name: 'metric-name-prefix', codes: ['PCV702'] },
    { name: 'spans-opened-with-with', codes: ['PCV703'] },
    { name: 'no-undefined-names', codes: ['F821'] },
    { name: 'no-unused-variables', codes: ['F841'] },
    { name: 'no-redefinitions', codes: ['F811'] },
  ],
  '004-llenergymeasure': [
    { name: 'future-annotations-required', codes: ['I002'] },
    { name: 'pep604-optional', codes: ['UP045'] },
    { name: 'pep604-union', codes: ['UP007'] },
    { name: 'pep585-generics', codes: ['UP006'] },
    { name: 'no-deprecated-typing-imports', codes: ['UP035'] },
    { name: 'any-sparingly', codes: ['ANN401'] },
    { name: 'class-names-pascal-case', codes: ['N801'] },
    { name: 'function-names-snake-case', codes: ['N802'] },
    { name: 'variable-names-snake-case', codes: ['N806'] },
    { name: 'constants-upper-case', codes: ['PCV101'] },
    { name: 'type-aliases-pascal-case', codes: ['PCV103'] },
    { name: 'typevar-single-letter', codes: ['PCV104'] },
    { name: 'exception-names-end-in-error', codes: ['N818'] },
    { name: 'test-files-prefixed', codes: ['PCV105'] },
    { name: 'test-classes-prefixed', codes: ['PCV105'] },
    { name: 'module-names-snake-case', codes: ['N999'] },
    { name: 'no-wildcard-imports', codes: ['F403'] },
    { name: 'absolute-imports', codes: ['TID252'] },
    { name: 'import-order', codes: ['I001'] },
    { name: 'type-hints-on-arguments', codes: ['ANN001'] },
    { name: 'tests-exempt-from-type-hints', codes: ['ANN001', 'ANN201'] },
    { name: 'return-type-even-none', codes: ['ANN201'] },
    { name: 'class-attributes-annotated', codes: ['PCV201'] },
    { name: 'docstring-args', codes: ['D417'] },
    { name: 'docstring-raises', codes: ['DOC501'] },
    { name: 'module-docstring', codes: ['D100'] },
    { name: 'exception-chaining', codes: ['B904'] },
    { name: 'no-bare-except', codes: ['E722'] },
    { name: 'raise-custom-exceptions', codes: ['TRY002'] },
    { name: 'loguru-not-stdlib-logging', codes: ['TID251'] },
    { name: 'no-print', codes: ['T201'] },
    { name: 'keyword-only-after-two-params', codes: ['PCV602'] },
    { name: 'no-mutable-defaults', codes: ['B006'] },
    { name: 'functions-under-100-lines', codes: ['PCV601'] },
    { name: 'dunder-all', codes: ['PCV603'] },
    { name: 'no-unused-imports', codes: ['F401'] },
    { name: 'no-undefined-names', codes: ['F821'] },
    { name: 'no-unused-variables', codes: ['F841'] },
    { name: 'no-redefinitions', codes: ['F811'] },
    { name: 'no-generic-errors-in-public-api', codes: ['PCV403'] },
    { name: 'collapse-nested-ifs', codes: ['SIM102'] },
    { name: 'type-only-imports-under-type-checking', codes: ['TC001', 'TC002', 'TC003'] },
    { name: 'validators-are-classmethods', codes: ['PCV704'] },
    { name: 'fields-have-descriptions', codes: ['PCV701'] },
    { name: 'no-private-modules', codes: ['PCV106'] },
    { name: 'too-many-parameters', codes: ['PLR0913'] },
  ],
};
