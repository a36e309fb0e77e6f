import { type FlowKind, isUnusedRedefinition, type ReplayBinding } from '../../analysis/flow-bindings';
import { lineStarts } from '../../engine/positions';
import type { FileContext, FileRule } from '../../engine/rule';
import type { Fix, Node } from '../../engine/types';
import { type ImportedName, importedName, removalEdits } from '../import-removal';
import { blockIsolation } from '../statement-removal';
import { isRepeatedImport, moduleReplay, prepareFlow, rangeOf, unitFlows } from './unit-flow';

export const redefinedWhileUnused: FileRule = {
  kind: 'file',
  meta: {
    code: 'F811',
    name: 'redefined-while-unused',
    summary: 'No redefinition of a name whose earlier binding was never used.',
    seeds: ['000', '003', '004'],
    defaultEnabled: false,
    fix: 'sometimes',
    doc: `## What it does
Flags a binding that replaces an import, function, class or variable nothing has read yet, as
pyflakes and Ruff's F811 do (with Ruff's preview behaviour): \`import os\` twice, a function
defined twice, \`x: int = 1\` twice, a parameter or local variable that hides an unused import.
Two plain assignments (\`x = 1; x = 2\`) are not redefinitions, nor is a \`for\` target (F402's
business), nor a binding in another branch of an \`if\`/\`try\`/\`with\`/\`match\` (\`try: import
json\` / \`except ImportError: json = None\`), nor an \`@overload\` followed by its
implementation, nor a class attribute that hides a module name, nor a dummy name (\`_\`). An
import under \`if TYPE_CHECKING:\` and the same import at runtime before it are not flagged
either. Reads in function bodies count wherever they are, since functions run after the module.

## Why
Guides 000, 003 and 004 run pyflakes or Ruff's F rules: the first definition is dead, and often
the second was meant to have another name.

## Example
\`\`\`python
import json
import json

print(json.dumps({}))
\`\`\`

## Use instead
\`\`\`python
import json

print(json.dumps({}))
\`\`\`

## Fix safety
Safe, for an import that repeats the one it replaces (\`import os\` twice): the fix removes the
repeated names from the later statement, or the whole statement, as F401 removes unused names.
Other redefinitions have no fix: which definition is the right one is for a person to decide.

## Known differences from Ruff
Decorators are told by name (\`@overload\`, \`@typing.overload\`), \`TYPE_CHECKING\` blocks by the
condition's text.`,
  },
  prepare: prepareFlow,
  check(ctx) {
    const flows = unitFlows(ctx);
    const found: Found[] = [];
    for (const { base, flow } of flows) {
      for (const f of flow.redefinitions) {
        found.push({ ...f, start: base + f.start, end: base + f.end, shadowedStart: base + f.shadowedStart });
      }
    }
    const replay = moduleReplay(ctx);
    for (const last of replay.current.values()) {
      for (let binding: ReplayBinding | undefined = last; binding; binding = binding.shadows) {
        const shadowed = binding.shadows;
        if (shadowed && isUnusedRedefinition(binding, shadowed, true)) found.push(foundAt(binding, shadowed));
      }
    }
    // A function's binding that hides a module-level import: functions run after the module.
    flows.forEach(({ base, flow }, index) => {
      for (const event of flow.hides) {
        if (event.type !== 'hide') continue;
        const hidden = replay.current.get(event.name);
        if (!hidden || hidden.references > 0) continue;
        const branch = event.facts.branch === '' ? '' : `/${index}${event.facts.branch}`;
        const binding = {
          ...event,
          start: base + event.start,
          end: base + event.end,
          facts: { ...event.facts, branch },
          references: 0,
        };
        if (isUnusedRedefinition(binding, hidden, false)) found.push(foundAt(binding, hidden));
      }
    });
    reportAll(ctx, found);
  },
};

interface Found {
  readonly start: number;
  readonly end: number;
  readonly shadowedStart: number;
  readonly imported: boolean;
  readonly repeated: boolean;
}

function foundAt(
  binding: { kind: FlowKind; start: number; end: number; facts: { qualified?: string } },
  shadowed: { kind: FlowKind; start: number; facts: { qualified?: string } },
): Found {
  return {
    start: binding.start,
    end: binding.end,
    shadowedStart: shadowed.start,
    imported: IMPORTS.has(binding.kind),
    repeated: isRepeatedImport(binding, shadowed),
  };
}

/** Reports each redefinition; repeated imports share one fix per statement that removes them all. */
function reportAll(ctx: FileContext, found: readonly Found[]): void {
  if (found.length === 0) return;
  const repeatedByStatement = new Map<number, { statement: Node; names: ImportedName[] }>();
  const statements = found.map((f) => (f.imported ? importStatementAt(ctx.root, f.start) : undefined));
  found.forEach((f, i) => {
    const statement = statements[i];
    const identifier = ctx.root.descendantForIndex(f.start);
    const name = f.repeated && statement && identifier ? importedName(identifier) : undefined;
    if (!statement || !name) return;
    const group = repeatedByStatement.get(statement.id) ?? { statement, names: [] };
    group.names.push(name);
    repeatedByStatement.set(statement.id, group);
  });
  const fixes = new Map<number, Fix | null>();
  const starts = repeatedByStatement.size > 0 ? lineStarts(ctx.source) : [];
  for (const [id, { statement, names }] of repeatedByStatement) {
    const edits = removalEdits(statement, names, ctx.source, starts);
    const title = `Remove definition: \`${ctx.source.slice(names[0].bound.startIndex, names[0].bound.endIndex)}\``;
    fixes.set(id, edits ? { title, safe: true, edits, isolation: blockIsolation(statement) } : null);
  }
  found.forEach((f, i) => {
    const name = ctx.source.slice(f.start, f.end);
    const range = rangeOf(ctx, f.start, f.end);
    const line = (ctx.root.descendantForIndex(f.shadowedStart)?.startPosition.row ?? 0) + 1;
    const message = `Redefinition of unused \`${name}\` from line ${line}`;
    const statement = statements[i];
    if (!statement) {
      ctx.report(range, message);
      return;
    }
    const fix = f.repeated ? (fixes.get(statement.id) ?? null) : null;
    ctx.reportInStatement(statement, range, message, fix);
  });
}

const IMPORTS: ReadonlySet<string> = new Set(['import', 'from-import', 'submodule-import']);

function importStatementAt(root: Node, offset: number): Node | undefined {
  for (let node: Node | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.type === 'import_statement' || node.type === 'import_from_statement') return node;
  }
  return undefined;
}
