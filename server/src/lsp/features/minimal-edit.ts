import type { TextEdit } from 'vscode-languageserver';
import { changedSpan } from '../../engine/changed-span';
import type { OpenDocument } from '../documents';

/** One edit replacing only the span between the common prefix and suffix of the two texts. */
export function minimalEdit(document: OpenDocument, before: string, after: string): TextEdit {
  const span = changedSpan(before, after);
  return {
    range: { start: document.text.positionAt(span.start), end: document.text.positionAt(span.end) },
    newText: span.newText,
  };
}
