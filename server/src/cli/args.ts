/** The command line: `pyconv check|rule ...`, parsed into a typed request or a usage error. */
import { parseArgs } from 'node:util';
import { parseTargetVersion } from '../engine/config';
import type { Severity } from '../engine/types';
import { isKnownSelector, NEWEST_TARGET, OLDEST_TARGET } from '../project/config';
import { FAIL_ON_VALUES } from '../project/validate';

export const OUTPUT_FORMATS = [
  'text',
  'concise',
  'grouped',
  'json',
  'json-lines',
  'junit',
  'github',
  'gitlab',
  'sarif',
] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckRequest {
  command: 'check';
  paths: string[];
  select?: string[];
  extendSelect?: string[];
  ignore?: string[];
  config?: string;
  targetVersion?: string;
  format: OutputFormat;
  /** `--output-file`: the report goes there (written atomically) instead of standard output. */
  outputFile?: string;
  /** `check -`: the source comes from standard input; `stdinFilename` is the path it stands for. */
  stdin: boolean;
  stdinFilename?: string;
  fix: boolean;
  unsafeFixes: boolean;
  /** `--diff`: the unified diff of what `--fix` would change; nothing is written. */
  diff: boolean;
  addNoqa: boolean;
  statistics: boolean;
  watch: boolean;
  exitZero: boolean;
  exitNonZeroOnFix: boolean;
  /** `--fail-on`: the least severe finding that fails the run (over the `fail-on` config key). */
  failOn?: Severity;
  /** `--no-cache` makes this false: findings are neither read from nor written to the cache. */
  cache: boolean;
  /** `--cache-dir`: where the cache lives (over `PYCONV_CACHE_DIR` and the `cache-dir` key). */
  cacheDir?: string;
}

export type Request =
  | CheckRequest
  | { command: 'rule'; code?: string }
  | { command: 'help' }
  | { command: 'version' };

export class UsageError extends Error {}

export const HELP = `pyconv: Python team conventions, checked.

Usage:
  pyconv check [PATH...] [options]   Check files and folders (default: the current folder)
  pyconv check - [options] < FILE    Check the source on standard input
  pyconv rule [CODE]                 Show a rule's documentation (or list every rule)
  pyconv --help | --version

Options for check:
  --select CODES          Rule codes or prefixes to check, comma-separated; replaces the configured selection
  --extend-select CODES   Codes or prefixes to check in addition
  --ignore CODES          Codes or prefixes not to check
  --config FILE           Use this pyproject.toml (or TOML file of settings) instead of searching
  --target-version pyXY   The oldest Python the code supports (py37 .. py314)
  --output-format FORMAT  text (default), concise, grouped, json, json-lines, junit, github, gitlab
                          or sarif; --format is the same option
  --output-file FILE      Write the report to FILE (replaced atomically) instead of standard output
  --stdin-filename PATH   With \`-\`: the path the source stands for (configuration, per-file-ignores,
                          exclude, module name); alone it implies \`-\`
  --fix                   Apply safe fixes, then report what remains (on standard input: print the
                          fixed source, the report goes to standard error)
  --unsafe-fixes          With --fix or --diff, apply unsafe fixes too
  --diff                  Print the unified diff of what --fix would change; write nothing
  --add-noqa              Add \`# noqa: CODES\` to every line with findings (merged with existing ones)
  --statistics            Print counts per rule code (with fixability) instead of each finding
  --exit-zero             Exit with 0 even when diagnostics are found
  --exit-non-zero-on-fix  Exit with 1 when --fix changed a file, even if nothing remains
  --fail-on SEVERITY      error, warning, info or hint: the least severe finding that fails the run
                          (default: the \`fail-on\` config key, else hint: any finding fails)
  --watch                 Check, then check again each time a Python file or a configuration changes
  --no-cache              Do not read or write the cache of findings between runs
  --cache-dir DIR         Keep the cache in DIR (default: .pyconv_cache at the project root; also
                          PYCONV_CACHE_DIR or the \`cache-dir\` key)
  -h, --help              Show this help

Exit status: 0 nothing found (at or above --fail-on), 1 diagnostics found, a file not checked, or
with --diff a file that --fix would change, 2 usage or configuration error, or a file that could not
be written (it is left as it was).
Configuration: the nearest .pyconv.toml, pyconv.toml or pyproject.toml [tool.pyconv] (with what
it extends); command-line options win over it.`;

export const CHECK_OPTIONS = {
  select: { type: 'string', multiple: true },
  'extend-select': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  config: { type: 'string' },
  'target-version': { type: 'string' },
  'output-format': { type: 'string' },
  format: { type: 'string' },
  'output-file': { type: 'string' },
  'stdin-filename': { type: 'string' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  'add-noqa': { type: 'boolean' },
  statistics: { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  'exit-non-zero-on-fix': { type: 'boolean' },
  'fail-on': { type: 'string' },
  watch: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandLine(argv: readonly string[]): Request {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { command: 'help' };
  if (command === '--version' || command === '-V') return { command: 'version' };
  if (command === 'rule') {
    if (rest.length > 1) throw new UsageError('`pyconv rule` takes one rule code');
    return { command: 'rule', code: rest[0] };
  }
  if (command !== 'check') throw new UsageError(`Unknown command \`${command}\``);
  return parseCheck(rest);
}

function parseCheck(args: readonly string[]): CheckRequest | { command: 'help' } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof CHECK_OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: CHECK_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const format = outputFormatOf(values['output-format'], values.format);
  const targetVersion = values['target-version'];
  if (targetVersion !== undefined) checkTargetVersion(targetVersion);
  const stdin =
    positionals.includes('-') || (positionals.length === 0 && values['stdin-filename'] !== undefined);
  const request: CheckRequest = {
    command: 'check',
    paths: positionals.length > 0 ? positionals : ['.'],
    select: codesOf('--select', values.select),
    extendSelect: codesOf('--extend-select', values['extend-select']),
    ignore: codesOf('--ignore', values.ignore),
    config: values.config,
    targetVersion,
    format,
    outputFile: values['output-file'],
    stdin,
    stdinFilename: values['stdin-filename'],
    fix: values.fix ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    diff: values.diff ?? false,
    addNoqa: values['add-noqa'] ?? false,
    statistics: values.statistics ?? false,
    watch: values.watch ?? false,
    exitZero: values['exit-zero'] ?? false,
    exitNonZeroOnFix: values['exit-non-zero-on-fix'] ?? false,
    failOn: failOnOf(values['fail-on']),
    cache: !(values['no-cache'] ?? false),
    cacheDir: values['cache-dir'],
  };
  checkCombination(request, positionals);
  return request;
}

function outputFormatOf(outputFormat: string | undefined, alias: string | undefined): OutputFormat {
  if (outputFormat !== undefined && alias !== undefined && outputFormat !== alias) {
    throw new UsageError('--format is another name for --output-format: give one of them');
  }
  const format = outputFormat ?? alias ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--output-format must be one of ${OUTPUT_FORMATS.join(', ')} (got \`${format}\`)`);
  }
  return format as OutputFormat;
}

function failOnOf(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  const severity = FAIL_ON_VALUES[value];
  if (!severity) throw new UsageError(`--fail-on must be error, warning, info or hint (got \`${value}\`)`);
  return severity;
}

/** Options that make no sense together are refused rather than one of them silently ignored. */
function checkCombination(request: CheckRequest, positionals: readonly string[]): void {
  const refuse = (message: string) => {
    throw new UsageError(message);
  };
  if (request.unsafeFixes && !request.fix && !request.diff) refuse('--unsafe-fixes needs --fix or --diff');
  if (request.stdin && positionals.some((p) => p !== '-'))
    refuse('`-` (standard input) cannot be mixed with paths');
  if (request.stdinFilename !== undefined && !request.stdin)
    refuse('--stdin-filename needs `-` as the only path');
  if (request.addNoqa && (request.fix || request.diff))
    refuse('--add-noqa cannot be combined with --fix or --diff');
  if (request.addNoqa && request.stdin) refuse('--add-noqa does not read standard input');
  if (
    request.watch &&
    (request.fix || request.diff || request.addNoqa || request.stdin || request.outputFile)
  ) {
    refuse(
      '--watch only reports: it cannot be combined with --fix, --diff, --add-noqa, --output-file or `-`',
    );
  }
  if (request.statistics && (request.diff || request.addNoqa))
    refuse('--statistics cannot be combined with --diff or --add-noqa');
}

/** `--select N8,D1 --select E722` -> `['N8', 'D1', 'E722']`, each checked against the registry. */
function codesOf(option: string, values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const codes = values
    .flatMap((value) => value.split(','))
    .map((code) => code.trim())
    .filter((code) => code !== '');
  const unknown = codes.filter((code) => !isKnownSelector(code));
  if (unknown.length > 0) {
    throw new UsageError(
      `${option}: unknown rule code or prefix ${unknown.map((c) => `\`${c}\``).join(', ')}`,
    );
  }
  return codes;
}

function checkTargetVersion(value: string): void {
  const version = parseTargetVersion(value);
  if (!version || version[1] < OLDEST_TARGET[1] || version[1] > NEWEST_TARGET[1]) {
    throw new UsageError(
      `--target-version must be one of py3${OLDEST_TARGET[1]}..py3${NEWEST_TARGET[1]} (got \`${value}\`)`,
    );
  }
}
