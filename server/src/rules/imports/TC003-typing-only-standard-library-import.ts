import type { FileRule } from '../../engine/rule';
import { prepareTypingOnlyImports, TYPING_ONLY_DOC, typingOnlyImports } from './type-checking-imports';

export const typingOnlyStandardLibraryImport: FileRule = {
  kind: 'file',
  meta: {
    code: 'TC003',
    name: 'typing-only-standard-library-import',
    summary: 'Standard-library imports used only in type annotations go under `if TYPE_CHECKING:`.',
    seeds: ['004'],
    defaultEnabled: false,
    fix: 'none',
    doc: TYPING_ONLY_DOC('standard library', { importLine: 'import pathlib', type: 'pathlib.Path' }),
  },
  prepare: prepareTypingOnlyImports,
  check(ctx) {
    for (const found of typingOnlyImports(ctx)) {
      if (found.kind !== 'standard-library') continue;
      ctx.report(
        found.at,
        `Move standard library import \`${found.qualifiedName}\` into a type-checking block`,
      );
    }
  },
};
