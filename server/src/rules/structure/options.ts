import type { OptionSection } from '../../engine/rule';

/** `[tool.pyconv.pyconv-structure]`. */
export interface StructureOptions {
  'max-function-lines': number;
  'max-positional-params': number;
}

export const STRUCTURE_DEFAULTS: StructureOptions = { 'max-function-lines': 100, 'max-positional-params': 2 };

export const structureOptionsSection: OptionSection = {
  name: 'pyconv-structure',
  doc: `- \`max-function-lines\` (integer >= 1, default \`100\`): PCV601 flags functions longer than this many lines.
- \`max-positional-params\` (integer >= 0, default \`2\`): PCV602 flags functions that accept more than this many positional parameters after \`self\`/\`cls\`.`,
  validate(raw) {
    const problems: string[] = [];
    const value: Record<string, unknown> = { ...STRUCTURE_DEFAULTS };
    if (raw === undefined) return { value, problems };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { value, problems: ['[tool.pyconv.pyconv-structure] must be a table'] };
    }
    const table = raw as Record<string, unknown>;
    for (const [key, entry] of Object.entries(table)) {
      if (key === 'max-function-lines' || key === 'max-positional-params') {
        const min = key === 'max-function-lines' ? 1 : 0;
        if (typeof entry === 'number' && Number.isInteger(entry) && entry >= min) value[key] = entry;
        else
          problems.push(
            `[tool.pyconv.pyconv-structure] ${key} must be an integer >= ${min} (got ${JSON.stringify(entry)}); using ${value[key]}`,
          );
      } else {
        problems.push(`[tool.pyconv.pyconv-structure] unknown key "${key}"`);
      }
    }
    return { value, problems };
  },
};
