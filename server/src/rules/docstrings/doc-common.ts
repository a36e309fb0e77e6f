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
 * The docstring and body facts of a function that the pydoclint rules check, or undefined. The four
 * DOC rules look at the same functions: computed once per function (see `UnitContext.shared`).
 */
export function pydoclintTarget(fn: Node, ctx: UnitContext): Target | undefined {
  return ctx.shared(fn, 'pydoclint-target', () => {
    const info = functionDocstring(fn, ctx);
    if (!info || !pydoclintApplies(info, ctx)) return undefined;
    let entries: BodyEntries | undefined;
    return { info, body: () => (entries ??= bodyEntries(fn, ctx.scopes, ctx.module)) };
  });
}

export function hasSection(info: FunctionDocstring, kind: string): boolean {
  return info.sections.some((s) => s.kind === kind);
}

/** Google convention: a docstring that starts with the word `Returns`/`Yields` documents it. */
export function startsWithWord(info: FunctionDocstring, words: readonly string[]): boolean {
  return words.includes(info.docstring.body.split(' ')[0]);
}
