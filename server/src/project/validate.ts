/**
 * Validation of `[tool.pyconv]` (and of editor settings of the same shape): every key's type and
 * rule codes are checked; what is wrong becomes a ConfigProblem, positioned on its line when the
 * settings come from a file, and is left out: an unknown code from its list (the rest of the list
 * applies), a key of the wrong type whole (its default applies).
 */

import { parseTargetVersion } from '../engine/config';
import { compilePathGlob } from '../engine/config-patterns';
import type { OptionSection } from '../engine/rule';
import type { PythonVersion, Range, RuleMeta, Severity } from '../engine/types';
import { allOptionSections, allRuleMetas } from '../rules/registry';
import { normalizedPathGlob } from './paths';
import type { ConfigProblem, PyconvSettings } from './settings';
import type { TomlLocations } from './toml-locations';

/** The Python versions pyconv knows: target versions are clamped into this range. */
export const OLDEST_TARGET: PythonVersion = [3, 7];
export const NEWEST_TARGET: PythonVersion = [3, 14];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Where settings come from: a TOML file with key positions, or the editor (no file). */
export interface Where {
  file?: string;
  locations?: TomlLocations;
  /** The key path of the settings table inside the file. */
  table: readonly string[];
}

export function problemAt(
  where: Where,
  keys: readonly string[],
  message: string,
  item?: string,
): ConfigProblem {
  const source = where.file ? '' : ' (editor settings)';
  return { message: `${message}${source}`, file: where.file, range: rangeOf(where, keys, item) };
}

/**
 * The key's line, or the string `item` inside its value. A key written inside an inline table has
 * no line of its own: then the nearest enclosing key that has one.
 */
function rangeOf(where: Where, keys: readonly string[], item?: string): Range | undefined {
  if (!where.locations) return undefined;
  const fullPath = [...where.table, ...keys];
  for (let length = fullPath.length; length >= where.table.length && length > 0; length--) {
    const candidate = fullPath.slice(0, length);
    if (!where.locations.key(candidate)) continue;
    return item !== undefined
      ? where.locations.valueItem(candidate, item)
      : where.locations.key(candidate)?.range;
  }
  return undefined;
}

/** `fail-on` (and `--fail-on`) values; `info` is the engine's `information`. */
export const FAIL_ON_VALUES: Readonly<Record<string, Severity>> = {
  error: 'error',
  warning: 'warning',
  info: 'information',
  information: 'information',
  hint: 'hint',
};

const SELECTOR_KEYS = ['select', 'extend-select', 'ignore'] as const;
const GLOB_KEYS = ['exclude', 'extend-exclude'] as const;

/**
 * Checks every key of a settings table; what is wrong is reported and left out, so that the
 * defaults apply for that key. Option sub-tables are checked with their section's validator but
 * kept raw: they are validated again after editor settings are merged over them.
 */
export function validateSettings(
  raw: Record<string, unknown>,
  where: Where,
): { settings: PyconvSettings; problems: ConfigProblem[] } {
  const settings: PyconvSettings = {};
  const problems: ConfigProblem[] = [];
  const report = (keys: readonly string[], message: string, item?: string) =>
    problems.push(problemAt(where, keys, message, item));
  for (const [key, value] of Object.entries(raw)) {
    if ((SELECTOR_KEYS as readonly string[]).includes(key)) {
      const codes = checkSelectors(value, [key], report);
      if (codes) settings[key] = codes;
    } else if ((GLOB_KEYS as readonly string[]).includes(key)) {
      const globs = checkGlobs(value, [key], report);
      if (globs) settings[key] = globs;
    } else if (key === 'per-file-ignores') {
      const table = checkPerFileIgnores(value, report);
      if (table) settings[key] = table;
    } else if (key === 'target-version') {
      const version = checkTargetVersion(value, report);
      if (version) settings[key] = version;
    } else if (key === 'severity') {
      const severities = checkSeverities(value, report);
      if (severities) settings[key] = severities;
    } else if (key === 'max-file-size') {
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) settings[key] = value;
      else report([key], '`max-file-size` must be a positive whole number of bytes');
    } else if (key === 'cache-dir') {
      if (typeof value === 'string' && value !== '') settings[key] = value;
      else report([key], '`cache-dir` must be a folder path');
    } else if (key === 'src') {
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry !== ''))
        settings[key] = value as string[];
      else report([key], '`src` must be a list of folder paths');
    } else if (key === 'fail-on') {
      const severity = typeof value === 'string' ? FAIL_ON_VALUES[value] : undefined;
      if (severity) settings[key] = severity;
      else report([key], '`fail-on` must be "error", "warning", "info" or "hint"');
    } else {
      const section = allOptionSections.find((s) => s.name === key);
      if (!section) report([key], `Unknown setting \`${key}\``);
      else if (checkSection(section, value, report)) settings[key] = value;
    }
  }
  return { settings, problems };
}

type Report = (keys: readonly string[], message: string, item?: string) => void;

/** `select`, or `per-file-ignores."tests/*"` for a nested key. */
function keyLabel(keys: readonly string[]): string {
  return keys.map((key, i) => (i === 0 ? key : JSON.stringify(key))).join('.');
}

function checkStringArray(value: unknown, keys: readonly string[], report: Report): string[] | undefined {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  report(keys, `\`${keyLabel(keys)}\` must be a list of strings`);
  return undefined;
}

/** A list of path globs; malformed ones (an unclosed `[` or `{`) are reported and left out. */
function checkGlobs(value: unknown, keys: readonly string[], report: Report): string[] | undefined {
  const globs = checkStringArray(value, keys, report);
  if (!globs) return undefined;
  const valid = globs.filter((glob) => compilePathGlob(normalizedPathGlob(glob)) !== undefined);
  for (const glob of globs.filter((g) => !valid.includes(g)))
    report(keys, `Invalid glob pattern \`${glob}\` in \`${keyLabel(keys)}\``, glob);
  return valid;
}

function checkSelectors(value: unknown, keys: readonly string[], report: Report): string[] | undefined {
  const codes = checkStringArray(value, keys, report);
  if (!codes) return undefined;
  const known = codes.filter((code) => isKnownSelector(code));
  for (const code of codes.filter((code) => !isKnownSelector(code))) {
    report(keys, `Unknown rule code or prefix \`${code}\` in \`${keyLabel(keys)}\`; it is left out`, code);
  }
  // One mistyped code must not bring back every finding the rest of the list turns off: only the bad
  // entries are dropped. A list with nothing valid left is treated as unset.
  return known.length === 0 && codes.length > 0 ? undefined : known;
}

/** `ALL`, or a prefix of at least one rule's code. */
export function isKnownSelector(selector: string, metas: readonly RuleMeta[] = allRuleMetas): boolean {
  return selector === 'ALL' || (selector !== '' && metas.some((meta) => meta.code.startsWith(selector)));
}

function checkPerFileIgnores(value: unknown, report: Report): Record<string, string[]> | undefined {
  if (!isTable(value)) {
    report(['per-file-ignores'], '`per-file-ignores` must be a table of glob = [codes]');
    return undefined;
  }
  const table: Record<string, string[]> = {};
  for (const [pattern, codes] of Object.entries(value)) {
    if (!compilePathGlob(normalizedPathGlob(pattern))) {
      report(['per-file-ignores', pattern], `Invalid glob pattern \`${pattern}\` in \`per-file-ignores\``);
      continue;
    }
    const checked = checkSelectors(codes, ['per-file-ignores', pattern], report);
    if (checked) table[pattern] = checked;
  }
  return table;
}

function checkTargetVersion(value: unknown, report: Report): string | undefined {
  const version = typeof value === 'string' ? parseTargetVersion(value) : undefined;
  if (version && version[1] >= OLDEST_TARGET[1] && version[1] <= NEWEST_TARGET[1]) return value as string;
  report(
    ['target-version'],
    `\`target-version\` must be one of py3${OLDEST_TARGET[1]}..py3${NEWEST_TARGET[1]} (got ${JSON.stringify(value)})`,
  );
  return undefined;
}

function checkSeverities(value: unknown, report: Report): Record<string, Severity> | undefined {
  if (!isTable(value)) {
    report(['severity'], '`severity` must be a table of code = "error" | "warning" | "information" | "hint"');
    return undefined;
  }
  const table: Record<string, Severity> = {};
  for (const [code, severity] of Object.entries(value)) {
    if (!isKnownSelector(code))
      report(['severity', code], `Unknown rule code or prefix \`${code}\` in \`severity\``);
    else if (!SEVERITIES.includes(severity as Severity)) {
      report(['severity', code], `Severity of \`${code}\` must be one of ${SEVERITIES.join(', ')}`);
    } else table[code] = severity as Severity;
  }
  return table;
}

function checkSection(section: OptionSection, value: unknown, report: Report): boolean {
  if (!isTable(value)) {
    report([section.name], `\`[tool.pyconv.${section.name}]\` must be a table`);
    return false;
  }
  for (const message of safeValidate(section, value).problems) report([section.name], message);
  return true;
}

/** A section's validator is other people's code: a crash in it must not take the server down. */
export function safeValidate(
  section: OptionSection,
  raw: unknown,
): { value: Record<string, unknown>; problems: string[] } {
  try {
    return section.validate(raw);
  } catch (error) {
    return {
      value: {},
      problems: [`Options \`${section.name}\` could not be validated: ${errorMessage(error)}`],
    };
  }
}
