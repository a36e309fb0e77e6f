import type { FileRule } from '../../engine/rule';
import { prepareTypingOnlyImports, TYPING_ONLY_DOC, typingOnlyImports } from './type-checking-imports';

export const typingOnlyFirstPartyImport: FileRule = {
  kind: 'file',
  meta: {
    code: 'TC001',
    name: 'typing-only-first-party-import',
    summary: 'Application imports used only in type annotations go under `if TYPE_CHECKING:`.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: TYPING_ONLY_DOC('application', { importLine: 'from .models import Config', type: 'Config' }),
  },
  prepare: prepareTypingOnlyImports,
  check(ctx) {
    for (const found of typingOnlyImports(ctx)) {
      if (found.kind !== 'first-party') continue;
      ctx.report(found.at, `Move application import \`${found.qualifiedName}\` into a type-checking block`);
    }
  },
};
