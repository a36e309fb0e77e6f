/**
 * `# noqa` suppression as Ruff reads it. A directive suppresses the diagnostics reported on its
 * line: `# noqa` all of them, `# noqa: A1,B2` only the listed codes.
 */
export type NoqaDirective = { kind: 'all' } | { kind: 'codes'; codes: ReadonlySet<string> };

const NOQA = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;

/** Parses the directive in one physical line, or returns undefined when there is none. */
export function parseNoqa(line: string): NoqaDirective | undefined {
  const hash = line.indexOf('#');
  if (hash < 0) return undefined;
  const match = NOQA.exec(line.slice(hash));
  if (!match) return undefined;
  if (!match[1]) return { kind: 'all' };
  return { kind: 'codes', codes: new Set(match[1].split(/[\s,]+/).filter(Boolean)) };
}

export function isSuppressed(directive: NoqaDirective | undefined, code: string): boolean {
  if (!directive) return false;
  return directive.kind === 'all' || directive.codes.has(code);
}

const FILE_EXEMPTION =
  /^#\s*(?:ruff|flake8|pyconv)\s*:\s*noqa(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?\s*$/i;

/** `# ruff: noqa` (or `flake8:`/`pyconv:`) on its own line exempts the whole file, or the listed codes. */
export function parseFileExemption(comment: string): NoqaDirective | undefined {
  const match = FILE_EXEMPTION.exec(comment.trim());
  if (!match) return undefined;
  if (!match[1]) return { kind: 'all' };
  return { kind: 'codes', codes: new Set(match[1].split(/[\s,]+/).filter(Boolean)) };
}
