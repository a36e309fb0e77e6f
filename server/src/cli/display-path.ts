// How a path is shown to the user; shared by the output formats and the file checks (diffs), which
// must not import each other.
import path from 'node:path';

/** A path as the user reads it: relative to the working folder, with `/`. */
export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, absolute) || path.basename(absolute);
  return relative.split(path.sep).join('/');
}

/**
 * A path for a line of text output (stdout's text format, stderr): `displayPath` with control
 * characters escaped (`\n`, `\x1b`, `\u{2028}`, ...), so that a name cannot split or forge a line.
 * JSON and SARIF carry names as JSON strings instead.
 */
export function textPath(absolute: string, cwd?: string): string {
  return escapeControls(displayPath(absolute, cwd));
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Controls (C0, DEL, C1), line and paragraph separators, and bidirectional overrides. */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) => {
    const short = SHORT_ESCAPES[char];
    if (short) return short;
    const code = char.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
