import type { ModuleFacts } from './module-facts';
import type { Node } from './types';
import type { TypingFacts } from './typing-facts';

/**
 * Which module facts a unit's analysis read, and what it saw: dependency key -> observed value.
 * A cached unit stays valid while every recorded read gives the same value under the new facts,
 * so typing a new module-level name re-analyses only the units that looked that name up, not the
 * whole file (a single module fingerprint in the cache key would invalidate every unit).
 *
 * Keys are `field` (the whole field was read: iterated, sized, or an unknown property) or
 * `field\0key` (one entry was looked up).
 */
export type FactDeps = Map<string, string>;

const SEP = '\u0000';
const ABSENT = '\u0001';

type MapField =
  | 'imports'
  | 'globalBindings'
  | 'classBases'
  | 'typing.removals'
  | 'typing.repeatedRemovals'
  | 'typing.useCounts';
type ScalarField =
  | 'futureAnnotations'
  | 'importsFromTyping'
  | 'dunderAll'
  | 'docstringQuote'
  | 'fingerprint'
  | 'typing.typingInsertion'
  | 'typing.importLine'
  | 'typing.fingerprint';

function mapOf(module: ModuleFacts, field: MapField): ReadonlyMap<string, unknown> {
  switch (field) {
    case 'imports':
      return module.imports;
    case 'globalBindings':
      return module.globalBindings;
    case 'classBases':
      return module.classBases;
    case 'typing.removals':
      return module.typing.removals;
    case 'typing.repeatedRemovals':
      return module.typing.repeatedRemovals;
    case 'typing.useCounts':
      return module.typing.useCounts;
  }
}

function scalarOf(module: ModuleFacts, field: ScalarField): string {
  switch (field) {
    case 'futureAnnotations':
      return String(module.futureAnnotations);
    case 'importsFromTyping':
      return String(module.importsFromTyping);
    case 'dunderAll':
      return JSON.stringify(module.dunderAll ?? null);
    case 'docstringQuote':
      return module.docstringQuote;
    case 'fingerprint':
      return module.fingerprint;
    case 'typing.typingInsertion':
      return JSON.stringify(module.typing.typingInsertion);
    case 'typing.importLine':
      return JSON.stringify(module.typing.importLine);
    case 'typing.fingerprint':
      return module.typing.fingerprint;
  }
}

function encode(value: unknown): string {
  if (value === undefined) return ABSENT;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const MAP_FIELDS = new Set<string>([
  'imports',
  'globalBindings',
  'classBases',
  'typing.removals',
  'typing.repeatedRemovals',
  'typing.useCounts',
]);
const SET_FIELDS = new Set<string>(['typing.overloads']);

/** What a dependency key reads from `module` now, memoised per analysis (one memo per facts object). */
function observe(module: ModuleFacts, depKey: string, memo: Map<string, string>): string {
  // Many units read the same entries (`imports\0os`): each is looked up once per analysis.
  const known = memo.get(depKey);
  if (known !== undefined) return known;
  const value = read(module, depKey);
  memo.set(depKey, value);
  return value;
}

function read(module: ModuleFacts, depKey: string): string {
  const sep = depKey.indexOf(SEP);
  const field = sep < 0 ? depKey : depKey.slice(0, sep);
  if (sep >= 0) {
    const key = depKey.slice(sep + 1);
    if (SET_FIELDS.has(field)) return String(module.typing.overloads.has(key));
    return encode(mapOf(module, field as MapField).get(key));
  }
  if (MAP_FIELDS.has(field)) return JSON.stringify([...mapOf(module, field as MapField)]);
  if (SET_FIELDS.has(field)) return JSON.stringify([...module.typing.overloads]);
  return scalarOf(module, field as ScalarField);
}

const SCALAR_FIELDS: readonly ScalarField[] = [
  'futureAnnotations',
  'importsFromTyping',
  'dunderAll',
  'docstringQuote',
  'fingerprint',
  'typing.typingInsertion',
  'typing.importLine',
  'typing.fingerprint',
];

/**
 * The reads (dependency keys) that give another value in `after` than in `before`: a unit whose
 * recorded reads held under `before` and include none of these holds under `after`, without its
 * reads being looked up one by one (typing a module-level name changes the facts at every
 * keystroke; the reads that change are one or two). Under a late `from __future__ import
 * annotations` the statements' views differ in `futureAnnotations` alone (see `moduleViews` in
 * analyze.ts), and which view a statement sees is not in the facts: that one read is to be checked
 * against the statement's view whatever this says (`futureAnnotationsReadHolds`).
 */
export function changedReads(before: ModuleFacts, after: ModuleFacts): ReadonlySet<string> {
  const changed = new Set<string>();
  const compare = (depKey: string) => {
    if (read(before, depKey) !== read(after, depKey)) changed.add(depKey);
  };
  for (const field of MAP_FIELDS) {
    const was = mapOf(before, field as MapField);
    const now = mapOf(after, field as MapField);
    const same = (a: unknown, b: unknown) => a === b || encode(a) === encode(b);
    let entriesChanged = false;
    for (const [key, value] of now) {
      if (!same(was.get(key), value)) {
        changed.add(`${field}${SEP}${key}`);
        entriesChanged = true;
      }
    }
    for (const key of was.keys()) {
      if (!now.has(key)) {
        changed.add(`${field}${SEP}${key}`);
        entriesChanged = true;
      }
    }
    // The whole field is read in order (see `read`): the same entries in another order differ too.
    if (entriesChanged || !sameOrder(was, now)) changed.add(field);
  }
  for (const field of SET_FIELDS) {
    for (const name of new Set([...before.typing.overloads, ...after.typing.overloads]))
      compare(`${field}${SEP}${name}`);
    compare(field);
  }
  for (const field of SCALAR_FIELDS) compare(field);
  return changed;
}

function sameOrder(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  const keys = b.keys();
  for (const key of a.keys()) if (keys.next().value !== key) return false;
  return true;
}

/**
 * `deps` under `module` where every read that changed changed as `move` says (a position that only
 * moved with the text): the reads with their new values; undefined where one changed otherwise.
 */
export function movedDeps(
  deps: ReadonlyMap<string, string>,
  module: ModuleFacts,
  memo: Map<string, string>,
  move: (value: string) => string | undefined,
): FactDeps | undefined {
  const moved = new Map(deps);
  for (const [depKey, value] of deps) {
    const now = observe(module, depKey, memo);
    if (now === value) continue;
    if (move(value) !== now) return undefined;
    moved.set(depKey, now);
  }
  return moved;
}

/** Whether `deps` records one of `reads`. */
export function readsAny(deps: ReadonlyMap<string, string>, reads: ReadonlySet<string>): boolean {
  // From the smaller side: below a typed line break every later binding's read changed (hundreds).
  if (deps.size < reads.size) {
    for (const depKey of deps.keys()) if (reads.has(depKey)) return true;
    return false;
  }
  for (const depKey of reads) if (deps.has(depKey)) return true;
  return false;
}

/**
 * Whether `deps` read `futureAnnotations` with the value `module` has, or did not read it: the one
 * fact in which the two views of a module with a late `from __future__ import annotations` differ
 * (see `moduleViews` in analyze.ts).
 */
export function futureAnnotationsReadHolds(deps: ReadonlyMap<string, string>, module: ModuleFacts): boolean {
  const seen = deps.get('futureAnnotations');
  return seen === undefined || seen === scalarOf(module, 'futureAnnotations');
}

/** True when every read recorded in `deps` sees the same value in `module`. */
export function depsHold(
  deps: ReadonlyMap<string, string>,
  module: ModuleFacts,
  memo: Map<string, string>,
): boolean {
  for (const [depKey, value] of deps) {
    if (observe(module, depKey, memo) !== value) return false;
  }
  return true;
}

/**
 * A view of `module` that records into `deps` what is read through it. Make one per unit: rules
 * memoise per `ctx.module` object, and a memo filled while analysing one unit must not serve another
 * unit whose reads would then go unrecorded.
 */
export function trackedFacts(module: ModuleFacts, deps: FactDeps): ModuleFacts {
  return new TrackedModuleFacts(module, deps);
}

/** Records a dependency key once, with what it reads now. */
interface Recorder {
  record(depKey: string): void;
}

/*
 * The views are classes, not object literals with getters: one made per analysed statement, a
 * literal with getters got a hidden class of its own each time, and every rule's read of
 * `ctx.module` went megamorphic. Every property of `ModuleFacts` is listed (the compiler checks
 * it), so no read goes unrecorded.
 */
class TrackedModuleFacts implements ModuleFacts, Recorder {
  readonly imports: ReadonlyMap<string, string>;
  readonly globalBindings: ModuleFacts['globalBindings'];
  readonly typing: TypingFacts;
  readonly classBases: ModuleFacts['classBases'];
  private readonly memo = new Map<string, string>();

  constructor(
    private readonly facts: ModuleFacts,
    private readonly deps: FactDeps,
  ) {
    this.imports = new TrackedMap(facts.imports, 'imports', this);
    this.globalBindings = new TrackedMap(facts.globalBindings, 'globalBindings', this);
    this.typing = new TrackedTyping(facts.typing, this);
    this.classBases = new TrackedMap(facts.classBases, 'classBases', this);
  }

  record(depKey: string): void {
    if (!this.deps.has(depKey)) this.deps.set(depKey, observe(this.facts, depKey, this.memo));
  }

  get futureAnnotations(): boolean {
    this.record('futureAnnotations');
    return this.facts.futureAnnotations;
  }

  /** Read by the engine (which gives statements their views), not by rules: the fingerprint holds it. */
  get lateFutureAnnotations(): number | undefined {
    this.record('fingerprint');
    return this.facts.lateFutureAnnotations;
  }

  get importsFromTyping(): boolean {
    this.record('importsFromTyping');
    return this.facts.importsFromTyping;
  }

  get dunderAll(): readonly string[] | undefined {
    this.record('dunderAll');
    return this.facts.dunderAll;
  }

  get docstringQuote(): string {
    this.record('docstringQuote');
    return this.facts.docstringQuote;
  }

  get fingerprint(): string {
    this.record('fingerprint');
    return this.facts.fingerprint;
  }

  qualifiedName(node: Node): string | undefined {
    // The answer depends only on the node's text and the import of its leftmost name.
    const head = leftmostName(node);
    if (head) this.record(`imports${SEP}${head}`);
    return this.facts.qualifiedName(node);
  }
}

function leftmostName(node: Node): string | undefined {
  let head: Node | null = node;
  while (head?.type === 'attribute') head = head.childForFieldName('object');
  return head?.type === 'identifier' ? head.text : undefined;
}

class TrackedTyping implements TypingFacts {
  readonly overloads: ReadonlySet<string>;
  readonly removals: TypingFacts['removals'];
  readonly repeatedRemovals: TypingFacts['repeatedRemovals'];
  readonly useCounts: TypingFacts['useCounts'];

  constructor(
    private readonly facts: TypingFacts,
    private readonly recorder: Recorder,
  ) {
    this.overloads = new TrackedOverloads(facts.overloads, recorder);
    this.removals = new TrackedMap(facts.removals, 'typing.removals', recorder);
    this.repeatedRemovals = new TrackedMap(facts.repeatedRemovals, 'typing.repeatedRemovals', recorder);
    this.useCounts = new TrackedMap(facts.useCounts, 'typing.useCounts', recorder);
  }

  get typingInsertion(): TypingFacts['typingInsertion'] {
    this.recorder.record('typing.typingInsertion');
    return this.facts.typingInsertion;
  }

  get importLine(): TypingFacts['importLine'] {
    this.recorder.record('typing.importLine');
    return this.facts.importLine;
  }

  get fingerprint(): string {
    this.recorder.record('typing.fingerprint');
    return this.facts.fingerprint;
  }
}

class TrackedOverloads implements ReadonlySet<string> {
  constructor(
    private readonly names: ReadonlySet<string>,
    private readonly recorder: Recorder,
  ) {}

  has(name: string): boolean {
    this.recorder.record(`typing.overloads${SEP}${name}`);
    return this.names.has(name);
  }

  get size(): number {
    this.recorder.record('typing.overloads');
    return this.names.size;
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    this.recorder.record('typing.overloads');
    for (const name of this.names) callback.call(thisArg, name, name, this);
  }

  entries(): SetIterator<[string, string]> {
    this.recorder.record('typing.overloads');
    return this.names.entries();
  }

  keys(): SetIterator<string> {
    this.recorder.record('typing.overloads');
    return this.names.keys();
  }

  values(): SetIterator<string> {
    this.recorder.record('typing.overloads');
    return this.names.values();
  }

  [Symbol.iterator](): SetIterator<string> {
    this.recorder.record('typing.overloads');
    return this.names[Symbol.iterator]();
  }
}

class TrackedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly map: ReadonlyMap<string, V>,
    private readonly field: MapField,
    private readonly recorder: Recorder,
  ) {}

  get(key: string): V | undefined {
    this.recorder.record(`${this.field}${SEP}${key}`);
    return this.map.get(key);
  }

  has(key: string): boolean {
    this.recorder.record(`${this.field}${SEP}${key}`);
    return this.map.has(key);
  }

  get size(): number {
    this.recorder.record(this.field);
    return this.map.size;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.recorder.record(this.field);
    for (const [key, value] of this.map) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, V]> {
    this.recorder.record(this.field);
    return this.map.entries();
  }

  keys(): MapIterator<string> {
    this.recorder.record(this.field);
    return this.map.keys();
  }

  values(): MapIterator<V> {
    this.recorder.record(this.field);
    return this.map.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    this.recorder.record(this.field);
    return this.map[Symbol.iterator]();
  }
}
