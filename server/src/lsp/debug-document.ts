/**
 * `pyconv/debugDocument` `{ uri }` → the server's text and version of an open document, its current
 * (cached, incremental) diagnostics and those of a fresh parse and analysis of the same text. Only
 * with `PYCONV_DEBUG=1` in the environment: for the protocol-level fuzzer and tests.
 */
import {
  type CancellationToken,
  ErrorCodes,
  ProtocolRequestType,
  ResponseError,
} from 'vscode-languageserver';
import type { Parser } from 'web-tree-sitter';
import { toLspDiagnostic } from './convert';
import type { DiagnosticsScheduler } from './diagnostics-scheduler';
import { analyzeFresh, shouldAnalyze } from './document-analysis';
import type { OpenDocument } from './documents';
import type { ClientMessages } from './messages';
import type { SettingsSync } from './settings-sync';

/** Environment variable enabling the debug requests (`PYCONV_DEBUG=1`). */
export const DEBUG_ENV = 'PYCONV_DEBUG';
export const DEBUG_DOCUMENT_METHOD = 'pyconv/debugDocument';
export const DEBUG_DOCUMENT = new ProtocolRequestType<unknown, unknown, never, void, void>(
  DEBUG_DOCUMENT_METHOD,
);

export interface DebugEnvironment {
  openDocument(uri: string, token: CancellationToken): OpenDocument | undefined;
  settings: SettingsSync;
  scheduler: DiagnosticsScheduler;
  parser: Parser;
  messages: ClientMessages;
}

export function debugDocument(params: unknown, token: CancellationToken, env: DebugEnvironment): unknown {
  const uri = (params as { uri?: unknown } | null)?.uri;
  if (typeof uri !== 'string')
    throw new ResponseError(ErrorCodes.InvalidParams, `${DEBUG_DOCUMENT_METHOD} needs { uri: string }`);
  const document = env.openDocument(uri, token);
  if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
  const text = document.text.getText();
  const config = env.settings.configFor(document);
  const analyzed = shouldAnalyze(document, config, env.settings.clientSettings(uri), env.messages);
  return {
    version: document.text.version,
    text,
    diagnostics: env.scheduler.currentDiagnostics(document).map(toLspDiagnostic),
    fresh: analyzed
      ? (analyzeFresh(env.parser, text, config, document.parseModule)?.diagnostics ?? []).map(toLspDiagnostic)
      : [],
    ...document.parseCounts(),
  };
}
