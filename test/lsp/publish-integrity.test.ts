import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DocumentDiagnosticReport,
  FullDocumentDiagnosticReport,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, makeWorkspace, TestClient, uriOf } from './helpers';

/** Findings on most lines, so that a line join moves them and an empty publish shows. */
const SOURCE = [
  'import sys',
  'import os',
  '',
  '',
  'class bad_name:',
  '    def Method(self, value):',
  '        try:',
  '            return value',
  '        except:',
  '            return None',
  '',
  '',
  'def OtherName(x):',
  '    return x',
  '',
].join('\n');

/**
 * Backspace at the start of a line joins it to the one above; Enter splits it again. Typed fast
 * (each edit a version), in the middle of the file and at the end of an import.
 */
function keystrokes(text: string): TextDocumentContentChangeEvent[][] {
  const document = TextDocument.create('file:///x.py', 'python', 0, text);
  const edits: TextDocumentContentChangeEvent[][] = [];
  for (const line of [6, 8, 13, 1, 5]) {
    const previous = document.getText().split('\n')[line - 1];
    const join = {
      range: { start: { line: line - 1, character: previous.length }, end: { line, character: 0 } },
      text: '',
    };
    const split = { range: { ...join.range, end: join.range.start }, text: '\n' };
    for (const change of [join, split, join, split]) {
      TextDocument.update(document, [change], document.version + 1);
      edits.push([change]);
    }
  }
  return edits;
}

/** The publishes for one document, grouped by version, in order. */
function byVersion(publishes: readonly PublishDiagnosticsParams[]): Map<number, string[]> {
  const versions = new Map<number, string[]>();
  for (const publish of publishes) {
    const version = publish.version ?? -1;
    versions.set(version, [...(versions.get(version) ?? []), JSON.stringify(publish.diagnostics)]);
  }
  return versions;
}

describe('only a version’s complete diagnostics are published', () => {
  let workspace: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    workspace = makeWorkspace({ 'mod.py': SOURCE });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.stop()));
  });

  for (const debounceMs of [0, 75]) {
    it(`push, debounce ${debounceMs} ms: no empty publish, no second different publish of a version`, async () => {
      const uri = uriOf(path.join(workspace, 'mod.py'));
      const client = new TestClient({ workspace, settings: { debounceMs, select: ['ALL'] } });
      clients.push(client);
      await client.initialize();
      await client.open(uri, SOURCE);
      await client.diagnosticsFor(uri, 1);
      const edits = keystrokes(SOURCE);
      for (const [i, change] of edits.entries()) {
        await client.change(uri, i + 2, change);
        // Some keystrokes come faster than an analysis, some slower.
        if (i % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const last = edits.length + 1;
      await client.diagnosticsFor(uri, last);
      const publishes = client.diagnostics.get(uri) ?? [];
      expect(publishes.filter((p) => p.diagnostics.length === 0)).toEqual([]);
      for (const [version, results] of byVersion(publishes))
        expect(new Set(results).size, `version ${version} published differently`).toBe(1);
      // Versions only go forward.
      const versions = publishes.map((p) => p.version ?? -1);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }, 60_000);
  }

  it('pull: every answer is the complete result of the version asked about', async () => {
    const uri = uriOf(path.join(workspace, 'mod.py'));
    const client = new TestClient({ workspace, pull: true, settings: { select: ['ALL'] } });
    clients.push(client);
    await client.initialize();
    await client.open(uri, SOURCE);
    const answers: FullDocumentDiagnosticReport[] = [];
    for (const [i, change] of keystrokes(SOURCE).entries()) {
      await client.change(uri, i + 2, change);
      const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
        textDocument: { uri },
      });
      expect(report.kind).toBe('full');
      answers.push(report as FullDocumentDiagnosticReport);
    }
    expect(answers.filter((answer) => answer.items.length === 0)).toEqual([]);
    expect(answers.filter((answer) => answer.resultId?.includes('partial'))).toEqual([]);
  }, 60_000);
});
