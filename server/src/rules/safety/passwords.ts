import type { Node } from '../../engine/types';
import { stringLiteralValue, unparenthesize } from './syntax';

/** Bandit's and Ruff's password-like name test: `password`, `passwd`, `pwd`, `token`, `secret`, ... as a `_`-separated part. */
const PASSWORD_NAME = /(^|_)(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)($|_)/i;

export function isPasswordName(name: string): boolean {
  return PASSWORD_NAME.test(name);
}

/** A plain string literal with a non-empty value. */
export function isNonEmptyString(node: Node): boolean {
  const value = stringLiteralValue(node);
  return value !== undefined && value.length > 0;
}

/** The password-like name an assignment or comparison target carries: `password`, `d["token"]`, `self.secret`. */
export function passwordTarget(target: Node): string | undefined {
  const node = unparenthesize(target);
  let name: string | undefined;
  if (node.type === 'identifier') name = node.text;
  else if (node.type === 'attribute') name = node.childForFieldName('attribute')?.text;
  else if (node.type === 'subscript') {
    const items = node.childrenForFieldName('subscript').filter((c): c is Node => !!c);
    if (items.length === 1) name = stringLiteralValue(items[0]);
  }
  return name !== undefined && isPasswordName(name) ? name : undefined;
}

export const PASSWORD_DOC_WHY = `Guide 002: "No secrets in code or repo. Use env vars or a secret manager." A credential in the
source is visible to everyone with access to the repository and its history.`;
