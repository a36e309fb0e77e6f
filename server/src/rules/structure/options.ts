import { declareOptions, integerOption } from '../../engine/option-schema';

/** `[tool.pyconv.pyconv-structure]`. */
export const structureOptionsSection = declareOptions('pyconv-structure', {
  'max-function-lines': integerOption(1, 100, 'PCV601 flags functions longer than this many lines.'),
  'max-positional-params': integerOption(
    0,
    2,
    'PCV602 flags functions that accept more than this many positional parameters after `self`/`cls`.',
  ),
});
