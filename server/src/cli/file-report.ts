/** What the CLI's per-file check is asked to do and what it reports (`check-file.ts`, `check-notebook.ts`). */
import type { Rule } from '../engine/rule';
import type { Diagnostic, FixDetail } from '../engine/types';
import type { CellFinding } from '../notebook/ipynb-positions';
import type { ImportsOthersNeed } from '../project/kept-imports';

export interface CheckOptions {
  fix: boolean;
  unsafeFixes: boolean;
  /** The rules to run (default: the registry); tests pass their own. */
  rules?: readonly Rule[];
  /** Real paths `--fix` may write under (those named on the command line); default: the file itself. */
  writableRoots?: readonly string[];
  /** What becomes of a fixed text: the file is written (default), or only its diff reported (`--diff`). */
  fixedText?: 'write' | 'diff';
  /**
   * What the report shows of the fixes of a check without `fix` (see `FixDetail`): their edits
   * (default), or only which findings are fixable (the text formats). Notebooks always get edits
   * (whether a fix stays within one cell is read from them).
   */
  fixDetail?: FixDetail;
  /**
   * Per file (absolute path), module-level names whose rename fixes are not applied: other modules
   * use them and the rename across files was refused (cli/cross-file-fixes.ts).
   */
  keepNames?: Readonly<Record<string, readonly string[]>>;
  /**
   * Per file (absolute path), imported names other modules of the project import from it: F401's
   * fix does not remove them (cli/cross-file-fixes.ts, project/kept-imports.ts).
   */
  keepImports?: Readonly<Record<string, ImportsOthersNeed>>;
}

export interface FileReport {
  /** Absolute path. */
  path: string;
  diagnostics: ReportedDiagnostic[];
  /** How many fixes `--fix` applied (the file was rewritten when this is above 0). */
  fixed: number;
  /** The file could not be checked (unreadable, not UTF-8, ...). */
  error?: string;
  /** The file was deliberately not checked (too large). */
  skipped?: string;
  /** `--fix` stopped early, e.g. because a fix would have broken the syntax. */
  warning?: string;
  /** `--fix` did not write the file on purpose (a symlink out of the checked paths). */
  notWritten?: string;
  /** `--fix` could not write the file (changed meanwhile, write failed); the file is as it was. */
  writeError?: string;
  /** With `fixedText: 'diff'`: the unified diff of what `--fix` would change (the file is not written). */
  diff?: string;
}

/**
 * A finding as reported: in a notebook, `cell` is the 1-based index of the cell its range is in,
 * and `fileRange` (a check without `--fix`) where that range is in the `.ipynb` file's text.
 */
export type ReportedDiagnostic = Diagnostic & CellFinding;
