/**
 * Rename fixes of the naming rules: the new name, and a lazy fix whose edits (every reference in
 * the file) are computed from the whole tree by engine/resolve-fixes.ts. Always unsafe: other
 * modules may use the old name.
 */
import type { Fix } from '../../engine/types';

const WORD_BOUNDARY_LOWER_UPPER = /([\p{Ll}\p{Nd}])(\p{Lu})/gu;
const WORD_BOUNDARY_ACRONYM = /(\p{Lu})(\p{Lu}\p{Ll})/gu;

/** Leading and trailing underscores, which carry meaning (`_private`, `__dunder__`, `class_`). */
function splitAffixes(name: string): { prefix: string; core: string; suffix: string } {
  const prefix = /^_*/.exec(name)?.[0] ?? '';
  const rest = name.slice(prefix.length);
  const suffix = /_*$/.exec(rest)?.[0] ?? '';
  return { prefix, core: rest.slice(0, rest.length - suffix.length), suffix };
}

/** The words of a camelCase, PascalCase or snake_case core: `getHTTPResponse2` -> get, HTTP, Response2. */
function words(core: string): string[] {
  return core
    .replace(WORD_BOUNDARY_LOWER_UPPER, '$1_$2')
    .replace(WORD_BOUNDARY_ACRONYM, '$1_$2')
    .split('_')
    .filter((w) => w.length > 0);
}

/** `processSessions` -> `process_sessions`, `_fooBar` -> `_foo_bar`, `HTTPServer` -> `http_server`. */
export function toSnakeCase(name: string): string | undefined {
  const { prefix, core, suffix } = splitAffixes(name);
  const parts = words(core);
  if (parts.length === 0) return undefined;
  return `${prefix}${parts.map((w) => w.toLowerCase()).join('_')}${suffix}`;
}

/** `inference_engine` -> `InferenceEngine`, `_private_thing` -> `_PrivateThing`, `Foo_` -> `Foo`. */
export function toCapWords(name: string): string | undefined {
  const { prefix, core } = splitAffixes(name);
  const parts = words(core);
  if (parts.length === 0) return undefined;
  const capitalised = parts.map((w) => {
    const first = String.fromCodePoint(w.codePointAt(0) ?? 0);
    return first.toUpperCase() + w.slice(first.length);
  });
  return `${prefix}${capitalised.join('')}`;
}

/** `maxLen` -> `MAX_LEN`, `_retry_limit` -> `_RETRY_LIMIT`. */
export function toUpperSnakeCase(name: string): string | undefined {
  const { prefix, core, suffix } = splitAffixes(name);
  const parts = words(core);
  if (parts.length === 0) return undefined;
  return `${prefix}${parts.map((w) => w.toUpperCase()).join('_')}${suffix}`;
}

/**
 * The lazy rename fix, or null when no new name satisfies the rule (`accepts`): then the rule
 * reports without a fix rather than offer a rename that is still wrong.
 */
export function renameFix(
  name: string,
  newName: string | undefined,
  accepts: (name: string) => boolean,
): Fix | null {
  if (newName === undefined || newName === name || !accepts(newName)) return null;
  return {
    title: `Rename \`${name}\` to \`${newName}\``,
    safe: false,
    edits: [],
    resolve: { kind: 'rename', name, newName },
  };
}

/** The `## Fix safety` text the rename rules share. */
export const RENAME_FIX_SAFETY = `The fix renames the name and every reference to it in this file that means the same binding
(scope-aware: a same-named name of another scope is left alone; names are compared after NFKC
normalisation, as Python compares them). Parameters are also renamed at keyword arguments of calls
to the function in this file. A class member is renamed in the whole family of classes of the file
related by inheritance (overriding and overridden methods, \`super().name\`), through \`self\`,
\`cls\`, the class, and values the file shows to be of the class (constructed, annotated parameters
and variables, functions annotated to return it). Fields of dataclass, NamedTuple, TypedDict, attrs
and pydantic classes are also renamed at constructor keywords, \`replace()\`/\`_replace()\` copies
and, for a TypedDict, string keys of dicts the file shows to be one. A PEP 695 type parameter is
renamed with its uses. String \`Literal[...]\` values and \`Annotated\` metadata are left alone.

No fix is offered, and the code action says why, when the new name would be a keyword or
\`__debug__\`, already exists in that scope, would hide a builtin or a name used there, when the
file has syntax errors around it, or when the file cannot show every use of a member: an
attribute of that name read on a value of unknown class, a class deriving from a class defined
elsewhere (which may define or call the name: an override, an \`Enum\` member), the name as a
string (\`getattr\`, \`__slots__\`, keys), a field passed by keyword to code outside the file, or
field names read as data (\`asdict\`, \`_asdict\`, \`model_dump\`). The fix is unsafe all the same:
other modules may use the old name, and a record's \`repr\` shows its field names.`;
