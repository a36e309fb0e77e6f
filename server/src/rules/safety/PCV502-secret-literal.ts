import type { UnitRule } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { PASSWORD_DOC_WHY } from './passwords';
import { stringLiteralValue, unparenthesize } from './syntax';

/** Name parts (after splitting on `_` and camelCase) that say a value is a credential. */
const SECRET_NAME_PARTS = new Set([
  'key',
  'apikey',
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'credential',
  'credentials',
  'auth',
]);

/** Prefixes that issuers put on their tokens: enough on their own (with a long enough tail). */
const ISSUER_PREFIXES: readonly RegExp[] = [
  /^sk-[A-Za-z0-9_-]{6,}$/, // OpenAI-style and many "secret key" schemes, the guide's `sk-prod-...`
  /^(sk|pk|rk)_(live|test)_[A-Za-z0-9]{8,}$/, // Stripe
  /^gh[pousr]_[A-Za-z0-9]{20,}$/, // GitHub tokens
  /^github_pat_[A-Za-z0-9_]{20,}$/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/, // Slack
  /^(AKIA|ASIA)[0-9A-Z]{16}$/, // AWS access key ids
  /^AIza[0-9A-Za-z_-]{35}$/, // Google API keys
  /^glpat-[A-Za-z0-9_-]{20,}$/, // GitLab
  /^hf_[A-Za-z0-9]{20,}$/, // Hugging Face
  /^gsk_[A-Za-z0-9]{20,}$/, // Groq
  /^npm_[A-Za-z0-9]{30,}$/,
  /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, // SendGrid
  /^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** Words that mark a value as a placeholder or an example, not a real credential. */
const PLACEHOLDER =
  /(x{4,}|\*{3,}|\.\.\.|<|>|\{|\}|\$|%\(|%s|changeme|change_me|your|example|dummy|fake|placeholder|redacted|sample|test|secret|password|token|dev|local)/i;

export const secretLiteral: UnitRule = {
  kind: 'unit',
  meta: {
    code: 'PCV502',
    name: 'secret-literal',
    summary: 'No credential-shaped string literals in `*_KEY`/`*_TOKEN`/`*_SECRET`/`*_PASSWORD` names.',
    seeds: ['002'],
    defaultEnabled: true,
    fix: 'none',
    doc: `## What it does
Flags a string literal that looks like a real credential when it is given to a credential-like
name: assigned to a variable or attribute, passed as a keyword argument, used as a parameter
default or stored under a string key of a dict literal. A name is credential-like when one of its
parts (split on \`_\` and camelCase) is \`key\`, \`apikey\`, \`token\`, \`secret\`, \`password\`,
\`passwd\`, \`pwd\`, \`passphrase\`, \`credential(s)\` or \`auth\`.

Unlike S105, the literal's shape decides, so that \`CACHE_KEY = "user_id"\` or
\`TOKEN_TYPE = "bearer"\` pass:
- a value with an issuer's prefix is a secret: \`sk-...\` (the guide's \`API_KEY = "sk-prod-abc123"\`),
  Stripe \`sk_live_...\`, GitHub \`ghp_...\`, Slack \`xoxb-...\`, AWS \`AKIA...\`, Google \`AIza...\`,
  GitLab, Hugging Face, npm and SendGrid tokens, JWTs and PEM private keys;
- any other value is a secret when it is one random-looking word: at least 16 characters, no
  spaces, letters and digits mixed, and a character entropy of at least 3.5 bits (or at least 32
  hexadecimal digits);
- placeholders are never flagged: empty values, \`xxxx\`, \`***\`, \`<...>\`, \`{...}\`, \`$VAR\`,
  \`changeme\`, \`your-key-here\`, values with \`example\`, \`dummy\`, \`fake\`, \`test\`, \`dev\`,
  \`local\` and the like, and anything that is not a plain literal (\`os.environ["API_KEY"]\`,
  f-strings, calls).

- values mostly made of words (\`ds16.value_state.no_observation\`, \`progress-v2-coming-soon\`)
  are names, not secrets.

Precision, read by hand: on the corpus (334 files of ten popular libraries) it reports nothing
(S105 reports 14 names there, none a real secret). On 58 credential-named string literals from
public repositories (found by searching \`_API_KEY = "\`, \`_TOKEN = "\`, \`SECRET_KEY = "\`,
\`PASSWORD = "\`, \`api_key="\`, \`_KEY = '\`), it flags 8, all real credentials (hex API keys,
Groq, Telegram, Zoho and AWS keys, an AWS secret): precision 100% (8 of 8). It misses the short
or word-like ones (\`"sw21qa00"\`, \`"hibbidybibiddyboo"\`): S105 still reports those names.

## Why
${PASSWORD_DOC_WHY}

## Example
\`\`\`python
API_KEY = "sk-prod-abc123"
\`\`\`

## Use instead
\`\`\`python
import os

API_KEY = os.environ["API_KEY"]
\`\`\``,
  },
  nodeTypes: ['assignment', 'keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter'],
  visit(node, ctx) {
    const found = namedValue(node);
    if (!found) return;
    const value = unparenthesize(found.value);
    // Most values are no string literal: ruled out before the name is split into its parts.
    if (value.type !== 'string' && value.type !== 'concatenated_string') return;
    if (!isSecretName(found.name)) return;
    const text = stringLiteralValue(value);
    if (text === undefined || !looksLikeSecret(text)) return;
    ctx.report(
      value,
      `\`${found.name}\` holds what looks like a real credential; load it from the environment or a secret manager`,
    );
  },
};

/** The name a value is given and the value, for each construct the rule reads. */
function namedValue(node: Node): { name: string; value: Node } | undefined {
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const name = left ? targetName(left) : undefined;
    return name !== undefined && right ? { name, value: right } : undefined;
  }
  if (node.type === 'pair') {
    const key = node.childForFieldName('key');
    const value = node.childForFieldName('value');
    const name = key ? stringLiteralValue(key) : undefined;
    return name !== undefined && value ? { name, value } : undefined;
  }
  const name = node.childForFieldName('name');
  const value = node.childForFieldName('value');
  return name && value ? { name: name.text, value } : undefined;
}

function targetName(target: Node): string | undefined {
  const node = unparenthesize(target);
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'subscript') {
    const items = node.childrenForFieldName('subscript').filter((c): c is Node => !!c);
    return items.length === 1 ? stringLiteralValue(items[0]) : undefined;
  }
  return undefined;
}

function isSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-\s.]+/);
  return parts.some((part) => SECRET_NAME_PARTS.has(part));
}

/** The value's shape: an issuer's token, or one long random-looking word that is no placeholder. */
export function looksLikeSecret(value: string): boolean {
  if (PLACEHOLDER.test(value)) return false;
  if (ISSUER_PREFIXES.some((prefix) => prefix.test(value))) return true;
  if (value.length < 16 || /\s/.test(value)) return false;
  if (/^(https?|file|s3|gs):\/\//.test(value) || /^[./~]/.test(value)) return false;
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  if (isWordy(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 3.5;
}

/**
 * Mostly made of words (`ds16.value_state.no_observation_in_period`, `progress-v2-coming-soon`):
 * segments (split on `._-:/`) of three or more letters of one case make up half of its length.
 */
function isWordy(value: string): boolean {
  const segments = value.split(/[._\-:/]+/).filter((s) => s.length > 0);
  const wordLetters = segments
    .filter((s) => /^([a-z]{3,}|[A-Z]{3,})$/.test(s))
    .reduce((sum, s) => sum + s.length, 0);
  return segments.length > 1 && wordLetters * 2 >= value.length;
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
