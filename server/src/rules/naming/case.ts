/** Naming predicates shared by the naming rules (pep8-naming's definitions). */

export function stripUnderscores(name: string): string {
  return name.replace(/^_+|_+$/g, '');
}

export function isCapWords(name: string): boolean {
  const first = name.charAt(0);
  return first === first.toUpperCase() && first !== first.toLowerCase() && !name.includes('_');
}
