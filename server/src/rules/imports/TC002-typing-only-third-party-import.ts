import type { FileRule } from '../../engine/rule';
import { prepareTypingOnlyImports, TYPING_ONLY_DOC, typingOnlyImports } from './type-checking-imports';

export const typingOnlyThirdPartyImport: FileRule = {
  kind: 'file',
  meta: {
    code: 'TC002',
    name: 'typing-only-third-party-import',
    summary: 'Third-party imports used only in type annotations go under `if TYPE_CHECKING:`.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: TYPING_ONLY_DOC('third-party', { importLine: 'import pandas', type: 'pandas.DataFrame' }),
  },
  prepare: prepareTypingOnlyImports,
  check(ctx) {
    for (const found of typingOnlyImports(ctx)) {
      if (found.kind !== 'third-party') continue;
      ctx.report(found.at, `Move third-party import \`${found.qualifiedName}\` into a type-checking block`);
    }
  },
};
