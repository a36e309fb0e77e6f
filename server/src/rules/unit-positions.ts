import type { Position } from '../engine/types';

type Point = { row: number; column: number };

/**
 * A position inside a top-level statement, relative to the statement's start (lines from its first
 * line; characters from its start on that line only), as values kept by `FileContext.memo` must be.
 */
export function relativePosition(point: Point, origin: Point): Position {
  const line = point.row - origin.row;
  return { line, character: line === 0 ? point.column - origin.column : point.column };
}

/** The absolute position of a `relativePosition` inside a statement that now starts at `origin`. */
export function absolutePosition(position: Position, origin: Point): Position {
  return {
    line: position.line + origin.row,
    character: position.line === 0 ? position.character + origin.column : position.character,
  };
}
