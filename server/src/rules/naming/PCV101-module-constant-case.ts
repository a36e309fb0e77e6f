import type { FileContext, FileRule } from '../../engine/rule';
import type { Node, Position } from '../../engine/types';
import { isWordCode } from '../statements-mentioning';
import { absolutePosition, relativePosition } from '../unit-positions';
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

/** A `name = frozen literal` (or `name: Final = ...`) statement, positions relative to its unit. */
interface Candidate {
  name: string;
  start: Position;
  end: Position;
  /** Set when only a `Final` annotation can make it a constant: the annotation's offsets in the unit. */
  annotation?: readonly [number, number];
}

/** What one top-level statement binds at module scope; kept per statement text across analyses. */
interface UnitBindings {
  /** Every binding of a name (a name bound twice is listed twice). */
  bound: string[];
  candidates: Candidate[];
  /** The statement is an ERROR node: code the parser could not read. */
  unreadable: boolean;
}

/** Every module-scope binding of every name, and the `NAME = literal` statements among them. */
function scanModule(
  ctx: FileContext,
  units: readonly Node[],
): {
  counts: Map<string, number>;
  candidates: Array<{ unit: Node; candidate: Candidate }>;
  unreadable: Node[];
} {
  const counts = new Map<string, number>();
  const candidates: Array<{ unit: Node; candidate: Candidate }> = [];
  const unreadable: Node[] = [];
  for (const unit of units) {
    // Statements are read from the tree only when their text changed (see FileContext.memo).
    const bindings = ctx.memo(unit, 'bindings', unitBindings);
    if (bindings.unreadable) unreadable.push(unit);
    for (const name of bindings.bound) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const candidate of bindings.candidates) {
      if (candidate.annotation && !isFinalAnnotation(ctx, nodeAt(unit, candidate.annotation))) continue;
      candidates.push({ unit, candidate });
    }
  }
  return { counts, candidates, unreadable };
}

function unitBindings(unit: Node): UnitBindings {
  const bound: string[] = [];
  const candidates: Candidate[] = [];
  const bind = (name: string) => bound.push(name);
  const pending: Node[] = [unit];
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
          const left = inner.childForFieldName('left');
          if (!value || left?.type !== 'identifier') break;
          // `Final` depends on the module's imports, which a memoised value may not: decided later.
          const annotation = inner.childForFieldName('type');
          const frozen = isFrozenLiteral(value);
          if (!frozen && !annotation) break;
          candidates.push({
            name: left.text,
            start: relativePosition(left.startPosition, unit.startPosition),
            end: relativePosition(left.endPosition, unit.startPosition),
            annotation:
              frozen || !annotation
                ? undefined
                : [annotation.startIndex - unit.startIndex, annotation.endIndex - unit.startIndex],
          });
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
  return { bound, candidates, unreadable: unit.type === 'ERROR' };
}

/** The annotation node at offsets relative to `unit` (the outermost node spanning exactly them). */
function nodeAt(unit: Node, [start, end]: readonly [number, number]): Node | undefined {
  const from = unit.startIndex + start;
  const to = unit.startIndex + end;
  let node = unit.descendantForIndex(from, to);
  while (
    node?.parent &&
    node.parent.id !== unit.id &&
    node.parent.startIndex === from &&
    node.parent.endIndex === to
  )
    node = node.parent;
  return node ?? undefined;
}

/** Names some function rebinds through `global NAME`. */
function globalNames(root: Node, source: string): Set<string> {
  const names = new Set<string>();
  // Searching the whole tree on every keystroke is costly: look only where the keyword is written
  // (a plain search: a `\bglobal\b` regex over the whole file cost more than the rest of the rule).
  for (let at = source.indexOf('global'); at >= 0; at = source.indexOf('global', at + 6)) {
    if (isWordCode(source.charCodeAt(at - 1)) || isWordCode(source.charCodeAt(at + 6))) continue;
    const keyword = root.descendantForIndex(at, at + 5);
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
    offInNotebooks:
      "because a notebook's module-level names are its working variables (`threshold = 0.5` is tuned from cell to cell), not constants",
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
The style guides 001 and 004 write constants in UPPER_SNAKE_CASE (\`MAX_SEQUENCE_LENGTH\`,
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
    const units = ctx.root.namedChildren.filter((n): n is Node => n !== null);
    const scan = scanModule(ctx, units);
    const { counts, candidates } = scan;
    if (candidates.length === 0) return;
    const rebound = globalNames(ctx.root, ctx.source);
    // A rebinding may hide in code the parser could not read: names mentioned there are skipped.
    const unreadable = scan.unreadable.map((unit) => unit.text).join('\n');
    for (const { unit, candidate } of candidates) {
      const text = candidate.name;
      if (isUppercase(text) || isDunder(text) || FRAMEWORK_NAMES.has(text)) continue;
      if ((counts.get(text) ?? 0) !== 1 || rebound.has(text)) continue;
      if (unreadable && new RegExp(`(^|[^\\w])${text}([^\\w]|$)`, 'u').test(unreadable)) continue;
      const suggestion = `${text.match(/^_*/)?.[0] ?? ''}${text
        .replace(/^_+/, '')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toUpperCase()}`;
      ctx.report(
        {
          start: absolutePosition(candidate.start, unit.startPosition),
          end: absolutePosition(candidate.end, unit.startPosition),
        },
        `Module-level constant \`${text}\` should be UPPER_SNAKE_CASE (\`${suggestion}\`)`,
        renameFix(text, suggestion, isUppercase),
      );
    }
  },
};
