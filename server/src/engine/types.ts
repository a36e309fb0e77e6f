import type { Tree } from 'web-tree-sitter';
import type { Node, Range } from './syntax-types';

export type { Position, Range, SyntaxTree } from './syntax-types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * What an analysis's consumer reads of its fixes: their edits (`'edits'`, the default), or only
 * whether each finding has one and how safe it is (`'availability'`: the CLI's text output, whose
 * `[*]` and counts need no edit). With `'availability'`, fixes whose edits are costly to build and
 * decide nothing about the fix being there (a docstring template, a rename's list of edits) come
 * with none; every other field of the fix is as with `'edits'`.
 */
export type FixDetail = 'edits' | 'availability';

/**
 * A fix is data: the server's code actions, fix-all and the CLI's `--fix` all apply the same edits.
 * `snippet` marks `newText` as an LSP snippet (tab stops such as `${1:Any}`); clients without snippet
 * support, fix-all and `--fix` get the placeholders' defaults (`plainEdits` in fixes.ts).
 */
export interface Fix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
  snippet?: boolean;
  /**
   * A fix whose edits reach beyond the reporting unit (a rename changes other statements): the
   * rule leaves `edits` empty and `engine/resolve-fixes.ts` computes them from the whole tree when
   * the fix is wanted (code action, fix-all, `--fix`, JSON output).
   */
  resolve?: FixResolver;
  /** Set by the resolver when the fix cannot be made: why (e.g. "`foo_bar` already exists in ..."). */
  unavailable?: string;
  /**
   * An import this fix may leave unused together with other fixes (one of several `Optional[...]`
   * rewritten): when fixes are applied together and no use of `name` is left, `applyFixes` adds
   * `removals`. (A fix that removes the last use itself carries the removal in `edits`.)
   */
  importCleanup?: ImportCleanup;
  /**
   * The text the fix's edits were written from (a definition's signature, which a docstring
   * template renders): the fix waits for the next pass when another fix of the pass edits it.
   */
  renderedFrom?: Range;
  /**
   * Fixes whose isolation ranges overlap are applied one per pass (Ruff isolates fixes by parent
   * statement): a statement removal decides `pass` or nothing from the other statements of its block,
   * so two removals in one block must not run in the same pass, or the block could be left empty.
   */
  isolation?: Range;
}

export interface ImportCleanup {
  /** The local name the import binds. */
  name: string;
  /** The edits that drop it from its import statements (a module may import a name twice). */
  removals: TextEdit[];
}

/** Rename the name the diagnostic's range starts with (and every reference to it) to `newName`. */
export interface RenameResolver {
  kind: 'rename';
  name: string;
  newName: string;
}

export type FixResolver = RenameResolver;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Diagnostic {
  code: string;
  message: string;
  range: Range;
  severity: Severity;
  fix: Fix | null;
}

/** What a diagnostic looks like before the engine adds severity: rules only say what and where. */
export interface Finding {
  code: string;
  message: string;
  range: Range;
  fix?: Fix | null;
  /**
   * Another line whose `# noqa` also suppresses the finding: the first line of the multi-line
   * statement it belongs to (Ruff's "parent" of a diagnostic, as for F401 in a wrapped import).
   */
  statementLine?: number;
}

export type FixAvailability = 'none' | 'safe' | 'unsafe' | 'sometimes';

export interface RuleMeta {
  /** The rule code, e.g. `N802`; Ruff's code where the rule means the same. */
  code: string;
  /** A kebab-case name, e.g. `invalid-function-name`. */
  name: string;
  /** One line: what the rule asks for. */
  summary: string;
  /** The seed style guides (000-004) that ask for it. */
  seeds: readonly string[];
  /** On in the default selection. A rule that is off says why in its doc. */
  defaultEnabled: boolean;
  fix: FixAvailability;
  /**
   * Why the rule is off by default in Jupyter notebooks (a module docstring, `__all__`, the module
   * name, `print`, ... mean nothing there); undefined when it runs there as anywhere. Selecting it
   * by its full code turns it on there too.
   */
  offInNotebooks?: string;
  /**
   * Markdown with the sections `## What it does`, `## Why`, `## Example` (bad),
   * `## Use instead` (good) and `## Fix safety`.
   */
  doc: string;
}

/** Facts about the file being checked that do not come from its text. */
export interface FileInfo {
  /** Path relative to the project root, with `/` separators; undefined for an unsaved buffer. */
  path?: string;
  /** `__init__.py` (or `.pyi`). */
  isPackageInit: boolean;
  /** Some part of the dotted module path starts with `_` (but is not a dunder). */
  isPrivateModule: boolean;
  isStub: boolean;
}

export type PythonVersion = readonly [3, number];

/** Everything the engine needs to know about configuration; produced by project/config.ts. */
export interface EngineConfig {
  /** The rule codes that are enabled for this file (selection, ignores and per-file ignores applied). */
  enabled: ReadonlySet<string>;
  targetVersion: PythonVersion;
  severities: Readonly<Record<string, Severity>>;
  /** Rule options by section name (e.g. `pep8-naming`, `isort`), already validated. */
  options: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Changes whenever anything above changes; part of the incremental cache key. */
  fingerprint: string;
}

export type { Node, Tree };
