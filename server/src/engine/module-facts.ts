import {
  combineModuleBindings,
  type GlobalBindingKind,
  type ModuleBindings,
  type UnitBindings,
  unitBindings,
} from './module-bindings';
import { combineModuleClasses, type ModuleClasses, type UnitClasses, unitClasses } from './module-classes';
import type { Node } from './types';
import {
  combineTypingFacts,
  type PlacedTypingFacts,
  type TypingFacts,
  type UnitTypingFacts,
  type UseCounter,
  unitTypingFacts,
  usePattern,
} from './typing-facts';
import type { UnitMemo } from './unit-memo';

/**
 * Module-wide facts that unit rules may depend on: what each imported name refers to, and the
 * `__future__` features. Computed from module-scope import statements (including those nested in
 * module-level `if`/`try` blocks), so it is cheap and its fingerprint changes only when an import does.
 */
export interface ModuleFacts {
  /** Local name -> fully qualified name: `Optional` -> `typing.Optional`, `t` -> `typing`. */
  readonly imports: ReadonlyMap<string, string>;
  readonly futureAnnotations: boolean;
  /**
   * Where a `from __future__ import annotations` stands that follows other code (a syntax error
   * for Python): Ruff applies it only from there on, so the engine gives the statements before it
   * a view with `futureAnnotations` false. Undefined for one at the top, or none.
   */
  readonly lateFutureAnnotations?: number;
  /** Something is imported from `typing` or `typing_extensions` (the modern-typing rules' early exit). */
  readonly importsFromTyping: boolean;
  /** The names in `__all__`, or undefined when the module defines none (see module-bindings.ts). */
  readonly dunderAll: readonly string[] | undefined;
  /** Name -> kind of its last module-level binding (class, function, import, other). */
  readonly globalBindings: ReadonlyMap<string, GlobalBindingKind>;
  /** Overloads and import edit positions for the type-hint rules (see typing-facts.ts). */
  readonly typing: TypingFacts;
  /** Module-level class name -> its positional base expressions' text (see module-classes.ts). */
  readonly classBases: ReadonlyMap<string, readonly string[]>;
  /**
   * The triple quote most of the module's triple-quoted strings open with (`"""` on a tie or none):
   * docstring templates follow the file when `quoteStyle` is `file`.
   */
  readonly docstringQuote: string;
  /** Text that identifies these facts; part of every unit's cache key. */
  readonly fingerprint: string;
  /**
   * The qualified name an expression refers to through the module's imports, e.g. `t.Optional`
   * gives `typing.Optional` after `import typing as t`. Undefined when it is not an imported name.
   * Builtins are not resolved here.
   */
  qualifiedName(node: Node): string | undefined;
}

const SCOPE_BLOCKS = new Set([
  'if_statement',
  'try_statement',
  'else_clause',
  'elif_clause',
  'except_clause',
  'finally_clause',
  'block',
  'with_statement',
]);

/** What one top-level statement contributes to the module facts: no tree nodes, no absolute positions. */
interface UnitFacts {
  readonly imports: UnitImports;
  readonly bindings: UnitBindings;
  readonly classes: UnitClasses;
  readonly typing: UnitTypingFacts;
  readonly opening: Opening;
  /** How many `'''` and `"""` its text holds (for `docstringQuote`). */
  readonly tripleQuotes: readonly [single: number, double: number];
}

/**
 * What a statement is to Python's rule that `from __future__` imports open the module: only the
 * docstring (a string first) and other future imports may come before one; a later one is a
 * syntax error, and Ruff ignores it.
 */
type Opening = 'future-import' | 'string' | 'other';

function openingOf(unit: Node): Opening {
  if (unit.type === 'future_import_statement') return 'future-import';
  const expression = unit.type === 'expression_statement' ? unit.namedChild(0) : null;
  return expression?.type === 'string' || expression?.type === 'concatenated_string' ? 'string' : 'other';
}

interface UnitImports {
  /** The texts of its import statements, in source order (they make up the fingerprint). */
  readonly texts: readonly string[];
  /** Local name -> qualified name, in the order the statements bind them. */
  readonly entries: ReadonlyArray<readonly [local: string, qualified: string]>;
  readonly futureAnnotations: boolean;
}

const MEMO_SLOT = 'moduleFacts';

/**
 * How the top-level statements of a tree line up with those of the tree an earlier collection was
 * of (a window publish: see analyze.ts): the first `before` and the last `after` have the same
 * cache keys as that collection's first and last, so the same contributions.
 */
export interface FactsReuse {
  /** What that collection gave. */
  facts: ModuleFacts;
  before: number;
  after: number;
}

/** What module facts were combined from, for a later collection that shares statements (see `FactsReuse`). */
interface Combination {
  /** Each top-level statement's contribution, in order. */
  readonly units: readonly (UnitFacts | typeof NOTHING)[];
  readonly importTexts: string;
  readonly quotes: readonly [single: number, double: number];
  readonly bindings: ModuleBindings;
  readonly classes: ModuleClasses;
  /** The index of the first statement with a `from __future__ import annotations`, or -1. */
  readonly firstFuture: number;
}

const combinations = new WeakMap<ModuleFacts, Combination>();

/**
 * The module facts of the tree `root`. With `memo`, each top-level statement's contribution is
 * computed only when its text is new (the tree is read through wasm, which is what costs), and the
 * contributions are combined in plain JS: whatever depends on more than one statement (the last
 * binding of a name, the leading import block, positions) is computed there, never memoised. With
 * `reuse`, the statements it shares with an earlier collection take their contributions from it,
 * and the imports, bindings and classes it combined are kept where the statements between left
 * them as they were (typing a line in a function body: every keystroke used to combine them all).
 */
export function collectModuleFacts(root: Node, memo?: UnitMemo, reuse?: FactsReuse): ModuleFacts {
  const nodes = root.children.filter((node): node is Node => node !== null);
  const last = reuse && combinations.get(reuse.facts);
  const shared = last && reuse ? { ...reuse, count: last.units.length } : undefined;
  const contributions: (UnitFacts | typeof NOTHING)[] = [];
  const units: UnitFacts[] = [];
  const statements: PlacedTypingFacts[] = [];
  /** Where names are counted (see `UseCounter`): every statement but the top-level imports, comments too. */
  const counted: Node[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    const fromLast = shared && last ? sharedIndex(shared, index, nodes.length) : undefined;
    // Every node access is a call into wasm: even the type is read only when the memo misses.
    const facts =
      fromLast !== undefined && last
        ? last.units[fromLast]
        : memo
          ? memo.get(node, MEMO_SLOT, unitFacts)
          : unitFacts(node);
    contributions.push(facts);
    if (facts === NOTHING || !facts.typing.isImport) counted.push(node);
    if (facts === NOTHING) continue;
    units.push(facts);
    statements.push({ facts: facts.typing, line: node.startPosition.row, startIndex: node.startIndex });
  }
  const between = shared && last ? changedBetween(shared, last.units, contributions) : undefined;
  const combined = between && reuse && last ? reusedCombination(reuse, last, between) : undefined;
  const opening = combined?.opening ?? combinedImports(units, statements);
  const bindings = combined?.bindings ?? combineModuleBindings(units.map((unit) => unit.bindings));
  const text = () => root.text;
  const uses = memo && usesByStatement(counted, memo, text, root.startIndex);
  const typing = combineTypingFacts(statements, opening.imports, text, uses, root.startIndex);
  const classes = combined?.classes ?? combineModuleClasses(units.map((unit) => unit.classes));
  const { imports, importTexts, futureAnnotations, lateFutureAnnotations, quotes } = opening;
  const docstringQuote = quotes[0] > quotes[1] ? "'''" : '"""';
  const facts: ModuleFacts = {
    imports,
    futureAnnotations,
    lateFutureAnnotations,
    importsFromTyping:
      combined?.importsFromTyping ?? [...imports.values()].some((q) => /^typing(_extensions)?(\.|$)/.test(q)),
    dunderAll: bindings.dunderAll,
    globalBindings: bindings.globalBindings,
    typing,
    classBases: classes.bases,
    docstringQuote,
    fingerprint:
      combined?.opening &&
      combined.bindings &&
      combined.classes &&
      reuse?.facts.docstringQuote === docstringQuote &&
      reuse.facts.typing.fingerprint === typing.fingerprint
        ? // Every part is the earlier one: its fingerprint, so that comparing them costs nothing.
          reuse.facts.fingerprint
        : `${lateFutureAnnotations ?? futureAnnotations}\u0000${docstringQuote}\u0000${importTexts}\u0000${bindings.fingerprint}\u0000${typing.fingerprint}\u0000${classes.fingerprint}`,
    qualifiedName: (node) => qualify(node, imports),
  };
  const firstFuture = combined?.opening
    ? (last?.firstFuture ?? -1)
    : contributions.findIndex((unit) => unit?.imports.futureAnnotations);
  combinations.set(facts, { units: contributions, importTexts, quotes, bindings, classes, firstFuture });
  return facts;
}

/** The index in the earlier collection of statement `index` of `count`, where it is one they share. */
function sharedIndex(
  { before, after, count }: { before: number; after: number; count: number },
  index: number,
  total: number,
): number | undefined {
  if (index < before) return index;
  if (index >= total - after) return index - total + count;
  return undefined;
}

/** What the imports (and triple quotes) of the statements give (see `ModuleFacts`), in order. */
interface ImportFacts {
  imports: ReadonlyMap<string, string>;
  importTexts: string;
  futureAnnotations: boolean;
  lateFutureAnnotations: number | undefined;
  quotes: readonly [number, number];
}

function combinedImports(units: readonly UnitFacts[], statements: readonly PlacedTypingFacts[]): ImportFacts {
  const imports = new Map<string, string>();
  const importTexts: string[] = [];
  let futureAnnotations = false;
  let lateFutureAnnotations: number | undefined;
  let opening = true;
  let singleQuotes = 0;
  let doubleQuotes = 0;
  units.forEach((unit, index) => {
    singleQuotes += unit.tripleQuotes[0];
    doubleQuotes += unit.tripleQuotes[1];
    importTexts.push(...unit.imports.texts);
    for (const [local, qualified] of unit.imports.entries) imports.set(local, qualified);
    opening &&= unit.opening === 'future-import' || (index === 0 && unit.opening === 'string');
    if (unit.imports.futureAnnotations && !futureAnnotations) {
      futureAnnotations = true;
      if (!opening) lateFutureAnnotations = statements[index].startIndex;
    }
  });
  return {
    imports,
    importTexts: importTexts.join('\n'),
    futureAnnotations,
    lateFutureAnnotations,
    quotes: [singleQuotes, doubleQuotes] as const,
  };
}

/** The contributions of the statements between the shared ones, in the earlier collection and now. */
interface Between {
  was: readonly UnitFacts[];
  now: readonly UnitFacts[];
}

function changedBetween(
  { before, after }: FactsReuse,
  was: readonly (UnitFacts | typeof NOTHING)[],
  now: readonly (UnitFacts | typeof NOTHING)[],
): Between {
  const present = (unit: UnitFacts | typeof NOTHING): unit is UnitFacts => unit !== NOTHING;
  return {
    was: was.slice(before, was.length - after).filter(present),
    now: now.slice(before, now.length - after).filter(present),
  };
}

/**
 * The parts of the earlier collection (`facts`, combined from `last`) that still hold, given the
 * statements between (`between`): the imports where none of them imports (nor a later statement
 * opens with a `__future__` import), the bindings and classes where theirs are the same.
 */
function reusedCombination(
  { facts, before }: FactsReuse,
  last: Combination,
  { was, now }: Between,
): {
  opening?: ImportFacts;
  importsFromTyping?: boolean;
  bindings?: ModuleBindings;
  classes?: ModuleClasses;
} {
  const importsNone = (unit: UnitFacts) =>
    unit.imports.texts.length === 0 && unit.imports.entries.length === 0 && !unit.imports.futureAnnotations;
  const sameImports =
    facts.lateFutureAnnotations === undefined &&
    last.firstFuture < before &&
    was.every(importsNone) &&
    now.every(importsNone);
  const quoteCount = (units: readonly UnitFacts[], at: 0 | 1) =>
    units.reduce((sum, unit) => sum + unit.tripleQuotes[at], 0);
  const opening: ImportFacts | undefined = sameImports
    ? {
        imports: facts.imports,
        importTexts: last.importTexts,
        futureAnnotations: facts.futureAnnotations,
        lateFutureAnnotations: undefined,
        quotes: [
          last.quotes[0] - quoteCount(was, 0) + quoteCount(now, 0),
          last.quotes[1] - quoteCount(was, 1) + quoteCount(now, 1),
        ] as const,
      }
    : undefined;
  const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
    a.length === b.length && a.every((x, index) => same(x, b[index]));
  const sameStrings = (a: readonly string[], b: readonly string[]) => sameList(a, b, (x, y) => x === y);
  const sameBindings = (a: UnitBindings, b: UnitBindings) =>
    sameList(a.binds, b.binds, (x, y) => x[0] === y[0] && x[1] === y[1]) &&
    sameList(a.exports, b.exports, sameStrings);
  const sameClasses = (a: UnitClasses, b: UnitClasses) =>
    sameList(a, b, (x, y) => x[0] === y[0] && sameStrings(x[1], y[1]));
  return {
    opening,
    importsFromTyping: opening ? facts.importsFromTyping : undefined,
    bindings: sameList(was, now, (x, y) => sameBindings(x.bindings, y.bindings)) ? last.bindings : undefined,
    classes: sameList(was, now, (x, y) => sameClasses(x.classes, y.classes)) ? last.classes : undefined,
  };
}

/**
 * Uses of names counted statement by statement (each statement's count kept in the memo while its
 * text is unchanged), rather than over the whole text at every version. A name matched at the very
 * start or end of a statement's text is checked against the character before or after it in the
 * module (`text`, which starts at `rootStart`): the whole text's pattern would not match it there.
 */
function usesByStatement(
  counted: readonly Node[],
  memo: UnitMemo,
  text: () => string,
  rootStart: number,
): UseCounter {
  return (names) => {
    const counts = new Map<string, number>();
    if (names.length === 0) return counts;
    for (const name of names) counts.set(name, 0);
    const slot = `typingUses:${names.join('|')}`;
    const pattern = usePattern(names);
    let source: string | undefined;
    const charAt = (index: number) => {
      source ??= text();
      return source.charCodeAt(index - rootStart);
    };
    for (const node of counted) {
      const uses = memo.get(node, slot, (unit) => statementUses(unit.text, pattern));
      for (const [name, count] of uses.counts) counts.set(name, (counts.get(name) ?? 0) + count);
      if (uses.first !== undefined && continuesName(charAt(node.startIndex - 1), true))
        counts.set(uses.first, (counts.get(uses.first) ?? 1) - 1);
      if (uses.last !== undefined && continuesName(charAt(node.startIndex + uses.length), false))
        counts.set(uses.last, (counts.get(uses.last) ?? 1) - 1);
    }
    for (const [name, count] of counts) counts.set(name, Math.min(2, count));
    return counts;
  };
}

/** One statement's uses of the names of `pattern` (see `usesByStatement`). */
interface StatementUses {
  readonly counts: ReadonlyArray<readonly [name: string, count: number]>;
  /** The name matched at the start of the text, and the one matched at its end. */
  readonly first?: string;
  readonly last?: string;
  readonly length: number;
}

function statementUses(text: string, pattern: RegExp): StatementUses {
  const counts = new Map<string, number>();
  let first: string | undefined;
  let last: string | undefined;
  for (const match of text.matchAll(pattern)) {
    const name = match[0];
    const at = match.index ?? 0;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (at === 0) first = name;
    if (at + name.length === text.length) last = name;
  }
  return { counts: [...counts], first, last, length: text.length };
}

/** Whether a character (NaN outside the text) makes a name beside it part of a longer name (or, before it, of an attribute). */
function continuesName(code: number, before: boolean): boolean {
  if (Number.isNaN(code)) return false;
  const char = String.fromCharCode(code);
  return /\w/.test(char) || (before && char === '.');
}

/** Comments and tokens (`;`) contribute nothing (and are not statements for the typing facts). */
const NOTHING = null;

function unitFacts(unit: Node): UnitFacts | typeof NOTHING {
  if (!unit.isNamed || unit.type === 'comment') return NOTHING;
  return {
    imports: unitImports(unit),
    bindings: unitBindings(unit),
    classes: unitClasses(unit),
    typing: unitTypingFacts(unit),
    opening: openingOf(unit),
    tripleQuotes: tripleQuotesIn(unit.text),
  };
}

function tripleQuotesIn(text: string): readonly [number, number] {
  const count = (quote: string) => text.split(quote).length - 1;
  return [count("'''"), count('"""')];
}

/** The imports of one top-level statement, including those in its module-level blocks. */
function unitImports(unit: Node): UnitImports {
  const imports = new Map<string, string>();
  const texts: string[] = [];
  let futureAnnotations = false;
  const pending: Node[] = [unit];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case 'import_statement':
        texts.push(node.text);
        recordImport(node, imports);
        break;
      case 'import_from_statement':
        texts.push(node.text);
        recordFromImport(node, imports);
        break;
      case 'future_import_statement':
        texts.push(node.text);
        if (node.namedChildren.some((n) => n?.type === 'dotted_name' && n.text === 'annotations'))
          futureAnnotations = true;
        break;
      default:
        if (SCOPE_BLOCKS.has(node.type)) {
          for (let i = node.namedChildCount - 1; i >= 0; i--) {
            const child = node.namedChild(i);
            if (child) pending.push(child);
          }
        }
    }
  }
  return { texts, entries: [...imports], futureAnnotations };
}

function recordImport(node: Node, imports: Map<string, string>): void {
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') {
      const dotted = name.childForFieldName('name');
      const alias = name.childForFieldName('alias');
      if (dotted && alias) imports.set(alias.text, dotted.text);
    } else {
      // `import a.b` binds `a`, which refers to the package `a`.
      const first = name.text.split('.')[0];
      imports.set(first, first);
    }
  }
}

function recordFromImport(node: Node, imports: Map<string, string>): void {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return;
  const moduleName = moduleNode.text;
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') {
      const original = name.childForFieldName('name');
      const alias = name.childForFieldName('alias');
      if (original && alias) imports.set(alias.text, `${moduleName}.${original.text}`);
    } else {
      imports.set(name.text, `${moduleName}.${name.text}`);
    }
  }
}

function qualify(node: Node, imports: ReadonlyMap<string, string>): string | undefined {
  if (node.type === 'identifier') return imports.get(node.text);
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    const base = qualify(object, imports);
    return base === undefined ? undefined : `${base}.${attribute.text}`;
  }
  return undefined;
}
