/**
 * Best-effort positions of keys in a TOML document, so that configuration problems can point at the
 * offending line. smol-toml gives values without positions; this scans the text line by line and
 * understands headers, (dotted, quoted) keys and values that span lines. It never throws: anything it
 * does not understand simply has no position.
 */
import type { Range } from '../engine/types';

export interface KeyLocation {
  /** From the first character of the key to the end of its line (trailing blanks trimmed). */
  range: Range;
  /** Zero-based line on which the key's value ends (multi-line arrays and strings). */
  valueEndLine: number;
}

export interface TomlLocations {
  /** Where `path` (e.g. `['tool', 'pyconv', 'select']`) is written; a table header for a table. */
  key(path: readonly string[]): KeyLocation | undefined;
  /** The range of a string element equal to `value` inside the key's value, else the key's range. */
  valueItem(path: readonly string[], value: string): Range | undefined;
}

export function locateTomlKeys(text: string): TomlLocations {
  const lines = text.split(/\r\n|\r|\n/);
  const keys = scanKeys(lines);
  const key = (path: readonly string[]) => keys.get(pathKey(path));
  return {
    key,
    valueItem(path, value) {
      const found = key(path);
      if (!found) return undefined;
      return findQuoted(lines, found, value) ?? found.range;
    },
  };
}

function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}

function scanKeys(lines: readonly string[]): Map<string, KeyLocation> {
  const keys = new Map<string, KeyLocation>();
  let table: string[] = [];
  let line = 0;
  while (line < lines.length) {
    const text = lines[line];
    const trimmed = text.trim();
    const indent = text.length - text.trimStart().length;
    const header = /^\[\[?([^\]]*)\]\]?/.exec(trimmed);
    if (header) {
      table = splitDottedKey(header[1]);
      keys.set(pathKey(table), { range: lineRange(line, indent, text), valueEndLine: line });
      line++;
      continue;
    }
    const equals = trimmed.startsWith('#') ? -1 : indexOutsideQuotes(trimmed, '=');
    if (equals <= 0) {
      line++;
      continue;
    }
    const path = [...table, ...splitDottedKey(trimmed.slice(0, equals))];
    const valueEndLine = findValueEnd(lines, line, indent + equals + 1);
    keys.set(pathKey(path), { range: lineRange(line, indent, text), valueEndLine });
    line = valueEndLine + 1;
  }
  return keys;
}

function lineRange(line: number, start: number, text: string): Range {
  return { start: { line, character: start }, end: { line, character: text.trimEnd().length } };
}

/** Splits `a."b.c".d` into `['a', 'b.c', 'd']`. */
function splitDottedKey(key: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  for (const char of key) {
    if (quote) {
      if (char === quote) quote = '';
      else current += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '.') {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

function indexOutsideQuotes(text: string, wanted: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === wanted) return i;
  }
  return -1;
}

/** The line where a value starting at (line, column) ends: balances brackets and triple quotes. */
function findValueEnd(lines: readonly string[], line: number, column: number): number {
  let depth = 0;
  let quote = '';
  for (let row = line; row < lines.length; row++) {
    const text = lines[row];
    for (let i = row === line ? column : 0; i < text.length; i++) {
      const char = text[i];
      if (quote) {
        if (char === '\\' && quote.startsWith('"')) i++;
        else if (text.startsWith(quote, i)) {
          i += quote.length - 1;
          quote = '';
        }
      } else if (char === '#') break;
      else if (char === '"' || char === "'") {
        quote = text.startsWith(char.repeat(3), i) ? char.repeat(3) : char;
        i += quote.length - 1;
      } else if (char === '[' || char === '{') depth++;
      else if (char === ']' || char === '}') depth--;
    }
    if (quote.length === 1) quote = '';
    if (depth <= 0 && !quote) return row;
  }
  return lines.length - 1;
}

function findQuoted(lines: readonly string[], at: KeyLocation, value: string): Range | undefined {
  for (let line = at.range.start.line; line <= at.valueEndLine; line++) {
    for (const quoted of [`"${value}"`, `'${value}'`]) {
      const column = lines[line].indexOf(quoted);
      if (column >= 0) {
        return { start: { line, character: column }, end: { line, character: column + quoted.length } };
      }
    }
  }
  return undefined;
}
