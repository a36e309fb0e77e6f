import type { FileContext, FileRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { isUppercase } from './case';
import { RENAME_FIX_SAFETY, renameFix } from './rename-fix';
import { boundNames, targetNames } from './syntax';
import { isFinalAnnotation, isFrozenLiteral } from './values';

/** Lowercase module names that frameworks require (Django's `app_name`, pytest's hooks). */
const FRAMEWORK_NAMES = new Set([
  'app_name',
  'default_app_config',
  'pytest_plugins',
  'collect_ignore',
  'collect_ignore_glob',
]);

/** Blocks whose statements run in module scope. */
const MODULE_BLOCKS = new Set([
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'with_statement',
  'for_statement',
  'while_statement',
  'block',
]);

interface Candidate {
  name: Node;
}

/** Every module-scope binding of every name, and the `NAME = literal` statements among them. */
function scanModule(ctx: FileContext): { counts: Map<string, number>; candidates: Candidate[] } {
  const counts = new Map<string, number>();
  const candidates: Candidate[] = [];
  const bind = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const pending: Node[] = [...ctx.root.namedChildren].filter((n): n is Node => n !== null).reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case 'expression_statement': {
        const inner = node.namedChild(0);
        if (inner?.type === 'assignment') {
          for (const name of boundNames(inner)) bind(name.text);
          let value = inner.childForFieldName('right');
          while (value?.type === 'assignment') {
            for (const name of boundNames(value)) bind(name.text);
            value = value.childForFieldName('right');
          }
          const constant =
            isFinalAnnotation(ctx, inner.childForFieldName('type')) || (value && isFrozenLiteral(value));
          const left = inner.childForFieldName('left');
          if (constant && value && left?.type === 'identifier') candidates.push({ name: left });
        } else if (inner?.type === 'augmented_assignment') {
          const left = inner.childForFieldName('left');
          if (left?.type === 'identifier') bind(left.text);
        }
        break;
      }
      case 'decorated_definition':
      case 'function_definition':
      case 'class_definition': {
        const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
        const name = definition?.childForFieldName('name');
        if (name) bind(name.text);
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const name of node.childrenForFieldName('name')) {
          const bound = name?.type === 'aliased_import' ? name.childForFieldName('alias') : name;
          if (bound) bind(bound.text.split('.')[0]);
        }
        break;
      case 'delete_statement':
        for (const child of node.namedChildren)
          if (child) for (const name of targetNames(child)) bind(name.text);
        break;
      default:
        if (node.type === 'for_statement') for (const name of boundNames(node)) bind(name.text);
        if (node.type === 'with_statement') {
          const clause = node.namedChildren.find((c) => c?.type === 'with_clause');
          for (const item of clause?.descendantsOfType('as_pattern') ?? []) {
            if (item) for (const name of boundNames(item)) bind(name.text);
          }
        }
        if (MODULE_BLOCKS.has(node.type)) {
          for (let i = node.namedChildCount - 1; i >= 0; i--) {
            const child = node.namedChild(i);
            if (child) pending.push(child);
          }
        }
    }
  }
  return { counts, candidates };
}

/** Names some function rebinds through `global NAME`. */
function globalNames(root: Node): Set<string> {
  const names = new Set<string>();
  // Searching the whole tree on every keystroke is costly: look only where the keyword is written.
  for (const match of root.text.matchAll(/\bglobal\b/g)) {
    const keyword = root.descendantForIndex(match.index, match.index + 5);
    const statement = keyword?.type === 'global' ? keyword.parent : null;
    if (statement?.type !== 'global_statement') continue;
    for (const child of statement.namedChildren) if (child?.type === 'identifier') names.add(child.text);
  }
  return names;
}

function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}

export const moduleConstantCase: FileRule = {
  kind: 'file',
  meta: {
    code: 'PCV101',
    name: 'module-constant-case',
    summary: 'Module-level constants are UPPER_SNAKE_CASE.',
    seeds: ['001', '004'],
    defaultEnabled: true,
    fix: 'unsafe',
    doc: `## What it does
Flags a module-level name that is evidently a constant but not written in UPPER_SNAKE_CASE. A
name is a constant when the module binds it exactly once, to a literal or a value built only from
literals (\`30\`, \`-1.5\`, \`"text"\`, \`60 * 60\`, \`("a", "b")\`, \`frozenset({...})\`) or with a
\`Final\` annotation, and no function rebinds it through \`global\`. \`None\` and \`...\` do not
count (placeholders and sentinels), nor do \`True\`/\`False\` (a lowercase module-level flag is
usually state that gets switched), lists or dicts (mutable). Private constants keep their leading
underscore (\`_RETRY_LIMIT\`). Dunder names (\`__version__\`) and names frameworks require in lowercase
(Django's \`app_name\`, \`default_app_config\`; pytest's \`pytest_plugins\`, \`collect_ignore\`) are
skipped.

## Why
Seeds 001 and 004 write constants in UPPER_SNAKE_CASE (\`MAX_SEQUENCE_LENGTH\`,
\`CURRENT_SCHEMA_VERSION\`), so that a reader can tell configuration from state.

## Example
\`\`\`python
max_sequence_length = 4096
default_dataset: Final = "ai-energy-score"
\`\`\`

## Use instead
\`\`\`python
MAX_SEQUENCE_LENGTH = 4096
DEFAULT_DATASET: Final = "ai-energy-score"
\`\`\`

## Fix safety
${RENAME_FIX_SAFETY}`,
  },
  check(ctx) {
    const { counts, candidates } = scanModule(ctx);
    if (candidates.length === 0) return;
    const rebound = globalNames(ctx.root);
    // A rebinding may hide in code the parser could not read: names mentioned there are skipped.
    const unreadable = ctx.root.namedChildren
      .filter((n) => n?.type === 'ERROR')
      .map((n) => n!.text)
      .join('\n');
    for (const { name } of candidates) {
      const text = name.text;
      if (isUppercase(text) || isDunder(text) || FRAMEWORK_NAMES.has(text)) continue;
      if ((counts.get(text) ?? 0) !== 1 || rebound.has(text)) continue;
      if (unreadable && new RegExp(`(^|[^\\w])${text}([^\\w]|$)`, 'u').test(unreadable)) continue;
      const suggestion = `${text.match(/^_*/)?.[0] ?? ''}${text
        .replace(/^_+/, '')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toUpperCase()}`;
      ctx.report(
        name,
        `Module-level constant \`${text}\` should be UPPER_SNAKE_CASE (\`${suggestion}\`)`,
        renameFix(text, suggestion, isUppercase),
      );
    }
  },
};
