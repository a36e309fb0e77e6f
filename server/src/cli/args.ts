/** The command line: `pyconv check|rule ...`, parsed into a typed request or a usage error. */
import { parseArgs } from 'node:util';
import { parseTargetVersion } from '../engine/config';
import { isKnownSelector, NEWEST_TARGET, OLDEST_TARGET } from '../project/config';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckRequest {
  command: 'check';
  paths: string[];
  select?: string[];
  extendSelect?: string[];
  ignore?: string[];
  config?: string;
  targetVersion?: string;
  format: OutputFormat;
  fix: boolean;
  unsafeFixes: boolean;
  exitZero: boolean;
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
  pyconv rule [CODE]                 Show a rule's documentation (or list every rule)
  pyconv --help | --version

Options for check:
  --select CODES          Rule codes or prefixes to check, comma-separated; replaces the configured selection
  --extend-select CODES   Codes or prefixes to check in addition
  --ignore CODES          Codes or prefixes not to check
  --config FILE           Use this pyproject.toml (or TOML file of settings) instead of searching
  --target-version pyXY   The oldest Python the code supports (py37 .. py314)
  --format text|json|sarif  Output format (default: text)
  --fix                   Apply safe fixes, then report what remains
  --unsafe-fixes          With --fix, apply unsafe fixes too
  --exit-zero             Exit with 0 even when diagnostics are found

Exit status: 0 nothing found, 1 diagnostics found or a file not checked, 2 usage or configuration
error, or a fixed file that could not be written (it is left as it was).
Configuration: [tool.pyconv] in the nearest pyproject.toml; command-line options win over it.`;

const CHECK_OPTIONS = {
  select: { type: 'string', multiple: true },
  'extend-select': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  config: { type: 'string' },
  'target-version': { type: 'string' },
  format: { type: 'string' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
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
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif (got \`${format}\`)`);
  }
  const targetVersion = values['target-version'];
  if (targetVersion !== undefined) checkTargetVersion(targetVersion);
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes needs --fix');
  return {
    command: 'check',
    paths: positionals.length > 0 ? positionals : ['.'],
    select: codesOf('--select', values.select),
    extendSelect: codesOf('--extend-select', values['extend-select']),
    ignore: codesOf('--ignore', values.ignore),
    config: values.config,
    targetVersion,
    format,
    fix: values.fix ?? false,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    exitZero: values['exit-zero'] ?? false,
  };
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
