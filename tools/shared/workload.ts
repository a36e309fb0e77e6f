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
 * `count` single-character edits: at the end of lines inside function bodies and of module-level
 * simple statements (assignments, imports, calls), typing `_tmp` then deleting it again, so the
 * text returns to its start every eight edits.
 */
export function editScript(source: string, count: number): Edit[] {
  const lines = source.split('\n');
  const inFunction: number[] = [];
  const moduleLevel: number[] = [];
  let inDef = false;
  lines.forEach((line, index) => {
    if (/^\s*(async\s+)?def\s/.test(line)) inDef = true;
    else if (/^\S/.test(line)) inDef = false;
    const simple = /^\s*[A-Za-z_][\w.]*\s*(=|\(|import\b).*[\w)\]'"]$/.test(line) && !/[:,\\]$/.test(line);
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
