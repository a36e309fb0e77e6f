import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import {
  type CallArguments,
  callArguments,
  findArgument,
  importedName,
  type Truthiness,
  truthiness,
} from './syntax';

export type CallKind = 'subprocess' | 'shell' | 'no-shell';

const NO_SHELL_OS = new Set(
  'execl execle execlp execlpe execv execve execvp execvpe spawnl spawnle spawnlp spawnlpe spawnv spawnve spawnvp spawnvpe startfile'.split(
    ' ',
  ),
);
const SHELL_OS = new Set(['system', 'popen', 'popen2', 'popen3', 'popen4']);
const SUBPROCESS = new Set(['Popen', 'call', 'check_call', 'check_output', 'run']);

/** How a call starts a process, as Ruff's bandit rules classify it. */
export function callKind(func: Node, ctx: UnitContext): CallKind | undefined {
  const name = importedName(func, ctx);
  if (!name) return undefined;
  const [module, member, ...rest] = name.split('.');
  if (rest.length > 0 || member === undefined) return undefined;
  if (module === 'os')
    return NO_SHELL_OS.has(member) ? 'no-shell' : SHELL_OS.has(member) ? 'shell' : undefined;
  if (module === 'subprocess') {
    if (SUBPROCESS.has(member)) return 'subprocess';
    return member === 'getoutput' || member === 'getstatusoutput' ? 'shell' : undefined;
  }
  if (module === 'popen2')
    return ['popen2', 'popen3', 'popen4', 'Popen3', 'Popen4'].includes(member) ? 'shell' : undefined;
  if (module === 'commands')
    return member === 'getoutput' || member === 'getstatusoutput' ? 'shell' : undefined;
  return undefined;
}

export interface ShellCall {
  kind: CallKind | undefined;
  args: CallArguments;
  /** The `shell=` keyword's truthiness when it is true or truthy. */
  shell: Truthiness | undefined;
  /** The command: `args=` or the first positional argument (also a `*splat`). */
  command: Node | undefined;
}

export function describeShellCall(call: Node, ctx: UnitContext): ShellCall | undefined {
  const list = call.childForFieldName('arguments');
  // Most calls pass no `shell=`; skip them before building the argument table.
  if (!list?.text.includes('shell')) return undefined;
  return describeProcessCall(call, ctx);
}

/** Like `describeShellCall`, for any call (with or without `shell=`). */
export function describeProcessCall(call: Node, ctx: UnitContext): ShellCall | undefined {
  const func = call.childForFieldName('function');
  if (!func) return undefined;
  const args = callArguments(call);
  const shellValue = args.keywords.get('shell');
  const shellTruth = shellValue ? truthiness(shellValue) : undefined;
  const shell = shellTruth === 'true' || shellTruth === 'truthy' ? shellTruth : undefined;
  const kind = callKind(func, ctx);
  let command: Node | undefined;
  if (kind === 'subprocess') {
    command =
      findArgument(args, 'args', 0) ??
      (args.positional[0]?.type === 'list_splat' ? args.positional[0] : undefined);
  } else if (kind) {
    command = args.positional[0];
  }
  return { kind, args, shell, command };
}
