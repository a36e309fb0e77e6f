import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { forEachNode, isAnnotationString, withTypeString } from '../modern-typing/typing-syntax';
import { aliasOf, fromModule, memberNodes } from './isort/annotate';
import { bannedApiOf, modulePathOf, resolveRelativeModule } from './tidy-settings';

export const bannedApi: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'TID251',
    name: 'banned-api',
    summary: 'No use of modules or members banned in `flake8-tidy-imports.banned-api`.',
    seeds: ['003'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags imports of banned modules (and their submodules), imports of banned members, and uses of
banned attributes through the module's imports (\`time.sleep(...)\` after \`import time\`), as
Ruff's TID251 does. The bans come from configuration:

\`\`\`toml
[tool.pyconv.flake8-tidy-imports.banned-api]
"time.sleep" = { msg = "use the scheduler's backoff instead" }
"billing.internal" = { msg = "call the billing service API" }
\`\`\`

Off by default: there is nothing to ban until a project says so (guide 003 bans \`time.sleep\`,
\`asyncio.sleep\` and other services' internals). Attribute uses are resolved through
the imports of the module and of the enclosing functions (an \`import time\` inside a function
counts after it there and in the functions nested in it, as in Ruff).

## Why
Guide 003 forbids blocking sleeps and reaching into other services' internals; a ban list in
configuration makes such team decisions checkable.

## Example
\`\`\`python
import time

time.sleep(5)
\`\`\`

## Use instead
\`\`\`python
await backoff.wait(attempt)
\`\`\`

## Fix safety
No automatic fix: the replacement is a design decision.`,
  },
  nodeTypes: ['import_statement', 'import_from_statement', 'attribute', 'string'],
  visit(node, ctx) {
    const bans = bannedApiOf(ctx);
    if (bans.length === 0) return;
    if (node.type === 'attribute') checkAttribute(node, bans, ctx);
    else if (node.type === 'string') checkStringAnnotation(node, bans, ctx);
    else if (node.type === 'import_statement') checkImport(node, bans, ctx);
    else checkFromImport(node, bans, ctx);
  },
};

type Bans = ReadonlyArray<readonly [string, string]>;

function report(ctx: UnitContext, at: Node, name: string, msg: string): void {
  ctx.report(at, `\`${name}\` is banned: ${msg}`);
}

/** `module` is the banned name or one of its submodules. */
const isNameOrChild = (module: string, banned: string) =>
  module === banned || module.startsWith(`${banned}.`);

function checkImport(node: Node, bans: Bans, ctx: UnitContext): void {
  for (const member of memberNodes(node)) {
    const { name } = aliasOf(member);
    const ban = bans.find(([banned]) => isNameOrChild(name, banned));
    if (ban) report(ctx, member, ban[0], ban[1]);
  }
}

function checkFromImport(node: Node, bans: Bans, ctx: UnitContext): void {
  const { module, level } = fromModule(node);
  const resolved = resolveRelativeModule(level, module, modulePathOf(ctx.file.path));
  if (resolved === undefined) return;
  const moduleBan = bans.find(([banned]) => isNameOrChild(resolved, banned));
  if (moduleBan) report(ctx, node, moduleBan[0], moduleBan[1]);
  for (const member of memberNodes(node)) {
    if (member.type === 'wildcard_import') continue;
    const qualified = `${resolved}.${aliasOf(member).name}`;
    const ban = bans.find(([banned]) => banned === qualified);
    if (ban) report(ctx, member, ban[0], ban[1]);
  }
}

function attributeBan(node: Node, bans: Bans, ctx: UnitContext): readonly [string, string] | undefined {
  const local = locallyQualifiedName(node, ctx);
  const qualified = local === undefined ? ctx.module.qualifiedName(node) : (local ?? undefined);
  return qualified === undefined ? undefined : bans.find(([banned]) => banned === qualified);
}

function checkAttribute(node: Node, bans: Bans, ctx: UnitContext): void {
  const ban = attributeBan(node, bans, ctx);
  if (ban) report(ctx, node, ban[0], ban[1]);
}

/** Forward references such as `x: "t.Optional[int]"` are code too, as Ruff reads them. */
function checkStringAnnotation(node: Node, bans: Bans, ctx: UnitContext): void {
  if (!isAnnotationString(node, ctx.module)) return;
  withTypeString(node, (inner, mapper) => {
    forEachNode(inner, (n) => {
      if (n.type !== 'attribute') return;
      const ban = attributeBan(n, bans, ctx);
      if (ban) ctx.report(mapper.range(n), `\`${ban[0]}\` is banned: ${ban[1]}`);
    });
  });
}

const SCOPES = new Set(['function_definition', 'class_definition']);

/**
 * The dotted name of `a.b.c` through an import inside an enclosing function (or the class body it is
 * written in): undefined when no enclosing scope imports `a`, null when a parameter shadows it.
 */
function locallyQualifiedName(node: Node, ctx: UnitContext): string | null | undefined {
  const attributes: string[] = [];
  let root: Node = node;
  while (root.type === 'attribute') {
    const object = root.childForFieldName('object');
    const attribute = root.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    attributes.unshift(attribute.text);
    root = object;
  }
  if (root.type !== 'identifier') return undefined;
  let innermost = true;
  for (let scope = root.parent; scope; scope = scope.parent) {
    if (!SCOPES.has(scope.type)) continue;
    // A class body's names are not visible inside its methods.
    if (scope.type === 'class_definition' && !innermost) continue;
    if (scope.type === 'function_definition' && isParameter(scope, root.text)) return null;
    const target = importedIn(scope, root.text, innermost ? root.startIndex : Number.POSITIVE_INFINITY, ctx);
    if (target !== undefined) return [target, ...attributes].join('.');
    innermost = false;
  }
  return undefined;
}

function isParameter(fn: Node, name: string): boolean {
  const parameters = fn.childForFieldName('parameters');
  if (!parameters) return false;
  return parameters.namedChildren.some((p) => {
    if (!p) return false;
    const id =
      p.type === 'identifier'
        ? p
        : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
    return id?.text === name;
  });
}

/** What the last import of `name` written in `scope`'s own body before `before` binds it to. */
function importedIn(scope: Node, name: string, before: number, ctx: UnitContext): string | undefined {
  const body = scope.childForFieldName('body');
  if (!body) return undefined;
  let found: { at: number; target: string } | undefined;
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.startIndex >= before) continue;
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      const target = importBinding(node, name, ctx);
      if (target !== undefined && (!found || node.startIndex > found.at))
        found = { at: node.startIndex, target };
      continue;
    }
    if (SCOPES.has(node.type) || node.type === 'lambda') continue;
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  return found?.target;
}

function importBinding(node: Node, name: string, ctx: UnitContext): string | undefined {
  let target: string | undefined;
  if (node.type === 'import_statement') {
    for (const member of memberNodes(node)) {
      const { name: dotted, asname } = aliasOf(member);
      const first = dotted.split('.')[0];
      if (asname === name) target = dotted;
      else if (asname === undefined && first === name) target = first;
    }
    return target;
  }
  const { module, level } = fromModule(node);
  const resolved = resolveRelativeModule(level, module, modulePathOf(ctx.file.path));
  if (resolved === undefined) return undefined;
  for (const member of memberNodes(node)) {
    if (member.type === 'wildcard_import') continue;
    const { name: imported, asname } = aliasOf(member);
    if ((asname ?? imported) === name) target = resolved === '' ? imported : `${resolved}.${imported}`;
  }
  return target;
}
