import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { callArguments, findArgument, importedName, unparenthesize } from './syntax';

/** Level methods of `logging` loggers, as Ruff's `LoggingLevel::from_attribute` lists them. */
export const LEVEL_METHODS = new Set(['debug', 'critical', 'error', 'exception', 'info', 'warn', 'warning']);

/** Ruff's `is_logger_method_name`: level methods plus `log`. */
export function isLoggerMethodName(name: string): boolean {
  return LEVEL_METHODS.has(name) || name === 'log';
}

/**
 * Ruff's `is_logger_candidate` for `func` of a call: `logging.getLogger(...).info`, `logging.info`,
 * `flask.current_app.logger.info`, or an object defined in this module whose last name looks like
 * a logger (`log`, `logger`, `self._logger`, `LOGGER`). An object imported from elsewhere is not a
 * candidate (Ruff asks for `logger-objects` configuration there).
 */
export function isLoggerCandidate(func: Node, ctx: UnitContext, anyImport = false): boolean {
  const callee = unparenthesize(func);
  if (callee.type !== 'attribute') return false;
  const object = callee.childForFieldName('object');
  if (!object) return false;
  const value = unparenthesize(object);
  if (value.type === 'call') {
    const factory = value.childForFieldName('function');
    const name = factory ? importedName(factory, ctx) : undefined;
    return name === 'logging.getLogger' || name === 'logging.Logger';
  }
  const imported = importedName(value, ctx);
  if (imported === 'logging' || imported === 'flask.current_app.logger') return true;
  if (imported !== undefined && !anyImport) return false;
  const tail = lastName(value);
  if (tail === undefined) return false;
  return (
    tail.startsWith('log') ||
    tail.endsWith('logger') ||
    tail.endsWith('logging') ||
    tail.startsWith('LOG') ||
    tail.endsWith('LOGGER') ||
    tail.endsWith('LOGGING')
  );
}

/** The last segment of a dotted name expression (`b` in `a.b`); undefined for anything else. */
function lastName(node: Node): string | undefined {
  let current = node;
  const last = current.type === 'attribute' ? current.childForFieldName('attribute')?.text : undefined;
  while (current.type === 'attribute') {
    const object = current.childForFieldName('object');
    if (!object) return undefined;
    current = unparenthesize(object);
  }
  if (current.type !== 'identifier') return undefined;
  return last ?? current.text;
}

export interface LoggingCall {
  /** The method or function name: `info`, `log`, ... */
  method: string;
  /** Index of the message among positional arguments: 1 for `log(level, msg)`, else 0. */
  messagePosition: number;
}

/**
 * Ruff's `find_logging_call`: a logger method call or a `logging.<level>` function call. With
 * `anyImport`, imported objects named like loggers count too (`from loguru import logger`).
 */
export function findLoggingCall(call: Node, ctx: UnitContext, anyImport = false): LoggingCall | undefined {
  const func = call.childForFieldName('function');
  if (!func) return undefined;
  const callee = unparenthesize(func);
  if (callee.type === 'attribute') {
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (!isLoggerMethodName(method)) return undefined;
    if (!isLoggerCandidate(callee, ctx, anyImport)) return undefined;
    return { method, messagePosition: method === 'log' ? 1 : 0 };
  }
  if (callee.type === 'identifier') {
    const name = importedName(callee, ctx);
    if (!name?.startsWith('logging.')) return undefined;
    const method = name.slice('logging.'.length);
    if (!isLoggerMethodName(method)) return undefined;
    return { method, messagePosition: method === 'log' ? 1 : 0 };
  }
  return undefined;
}

/** The message argument of a logging call (`msg=` or its position), without parentheses. */
export function loggingMessage(call: Node, ctx: UnitContext): Node | undefined {
  const logging = findLoggingCall(call, ctx);
  if (!logging) return undefined;
  const message = findArgument(callArguments(call), 'msg', logging.messagePosition);
  return message ? unparenthesize(message) : undefined;
}
