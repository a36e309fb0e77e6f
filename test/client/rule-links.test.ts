import { describe, expect, it } from 'vitest';
import {
  keepShownWhenCancelled,
  rewriteRuleLinks,
  ruleCodeOfDocUri,
  ruleCodeOfLink,
  ruleLink,
} from '../../client/src/rule-links';

describe('the VS Code client’s rule links', () => {
  it('recognises the server’s rule page URIs and nothing else', () => {
    expect(ruleCodeOfDocUri('file:///home/u/.vscode/ext/dist/docs/rules/N802.md')).toBe('N802');
    expect(ruleCodeOfDocUri('file:///c%3A/ext/dist/docs/rules/ANN201.md')).toBe('ANN201');
    expect(ruleCodeOfDocUri('file:///home/u/project/docs/notes.md')).toBeUndefined();
    expect(ruleCodeOfDocUri('https://example.com/docs/rules/N802.md')).toBeUndefined();
  });

  it('links to the extension’s URI handler and reads the code back', () => {
    const link = new URL(ruleLink('vscode', 'pyconv.pyconv', 'D103'));
    expect(link.href).toBe('vscode://pyconv.pyconv/rule?code=D103');
    expect(ruleCodeOfLink(link.pathname, link.search.slice(1))).toBe('D103');
    expect(ruleCodeOfLink('/other', 'code=D103')).toBeUndefined();
    expect(ruleCodeOfLink('/rule', 'code=../../etc')).toBeUndefined();
  });

  it('rewrites the rule links of a hover and leaves other links alone', () => {
    const hover =
      '**N802**\n\nFunction name should be lowercase ([`invalid-function-name`](file:///x/dist/docs/rules/N802.md)); see [Ruff](https://docs.astral.sh).';
    expect(rewriteRuleLinks(hover, (code) => `command:show?${code}`)).toBe(
      '**N802**\n\nFunction name should be lowercase ([`invalid-function-name`](command:show?N802)); see [Ruff](https://docs.astral.sh).',
    );
  });
});

describe('a pull the client cancelled', () => {
  it('answers "unchanged" instead of the empty report vscode-languageclient makes of it', async () => {
    // What vscode-languageclient 9's provider returns for a request whose token it cancelled.
    const emptied = async () => ({ kind: 'full' as const, items: [] as unknown[] });
    expect(await keepShownWhenCancelled(emptied, 'v3', () => true)).toEqual({
      kind: 'unChanged',
      resultId: 'v3',
    });
    expect(await keepShownWhenCancelled(emptied, undefined, () => true)).toEqual({
      kind: 'unChanged',
      resultId: '',
    });
    const answered = { kind: 'full' as const, resultId: 'v4', items: [1] };
    expect(
      await keepShownWhenCancelled(
        async () => answered,
        'v3',
        () => false,
      ),
    ).toBe(answered);
  });
});
