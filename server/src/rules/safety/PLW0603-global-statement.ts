import type { FileRule } from '../../engine/rule';
import type { Node, Range } from '../../engine/types';

const NESTED = new Set(['function_definition', 'class_definition', 'decorated_definition']);

export const globalStatement: FileRule = {
  kind: 'file',
  meta: {
    code: 'PLW0603',
    name: 'global-statement',
    summary: 'No `global` statement to rebind module state.',
    seeds: ['003'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a \`global\` declaration in a function or class body when the body rebinds that name, as
Ruff's (pylint's) PLW0603 does: by assignment (\`x = ...\`, \`x += ...\`), \`del x\`, an import
(\`import x\`), or a nested \`def x\`/\`class x\`. The diagnostic sits on the name in the \`global\`
statement, once per rebinding. Annotated assignments, \`for\` targets, \`with ... as\` and tuple
unpacking are not counted (Ruff does not count them either). A \`global\` at module level is
flagged the same way when the module rebinds the name anywhere at module level (before or after it).

## Why
Guide 003: "Never use global variables for state management"; "No Global State: Use dependency
injection via constructors". No other guide relies on \`global\`.

## Example
\`\`\`python
_client = None


def get_client():
    global _client
    if _client is None:
        _client = Client()
    return _client
\`\`\`

## Use instead
\`\`\`python
class Service:
    def __init__(self, client: Client) -> None:
        self._client = client
\`\`\`

## Fix safety
No automatic fix.`,
  },
  check(ctx) {
    // Almost no file has a `global` statement; the text says so at once.
    if (!ctx.source.includes('global')) return;
    const moduleGlobals = new Map<string, Range>();
    const moduleBound: string[] = [];
    for (const unit of ctx.root.namedChildren) {
      if (!unit) continue;
      const facts = ctx.memo(unit, 'globals', unitGlobals);
      const place = (range: RelativeRange): Range => absolute(range, unit);
      for (const finding of facts.nested) ctx.report(place(finding.range), message(finding.name));
      for (const { name, range } of facts.declared) moduleGlobals.set(name, place(range));
      moduleBound.push(...facts.bound);
    }
    for (const name of moduleBound) {
      const declared = moduleGlobals.get(name);
      if (declared) ctx.report(declared, message(name));
    }
  },
};

function message(name: string): string {
  return `Using the global statement to update \`${name}\` is discouraged`;
}

/** A range relative to its top-level statement (kept in the memo while the statement's text is unchanged). */
interface RelativeRange {
  rows: number;
  column: number;
  endRows: number;
  endColumn: number;
}

interface UnitGlobals {
  /** Findings in the function and class bodies of the statement. */
  nested: Array<{ name: string; range: RelativeRange }>;
  /** Names declared `global` at module level, in order. */
  declared: Array<{ name: string; range: RelativeRange }>;
  /** Names the statement rebinds at module level. */
  bound: string[];
}

function unitGlobals(unit: Node): UnitGlobals {
  const result: UnitGlobals = { nested: [], declared: [], bound: [] };
  const moduleGlobals = new Map<string, Node>();
  // Definitions are searched only when the statement mentions `global` at all.
  const mentionsGlobal = unit.text.includes('global');
  collectScope([unit], moduleGlobals, result.bound, (definition) => {
    if (!mentionsGlobal) return;
    forEachDefinition(definition, (scope) => {
      for (const { name, node } of scopeFindings(scope))
        result.nested.push({ name, range: relative(node, unit) });
    });
  });
  for (const [name, node] of moduleGlobals) result.declared.push({ name, range: relative(node, unit) });
  return result;
}

/** The rebinding of each name declared `global` in a function or class body (one per rebinding). */
function scopeFindings(definition: Node): Array<{ name: string; node: Node }> {
  const body = definition.childForFieldName('body');
  if (!body || body.hasError || !body.text.includes('global')) return [];
  const globals = new Map<string, Node>();
  const bound: string[] = [];
  collectScope([body], globals, bound, () => {});
  const findings: Array<{ name: string; node: Node }> = [];
  for (const name of bound) {
    const declared = globals.get(name);
    if (declared) findings.push({ name, node: declared });
  }
  return findings;
}

/**
 * The `global` declarations and rebindings of one scope, from its statements and their blocks;
 * the function and class definitions met in it are handed to `nested`.
 */
function collectScope(
  roots: Node[],
  globals: Map<string, Node>,
  bound: string[],
  nested: (definition: Node) => void,
): void {
  const pending = [...roots];
  while (pending.length > 0) {
    const container = pending.pop() as Node;
    const statements = container.type === 'block' ? container.namedChildren : [container];
    for (const statement of statements) {
      if (!statement) continue;
      collectBindings(statement, globals, bound);
      const definition =
        statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition && NESTED.has(definition.type)) nested(definition);
      else if (isContainer(statement)) pending.push(...blocksOf(statement));
    }
  }
}

function blocksOf(statement: Node): Node[] {
  return statement.namedChildren.filter((c): c is Node => !!c && isContainer(c));
}

/** `definition` and every definition nested in it, each once. */
function forEachDefinition(definition: Node, visit: (definition: Node) => void): void {
  const pending = [definition];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (node.type === 'function_definition' || node.type === 'class_definition') visit(node);
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
}

function relative(node: Node, unit: Node): RelativeRange {
  const { row, column } = unit.startPosition;
  const shift = (point: { row: number; column: number }) => ({
    rows: point.row - row,
    column: point.row === row ? point.column - column : point.column,
  });
  const start = shift(node.startPosition);
  const end = shift(node.endPosition);
  return { rows: start.rows, column: start.column, endRows: end.rows, endColumn: end.column };
}

function absolute(range: RelativeRange, unit: Node): Range {
  const { row, column } = unit.startPosition;
  const at = (rows: number, col: number) => ({
    line: row + rows,
    character: rows === 0 ? column + col : col,
  });
  return { start: at(range.rows, range.column), end: at(range.endRows, range.endColumn) };
}

function isContainer(node: Node): boolean {
  return node.type === 'block' || node.type.endsWith('_statement') || node.type.endsWith('_clause');
}

function collectBindings(statement: Node, globals: Map<string, Node>, bound: string[]): void {
  switch (statement.type) {
    case 'global_statement':
      for (const name of statement.namedChildren)
        if (name?.type === 'identifier') globals.set(name.text, name);
      break;
    case 'expression_statement':
      for (const expression of statement.namedChildren) {
        if (expression?.type === 'assignment') assignmentTargets(expression, bound);
        else if (expression?.type === 'augmented_assignment') {
          const left = expression.childForFieldName('left');
          if (left?.type === 'identifier') bound.push(left.text);
        }
      }
      break;
    case 'delete_statement':
      for (const target of statement.namedChildren) {
        if (target?.type === 'identifier') bound.push(target.text);
        else if (target?.type === 'expression_list') {
          for (const item of target.namedChildren) if (item?.type === 'identifier') bound.push(item.text);
        }
      }
      break;
    case 'import_statement':
    case 'import_from_statement':
      for (const name of statement.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') bound.push(name.childForFieldName('alias')?.text ?? '');
        else bound.push(name.text);
      }
      break;
    case 'function_definition':
    case 'class_definition':
      bound.push(statement.childForFieldName('name')?.text ?? '');
      break;
    case 'decorated_definition': {
      const definition = statement.childForFieldName('definition');
      if (definition) bound.push(definition.childForFieldName('name')?.text ?? '');
      break;
    }
  }
}

/** `a = b = value` binds `a` and `b`; annotated assignments do not count, as in Ruff. */
function assignmentTargets(assignment: Node, bound: string[]): void {
  let current: Node | null = assignment;
  while (current?.type === 'assignment') {
    if (current.childForFieldName('type')) return;
    const left = current.childForFieldName('left');
    if (left?.type === 'identifier') bound.push(left.text);
    current = current.childForFieldName('right');
  }
}
