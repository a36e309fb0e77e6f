/**
 * Naming predicates shared by the naming rules. They follow Ruff's definitions (crates
 * `ruff_python_stdlib::str` and `pep8_naming::helpers`) character for character, Unicode included,
 * so that the N rules flag exactly what Ruff flags.
 */

import { PYTHON_KEYWORDS } from '../../analysis/rename';

const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const ALPHA = /\p{Alphabetic}/u;

/**
 * Python reads identifiers in NFKC form (PEP 3131), and so does Ruff: `ǅx` is `Džx` and `ªb` is
 * `ab`. Every predicate below judges the normalized name.
 */
export function normalizeIdentifier(name: string): string {
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) > 0x7f) return name.normalize('NFKC');
  }
  return name;
}

export function stripUnderscores(name: string): string {
  return name.replace(/^_+|_+$/g, '');
}

/** No cased letter other than lowercase ones: `snake_case`, `_x1`, `__init__` (Ruff's `is_lowercase`). */
export function isLowercase(name: string): boolean {
  name = normalizeIdentifier(name);
  for (const c of name) {
    if (ALPHA.test(c) && !LOWER.test(c)) return false;
  }
  return true;
}

/** No letter other than uppercase ones: `MAX_SIZE`, `_X1` (Ruff's `is_uppercase`). */
export function isUppercase(name: string): boolean {
  name = normalizeIdentifier(name);
  for (const c of name) {
    if (ALPHA.test(c) && !UPPER.test(c)) return false;
  }
  return true;
}

/** At least one lowercase letter and no uppercase one (Ruff's `is_cased_lowercase`). */
export function isCasedLowercase(name: string): boolean {
  name = normalizeIdentifier(name);
  let cased = false;
  for (const c of name) {
    if (UPPER.test(c)) return false;
    if (LOWER.test(c)) cased = true;
  }
  return cased;
}

/** `mixedCase`, `_mixed_Case`: not all lowercase and the first letter after one `_` is lowercase. */
export function isMixedCase(name: string): boolean {
  name = normalizeIdentifier(name);
  if (isCasedLowercase(name)) return false;
  const rest = name.startsWith('_') ? name.slice(1) : name;
  const first = String.fromCodePoint(rest.codePointAt(0) ?? 0);
  return rest.length > 0 && LOWER.test(first);
}

/**
 * CapWords as Ruff's N801 reads it: after leading underscores, an uppercase first letter and no
 * further underscore (`_Private` yes, `Foo_` and `foo` no).
 */
export function isCapWords(name: string): boolean {
  const stripped = normalizeIdentifier(name).replace(/^_+/, '');
  if (stripped === '') return false;
  const first = String.fromCodePoint(stripped.codePointAt(0) ?? 0);
  return UPPER.test(first) && !stripped.includes('_');
}

/** `UPPER_SNAKE_CASE` with at least one letter: `MAX_SIZE`, `_TIMEOUT_S`, `V2`. */
export function isUpperSnakeCase(name: string): boolean {
  return isUppercase(name) && ALPHA.test(name);
}

/** A module name as pep8-naming wants it: ASCII lowercase letters, digits, `_`; no leading digit; no keyword. */
export function isModuleName(name: string): boolean {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** Django/Alembic migrations (`0001_initial`) may start with a digit. */
export function isMigrationName(name: string): boolean {
  return /^[a-z0-9_]+$/.test(name) && !PYTHON_KEYWORDS.has(name);
}
