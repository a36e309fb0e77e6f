import { declareOptions, type OptionField } from '../../engine/option-schema';
import type { UnitContext, UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { findLoggingCall } from './logging-calls';
import { callArguments, findArgument, stringParts, unparenthesize } from './syntax';

/** Names that usually hold personal data; matched against whole `_`/camelCase-separated words. */
export const DEFAULT_PERSONAL_NAMES: readonly string[] = [
  'email',
  'email_address',
  'password',
  'passwd',
  'ssn',
  'social_security_number',
  'phone',
  'phone_number',
  'user_id',
  'address',
  'ip',
  'ip_address',
  'date_of_birth',
  'dob',
  'credit_card',
  'card_number',
];

/** A name that marks personal data: words of letters, digits and `_`. */
function personalNamesOption(defaultValue: readonly string[], doc: string): OptionField<string[]> {
  return {
    default: [...defaultValue],
    typeDoc: 'list of strings',
    defaultDoc: defaultValue.length > 0 ? defaultValue.map((n) => `\`${n}\``).join(', ') : undefined,
    doc,
    check(key, raw) {
      const valid =
        Array.isArray(raw) && raw.every((item) => typeof item === 'string' && /^[A-Za-z0-9_]+$/.test(item));
      if (valid) return { value: raw as string[], problems: [] };
      return {
        problems: [`\`${key}\` must be a list of identifier-like strings, e.g. ["email", "user_id"]`],
      };
    },
  };
}

export const privacyOptions = declareOptions(
  'pyconv-privacy',
  {
    names: personalNamesOption(
      DEFAULT_PERSONAL_NAMES,
      'the names that mark personal data; replaces the default list.',
    ),
    'extend-names': personalNamesOption([], 'names added to `names`.'),
  },
  {
    intro: 'Options of PCV501 (personal data in log calls).',
    notes: `A name matches an identifier when its words appear in a row among the identifier's words
(\`_\`- and camelCase-separated, case-insensitive): \`user_id\` matches \`user_id\`, \`owner_user_id\`
and \`userId\`, but not \`user_identity\`.`,
  },
);

export const personalDataInLog: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV501',
    name: 'personal-data-in-log',
    summary:
      'No personal data (email, password, SSN, phone, user id, address, IP) passed unredacted to log calls.',
    seeds: ['003'],
    defaultEnabled: false,
    fix: 'none',
    doc: `## What it does
Flags values passed to a logging call (as for G004, and also loggers imported from elsewhere, such
as \`from loguru import logger\`) whose name says they hold
personal data: a plain name or attribute such as \`email\`, \`user.email\`, \`phone_number\`,
\`user_id\`, \`client_ip\`, used as a message argument, inside an f-string message, as a keyword
argument (\`user_id=user_id\`, structlog/loguru style) or as a value of \`extra={...}\`. Values that
go through a call (\`redact(email)\`, \`hash_id(user_id)\`) and literals (\`"[REDACTED]"\`) are not
flagged. The list of names is configurable in \`[tool.pyconv.pyconv-privacy]\`.

## Why
Guide 003: "Never Log PII: Use structured logging with redaction", with
\`extra={"user_id": "[REDACTED]"}\` as its example. Logs are retained, shipped and read far more
widely than the data store they came from.

Off by default: it is a naming heuristic that only guide 003 asks for. Measured precision: it
reports nothing on 3,744 real files (the 334-file corpus, CPython 3.11's standard library and
Debian's dist-packages), which log hosts, URLs and paths but no personal data; so no false positive
was observed, but there were no hits to estimate precision from. Expect false positives where a
name only looks personal (\`address\` of a socket, \`ip\` of a server): add \`# noqa: PCV501\` or
narrow \`names\`.

## Example
\`\`\`python
logger.info("password reset for %s", user.email)
logger.info("memory created", extra={"user_id": user_id})
\`\`\`

## Use instead
\`\`\`python
logger.info("password reset for %s", redact(user.email))
logger.info("memory created", extra={"user_id": "[REDACTED]"})
\`\`\`

## Fix safety
No automatic fix: the redaction helper is project-specific.`,
  },
  nodeTypes: ['call'],
  visit(node, ctx) {
    const logging = findLoggingCall(node, ctx, true);
    if (!logging) return;
    const matcher = personalNameMatcher(ctx);
    const args = callArguments(node);
    const message = findArgument(args, 'msg', logging.messagePosition);
    const candidates: Node[] = [];
    for (const argument of args.positional) {
      if (argument.id === message?.id) candidates.push(...interpolations(argument));
      else candidates.push(argument);
    }
    for (const [name, value] of args.keywords) {
      if (name === 'extra') candidates.push(...extraValues(value));
      else if (name !== 'exc_info' && name !== 'stack_info' && name !== 'stacklevel') candidates.push(value);
      else if (value.id === message?.id) candidates.push(...interpolations(value));
    }
    if (args.keywords.get('msg')) candidates.push(...interpolations(args.keywords.get('msg') as Node));
    const seen = new Set<number>();
    for (const candidate of candidates) {
      const value = unparenthesize(candidate);
      if (seen.has(value.id)) continue;
      seen.add(value.id);
      const word = personalName(value, matcher);
      if (word)
        ctx.report(
          value,
          `Possible personal data (\`${word}\`) passed to a log call; redact it or leave it out`,
        );
    }
  },
};

function interpolations(message: Node): Node[] {
  const parts = stringParts(message) ?? [];
  const found: Node[] = [];
  for (const part of parts) {
    if (!part.isFString) continue;
    for (const child of part.node.namedChildren) {
      const expression = child?.type === 'interpolation' ? child.childForFieldName('expression') : null;
      if (expression) found.push(expression);
    }
  }
  return found;
}

function extraValues(extra: Node): Node[] {
  const value = unparenthesize(extra);
  if (value.type === 'dictionary') {
    return value.namedChildren
      .filter((c): c is Node => c?.type === 'pair')
      .map((pair) => pair.childForFieldName('value') as Node);
  }
  if (value.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
    return [...callArguments(value).keywords.values()];
  }
  return [];
}

type Matcher = (words: string[]) => string | undefined;

const matcherCache = new WeakMap<object, Matcher>();

function personalNameMatcher(ctx: UnitContext): Matcher {
  const cached = matcherCache.get(ctx.config);
  if (cached) return cached;
  const options = privacyOptions.read(ctx);
  const names = [...options.names, ...options['extend-names']];
  const patterns = names.map((name) => ({ name, words: splitWords(name) })).filter((p) => p.words.length > 0);
  const matcher: Matcher = (words) => {
    for (const pattern of patterns) {
      for (let i = 0; i + pattern.words.length <= words.length; i++) {
        if (pattern.words.every((w, j) => words[i + j] === w)) return pattern.name;
      }
    }
    return undefined;
  };
  matcherCache.set(ctx.config, matcher);
  return matcher;
}

/** `userEmail` and `user_email` both give ["user", "email"]. */
export function splitWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/_+/)
    .filter((w) => w.length > 0);
}

function personalName(value: Node, matcher: Matcher): string | undefined {
  let name: string | undefined;
  if (value.type === 'identifier') name = value.text;
  else if (value.type === 'attribute') name = value.childForFieldName('attribute')?.text;
  else if (value.type === 'subscript') {
    const key = value.childForFieldName('subscript');
    const parts = key ? stringParts(key) : undefined;
    if (parts?.length === 1 && !parts[0].isFString) name = parts[0].raw;
  }
  if (!name) return undefined;
  return matcher(splitWords(name));
}
