import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isLoggerCandidate, isLoggerMethodName } from '../safety/logging-calls';
import {
  callArguments,
  importedName,
  isTruthy,
  raisedException,
  truthiness,
  unparenthesize,
  visitStatements,
} from '../safety/syntax';

/**
 * Whether an `except` handler's body (outside nested `try`, `def` and `class`) re-raises or logs
 * the exception: BLE001 does not flag such a handler, and E722 offers its fix only where it holds.
 */
export function reraisesOrLogs(body: Node, handlerName: string | undefined, ctx: UnitContext): boolean {
  let handled = false;
  visitStatements(body, (statement) => {
    if (handled) return;
    if (statement.type === 'raise_statement') handled = isReraise(statement, handlerName);
    else if (statement.type === 'expression_statement') handled = logsException(statement, ctx);
  });
  return handled;
}

function isReraise(raise: Node, handlerName: string | undefined): boolean {
  const exception = raisedException(raise);
  const cause = raise.childForFieldName('cause');
  if (!exception && !cause) return true;
  if (handlerName === undefined) return false;
  if (cause && unparenthesize(cause).type === 'identifier' && unparenthesize(cause).text === handlerName)
    return true;
  return !!exception && exception.type === 'identifier' && exception.text === handlerName;
}

function logsException(statement: Node, ctx: UnitContext): boolean {
  const call = statement.namedChild(0);
  if (call?.type !== 'call') return false;
  const func = call.childForFieldName('function');
  if (!func) return false;
  if (func.type === 'attribute') {
    const method = func.childForFieldName('attribute')?.text ?? '';
    if (!isLoggerCandidate(func, ctx)) return false;
    if (method === 'exception') return true;
    return isLoggerMethodName(method) && excInfoEnabled(call);
  }
  if (func.type === 'identifier') {
    const name = importedName(func, ctx);
    if (name === 'logging.exception') return true;
    return !!name?.startsWith('logging.') && isLoggerMethodName(name.slice(8)) && excInfoEnabled(call);
  }
  return false;
}

function excInfoEnabled(call: Node): boolean {
  const value = callArguments(call).keywords.get('exc_info');
  return value !== undefined && isTruthy(truthiness(value)) !== false;
}
