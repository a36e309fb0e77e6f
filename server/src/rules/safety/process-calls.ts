import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { assignedValue, inAsyncFunction } from './async-context';
import { importedName, unparenthesize } from './syntax';

/**
 * How a blocking process call in a coroutine blocks, as Ruff's ASYNC220–222 sort them: it creates
 * a subprocess, runs one to completion, or waits for one.
 */
export type ProcessCallKind = 'create' | 'run' | 'wait';

const KIND_BY_NAME = new Map<string, ProcessCallKind>([
  ['subprocess.Popen', 'create'],
  ['os.popen', 'create'],
  ...['system', 'posix_spawn', 'posix_spawnp'].map((f) => [`os.${f}`, 'run'] as const),
  ...['run', 'call', 'check_call', 'check_output', 'getoutput', 'getstatusoutput'].map(
    (f) => [`subprocess.${f}`, 'run'] as const,
  ),
  ...['wait', 'wait3', 'wait4', 'waitid', 'waitpid'].map((f) => [`os.${f}`, 'wait'] as const),
]);

const SPAWNS = new Set(
  ['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map(
    (f) => `os.${f}`,
  ),
);

/**
 * The kind of blocking process call `call` is when it runs in a coroutine; else undefined. Found
 * once per call for ASYNC220-222, which each report one kind.
 */
export function blockingProcessCall(call: Node, ctx: UnitContext): ProcessCallKind | undefined {
  if (!inAsyncFunction(ctx)) return undefined;
  return ctx.shared(call, 'blocking-process-call', processCallKind);
}

function processCallKind(call: Node, ctx: UnitContext): ProcessCallKind | undefined {
  const func = call.childForFieldName('function');
  const name = func ? importedName(func, ctx) : undefined;
  if (!name) return undefined;
  if (SPAWNS.has(name)) return waitsForChild(call, ctx) ? 'run' : 'create';
  return KIND_BY_NAME.get(name);
}

/**
 * An `os.spawn*` call runs the child to completion when its mode is `os.P_WAIT` (directly or
 * through a name the function assigned it to) or is not given at all.
 */
function waitsForChild(call: Node, ctx: UnitContext): boolean {
  const mode = modeArgument(call);
  if (!mode) return true;
  const name = importedName(mode, ctx);
  if (name !== undefined) return name === 'os.P_WAIT';
  const bare = unparenthesize(mode);
  if (bare.type !== 'identifier') return false;
  const value = assignedValue(bare, ctx);
  return value !== undefined && importedName(value, ctx) === 'os.P_WAIT';
}

/** The `mode=` keyword's value, else the first positional argument before any `*args`. */
function modeArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  for (const arg of args) {
    if (arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'mode')
      return arg.childForFieldName('value') ?? undefined;
  }
  const first = args.find((arg) => arg && arg.type !== 'comment' && arg.type !== 'keyword_argument');
  if (!first || first.type === 'list_splat' || first.type === 'dictionary_splat') return undefined;
  return first;
}
