import {
  addBlockEdit,
  appendEntriesEdit,
  docstringFix,
  docstringIndent,
  insertLinesEdit,
} from '../../docstrings/edit';
import { numpyLayout } from '../../docstrings/numpy';
import { documentedRaises, raisesSection } from '../../docstrings/reading';
import type { BaseContext, UnitRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { pydoclintTarget } from './doc-common';
import type { FunctionDocstring } from './function-docstring';

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
exactly as Ruff's pydoclint DOC501 (preview): \`Raises:\` entries (Google), the lines of an underlined
\`Raises\` section (NumPy) or \`:raises E:\` fields (Sphinx), in the configured convention or the
style guessed per docstring (then Google entries are read first, NumPy ones if there are none). Counted: \`raise X\` and
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
    const documentedEntries = documentedRaises(info.reading);
    const documented = (documentedEntries ?? []).map((e) => e.name.split('.'));
    const missing: string[] = [];
    for (const raised of target.body().raised) {
      const name = raised.segments[raised.segments.length - 1];
      if (name === undefined || name === 'NotImplementedError') continue;
      if (documentedEntries && documented.some((entry) => endsWith(raised.segments, entry))) continue;
      missing.push(name);
    }
    for (const name of missing) {
      // Without a section, every finding offers the same edit: one section listing all of them.
      const fix = raisesFix(info, ctx, name, [...new Set(missing)]);
      ctx.report(info.docstring.node, `Raised exception \`${name}\` missing from docstring`, fix);
    }
  },
};

/** The fix adding `name` (or a section listing `all`); its edit is built only when read (`ctx.fixEdits`). */
function raisesFix(info: FunctionDocstring, ctx: BaseContext, name: string, all: string[]): Fix {
  const { layout: reading, docstring } = info;
  const source = ctx.source;
  const entry = (n: string): string[] => {
    if (reading.style === 'numpy') return [n, 'TODO.'];
    if (reading.style === 'sphinx') return [`:raises ${n}:`, 'TODO.'];
    return [`${n}: TODO.`];
  };
  const fields = reading.fields.filter((f) => f.kind === 'raises');
  const lastField = fields[fields.length - 1];
  if (lastField) {
    const edits = ctx.fixEdits(() => [
      insertLinesEdit(docstring, source, lastField.end, [entry(name).join(' ')]),
    ]);
    return docstringFix(`Add \`${name}\` as a \`:raises:\` field`, edits);
  }
  const section = raisesSection(reading);
  if (section && reading.style === 'numpy') {
    const edits = ctx.fixEdits(() => {
      const layout = numpyLayout(section);
      const indent = layout.indent.slice(docstringIndent(docstring, source).length);
      const at = layout.entries.length > 0 ? layout.entriesEnd : layout.entriesStart;
      return [insertLinesEdit(docstring, source, at, [`${indent}${name}`, `${indent}    TODO.`])];
    });
    return docstringFix(`Add \`${name}\` to \`Raises\``, edits);
  }
  if (section) {
    const edits = ctx.fixEdits(() => [appendEntriesEdit(docstring, section, [`${name}: TODO.`])]);
    return docstringFix(`Add \`${name}\` to \`Raises:\``, edits);
  }
  const edits = ctx.fixEdits(() => [addBlockEdit(docstring, source, reading, 'Raises', all.map(entry))]);
  return docstringFix(reading.style === 'sphinx' ? 'Add `:raises:` fields' : 'Add a "Raises" section', edits);
}

export function endsWith(segments: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > segments.length) return false;
  const offset = segments.length - suffix.length;
  return suffix.every((part, i) => segments[offset + i] === part);
}
