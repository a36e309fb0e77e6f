import {
  analyzeFlow,
  type FlowBinding,
  type FlowScope,
  isUnusedRedefinition,
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
  return {
    events: model.events,
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
  const side = (b: FlowBinding) => ({ ...b, start: b.node.startIndex });
  for (const last of scope.symbols.values()) {
    for (let binding: FlowBinding | undefined = last; binding; binding = binding.shadows) {
      const hidden = binding.hides;
      if (
        hidden &&
        hidden !== 'module' &&
        scope.kind !== 'class' &&
        isUnusedRedefinition(side(binding), side(hidden), false)
      ) {
        found.push([binding, hidden]);
      }
      const shadowed = binding.shadows;
      if (shadowed && isUnusedRedefinition(side(binding), side(shadowed), true))
        found.push([binding, shadowed]);
    }
  }
  return found;
}

/** A module event in file offsets; `broken` when its statement holds a syntax error. */
export type PlacedEvent = ModuleEvent & { readonly broken?: boolean };

/** Every statement's module events with absolute offsets and branches: the main pass first, then the deferred. */
export function placedEvents(flows: readonly PlacedFlow[]): PlacedEvent[] {
  const main: PlacedEvent[] = [];
  const deferred: PlacedEvent[] = [];
  flows.forEach(({ base, flow }, index) => {
    for (const event of flow.events) {
      let placed: PlacedEvent = flow.broken ? { ...event, broken: true } : event;
      if ('start' in placed) placed = { ...placed, start: base + placed.start, end: base + placed.end };
      if ('facts' in placed && placed.facts.branch !== '') {
        // Branch ids are numbered per statement: made unique per file.
        placed = { ...placed, facts: { ...placed.facts, branch: `/${index}${placed.facts.branch}` } };
      }
      ('deferred' in event && event.deferred ? deferred : main).push(placed);
    }
  });
  return [...main, ...deferred];
}
