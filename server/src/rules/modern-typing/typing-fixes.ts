import type { ModuleFacts } from '../../engine/module-facts';
import type { UnitContext } from '../../engine/rule';
import type { Node, TextEdit } from '../../engine/types';
import {
  forEachNode,
  isAnnotationString,
  type RangeMapper,
  type TypingContext,
  typingContext,
  withStringAnnotation,
} from './typing-syntax';

/**
 * Visits `node`, or, when it is a string annotation, every node of the parsed annotation, with the
 * typing context of where it stands. String annotations are never evaluated, so their content is
 * typing-only. The context is computed on demand.
 */
export function visitTypingNodes(
  node: Node,
  ctx: UnitContext,
  wanted: ReadonlySet<string>,
  check: (target: Node, context: () => TypingContext, mapper: RangeMapper) => void,
  mapper: RangeMapper,
): void {
  if (!importsTyping(ctx.module)) return;
  if (node.type === 'string') {
    if (!isAnnotationString(node, ctx.module)) return;
    const outer = typingContext(node, ctx.module, ctx.file);
    const inner: TypingContext = { ...outer, typingOnly: true, inString: true };
    withStringAnnotation(node, (expression, innerMapper) => {
      forEachNode(expression, (candidate) => {
        if (wanted.has(candidate.type)) check(candidate, () => inner, innerMapper);
      });
    });
    return;
  }
  // Computed only for candidates: most visited names are not typing names at all.
  check(node, () => typingContext(node, ctx.module, ctx.file), mapper);
}

/**
 * The edit that drops `name` from its `from typing import ...` when the rewrite removes its only
 * use. Positioned from module facts only (the import is another unit).
 */
export function unusedImportRemoval(name: string, ctx: UnitContext): TextEdit[] {
  const removal = ctx.module.typing.removals.get(name);
  if (!removal || ctx.module.typing.useCounts.get(name) !== 1) return [];
  return [{ range: removal.range, newText: removal.newText }];
}

export function hasComment(node: Node): boolean {
  return node.text.includes('#') && node.descendantsOfType('comment').length > 0;
}

export function atLeast(ctx: UnitContext, minor: number): boolean {
  return ctx.config.targetVersion[1] >= minor;
}

/**
 * Whether anything is imported from `typing`/`typing_extensions`: if not, UP006/7/45 have nothing
 * to find. A module fact of its own (module-facts.ts), so that a unit depends on this one answer,
 * not on the whole import map (which would re-analyse every unit whenever any import changes).
 */
export function importsTyping(module: ModuleFacts): boolean {
  return module.importsFromTyping;
}
