import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';

const NESTED = new Set(['function_definition', 'class_definition', 'decorated_definition']);

export const globalStatement: UnitRule = {
  kind: 'unit',
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
unpacking are not counted (Ruff does not count them either). \`global\` at module level is not checked.

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
  nodeTypes: ['function_definition', 'class_definition'],
  visit(node, ctx) {
    const body = node.childForFieldName('body');
    if (!body || body.hasError) return;
    // Cheap text test first: almost no function body contains a `global` statement.
    const found = ctx.source.indexOf('global', body.startIndex);
    if (found === -1 || found >= body.endIndex) return;
    const globals = new Map<string, Node>();
    const bound: string[] = [];
    const pending: Node[] = [body];
    while (pending.length > 0) {
      const container = pending.pop() as Node;
      for (const statement of container.namedChildren) {
        if (!statement) continue;
        collectBindings(statement, globals, bound);
        if (!NESTED.has(statement.type) && isContainer(statement)) pending.push(statement);
      }
    }
    if (globals.size === 0) return;
    for (const name of bound) {
      const declared = globals.get(name);
      if (declared) ctx.report(declared, `Using the global statement to update \`${name}\` is discouraged`);
    }
  },
};

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
