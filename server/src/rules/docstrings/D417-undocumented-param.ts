import {
  definitionKind,
  definitionScopes,
  functionParameters,
  isStaticMethod,
  isTypingMember,
} from '../../docstrings/definitions';
import { appendEntriesEdit, docstringFix } from '../../docstrings/edit';
import { ARGS_SECTIONS, type Docstring, documentedArgs, parseSections } from '../../docstrings/google';
import { applyFixes } from '../../engine/fixes';
import type { UnitRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { functionDocstring } from './function-docstring';
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
\`Other Args:\`...) that leaves out some of its parameters, exactly as Ruff's D417 with the Google
convention. \`self\`/\`cls\` (the first parameter of a non-static method) and names starting with
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
    const info = functionDocstring(node, ctx);
    if (!info) return;
    const argsSections = info.sections.filter((s) => ARGS_SECTIONS.has(s.kind));
    if (argsSections.length === 0) return;
    const documented = new Set<string>();
    for (const section of argsSections) for (const name of documentedArgs(section)) documented.add(name);
    const parents = definitionScopes(ctx.scopes);
    const isMethod = definitionKind(node, parents[parents.length - 1]) === 'method';
    const params = functionParameters(node);
    const missing = new Set<string>();
    const regular = params.filter((p) => p.kind === 'positional' || p.kind === 'keyword-only');
    const skipFirst = isMethod && !isStaticMethod(node, ctx.module) ? 1 : 0;
    for (const param of regular.slice(skipFirst)) {
      if (!param.name.startsWith('_') && !documented.has(param.name)) missing.add(param.name);
    }
    const ignoreVar = pydocstyleOptions.read(ctx)['ignore-var-parameters'];
    if (!ignoreVar) {
      for (const param of params) {
        if (param.kind !== 'vararg' && param.kind !== 'kwarg') continue;
        if (param.name === '' || param.name.startsWith('_')) continue;
        if (param.kind === 'kwarg' && isUnpack(param.annotation, ctx)) continue;
        const starred = `${param.kind === 'vararg' ? '*' : '**'}${param.name}`;
        if (!documented.has(param.name) && !documented.has(starred)) missing.add(starred);
      }
    }
    if (missing.size === 0) return;
    const names = [...missing].sort();
    const fnName = node.childForFieldName('name');
    if (!fnName) return;
    const message =
      names.length === 1
        ? `Missing argument description in the docstring for \`${fnName.text}\`: \`${names[0]}\``
        : `Missing argument descriptions in the docstring for \`${fnName.text}\`: ${names.map((n) => `\`${n}\``).join(', ')}`;
    const target = argsSections.find((s) => s.kind === 'Args' || s.kind === 'Arguments') ?? argsSections[0];
    const edit = appendEntriesEdit(
      info.docstring,
      target,
      names.map((n) => `${n}: TODO.`),
    );
    const fix = docstringFix(`Add ${names.map((n) => `\`${n}\``).join(', ')} to \`${target.name}:\``, edit);
    const paramNames = params.map((p) => p.name);
    ctx.report(
      fnName,
      message,
      editDocuments(info.docstring, ctx.source, fix, names, paramNames) ? fix : null,
    );
  },
};

/**
 * Whether the docstring documents `names` once the fix is applied. Sections this parser reads
 * differently from how the fix appends (entries separated by blank lines, prose after them) would
 * get the same entries appended on every run: pyconv's fixcheck found that on the corpus.
 */
function editDocuments(
  doc: Docstring,
  source: string,
  fix: Fix,
  names: readonly string[],
  paramNames: readonly string[],
): boolean {
  if (doc.quote.length !== 3) return true;
  const { text } = applyFixes(source, [fix]);
  const bodyStart = doc.node.startIndex + doc.prefix.length + doc.quote.length;
  const body = text.slice(bodyStart, bodyStart + doc.body.length + text.length - source.length);
  const documented = new Set<string>();
  for (const section of parseSections(body, paramNames)) {
    if (ARGS_SECTIONS.has(section.kind)) for (const name of documentedArgs(section)) documented.add(name);
  }
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
