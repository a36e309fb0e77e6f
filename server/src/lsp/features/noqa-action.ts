/** The editor's "Disable CODE for this line" quick fix: the engine's noqa placement over an open document. */
import type { TextEdit } from 'vscode-languageserver';
import { addNoqaEdit as addNoqaCodes, type NoqaSource } from '../../engine/noqa-edit';
import type { OpenDocument } from '../documents';

function noqaSourceOfDocument(document: OpenDocument): NoqaSource {
  return {
    // Where a window was published, its tree: requests do not wait for the whole file's parse.
    nodeAt: (point) => document.nodeAt(point),
    lineText: (line) =>
      document.text
        .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
        .replace(/\r?\n$|\r$/, ''),
  };
}

/** The edit adding `code` to the noqa directive that suppresses a diagnostic on `line` (see engine/noqa-edit.ts). */
export function addNoqaEdit(document: OpenDocument, line: number, code: string): TextEdit | undefined {
  return addNoqaCodes(noqaSourceOfDocument(document), line, [code]);
}
