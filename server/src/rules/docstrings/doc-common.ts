import { type BodyEntries, bodyEntries } from '../../docstrings/body';
import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { type FunctionDocstring, functionDocstring, pydoclintApplies } from './function-docstring';

interface Target {
  info: FunctionDocstring;
  /** Walks the body on first use; shared by the DOC rules. */
  body(): BodyEntries;
}

/**
 * The four DOC rules look at the same functions; within one unit (one context object) the
 * docstring sections and the body walk are computed once per function.
 */
const memo = new WeakMap<object, Map<number, Target | null>>();

/** The docstring and body facts of a function that the pydoclint rules check, or undefined. */
export function pydoclintTarget(fn: Node, ctx: UnitContext): Target | undefined {
  let perUnit = memo.get(ctx);
  if (!perUnit) {
    perUnit = new Map();
    memo.set(ctx, perUnit);
  }
  const cached = perUnit.get(fn.id);
  if (cached !== undefined) return cached ?? undefined;
  const info = functionDocstring(fn, ctx);
  let target: Target | null = null;
  if (info && pydoclintApplies(info, ctx)) {
    let entries: BodyEntries | undefined;
    target = { info, body: () => (entries ??= bodyEntries(fn, ctx.scopes, ctx.module)) };
  }
  perUnit.set(fn.id, target);
  return target ?? undefined;
}

export function hasSection(info: FunctionDocstring, kind: string): boolean {
  return info.sections.some((s) => s.kind === kind);
}

/** Google convention: a docstring that starts with the word `Returns`/`Yields` documents it. */
export function startsWithWord(info: FunctionDocstring, words: readonly string[]): boolean {
  return words.includes(info.docstring.body.split(' ')[0]);
}
