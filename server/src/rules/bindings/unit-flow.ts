import {
  analyzeFlow,
  type FlowBinding,
  type LocalUndefined,
  type ModuleEvent,
} from '../../analysis/flow-bindings';
import { DUMMY_VARIABLE } from '../../analysis/python-names';
import type { FileContext } from '../../engine/rule';
import type { Node } from '../../engine/types';

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
  readonly events: readonly ModuleEvent[];
  readonly localUndefined: readonly LocalUndefined[];
  /** F841: unused locals, and `except ... as e` names never read. */
  readonly unusedVariables: readonly (BindingSite & { readonly exception: boolean })[];
  /** PLW0602: `global` names the scope never assigns. */
  readonly unassignedGlobals: readonly BindingSite[];
  /** The statement holds a syntax error: its reads are not reported. */
  readonly broken: boolean;
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

/** The flow summary of every top-level statement, each computed once per statement text. */
export function unitFlows(ctx: FileContext): PlacedFlow[] {
  const futureAnnotations = ctx.module.futureAnnotations;
  const slot = futureAnnotations ? 'binding-flow:future-annotations' : 'binding-flow';
  return ctx.root.namedChildren
    .filter((unit): unit is Node => unit !== null)
    .map((unit) => ({
      unit,
      base: unit.startIndex,
      flow: ctx.memo(unit, slot, () => summarizeUnit(unit, futureAnnotations)),
    }));
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
  for (const scope of model.scopes) {
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
  return {
    events: model.events,
    localUndefined: model.localUndefined,
    unusedVariables,
    unassignedGlobals,
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
