import type { FileRule } from '../../engine/rule';

/**
 * Reported by the engine (engine/noqa.ts), which alone knows which suppression comments were used:
 * this entry gives the rule its code, metadata and page, and its `check` has nothing to add.
 */
export const unusedNoqa: FileRule = {
  kind: 'file',
  meta: {
    code: 'RUF100',
    name: 'unused-noqa',
    summary: 'A `# noqa` or range suppression that suppresses nothing is removed.',
    seeds: ['000'],
    defaultEnabled: false,
    fix: 'safe',
    doc: `## What it does
Flags a \`# noqa\` directive that suppresses nothing on its line: a blanket \`# noqa\` with no
finding to hide ("Unused blanket \`noqa\` directive"), or codes in \`# noqa: A1, B2\` that hide
nothing, grouped as in Ruff: \`unused\` (an enabled rule with no finding there), \`non-enabled\`
(a pyconv rule that is not enabled, so it cannot report anything) and \`duplicated\`. Reported on
the directive, from \`#\` to its last code.

Codes pyconv does not implement (such as \`E501\`) are left alone: they may be there for Ruff or
flake8, and pyconv cannot tell whether they are used. This is where pyconv differs from Ruff,
which calls a code it knows but has not enabled \`non-enabled\` and ignores unknown ones.

A range suppression (\`# pyconv: disable[N802]\` … \`# pyconv: enable[N802]\`) whose codes hide
nothing is reported on its \`disable\` comment as "Unused suppression (unused: …)".

Off by default: turn it on with \`extend-select = ["RUF100"]\` once the suppressions in a project
are meant to be kept tidy. A directive that names \`RUF100\` itself is never reported.

## Why
A stale \`# noqa\` hides the next real finding on its line, and tells the reader of a problem that
is no longer there.

## Example
\`\`\`python
import os  # noqa: N802
\`\`\`

## Use instead
\`\`\`python
import os
\`\`\`

## Fix safety
The fix removes the unused codes (\`# noqa: N802, D103\` becomes \`# noqa: D103\`) or, when none is
left, the whole directive and the blanks before it. For a range suppression it removes the unused
codes from the \`disable\` comment and its matching \`enable\` comments, or those comment lines
when no code is left. It is safe: only codes that hide nothing are removed.`,
  },
  check() {
    // The engine reports RUF100 after every other rule has run (see the comment above).
  },
};
