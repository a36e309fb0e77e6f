import { addSectionEdit, appendEntriesEdit, docstringFix } from '../../docstrings/edit';
import { raisesEntries } from '../../docstrings/google';
import type { UnitRule } from '../../engine/rule';
import { pydoclintTarget } from './doc-common';

export const docstringMissingException: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'DOC501',
    name: 'docstring-missing-exception',
    summary: 'Every exception the body raises is listed under `Raises:`.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags each exception a function raises that its docstring's \`Raises:\` section does not list,
exactly as Ruff's pydoclint DOC501 (preview) with the Google convention. Counted: \`raise X\` and
\`raise X(...)\` where \`X\` is a builtin, an imported name (\`errors.Bad\` matches a \`Bad\` or
\`errors.Bad\` entry) or a class defined in the module; a bare \`raise\` or \`raise e\` inside
\`except (A, B) as e\` counts \`A\` and \`B\` (not \`Exception\`/\`BaseException\`). Not counted:
\`NotImplementedError\`, raises in nested functions and classes, names that cannot be resolved
(local variables, attributes of \`self\`). Stub bodies and, with
\`[tool.pyconv.pydoclint] ignore-one-line-docstrings\`, one-line docstrings are skipped. Reported
on the docstring, once per exception.

## Why
Style guides 000, 001 and 004 list raised exceptions under \`Raises:\` so that callers know what to
catch.

## Example
\`\`\`python
def parse(text):
    """Parses a manifest."""
    if not text:
        raise ValueError("empty manifest")
\`\`\`

## Use instead
\`\`\`python
def parse(text):
    """Parses a manifest.

    Raises:
        ValueError: If the text is empty.
    """
    if not text:
        raise ValueError("empty manifest")
\`\`\`

## Fix safety
The fix adds the exception to \`Raises:\` (or adds the section, listing every missing exception)
with a \`TODO.\` description; unsafe so that fix-all does not spread placeholders.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const target = pydoclintTarget(node, ctx);
    if (!target) return;
    const { info } = target;
    // Ruff reads the last `Raises:` section when there are several.
    const raisesSection = [...info.sections].reverse().find((s) => s.kind === 'Raises');
    const documented = raisesSection ? raisesEntries(raisesSection).map((e) => e.name.split('.')) : [];
    const missing: string[] = [];
    for (const raised of target.body().raised) {
      const name = raised.segments[raised.segments.length - 1];
      if (name === undefined || name === 'NotImplementedError') continue;
      if (raisesSection && documented.some((entry) => endsWith(raised.segments, entry))) continue;
      missing.push(name);
    }
    for (const name of missing) {
      // Without a section, every finding offers the same edit: one section listing all of them.
      const edit = raisesSection
        ? appendEntriesEdit(info.docstring, raisesSection, [`${name}: TODO.`])
        : addSectionEdit(
            info.docstring,
            ctx.source,
            'Raises',
            [...new Set(missing)].map((n) => `${n}: TODO.`),
          );
      const title = raisesSection ? `Add \`${name}\` to \`Raises:\`` : 'Add a "Raises:" section';
      ctx.report(
        info.docstring.node,
        `Raised exception \`${name}\` missing from docstring`,
        docstringFix(title, edit),
      );
    }
  },
};

export function endsWith(segments: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > segments.length) return false;
  const offset = segments.length - suffix.length;
  return suffix.every((part, i) => segments[offset + i] === part);
}
