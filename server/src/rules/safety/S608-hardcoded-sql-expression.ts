import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { parentExpression, stringLiteralValue, stringParts, unparenthesize } from './syntax';

/** Bandit's and Ruff's SQL shapes: `select ... from`, `delete from`, `insert|replace ... values`, `update ... set`. */
const SQL =
  /\b(select\s+[\s\S]*\s+from\s|delete\s+from\s|(insert|replace)\s+[\s\S]*\s+values\s|update\s+[\s\S]*\s+set\s)/i;

const SQL_VERB = /select|delete|insert|replace|update/i;

export const hardcodedSqlExpression: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'S608',
    name: 'hardcoded-sql-expression',
    summary: 'No SQL built with f-strings, `%`, `.format()` or `+`.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags strings that look like SQL (\`SELECT ... FROM\`, \`DELETE FROM\`, \`INSERT ... VALUES\`,
\`UPDATE ... SET\`, in any case) and are built at run time, as Ruff's (bandit's) S608 does:
- an f-string with at least one \`{placeholder}\`;
- \`"..." % args\` and \`"...".format(...)\` on a string literal;
- a \`+\` concatenation that involves a string (the whole chain is reported once).

Like Ruff, the \`%\` and \`.format\` forms see the string with its line breaks escaped, so a query
that is only separated by newlines (\`"""\\nSELECT a\\nFROM t"""\`) is not matched there.

## Why
Guide 002's first "wrong" example is \`cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")\`:
a value pasted into SQL is an injection vector. Pass it as a query parameter instead.

## Example
\`\`\`python
cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")
\`\`\`

## Use instead
\`\`\`python
cursor.execute("SELECT * FROM users WHERE id = ?", (user_id,))
\`\`\`

## Fix safety
No automatic fix: placeholders differ between database drivers (\`?\`, \`%s\`, \`:name\`).`,
  },
  nodeTypes: ['binary_operator', 'call', 'string', 'concatenated_string'],
  visit(node, ctx) {
    // Cheap text test first: skip anything that does not even contain one of the SQL verbs.
    if (!SQL_VERB.test(ctx.source.slice(node.startIndex, node.endIndex))) return;
    const content = sqlCandidate(node);
    if (content !== undefined && SQL.test(content)) {
      ctx.report(node, 'Possible SQL injection vector through string-based query construction');
    }
  },
};

function sqlCandidate(node: Node): string | undefined {
  switch (node.type) {
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')?.text;
      if (operator === '+') {
        if (parentExpression(node)?.type === 'binary_operator') return undefined;
        return isExplicitConcatenation(node) === true ? node.text : undefined;
      }
      if (operator === '%') {
        const left = node.childForFieldName('left');
        const value =
          left && unparenthesize(left).type !== 'binary_operator' ? stringLiteralValue(left) : undefined;
        return value === undefined ? undefined : escapeDefault(value);
      }
      return undefined;
    }
    case 'call': {
      const func = node.childForFieldName('function');
      if (func?.type !== 'attribute' || func.childForFieldName('attribute')?.text !== 'format')
        return undefined;
      const object = func.childForFieldName('object');
      const value = object ? stringLiteralValue(object) : undefined;
      return value === undefined ? undefined : escapeDefault(value);
    }
    case 'string': {
      if (node.parent?.type === 'concatenated_string') return undefined;
      return fStringContent(node);
    }
    case 'concatenated_string':
      return fStringContent(node);
    default:
      return undefined;
  }
}

/** The raw text of all parts of an f-string that has at least one placeholder. */
function fStringContent(node: Node): string | undefined {
  const parts = stringParts(node);
  if (!parts?.some((p) => p.isFString) || parts.some((p) => p.isTemplate)) return undefined;
  const hasPlaceholder = parts.some(
    (p) => p.isFString && p.node.namedChildren.some((c) => c?.type === 'interpolation'),
  );
  return hasPlaceholder ? parts.map((p) => p.raw).join('') : undefined;
}

const NOT_STRING = new Set([
  'lambda',
  'list',
  'tuple',
  'dictionary',
  'set',
  'generator_expression',
  'yield',
  'await',
  'list_splat',
  'slice',
  'true',
  'false',
  'ellipsis',
  'integer',
  'float',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'comparison_operator',
  'none',
]);

/** Deeper `+` chains are "unknown": the recursion must not overflow the stack on hostile input. */
const MAX_CHAIN_DEPTH = 1000;

/** Ruff's three-valued "is this `+` chain a string concatenation?" (true, false, unknown). */
function isExplicitConcatenation(expression: Node, depth = 0): boolean | undefined {
  const node = unparenthesize(expression);
  switch (node.type) {
    case 'binary_operator': {
      if (depth >= MAX_CHAIN_DEPTH) return undefined;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const l = left ? isExplicitConcatenation(left, depth + 1) : undefined;
      const r = right ? isExplicitConcatenation(right, depth + 1) : undefined;
      if (l === false || r === false) return false;
      if (l === true || r === true) return true;
      return undefined;
    }
    case 'string':
    case 'concatenated_string': {
      const parts = stringParts(node) ?? [];
      if (parts.some((p) => p.isTemplate)) return false;
      if (parts.some((p) => p.isFString)) return true;
      return !parts.some((p) => p.isBytes);
    }
    case 'named_expression': {
      const value = node.childForFieldName('value');
      return value ? isExplicitConcatenation(value) : undefined;
    }
    case 'conditional_expression': {
      const [body, , orelse] = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      const b = body ? isExplicitConcatenation(body) : undefined;
      const o = orelse ? isExplicitConcatenation(orelse) : undefined;
      if (b === true || o === true) return true;
      if (b === false && o === false) return false;
      return undefined;
    }
    case 'boolean_operator': {
      const values = [node.childForFieldName('left'), node.childForFieldName('right')].map((v) =>
        v ? isExplicitConcatenation(v) : undefined,
      );
      if (values.includes(true)) return true;
      return values.every((v) => v === false) ? false : undefined;
    }
    case 'unary_operator':
    case 'not_operator': {
      const operand = node.childForFieldName('argument') ?? node.namedChild(node.namedChildCount - 1);
      return operand ? isExplicitConcatenation(operand) : undefined;
    }
    default:
      return NOT_STRING.has(node.type) ? false : undefined;
  }
}

/** Rust's `str::escape_default`: what Ruff matches the `%` and `.format` strings against. */
function escapeDefault(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (char === '\n') out += '\\n';
    else if (char === '\\' || char === "'" || char === '"') out += `\\${char}`;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else out += `\\u{${code.toString(16)}}`;
  }
  return out;
}
