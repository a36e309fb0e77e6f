import type { OptionSection, Rule } from '../../engine/rule';
import { unusedImport } from './F401-unused-import';
import { importStar } from './F403-import-star';
import { unsortedImports } from './I001-unsorted-imports';
import { missingRequiredImport } from './I002-missing-required-import';
import { isortOptions } from './isort/settings';
import { typingOnlyFirstPartyImport } from './TC001-typing-only-first-party-import';
import { typingOnlyThirdPartyImport } from './TC002-typing-only-third-party-import';
import { typingOnlyStandardLibraryImport } from './TC003-typing-only-standard-library-import';
import { bannedApi } from './TID251-banned-api';
import { relativeImports } from './TID252-relative-imports';
import { tidyImportsOptions } from './tidy-settings';

export const importsRules: Rule[] = [
  unsortedImports,
  missingRequiredImport,
  unusedImport,
  importStar,
  relativeImports,
  bannedApi,
  typingOnlyFirstPartyImport,
  typingOnlyThirdPartyImport,
  typingOnlyStandardLibraryImport,
];

export const importsOptions: OptionSection[] = [isortOptions, tidyImportsOptions];
