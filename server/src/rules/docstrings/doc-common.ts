import { type BodyEntries, bodyEntries } from '../../docstrings/body';
import { addBlockEdit } from '../../docstrings/edit';
import type { DocstringReading } from '../../docstrings/reading';
import type { DocstringStyle } from '../../docstrings/template';
import type { UnitContext } from '../../engine/rule';
import type { Node, TextEdit } from '../../engine/types';
import { type FunctionDocstring, pydoclintApplies, sharedFunctionDocstring } from './function-docstring';

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
    const info = sharedFunctionDocstring(fn, ctx);
    if (!info || !pydoclintApplies(info, ctx)) return undefined;
    let entries: BodyEntries | undefined;
    return { info, body: () => (entries ??= bodyEntries(fn, ctx.scopes, ctx.module)) };
  });
}

/** A Returns/Yields section (`:returns:`/`:yields:` field) with a `TODO.`, in the docstring's style. */
export function placeholderSectionEdit(
  info: FunctionDocstring,
  source: string,
  kind: 'Returns' | 'Yields',
): TextEdit {
  const entry = placeholderEntry(info.layout.style, kind === 'Returns' ? 'returns' : 'yields');
  return addBlockEdit(info.docstring, source, info.layout, kind, [entry], raisesAnchor(info.layout));
}

/**
 * Where a new Returns/Yields goes: before the Raises section (Google, NumPy) or the first `:raises:`
 * field (Sphinx), keeping the usual order; undefined appends it.
 */
function raisesAnchor(reading: DocstringReading): number | undefined {
  if (reading.style === 'sphinx') return reading.fields.find((f) => f.kind === 'raises')?.start;
  return reading.sections.find((s) => s.kind === 'Raises')?.start;
}

/** A `TODO.` entry of a new Returns/Yields section in the style's layout. */
function placeholderEntry(style: DocstringStyle, kind: 'returns' | 'yields'): string[] {
  if (style === 'numpy') return ['object', 'TODO.'];
  if (style === 'sphinx') return [`:${kind}:`, 'TODO.'];
  return ['TODO.'];
}
