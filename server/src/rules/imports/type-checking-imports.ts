/**
 * Ruff's TC001-TC003 model (strict off, default settings): an import whose every use is
 * typing-only (an annotation Python never evaluates, a string annotation, a `TYPE_CHECKING`
 * block) could live under `if TYPE_CHECKING:`. Shared by the three rules, which differ only in the
 * import's section (first-party, third-party, standard library).
 */
import { type Binding, type Scope, type ScopeModel, scopeModelOf } from '../../analysis/scopes';
import type { FileContext } from '../../engine/rule';
import { isInsideLiteralOrMetadata, typingContext } from '../../engine/type-context';
import type { Node } from '../../engine/types';
import { categorize, ownPackageOf } from './isort/categorize';
import { resolveIsortSettings } from './isort/settings';

export type ImportKind = 'first-party' | 'third-party' | 'standard-library';

export interface TypingOnlyImport {
  kind: ImportKind;
  /** The alias node reported (`Path` in `from pathlib import Path`, `a.b` in `import a.b`). */
  at: Node;
  /** `pathlib.Path`, `.._abc.ReceiveStream`, `collections`. */
  qualifiedName: string;
}

interface ImportSite {
  binding: Binding;
  statement: Node;
  alias: Node;
  qualifiedName: string;
  /** Ruff's `module_name`: the first segment of `import a.b`; all but the member of `from a.b import c`. */
  moduleName: string;
  /** For categorization: the module imported from, and its relative level. */
  source: { module: string; level: number };
}

const EXEMPT = ['typing', 'typing_extensions'];
const SCOPE_NODES = new Set(['function_definition', 'class_definition', 'lambda']);

/** The typing-only imports of the file, found once per analysis for TC001-TC003. */
export function typingOnlyImports(ctx: FileContext): readonly TypingOnlyImport[] {
  return ctx.shared('typing-only-imports', () => findTypingOnlyImports(ctx));
}

function findTypingOnlyImports(ctx: FileContext): TypingOnlyImport[] {
  if (ctx.file.isStub) return [];
  // Per tree object: in the CLI `resolveFixes` reuses it (`OneShotAnalysis.scopeModel`).
  const model = scopeModelOf(ctx.tree);
  const sites: ImportSite[] = [];
  for (const scope of model.scopes) {
    // Ruff checks module and function scopes only.
    if (scope.kind !== 'module' && scope.kind !== 'function') continue;
    for (const binding of scope.bindings.values()) {
      const site = importSite(binding);
      if (site && !inTypeCheckingBlock(site.statement, ctx)) sites.push(site);
    }
  }
  if (sites.length === 0) return [];
  const stringRefs = stringReferences(ctx, model, new Set(sites.map((s) => s.binding.name)));
  const exported = new Set(ctx.module.dunderAll ?? []);
  const runtime = new Set<ImportSite>();
  const typingOnly: ImportSite[] = [];
  for (const site of sites) {
    // Unused imports are F401's; string references are typing-only by construction; `__all__` is a use.
    const inAll = site.binding.scope === model.module && exported.has(site.binding.name);
    if (site.binding.references.length === 0 && !stringRefs.has(site.binding) && !inAll) continue;
    if (!inAll && site.binding.references.every((r) => isTypingOnlyReference(r, ctx))) typingOnly.push(site);
    else runtime.add(site);
  }
  const settings = resolveIsortSettings(ctx);
  const categorizeContext = {
    settings,
    targetMinor: ctx.config.targetVersion[1],
    ownPackage: ownPackageOf(ctx.file.path),
  };
  const result: TypingOnlyImport[] = [];
  for (const site of typingOnly) {
    const visibleRuntime = [...runtime].filter((r) => isAncestorScope(r.binding.scope, site.binding.scope));
    if (visibleRuntime.some((r) => r.moduleName === site.moduleName)) continue;
    if (isExempt(site.qualifiedName)) continue;
    const section = categorize(site.source.module, site.source.level, categorizeContext);
    const kind: ImportKind | undefined =
      section === 'future'
        ? undefined
        : section === 'standard-library'
          ? 'standard-library'
          : section === 'first-party' || section === 'local-folder'
            ? 'first-party'
            : 'third-party';
    if (kind) result.push({ kind, at: site.alias, qualifiedName: site.qualifiedName });
  }
  return result;
}

function isAncestorScope(candidate: Scope, scope: Scope): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s === candidate) return true;
  return false;
}

function isExempt(qualifiedName: string): boolean {
  const parts = qualifiedName.split('.');
  for (let n = parts.length; n >= 1; n--) if (EXEMPT.includes(parts.slice(0, n).join('.'))) return true;
  return false;
}

/** The import a binding is, when its only definition is one alias of one import statement. */
function importSite(binding: Binding): ImportSite | undefined {
  if (binding.kinds.size !== 1 || !binding.kinds.has('import')) return undefined;
  // `import os.path` then `import os.sep`: each rebinds `os`; the last one takes the references.
  const definition = binding.definitions.reduce((a, b) => (b.startIndex > a.startIndex ? b : a));
  let alias: Node | null = definition;
  while (
    alias?.parent &&
    alias.parent.type !== 'import_statement' &&
    alias.parent.type !== 'import_from_statement'
  )
    alias = alias.parent;
  const statement = alias?.parent;
  if (!alias || !statement) return undefined;
  const imported = alias.type === 'aliased_import' ? alias.childForFieldName('name') : alias;
  if (!imported) return undefined;
  // Ruff reports an aliased import at its alias (`np` in `import numpy as np`).
  const reported = alias.type === 'aliased_import' ? (alias.childForFieldName('alias') ?? alias) : alias;
  if (statement.type === 'import_statement') {
    const dotted = imported.text.replace(/\s+/g, '');
    return {
      binding,
      statement,
      alias: reported,
      qualifiedName: dotted,
      moduleName: dotted.split('.')[0],
      source: { module: dotted, level: 0 },
    };
  }
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode || moduleNode.startIndex === alias.startIndex) return undefined;
  const moduleText = moduleNode.text.replace(/\s+/g, '');
  if (moduleText === '__future__') return undefined;
  const level = /^\.*/.exec(moduleText)?.[0].length ?? 0;
  const member = imported.text.replace(/\s+/g, '');
  return {
    binding,
    statement,
    alias: reported,
    qualifiedName: moduleText.endsWith('.') ? `${moduleText}${member}` : `${moduleText}.${member}`,
    moduleName: moduleText,
    source: { module: moduleText.slice(level), level },
  };
}

function inTypeCheckingBlock(statement: Node, ctx: FileContext): boolean {
  return typingContext(statement, ctx.module, ctx.file).typingOnly;
}

function isTypingOnlyReference(reference: Node, ctx: FileContext): boolean {
  return typingContext(reference, ctx.module, ctx.file).typingOnly;
}

/** Names read inside string annotations and `cast("T", ...)` strings, by the binding they resolve to. */
function stringReferences(
  ctx: FileContext,
  model: ScopeModel,
  imported: ReadonlySet<string>,
): Map<Binding, Node[]> {
  const result = new Map<Binding, Node[]>();
  for (const string of ctx.root.descendantsOfType('string')) {
    // Docstrings and strings naming no import are skipped before the (costlier) context test.
    if (!string || string.parent?.type === 'expression_statement') continue;
    const content = string.namedChildren
      .filter((c) => c?.type === 'string_content')
      .map((c) => c?.text ?? '')
      .join('');
    const names = (content.match(/(?<![\w.])[A-Za-z_]\w*/g) ?? []).filter((n) => imported.has(n));
    if (names.length === 0 || !isTypeString(string, ctx)) continue;
    const scope = enclosingScope(string, model);
    for (const name of names) {
      const path = model.lookupPath(scope, name);
      const binding = path[path.length - 1]?.bindings.get(name);
      if (binding) result.set(binding, [...(result.get(binding) ?? []), string]);
    }
  }
  return result;
}

function isTypeString(string: Node, ctx: FileContext): boolean {
  if (/^[a-z]*[bf]/i.test(string.child(0)?.text ?? '')) return false;
  if (typingContext(string, ctx.module, ctx.file).annotation !== undefined)
    return !isInsideLiteralOrMetadata(string, ctx.module);
  if (isTypeAliasValue(string, ctx)) return true;
  const args = string.parent;
  const call = args?.type === 'argument_list' ? args.parent : undefined;
  const callee = call?.childForFieldName('function');
  const name = callee ? ctx.module.qualifiedName(callee) : undefined;
  return (
    (name === 'typing.cast' || name === 'typing_extensions.cast') &&
    args?.namedChildren.find((c) => c?.type !== 'comment')?.id === string.id
  );
}

/** `Alias: TypeAlias = "pkg.Type"`: the value is a type expression. */
function isTypeAliasValue(string: Node, ctx: FileContext): boolean {
  const assignment = string.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== string.id)
    return false;
  const annotation = assignment.childForFieldName('type')?.namedChild(0);
  if (!annotation) return false;
  const name = ctx.module.qualifiedName(annotation);
  return name === 'typing.TypeAlias' || name === 'typing_extensions.TypeAlias';
}

function enclosingScope(node: Node, model: ScopeModel): Scope {
  let child = node;
  for (let at = node.parent; at; child = at, at = at.parent) {
    // A signature's annotations are evaluated in the scope around the definition.
    if (SCOPE_NODES.has(at.type) && at.childForFieldName('body')?.id === child.id) {
      const scope = model.scopeOf(at);
      if (scope) return scope;
    }
  }
  return model.module;
}

/** The doc of TC001-TC003, which differ only in the section of the import (`application`, ...). */
export function TYPING_ONLY_DOC(section: string, example: { importLine: string; type: string }): string {
  return `## What it does
Flags, as Ruff's TC001-TC003 do (non-strict, default settings), a ${section} import whose every use
is typing-only, at the imported name. A use is typing-only when Python never evaluates it: any
annotation under \`from __future__ import annotations\`, a local variable's annotation inside a
function, a string annotation (or \`cast("T", x)\`'s string), or code under \`if TYPE_CHECKING:\`.
Without the future import, function signature annotations and module- or class-level variable
annotations are evaluated, so their uses are runtime uses. Not flagged: unused imports (F401's),
imports already under \`if TYPE_CHECKING:\`, \`typing\`/\`typing_extensions\`, \`__future__\`, stubs,
and an import from a module that another import of the same scope (or an enclosing one) already
loads at runtime (\`from json import JSONDecoder\` next to a runtime-used \`from json import
JSONEncoder\`). Sections are isort's: TC001 first-party and relative imports, TC002 third-party,
TC003 standard library. Imports of module and function scopes are checked, as Ruff checks them.

Agreement with Ruff 0.17.3 (WASM, same settings): on the corpus (334 files of ten popular
libraries) 7 of 7 findings, none extra; on the same files with \`from __future__ import
annotations\` prepended (307 files), 39 of 39, none extra.

Ruff offers an unsafe fix that moves the import into a \`TYPE_CHECKING\` block; pyconv reports
without a fix.

## Why
Guide 004: "Use \`TYPE_CHECKING\` guard for circular imports and type-only imports". A runtime
import that only annotations need costs start-up time and invites import cycles.

## Example
\`\`\`python
from __future__ import annotations

${example.importLine}


def read(path: ${example.type}) -> str:
    return ""
\`\`\`

## Use instead
\`\`\`python
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    ${example.importLine}


def read(path: ${example.type}) -> str:
    return ""
\`\`\``;
}
