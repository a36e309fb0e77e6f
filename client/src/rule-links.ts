/**
 * Pure helpers of the VS Code client (no `vscode` import, so that tests can load them).
 *
 * The server links each diagnostic and hover to its rule page as a `file:` URI of the page's
 * markdown source (`dist/docs/rules/<CODE>.md`): other editors (Neovim, Helix) open that. VS Code
 * would open the raw markdown too, so the client rewrites those links to its own URI
 * (`<vscode scheme>://pyconv.pyconv/rule?code=<CODE>`; a diagnostic's code link cannot run a
 * command), which its URI handler answers with a rendered markdown preview, and hover links to the
 * `pyconv.showRuleDoc` command, which does the same.
 */

/** The code of a rule page URI from the server (`…/docs/rules/N802.md`), or undefined. */
export function ruleCodeOfDocUri(uri: string): string | undefined {
  return /^file:\/\/.*\/docs\/rules\/([A-Z]+[0-9]+)\.md$/.exec(uri)?.[1];
}

/** The client's own link to a rule's rendered page. */
export function ruleLink(uriScheme: string, extensionId: string, code: string): string {
  return `${uriScheme}://${extensionId}/rule?code=${encodeURIComponent(code)}`;
}

/** The code a `ruleLink` names, or undefined for another path. */
export function ruleCodeOfLink(path: string, query: string): string | undefined {
  if (path !== '/rule') return undefined;
  const code = new URLSearchParams(query).get('code') ?? '';
  return /^[A-Z]+[0-9]+$/.test(code) ? code : undefined;
}

/** Markdown (a hover) with every link to a rule page's source rewritten by `rewrite`. */
export function rewriteRuleLinks(markdown: string, rewrite: (code: string) => string): string {
  return markdown.replace(/\]\((file:\/\/[^)\s]*\/docs\/rules\/([A-Z]+[0-9]+)\.md)\)/g, (_, _uri, code) => {
    return `](${rewrite(code)})`;
  });
}

/** What the pull-diagnostics middleware needs of a report. */
export type PullReport = { kind: 'full' | 'unChanged'; resultId?: string };

/**
 * A pull the client cancelled itself (the document changed while it ran) answers "unchanged":
 * vscode-languageclient 9 turns it into an empty full report, which clears the file's problems
 * until the next pull answers (the "0 0" flash in the status bar as one types).
 */
export async function keepShownWhenCancelled<R extends PullReport>(
  pull: () => Promise<R | null | undefined>,
  previousResultId: string | undefined,
  isCancelled: () => boolean,
): Promise<R | { kind: 'unChanged'; resultId: string } | null | undefined> {
  const report = await pull();
  if (isCancelled()) return { kind: 'unChanged', resultId: previousResultId ?? '' };
  return report;
}
