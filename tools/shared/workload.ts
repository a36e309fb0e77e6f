/**
 * The keystroke workload shared by the benchmark and the keystroke profile: a large module built
 * from corpus files, and a script of single-character edits inside function bodies and at module level.
 */
import { readFileSync } from 'node:fs';

/** Whole corpus files in a fixed order, starting at file `skip`, until the text has `lines` lines. */
export function buildSource(files: readonly string[], lines: number, skip = 0): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; i < files.length && count < lines; i++) {
    const text = readFileSync(files[(i + skip) % files.length], 'utf8');
    parts.push(text.endsWith('\n') ? text : `${text}\n`);
    count += text.split('\n').length - 1;
  }
  if (count < lines) throw new Error(`the corpus has only ${count} lines`);
  return parts.join('');
}

export interface Edit {
  line: number;
  character: number;
  /** One character typed, or undefined for a backspace of the character before the position. */
  text?: string;
}

/**
 * `count` single-character edits that keep the file valid (the "valid edits": one-letter
 * edits inside identifiers): at the end of lines inside function bodies and of module-level simple
 * statements (assignments, imports, calls) that end in a name, typing `_tmp` onto that name then
 * deleting it again, so the text returns to its start every eight edits. Lines ending in a bracket,
 * a string or a number are left out: `_tmp` after them is a syntax error (before this was checked,
 * 108 of the first 200 states at 10k lines had one).
 */
export function editScript(source: string, count: number): Edit[] {
  const lines = source.split('\n');
  const inFunction: number[] = [];
  const moduleLevel: number[] = [];
  let inDef = false;
  lines.forEach((line, index) => {
    if (/^\s*(async\s+)?def\s/.test(line)) inDef = true;
    else if (/^\S/.test(line)) inDef = false;
    const simple =
      /^\s*[A-Za-z_][\w.]*\s*(=|\(|import\b).*(?:^|\W)[A-Za-z_]\w*$/.test(line) &&
      !CONTINUING_WORD.test(line);
    if (!simple || line.includes('#') || line.includes('"""') || line.includes("'''")) return;
    if (/^\S/.test(line)) moduleLevel.push(index);
    else if (inDef && /^ {8}/.test(line)) inFunction.push(index);
  });
  if (inFunction.length === 0 || moduleLevel.length === 0) throw new Error('no places to edit');
  const edits: Edit[] = [];
  const typed = '_tmp';
  for (let round = 0; edits.length < count; round++) {
    const targets = round % 2 === 0 ? inFunction : moduleLevel;
    const line = targets[(round * 7919) % targets.length];
    const end = lines[line].length;
    for (let i = 0; i < typed.length; i++) edits.push({ line, character: end + i, text: typed[i] });
    for (let i = typed.length; i > 0; i--) edits.push({ line, character: end + i });
  }
  return edits.slice(0, count);
}

/** A line that ends in a word continued on the next line (inside brackets): `_tmp` would make it a name. */
const CONTINUING_WORD = /(?:^|\W)(?:and|or|not|in|is|if|else|for|async|lambda|await|yield|from|as|import)$/;

export function applyEdit(lines: string[], edit: Edit): void {
  const line = lines[edit.line];
  lines[edit.line] =
    edit.text === undefined
      ? line.slice(0, edit.character - 1) + line.slice(edit.character)
      : line.slice(0, edit.character) + edit.text + line.slice(edit.character);
}

export function contentChange(edit: Edit) {
  if (edit.text !== undefined) {
    const at = { line: edit.line, character: edit.character };
    return { range: { start: at, end: at }, text: edit.text };
  }
  return {
    range: {
      start: { line: edit.line, character: edit.character - 1 },
      end: { line: edit.line, character: edit.character },
    },
    text: '',
  };
}

/**
 * New code typed character by character, as someone writes it: a function with a bracketed
 * signature, a docstring, an f-string and `try`/`except`, then a class with methods. Most states on
 * the way are syntax errors (unclosed brackets, strings and triple-quoted strings).
 */
export const TYPED_CODE = `def parse_header(line: str, defaults: dict[str, int] = None) -> tuple[str, int]:
    """Split a header line into its name and value.

    Args:
        line: the raw header, as read.
    """
    name, _, value = line.partition(":")
    try:
        return name.strip(), int(value.strip())
    except ValueError:
        return name, defaults.get(name, 0)


class HeaderCache:
    """Keep parsed headers by name."""

    def __init__(self, size=10):
        self.items = {}
        self.size = size

    def lookup(self, key: str) -> int:
        message = f"missing {key!r} in {len(self.items)} items"
        if key not in self.items:
            raise KeyError(message)
        return self.items[key]


`;

export interface TypingWorkload {
  /** One insertion of one character per keystroke (a line break included). */
  edits: Edit[];
  /** The text after edit `index`. */
  textAfter(index: number): string;
}

/**
 * `TYPED_CODE` typed into the middle of `source`, at the start of the top-level `def` or `class`
 * nearest the middle that follows a blank line.
 */
export function typingScript(source: string, typed = TYPED_CODE): TypingWorkload {
  const lines = source.split('\n');
  const middle = Math.floor(lines.length / 2);
  let line = -1;
  for (let distance = 0; distance < lines.length && line < 0; distance++) {
    for (const candidate of [middle - distance, middle + distance]) {
      if (candidate > 0 && candidate < lines.length && /^(def|class) /.test(lines[candidate]))
        if (lines[candidate - 1] === '') {
          line = candidate;
          break;
        }
    }
  }
  if (line < 0) throw new Error('no top-level definition to type in front of');
  const offset = lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0);
  const before = source.slice(0, offset);
  const after = source.slice(offset);
  const edits: Edit[] = [];
  let character = 0;
  let at = line;
  for (const text of typed) {
    edits.push({ line: at, character, text });
    if (text === '\n') {
      at++;
      character = 0;
    } else character += text.length;
  }
  return { edits, textAfter: (index) => before + typed.slice(0, index + 1) + after };
}
