import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import { DocumentStore } from '../../server/src/lsp/documents';
import { noqaCodeAt } from '../../server/src/lsp/features/hover';
import { addNoqaEdit } from '../../server/src/lsp/features/noqa-action';
import { check, getParser } from '../helpers/analyze';

let parser: Parser;
let store: DocumentStore;
let counter = 0;

beforeAll(async () => {
  parser = await getParser();
  store = new DocumentStore(parser);
});

afterAll(() => store.dispose());

function open(text: string) {
  return store.open(`file:///n${counter++}.py`, 'python', 1, text);
}

/** The text after adding `code` to the noqa of `line`, or undefined when no edit is offered. */
function disabled(text: string, line: number, code: string): string | undefined {
  const edit = addNoqaEdit(open(text), line, code);
  if (!edit) return undefined;
  return TextDocument.applyEdits(TextDocument.create('file:///x.py', 'python', 1, text), [edit]);
}

describe('addNoqaEdit', () => {
  it('appends a directive, dropping trailing blanks', () => {
    expect(disabled('class bad: pass   \nx = 1\n', 0, 'N801')).toBe('class bad: pass  # noqa: N801\nx = 1\n');
    expect(disabled('class bad: pass\r\n', 0, 'N801')).toBe('class bad: pass  # noqa: N801\r\n');
  });

  it('appends after an ordinary comment and extends an existing list', () => {
    expect(disabled('class bad: pass  # why\n', 0, 'N801')).toBe('class bad: pass  # why  # noqa: N801\n');
    expect(disabled('class bad: pass  # noqa: E501\n', 0, 'N801')).toBe(
      'class bad: pass  # noqa: E501, N801\n',
    );
    expect(disabled('class bad: pass  # noqa:E501 trailing words\n', 0, 'N801')).toBe(
      'class bad: pass  # noqa:E501, N801 trailing words\n',
    );
  });

  it('changes nothing for a blanket noqa, a listed code, or a line continuation', () => {
    expect(disabled('class bad: pass  # noqa\n', 0, 'N801')).toBeUndefined();
    expect(disabled('class bad: pass  # noqa: N801\n', 0, 'N801')).toBeUndefined();
    expect(disabled('x = 1 + \\\n    2\n', 0, 'N801')).toBeUndefined();
    expect(disabled('#!/usr/bin/env python\n', 0, 'D100')).toBeUndefined();
  });

  it('does not take a # inside a string for a comment', () => {
    expect(disabled('s = "# noqa: E501"\n', 0, 'S105')).toBe('s = "# noqa: E501"  # noqa: S105\n');
  });

  it('puts the directive on the last line of a multi-line string', async () => {
    const text = 'password = """abc\nmore\n"""  # noqa: E501\n';
    expect(disabled(text, 0, 'S105')).toBe('password = """abc\nmore\n"""  # noqa: E501, S105\n');
    expect(disabled(text, 1, 'S105')).toBe('password = """abc\nmore\n"""  # noqa: E501, S105\n');
    // The engine agrees: a finding on the string's first line is suppressed by the last line's directive.
    const flaggedBefore = await check('class bad: x = """a\nb\n"""\n', ['N801']);
    expect(flaggedBefore.map((d) => d.range.start.line)).toEqual([0]);
    const after = disabled('class bad: x = """a\nb\n"""\n', 0, 'N801') as string;
    expect(after).toBe('class bad: x = """a\nb\n"""  # noqa: N801\n');
    expect(await check(after, ['N801'])).toEqual([]);
  });
});

describe('noqaCodeAt', () => {
  it('finds the code under the cursor in noqa and file-level directives', () => {
    const document = open('x = 1  # noqa: E501,N801\n# ruff: noqa: D100\n');
    expect(noqaCodeAt(document, { line: 0, character: 16 })).toEqual({
      code: 'E501',
      range: { start: { line: 0, character: 15 }, end: { line: 0, character: 19 } },
    });
    expect(noqaCodeAt(document, { line: 0, character: 22 })?.code).toBe('N801');
    expect(noqaCodeAt(document, { line: 1, character: 16 })?.code).toBe('D100');
    expect(noqaCodeAt(document, { line: 0, character: 10 })).toBeUndefined();
    expect(noqaCodeAt(document, { line: 0, character: 2 })).toBeUndefined();
  });
});
