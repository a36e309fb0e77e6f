import {
  definitionKind,
  definitionScopes,
  functionParameters,
  isStaticMethod,
  isTypingMember,
  type Parameter,
} from '../../docstrings/definitions';
import { appendEntriesEdit, docstringFix, docstringIndent, insertLinesEdit } from '../../docstrings/edit';
import { ARGS_SECTIONS } from '../../docstrings/google';
import { numpyLayout } from '../../docstrings/numpy';
import { documentedParameterSets, readDocstring } from '../../docstrings/reading';
import { applyFixes } from '../../engine/fixes';
import type { UnitRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { type FunctionDocstring, sharedFunctionDocstring } from './function-docstring';
import { pydocstyleOptions } from './options';

export const undocumentedParam: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'D417',
    name: 'undocumented-param',
    summary: 'Every argument is described under `Args:`.',
    seeds: ['000', '001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a function whose docstring has an \`Args:\` section (or \`Arguments:\`, \`Keyword Args:\`,
\`Other Args:\`...) that leaves out some of its parameters, exactly as Ruff's D417. In NumPy style
(\`[tool.pyconv.pydocstyle] convention = "numpy"\`, or guessed) each \`Parameters\` section is
checked, entries being lines followed by a deeper-indented description (\`x, y : int\` documents
both); in Sphinx style (pyconv's addition: Ruff does not read fields) the \`:param x:\` fields are,
when there is at least one. With \`convention = "auto"\` the style is guessed per docstring as Ruff
does without a convention. \`self\`/\`cls\` (the first parameter of a non-static method) and names starting with
\`_\` are not required. \`*args\` and \`**kwargs\` may be written with or without their stars; they
are not required with \`[tool.pyconv.pydocstyle] ignore-var-parameters = true\`, and \`**kwargs:
Unpack[...]\` is never required. A docstring without any \`Args:\` section is not checked.
Reported on the function name, listing the missing names.

## Why
Style guides 000, 001 and 004 describe every argument in \`Args:\`; a partial list reads as complete
and leaves the reader guessing about the rest.

## Example
\`\`\`python
def resize(image, width, height):
    """Resizes an image.

    Args:
        image: The image to resize.
        width: The new width.
    """
\`\`\`

## Use instead
\`\`\`python
def resize(image, width, height):
    """Resizes an image.

    Args:
        image: The image to resize.
        width: The new width.
        height: The new height.
    """
\`\`\`

## Fix safety
The fix appends the missing names to the \`Args:\` section with a \`TODO.\` description. It is
marked unsafe so that fix-all does not fill a code base with placeholders: the author writes the
descriptions.`,
  },
  nodeTypes: ['function_definition'],
  visit(node, ctx) {
    const info = sharedFunctionDocstring(node, ctx);
    if (!info) return;
    const fnName = node.childForFieldName('name');
    if (!fnName) return;
    const params = functionParameters(node);
    const parents = definitionScopes(ctx.scopes);
    const isMethod = definitionKind(node, parents[parents.length - 1]) === 'method';
    const skipFirst = isMethod && !isStaticMethod(node, ctx.module) ? 1 : 0;
    const ignoreVar = pydocstyleOptions.read(ctx)['ignore-var-parameters'];
    // NumPy: each `Parameters` section is checked on its own, as in Ruff.
    for (const documented of documentedParameterSets(info.reading)) {
      const missing = missingNames(params, skipFirst, documented, ignoreVar, ctx);
      if (missing.length === 0) continue;
      const message =
        missing.length === 1
          ? `Missing argument description in the docstring for \`${fnName.text}\`: \`${missing[0]}\``
          : `Missing argument descriptions in the docstring for \`${fnName.text}\`: ${missing.map((n) => `\`${n}\``).join(', ')}`;
      const fix = parametersFix(info, ctx.source, missing);
      const paramNames = params.map((p) => p.name);
      const checked = fix && editDocuments(info, ctx.source, fix, missing, paramNames) ? fix : null;
      ctx.report(fnName, message, checked);
    }
  },
};

function missingNames(
  params: Parameter[],
  skipFirst: number,
  documented: Set<string>,
  ignoreVar: boolean,
  ctx: Parameters<UnitRule['visit']>[1],
): string[] {
  const missing = new Set<string>();
  const regular = params.filter((p) => p.kind === 'positional' || p.kind === 'keyword-only');
  for (const param of regular.slice(skipFirst)) {
    if (!param.name.startsWith('_') && !documented.has(param.name)) missing.add(param.name);
  }
  if (!ignoreVar) {
    for (const param of params) {
      if (param.kind !== 'vararg' && param.kind !== 'kwarg') continue;
      if (param.name === '' || param.name.startsWith('_')) continue;
      if (param.kind === 'kwarg' && isUnpack(param.annotation, ctx)) continue;
      const starred = `${param.kind === 'vararg' ? '*' : '**'}${param.name}`;
      if (!documented.has(param.name) && !documented.has(starred)) missing.add(starred);
    }
  }
  return [...missing].sort();
}

/** Adds the missing names where the docstring documents its parameters, in its style. */
function parametersFix(info: FunctionDocstring, source: string, names: readonly string[]): Fix | undefined {
  const { layout: reading, docstring } = info;
  const list = names.map((n) => `\`${n}\``).join(', ');
  if (reading.style === 'sphinx') {
    const params = reading.fields.filter((f) => f.kind === 'param' || f.kind === 'type');
    const last = params[params.length - 1];
    if (!last) return undefined;
    const lines = names.map((n) => `:param ${n.replace(/^\*+/, '')}: TODO.`);
    return docstringFix(
      `Add ${list} as \`:param:\` fields`,
      insertLinesEdit(docstring, source, last.end, lines),
    );
  }
  if (reading.style === 'numpy') {
    const section = reading.sections.find((s) => s.kind === 'Parameters');
    if (!section) return undefined;
    const layout = numpyLayout(section);
    const lines = names.flatMap((n) => [n, '    TODO.']);
    const at = layout.entries.length > 0 ? layout.entriesEnd : layout.entriesStart;
    const indent = layout.indent.slice(docstringIndent(docstring, source).length);
    const edit = insertLinesEdit(
      docstring,
      source,
      at,
      lines.map((l) => `${indent}${l}`),
    );
    return docstringFix(`Add ${list} to \`${section.name}\``, edit);
  }
  const argsSections = reading.sections.filter((s) => ARGS_SECTIONS.has(s.kind));
  const target = argsSections.find((s) => s.kind === 'Args' || s.kind === 'Arguments') ?? argsSections[0];
  if (!target) return undefined;
  const edit = appendEntriesEdit(
    docstring,
    target,
    names.map((n) => `${n}: TODO.`),
  );
  return docstringFix(`Add ${list} to \`${target.name}:\``, edit);
}

/**
 * Whether the docstring documents `names` once the fix is applied. Sections this parser reads
 * differently from how the fix appends (entries separated by blank lines, prose after them) would
 * get the same entries appended on every run: pyconv's fixcheck found that on the corpus.
 */
function editDocuments(
  info: FunctionDocstring,
  source: string,
  fix: Fix,
  names: readonly string[],
  paramNames: readonly string[],
): boolean {
  const doc = info.docstring;
  if (doc.quote.length !== 3) return true;
  const { text } = applyFixes(source, [fix]);
  const bodyStart = doc.node.startIndex + doc.prefix.length + doc.quote.length;
  const body = text.slice(bodyStart, bodyStart + doc.body.length + text.length - source.length);
  const reading = readDocstring(body, paramNames, info.reading.convention);
  const documented = new Set(documentedParameterSets(reading).flatMap((set) => [...set]));
  return names.every((name) => documented.has(name) || documented.has(name.replace(/^\*+/, '')));
}

function isUnpack(
  annotation: import('../../engine/types').Node | null,
  ctx: Parameters<UnitRule['visit']>[1],
): boolean {
  if (!annotation) return false;
  let expr = annotation.type === 'type' ? annotation.namedChild(0) : annotation;
  if (expr?.type === 'generic_type') expr = expr.namedChild(0);
  else if (expr?.type === 'subscript') expr = expr.childForFieldName('value');
  return !!expr && isTypingMember(expr, ctx.module, 'Unpack');
}
