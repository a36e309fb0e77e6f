import type { UnitContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { importedName, qualifiedName } from '../safety/syntax';

/** The qualified name a callee or decorator refers to, builtins by their bare name (`classmethod`). */
export function calleeName(callee: Node, ctx: UnitContext): string | undefined {
  const name = importedName(callee, ctx) ?? qualifiedName(callee, ctx);
  return name?.startsWith('builtins.') ? name.slice('builtins.'.length) : name;
}
