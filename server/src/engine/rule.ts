import type { ModuleFacts } from './module-facts';
import type { EngineConfig, FileInfo, Fix, Node, Range, RuleMeta, SyntaxTree, TextEdit } from './types';

/** What every rule check receives. Findings are reported, never returned. */
export interface BaseContext {
  readonly source: string;
  readonly file: FileInfo;
  readonly config: EngineConfig;
  /** Imports and `__future__` flags of the module; see module-facts.ts. */
  readonly module: ModuleFacts;
  /** The validated options of a config section (e.g. `pep8-naming`), or `{}`. */
  options<T extends object>(section: string): Partial<T>;
  /** Report a finding under the running rule's code. */
  report(at: Node | Range, message: string, fix?: Fix | null): void;
  /**
   * The edits of a fix whose presence is already decided: `build()`, or none when the analysis's
   * consumer reads only whether there is a fix (`AnalysisInput.fixDetail`). For edits costly to
   * build; `build` must not decide whether there is a fix, and is called before this returns.
   */
  fixEdits(build: () => TextEdit[]): TextEdit[];
}

export interface UnitContext extends BaseContext {
  /**
   * The definitions enclosing the visited node, outermost first: `class_definition`,
   * `function_definition` and `lambda` nodes (a `decorated_definition` is not pushed, its
   * inner definition is).
   */
  readonly scopes: readonly Node[];
  /**
   * The value of `slot` for `node`, computed once per analysis of the unit and shared by every rule
   * that asks: a family of codes (ANN, D10x, DOC) checks a definition once and each rule reports
   * its own code. `compute` may read only what a unit rule may (the unit, `scopes`, `module`,
   * `file`, `config`), never the running rule: nothing here says which rule asked. `compute` is
   * handed `node` and this context, so that a hot caller can pass a function made once rather than
   * a closure made at every call.
   */
  shared<T>(node: Node, slot: string, compute: (node: Node, ctx: UnitContext) => T): T;
}

export interface FileContext extends BaseContext {
  /**
   * The tree whose root is `root`, the same object for every file rule of one analysis (values
   * they share go through `shared`). In a whole-file analysis (`analyzeOnce`) the root is a snapshot.
   */
  readonly tree: SyntaxTree;
  readonly root: Node;
  /**
   * A value computed from one top-level statement `unit`, reused by later analyses while the
   * statement's text is unchanged (see unit-memo.ts): the value must hold no tree nodes and no
   * absolute positions (keep them relative to the unit's start). `compute` is handed a snapshot of
   * `unit` (plain objects, shared with the unit rules): read that rather than `unit`, whose every
   * property is a call into wasm.
   */
  memo<T>(unit: Node, slot: string, compute: (unit: Node) => T): T;
  /**
   * `memo` under `slot` alone, shared by every file rule: a per-statement value that a family of
   * rules computes alike (the binding rules' flows), whichever of them asks first. `compute` must
   * not depend on the rule that asks.
   */
  sharedMemo<T>(unit: Node, slot: string, compute: (unit: Node) => T): T;
  /**
   * `report` for a finding inside `statement`: a `# noqa` on the statement's first line also
   * suppresses it, as Ruff does for findings that have a parent statement (F401).
   */
  reportInStatement(statement: Node, at: Node | Range, message: string, fix?: Fix | null): void;
  /**
   * The value of `slot`, computed once per analysis and shared by every file rule that asks: a family
   * of codes (TC001-TC003, the binding rules) does its common work once and each rule reports its own
   * code. `compute` may read only what every file rule sees alike (the tree, `root`, `module`, `file`,
   * `config`), never the running rule: nothing here says which rule asked.
   */
  shared<T>(slot: string, compute: () => T): T;
}

/**
 * A unit rule is called for every node of the listed types, inside one top-level statement (a
 * "unit") at a time. Contract that makes incremental re-analysis exact: what it reports may depend
 * only on the unit's own subtree, the rest of the lines it starts and ends on (the engine keys its
 * result by them), `ctx.module`, `ctx.file` and `ctx.config`, never on sibling statements or on the
 * unit's absolute position. A fix's edit on the lines the unit starts and ends on moves with it; one
 * elsewhere is placed as an absolute position (as a module fact's is). An insertion at the unit's
 * start, at the start of its first line or at the start of the line after it holds the result to
 * its line (it may be a module fact's position). Anything that needs more is a file rule.
 */
export interface UnitRule {
  readonly kind: 'unit';
  readonly meta: RuleMeta;
  readonly nodeTypes: readonly string[];
  visit(node: Node, ctx: UnitContext): void;
}

/**
 * A file rule runs once per analysis over the whole tree; keep it cheap: look at top-level
 * statements, and put anything computed from inside one of them in `ctx.memo`.
 */
export interface FileRule {
  readonly kind: 'file';
  readonly meta: RuleMeta;
  check(ctx: FileContext): void;
  /**
   * The per-statement part of `check`, where it has one: computes through `ctx.memo` (or
   * `ctx.sharedMemo`) for top-level statement `unit` what `check` will ask of it there, and
   * reports nothing. An analysis with a deadline (the server's) calls it statement by statement,
   * in slices, before `check`, so that no call runs a whole file's worth of one rule: a first
   * analysis computes every statement's value, about nine tenths of such a rule's time.
   */
  prepare?(ctx: FileContext, unit: Node): void;
}

export type Rule = UnitRule | FileRule;

/**
 * A sub-table of rule options, e.g. `[tool.pyconv.pep8-naming]`. The config loader hands the raw
 * TOML value to `validate`; problems become clear messages and the defaults apply.
 */
export interface OptionSection {
  /** Ruff's name where Ruff has the same options (`pep8-naming`, `isort`, `pydocstyle`, ...). */
  readonly name: string;
  /** Markdown for the README's configuration reference: each key, its type, default and meaning. */
  readonly doc: string;
  validate(raw: unknown): { value: Record<string, unknown>; problems: string[] };
}
