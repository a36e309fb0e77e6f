import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver';
import type { OpenDocument } from '../documents';

/** Characters after which the client asks for completions: the quotes that open a docstring. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', "'"];

export interface CompletionEnvironment {
  document: OpenDocument;
  /** `pyconv.docstring.style` (google, numpy, sphinx), when the user set one. */
  docstringStyle?: string;
  /** The client accepts snippet completions (`completionItem.snippetSupport`). */
  snippetSupport: boolean;
}

/**
 * Extension point for docstring completion (`textDocument/completion`): return the items for the
 * position, or null. The server calls this with an up-to-date tree; it catches what it throws.
 */
export function provideCompletion(
  _params: CompletionParams,
  _env: CompletionEnvironment,
): CompletionItem[] | CompletionList | null {
  return null;
}
