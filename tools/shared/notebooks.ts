/** Notebooks made from Python text for the tools: cells cut at top-level definitions, Jupyter's layout. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pythonFiles } from './python-files';

/** The text cut into cells before top-level definitions, about every `cellLines` lines. */
export function cellsOf(source: string, cellLines: number): string[] {
  const cells: string[] = [];
  let current: string[] = [];
  for (const line of source.split('\n')) {
    if (current.length >= cellLines && /^(def|class|async def|@)/.test(line)) {
      cells.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  cells.push(current.join('\n'));
  return cells;
}

/** An nbformat 4 notebook of Python code cells, laid out as Jupyter writes it (one-space indent, a list of lines). */
export function notebookJson(cells: readonly string[]): string {
  const document = {
    cells: cells.map((source) => ({
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source: source.match(/[^\n]*\n|[^\n]+$/g) ?? [],
    })),
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

/**
 * A temporary copy of `folder` where `count` of its `.py` files (spread evenly) are notebooks of
 * the same text (cells of about 40 lines); `remove()` deletes it.
 */
export function copyWithNotebooks(
  folder: string,
  count: number,
): { folder: string; notebooks: number; remove(): void } {
  const copy = mkdtempSync(path.join(tmpdir(), 'pyconv-notebooks-'));
  cpSync(folder, copy, { recursive: true, dereference: true });
  const files = pythonFiles(copy);
  const step = Math.max(1, Math.floor(files.length / Math.max(1, count)));
  let notebooks = 0;
  for (let i = 0; i < files.length && notebooks < count; i += step) {
    const file = files[i];
    writeFileSync(file.replace(/\.py$/, '.ipynb'), notebookJson(cellsOf(readFileSync(file, 'utf8'), 40)));
    rmSync(file);
    notebooks++;
  }
  return { folder: copy, notebooks, remove: () => rmSync(copy, { recursive: true, force: true }) };
}
