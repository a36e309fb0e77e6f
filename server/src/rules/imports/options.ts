import type { OptionSection } from '../../engine/rule';
import { validateIsortOptions } from './isort/settings';

export const isortOptions: OptionSection = {
  name: 'isort',
  doc: `Options of I001 and I002, with Ruff's names and defaults:
- \`known-first-party\`, \`known-third-party\`, \`known-local-folder\`, \`extra-standard-library\` (lists of module names or globs, default \`[]\`)
- \`sections\` (table: custom section name -> module patterns), \`section-order\` (default \`["future", "standard-library", "third-party", "first-party", "local-folder"]\`), \`default-section\` (default \`"third-party"\`)
- \`force-sort-within-sections\`, \`combine-as-imports\`, \`force-single-line\`, \`force-wrap-aliases\`, \`case-sensitive\` (default \`false\`); \`single-line-exclusions\` (default \`[]\`)
- \`order-by-type\`, \`split-on-trailing-comma\`, \`detect-same-package\` (default \`true\`)
- \`lines-after-imports\` (default \`-1\`: one blank line, two before a class or function), \`relative-imports-order\` (default \`"furthest-to-closest"\`)
- \`line-length\` (default 88; Ruff takes it from the top-level \`line-length\`)
- \`required-imports\` (for I002, e.g. \`["from __future__ import annotations"]\`)`,
  validate: validateIsortOptions,
};
