import {
  analyzeFlow,
  type FlowBinding,
  type FlowScope,
  isUnusedRedefinition,
  type LateReads,
  type LocalUndefined,
  type ModuleEvent,
  type ModuleReplay,
  type RedefinitionSide,
  replayModule,
  type UnitEvents,
  unitEvents,
} from '../../analysis/flow-bindings';
import { DUMMY_VARIABLE } from '../../analysis/python-names';
import type { FileContext } from '../../engine/rule';
import type { Node, Position, Range } from '../../engine/types';

/** A binding the rules report, by its offsets relative to its top-level statement. */
export interface BindingSite {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * What the binding rules need from one top-level statement, kept per statement text (see
 * unit-memo.ts): no tree nodes, offsets relative to the statement's start.
 */
export interface UnitFlow {
  /** What the statement does in the module scope (see `unitEvents`). */
  readonly main: readonly ModuleEvent[];
  readonly late: readonly ModuleEvent[];
  readonly lateReads: readonly LateReads[];
  /** Its functions' first bindings of names that the module may bind (F811 across scopes). */
  readonly hides: readonly ModuleEvent[];
  readonly localUndefined: readonly LocalUndefined[];
  /** F841: unused locals, and `except ... as e` names never read. */
  readonly unusedVariables: readonly (BindingSite & { readonly exception: boolean })[];
  /** PLW0602: `global` names the scope never assigns. */
  readonly unassignedGlobals: readonly BindingSite[];
  /** F811 in function and class scopes: a redefinition and where the unused binding it replaces starts. */
  readonly redefinitions: readonly Redefinition[];
  /** The statement holds a syntax error: its reads are not reported. */
  readonly broken: boolean;
}

export interface Redefinition extends BindingSite {
  readonly shadowedStart: number;
  /** The redefinition is an import: a `# noqa` on its statement's first line covers it. */
  readonly imported: boolean;
  /** It imports what the binding it replaces imported: the fix removes it. */
  readonly repeated: boolean;
}

export interface PlacedFlow {
  readonly unit: Node;
  readonly base: number;
  readonly flow: UnitFlow;
}

/** Names Ruff never reports as unused locals (debugger and traceback conventions). */
const TRACEBACK_NAMES = new Set([
  '__tracebackhide__',
  '__traceback_info__',
  '__traceback_supplement__',
  '__debuggerskip__',
]);

/**
 * The flow summary of every top-level statement, each computed once per statement text, and the
 * list shared by the binding rules of one analysis.
 */
export function unitFlows(ctx: FileContext): PlacedFlow[] {
  return ctx.shared(flowSlot(ctx), () => placeFlows(ctx));
}

/** `FileRule.prepare` of the binding rules: the flow summary of `unit` (one for all of them). */
export function prepareFlow(ctx: FileContext, unit: Node): void {
  flowOf(ctx, unit);
}

function flowSlot(ctx: FileContext): string {
  return ctx.module.futureAnnotations ? 'binding-flow:future-annotations' : 'binding-flow';
}

function flowOf(ctx: FileContext, unit: Node): UnitFlow {
  const futureAnnotations = ctx.module.futureAnnotations;
  return ctx.sharedMemo(unit, flowSlot(ctx), (copy) => summarizeUnit(copy, futureAnnotations));
}

/** The module scope replayed over every statement (shared by F811 and F821 in one analysis). */
export function moduleReplay(ctx: FileContext): ModuleReplay {
  const flows = unitFlows(ctx);
  return ctx.shared(`binding-replay:${ctx.module.futureAnnotations}`, () => replayModule(replayUnits(flows)));
}

/**
 * The range between two file offsets of one name (an identifier, or a name in a string
 * annotation), from the position of the smallest node around it: no scan of the whole text.
 */
export function rangeOf(ctx: FileContext, start: number, end: number): Range {
  const node = ctx.root.descendantForIndex(start, end) ?? ctx.root;
  const from = advance(node.startPosition.row, node.startPosition.column, ctx.source, node.startIndex, start);
  return { start: from, end: advance(from.line, from.character, ctx.source, start, end) };
}

/** The position `to` from the position of `from` (`line`, `character`), counting the line breaks between. */
function advance(line: number, character: number, source: string, from: number, to: number): Position {
  let position = { line, character };
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10))
      position = { line: position.line + 1, character: 0 };
    else if (c !== 13) position = { line: position.line, character: position.character + 1 };
  }
  return position;
}

function placeFlows(ctx: FileContext): PlacedFlow[] {
  return ctx.root.namedChildren
    .filter((unit): unit is Node => unit !== null)
    .map((unit) => ({ unit, base: unit.startIndex, flow: flowOf(ctx, unit) }));
}

function summarizeUnit(unit: Node, futureAnnotations: boolean): UnitFlow {
  const base = unit.startIndex;
  const model = analyzeFlow(unit, { futureAnnotations });
  const site = (binding: FlowBinding): BindingSite => ({
    name: binding.name,
    start: binding.node.startIndex - base,
    end: binding.node.endIndex - base,
  });
  const unusedVariables: Array<BindingSite & { exception: boolean }> = [];
  const unassignedGlobals: BindingSite[] = [];
  const redefinitions: Redefinition[] = [];
  for (const scope of model.scopes) {
    if (scope.kind === 'function' || scope.kind === 'class') {
      for (const [binding, shadowed] of unusedRedefinitions(scope)) {
        redefinitions.push({
          ...site(binding),
          shadowedStart: shadowed.node.startIndex - base,
          imported: IMPORTS.has(binding.kind),
          repeated: isRepeatedImport(binding, shadowed),
        });
      }
    }
    for (const binding of scope.bindings) {
      if (
        binding.kind === 'bound-exception' &&
        binding.references === 0 &&
        !DUMMY_VARIABLE.test(binding.name)
      ) {
        unusedVariables.push({ ...site(binding), exception: true });
      }
    }
    for (const binding of scope.symbols.values()) {
      if (binding.kind === 'global' && binding.deletions === 0) unassignedGlobals.push(site(binding));
    }
    const functionLike = scope.kind === 'function' || scope.kind === 'lambda';
    if (!functionLike || (scope.kind === 'function' && scope.usesLocals)) continue;
    for (const binding of scope.symbols.values()) {
      if (isUnusedLocal(binding)) unusedVariables.push({ ...site(binding), exception: false });
    }
  }
  // Named one by one, not spread: one object of one shape per statement, made in one step.
  const { main, late, lateReads, hides } = unitEvents(model.events);
  return {
    main,
    late,
    lateReads,
    hides,
    localUndefined: model.localUndefined,
    unusedVariables,
    unassignedGlobals,
    redefinitions,
    broken: unit.hasError,
  };
}

function isUnusedLocal(binding: FlowBinding): boolean {
  return (
    (binding.kind === 'assignment' || binding.kind === 'named-expr' || binding.kind === 'with-item') &&
    binding.references === 0 &&
    !binding.global &&
    !binding.nonlocal &&
    !binding.unpacked &&
    !DUMMY_VARIABLE.test(binding.name) &&
    !TRACEBACK_NAMES.has(binding.name)
  );
}

const IMPORTS: ReadonlySet<string> = new Set(['import', 'from-import', 'submodule-import']);

/** Both bindings import the same qualified name (`import os` twice). */
export function isRepeatedImport(
  binding: { kind: string; facts: { qualified?: string } },
  shadowed: { kind: string; facts: { qualified?: string } },
): boolean {
  return (
    IMPORTS.has(binding.kind) &&
    IMPORTS.has(shadowed.kind) &&
    binding.facts.qualified === shadowed.facts.qualified
  );
}

/** The redefinitions of unused bindings in a function or class scope (Ruff's F811 walk of each name's chain). */
function unusedRedefinitions(scope: FlowScope): Array<[FlowBinding, FlowBinding]> {
  const found: Array<[FlowBinding, FlowBinding]> = [];
  // Only the parts a redefinition is told by (a spread of the whole binding cost more than the test).
  const side = (b: FlowBinding): RedefinitionSide => ({
    name: b.name,
    kind: b.kind,
    facts: b.facts,
    references: b.references,
    start: b.node.startIndex,
  });
  for (const last of scope.symbols.values()) {
    for (let binding: FlowBinding | undefined = last; binding; binding = binding.shadows) {
      // A loop variable and a binding read since are never unused redefinitions (`isUnusedRedefinition`'s
      // first test, made here before the sides are built: most bindings fail it).
      if (binding.kind === 'loop-var') continue;
      const hidden = binding.hides;
      if (
        hidden &&
        hidden !== 'module' &&
        hidden.references === 0 &&
        scope.kind !== 'class' &&
        isUnusedRedefinition(side(binding), side(hidden), false)
      ) {
        found.push([binding, hidden]);
      }
      const shadowed = binding.shadows;
      if (shadowed && shadowed.references === 0 && isUnusedRedefinition(side(binding), side(shadowed), true))
        found.push([binding, shadowed]);
    }
  }
  return found;
}

/** The statements' module events as `replayModule` takes them. */
export function replayUnits(flows: readonly PlacedFlow[]): UnitEvents[] {
  return flows.map(({ base, flow }, index) => ({
    base,
    index,
    main: flow.main,
    late: flow.late,
    lateReads: flow.lateReads,
    broken: flow.broken,
  }));
}
