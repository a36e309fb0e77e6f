import { compileNameGlob, type LinearMatcher } from '../../engine/config-patterns';
import { declareOptions, globListOption } from '../../engine/option-schema';
import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { builtinName, importedName, unparenthesize } from '../safety/syntax';

const DEFAULT_REQUIRE_MATCH_FOR = [
  'BaseException',
  'Exception',
  'ValueError',
  'OSError',
  'IOError',
  'EnvironmentError',
  'socket.error',
];

/** `[tool.pyconv.flake8-pytest-style]`: Ruff's keys for PT011. */
export const pytestStyleOptions = declareOptions(
  'flake8-pytest-style',
  {
    'raises-require-match-for': globListOption(DEFAULT_REQUIRE_MATCH_FOR, {
      defaultDoc: DEFAULT_REQUIRE_MATCH_FOR.map((name) => `\`${name}\``).join(', '),
      doc: 'exceptions (qualified names, globs allowed; builtins without `builtins.`) that PT011 wants a `match=` for. Setting it replaces the defaults.',
    }),
    'raises-extend-require-match-for': globListOption([], {
      doc: 'more exceptions for PT011, on top of `raises-require-match-for`.',
    }),
  },
  { intro: 'Options of PT011 (`pytest.raises` too broad).' },
);

const requiresMatch = pytestStyleOptions.derived((options) => {
  const patterns = [...options['raises-require-match-for'], ...options['raises-extend-require-match-for']];
  const globs = patterns.map(compileNameGlob).filter((g): g is LinearMatcher => g !== undefined);
  return (name: string) => globs.some((g) => g.test(name));
});

export const pytestRaisesTooBroad: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PT011',
    name: 'pytest-raises-too-broad',
    summary: '`pytest.raises` of a broad exception needs `match=`.',
    seeds: ['001'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags, as Ruff's PT011 does, \`pytest.raises(E)\` where \`E\` is one of the broad exceptions of
\`raises-require-match-for\` (by default \`ValueError\`, \`Exception\`, \`OSError\` and their kin) or
\`raises-extend-require-match-for\`, and no \`match=\` is given (or it is empty or \`None\`). The
form that passes the code under test as a function (\`pytest.raises(E, func)\`), and a call with
\`check=\`, are not flagged. A tuple of exceptions is not flagged.

## Why
Guide 001 asks tests to assert on the error message: a broad exception type alone also passes when
the code fails for an unrelated reason.

## Example
\`\`\`python
def test_rejects_negative_age():
    with pytest.raises(ValueError):
        Person(age=-1)
\`\`\`

## Use instead
\`\`\`python
def test_rejects_negative_age():
    with pytest.raises(ValueError, match="age must be positive"):
        Person(age=-1)
\`\`\`

## Fix safety
No automatic fix: only the author knows which message to expect.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const func = node.childForFieldName('function');
    if (!func || importedName(func, ctx) !== 'pytest.raises') return;
    const args = argumentsOf(node);
    if (keywordValue(args, 'check') || argumentValue(args, 'func', 1)) return;
    const exception = argumentValue(args, 'expected_exception', 0);
    if (!exception) return;
    const match = keywordValue(args, 'match');
    if (match && !isEmptyOrNone(match)) return;
    const name = exceptionName(exception, ctx);
    if (name && requiresMatch(ctx)(name))
      ctx.report(
        unparenthesize(exception),
        `\`pytest.raises(${name})\` is too broad, set the \`match\` parameter or use a more specific exception`,
      );
  },
};

function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return (list?.namedChildren ?? []).filter((arg): arg is Node => arg !== null && arg.type !== 'comment');
}

function keywordValue(args: Node[], name: string): Node | undefined {
  const keyword = args.find(
    (arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name,
  );
  return keyword?.childForFieldName('value') ?? undefined;
}

/** A keyword's value, else the positional argument at `position` before any `*args`, as Ruff finds it. */
function argumentValue(args: Node[], name: string, position: number): Node | undefined {
  const keyword = keywordValue(args, name);
  if (keyword) return keyword;
  const positional: Node[] = [];
  for (const arg of args) {
    if (arg.type === 'keyword_argument' || arg.type === 'dictionary_splat') continue;
    if (arg.type === 'list_splat') break;
    positional.push(arg);
  }
  return positional[position];
}

/** The name patterns are matched against: `socket.error`, and a builtin without `builtins.`. */
function exceptionName(exception: Node, ctx: UnitContext): string | undefined {
  const imported = importedName(exception, ctx);
  if (imported !== undefined) return imported;
  return unparenthesize(exception).type === 'identifier' ? builtinName(exception, ctx) : undefined;
}

/** `""`, `None`, or an f-string whose every part is empty (Ruff's `is_empty_or_null_string`). */
function isEmptyOrNone(expr: Node): boolean {
  const bare = unparenthesize(expr);
  if (bare.type === 'none') return true;
  if (bare.type === 'concatenated_string')
    return bare.namedChildren.every((part) => !part || part.type === 'comment' || isEmptyString(part));
  return bare.type === 'string' && isEmptyString(bare);
}

function isEmptyString(string: Node): boolean {
  if (string.type !== 'string') return false;
  const prefix = string.child(0)?.text.toLowerCase() ?? '';
  if (prefix.includes('b')) return false;
  return string.namedChildren.every((part) => {
    if (!part || part.type === 'string_start' || part.type === 'string_end') return true;
    if (part.type === 'interpolation') {
      const inner = part.childForFieldName('expression');
      return inner !== null && isEmptyOrNone(inner);
    }
    return false;
  });
}
