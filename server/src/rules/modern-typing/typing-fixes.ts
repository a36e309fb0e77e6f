import type { ModuleFacts } from '../../engine/module-facts';
import type { UnitContext } from '../../engine/rule';
import type { ImportCleanup, Node, TextEdit } from '../../engine/types';
import {
  forEachNode,
  isNestedTypeString,
  isTypeDefinitionString,
  type RangeMapper,
  type TypingContext,
  typingContext,
  withTypeString,
} from './typing-syntax';

/**
 * Visits `node`, or, when it is a string holding a type expression (an annotation, a `cast`
 * argument, a `TypeAlias` value...), every node of the parsed expression and of the strings nested
 * in it, with the typing context of where it stands. String types are never evaluated, so their
 * content is typing-only. The context is computed on demand.
 */
export function visitTypingNodes(
  node: Node,
  ctx: UnitContext,
  wanted: ReadonlySet<string>,
  check: (target: Node, context: () => TypingContext, mapper: RangeMapper) => void,
  mapper: RangeMapper,
): void {
  if (!importsTyping(ctx.module)) return;
  if (node.type === 'string' || node.type === 'concatenated_string') {
    if (!isTypeDefinitionString(node, ctx)) return;
    const outer = typingContext(node, ctx.module, ctx.file);
    const inner: TypingContext = { ...outer, typingOnly: true, inString: true };
    visitStringType(
      node,
      ctx,
      wanted,
      (target, innerMapper) => check(target, () => inner, innerMapper),
      mapper,
    );
    return;
  }
  // Computed only for candidates: most visited names are not typing names at all.
  check(node, () => typingContext(node, ctx.module, ctx.file), mapper);
}

function visitStringType(
  node: Node,
  ctx: UnitContext,
  wanted: ReadonlySet<string>,
  check: (target: Node, mapper: RangeMapper) => void,
  outer: RangeMapper,
): void {
  withTypeString(
    node,
    (expression, mapper) => {
      forEachNode(expression, (candidate) => {
        if (wanted.has(candidate.type)) check(candidate, mapper);
        else if (isNestedTypeString(candidate, ctx)) visitStringType(candidate, ctx, wanted, check, mapper);
      });
    },
    outer,
  );
}

/**
 * Dropping `name` from its `from typing import ...` once the rewrite leaves it unused: an edit of
 * the fix when the rewrite removes its only use, otherwise a cleanup that `applyFixes` performs
 * when the fixes applied together remove every use. Positioned from module facts only (the import
 * is another unit).
 */
export function unusedImportRemoval(
  name: string,
  ctx: UnitContext,
): { edits: TextEdit[]; cleanup?: ImportCleanup } {
  const removal = ctx.module.typing.removals.get(name);
  if (!removal) return { edits: [] };
  const repeated = ctx.module.typing.repeatedRemovals.get(name) ?? [];
  const edits = [removal, ...repeated].map((edit) => ({ range: edit.range, newText: edit.newText }));
  if (ctx.module.typing.useCounts.get(name) === 1) return { edits };
  return { edits: [], cleanup: { name, removals: edits } };
}

/**
 * The import a rewrite of `name` may leave unused: `Optional` of `from typing import Optional`,
 * or `t` of `import typing as t` for `t.Optional`.
 */
export function importRemovalFor(
  name: Node,
  ctx: UnitContext,
): { edits: TextEdit[]; cleanup?: ImportCleanup } {
  if (name.type === 'identifier') return unusedImportRemoval(name.text, ctx);
  const object = name.type === 'attribute' ? name.childForFieldName('object') : null;
  return object?.type === 'identifier' ? unusedImportRemoval(object.text, ctx) : { edits: [] };
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
