import {
  combineModuleBindings,
  type GlobalBindingKind,
  type UnitBindings,
  unitBindings,
} from './module-bindings';
import { combineModuleClasses, type UnitClasses, unitClasses } from './module-classes';
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
 * The module facts of the tree `root`. With `memo`, each top-level statement's contribution is
 * computed only when its text is new (the tree is read through wasm, which is what costs), and the
 * contributions are combined in plain JS: whatever depends on more than one statement (the last
 * binding of a name, the leading import block, positions) is computed there, never memoised.
 */
export function collectModuleFacts(root: Node, memo?: UnitMemo): ModuleFacts {
  const units: UnitFacts[] = [];
  const statements: PlacedTypingFacts[] = [];
  /** Where names are counted (see `UseCounter`): every statement but the top-level imports, comments too. */
  const counted: Node[] = [];
  // `children`, not `namedChildren`: the engine has read them already, and the node keeps them.
  for (const node of root.children) {
    if (node === null) continue;
    // Every node access is a call into wasm: even the type is read only when the memo misses.
    const facts = memo ? memo.get(node, MEMO_SLOT, unitFacts) : unitFacts(node);
    if (facts === NOTHING || !facts.typing.isImport) counted.push(node);
    if (facts === NOTHING) continue;
    units.push(facts);
    statements.push({ facts: facts.typing, line: node.startPosition.row, startIndex: node.startIndex });
  }
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
  const bindings = combineModuleBindings(units.map((unit) => unit.bindings));
  const text = () => root.text;
  const uses = memo && usesByStatement(counted, memo, text, root.startIndex);
  const typing = combineTypingFacts(statements, imports, text, uses, root.startIndex);
  const classes = combineModuleClasses(units.map((unit) => unit.classes));
  const docstringQuote = singleQuotes > doubleQuotes ? "'''" : '"""';
  return {
    imports,
    futureAnnotations,
    lateFutureAnnotations,
    importsFromTyping: [...imports.values()].some((q) => /^typing(_extensions)?(\.|$)/.test(q)),
    dunderAll: bindings.dunderAll,
    globalBindings: bindings.globalBindings,
    typing,
    classBases: classes.bases,
    docstringQuote,
    fingerprint: `${lateFutureAnnotations ?? futureAnnotations}\u0000${docstringQuote}\u0000${importTexts.join('\n')}\u0000${bindings.fingerprint}\u0000${typing.fingerprint}\u0000${classes.fingerprint}`,
    qualifiedName: (node) => qualify(node, imports),
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
