import type { OptionSection, Rule } from '../../engine/rule';
import { blockingHttpCallInAsyncFunction } from './ASYNC210-blocking-http-call-in-async-function';
import { createSubprocessInAsyncFunction } from './ASYNC220-create-subprocess-in-async-function';
import { runProcessInAsyncFunction } from './ASYNC221-run-process-in-async-function';
import { waitForProcessInAsyncFunction } from './ASYNC222-wait-for-process-in-async-function';
import { blockingOpenCallInAsyncFunction } from './ASYNC230-blocking-open-call-in-async-function';
import { blockingSleepInAsyncFunction } from './ASYNC251-blocking-sleep-in-async-function';
import { mutableArgumentDefault } from './B006-mutable-argument-default';
import { loggingStringFormat } from './G001-logging-string-format';
import { loggingPercentFormat } from './G002-logging-percent-format';
import { loggingFString } from './G004-logging-f-string';
import { personalDataInLog, privacyOptions } from './PCV501-personal-data-in-log';
import { secretLiteral } from './PCV502-secret-literal';
import { subprocessWithoutTimeout } from './PCV503-subprocess-without-timeout';
import { resourceWithoutContextManager } from './PCV504-resource-without-context-manager';
import { delFinalizer } from './PCV505-del-finalizer';
import { globalStatement } from './PLW0603-global-statement';
import { resourceOptions } from './resource-options';
import { hardcodedPasswordString } from './S105-hardcoded-password-string';
import { hardcodedPasswordFuncArg } from './S106-hardcoded-password-func-arg';
import { hardcodedPasswordDefault } from './S107-hardcoded-password-default';
import { requestWithoutTimeout } from './S113-request-without-timeout';
import { subprocessPopenWithShellEqualsTrue } from './S602-subprocess-popen-with-shell-equals-true';
import { callWithShellEqualsTrue } from './S604-call-with-shell-equals-true';
import { startProcessWithAShell } from './S605-start-process-with-a-shell';
import { startProcessWithPartialPath } from './S607-start-process-with-partial-path';
import { hardcodedSqlExpression } from './S608-hardcoded-sql-expression';
import { openFileWithContextHandler } from './SIM115-open-file-with-context-handler';
import { printCall } from './T201-print';

export const safetyRules: Rule[] = [
  mutableArgumentDefault,
  hardcodedPasswordString,
  hardcodedPasswordFuncArg,
  hardcodedPasswordDefault,
  subprocessPopenWithShellEqualsTrue,
  callWithShellEqualsTrue,
  startProcessWithAShell,
  startProcessWithPartialPath,
  hardcodedSqlExpression,
  requestWithoutTimeout,
  openFileWithContextHandler,
  printCall,
  loggingStringFormat,
  loggingPercentFormat,
  loggingFString,
  globalStatement,
  blockingHttpCallInAsyncFunction,
  createSubprocessInAsyncFunction,
  runProcessInAsyncFunction,
  waitForProcessInAsyncFunction,
  blockingOpenCallInAsyncFunction,
  blockingSleepInAsyncFunction,
  personalDataInLog,
  secretLiteral,
  subprocessWithoutTimeout,
  resourceWithoutContextManager,
  delFinalizer,
];

export const safetyOptions: OptionSection[] = [privacyOptions, resourceOptions];
