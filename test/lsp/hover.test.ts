import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { DocumentStore } from '../../server/src/lsp/documents';
import { provideHover } from '../../server/src/lsp/features/hover';
import { check, getParser } from '../helpers/analyze';

let store: DocumentStore;

beforeAll(async () => {
  store = new DocumentStore(await getParser());
});

afterAll(() => store.dispose());

describe('hover over findings', () => {
  it('shows every finding at the spot: its message, its rule summary and a link, not whole pages', async () => {
    // `getIt` is flagged twice at the same range: N802 (name) and D103 (no docstring).
    const source = 'def getIt():\n    return 1\n';
    const diagnostics = await check(source, ['N802', 'D103']);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['D103', 'N802']);
    const document = store.open('file:///hover.py', 'python', 1, source);
    const hover = provideHover(document, diagnostics, { line: 0, character: 5 });
    const parts = (hover?.contents as MarkupContent).value.split('\n\n---\n\n');
    expect(parts).toHaveLength(2);
    for (const diagnostic of diagnostics) {
      const part = parts.find((p) => p.startsWith(`**${diagnostic.code}** ${diagnostic.message}\n\n`));
      expect(part).toMatch(new RegExp(`\\(\\[\`[a-z-]+\`\\]\\(file:///.*/${diagnostic.code}\\.md\\)\\)$`));
      expect(part).not.toContain('## What it does');
    }
  });

  it('shows nothing where there is no finding', async () => {
    const source = 'def getIt():\n    return 1\n';
    const document = store.open('file:///quiet.py', 'python', 1, source);
    expect(provideHover(document, await check(source, ['N802']), { line: 1, character: 6 })).toBeNull();
  });
});
