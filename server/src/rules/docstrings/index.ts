import type { OptionSection, Rule } from '../../engine/rule';
import { undocumentedPublicModule } from './D100-undocumented-public-module';
import { undocumentedPublicClass } from './D101-undocumented-public-class';
import { undocumentedPublicMethod } from './D102-undocumented-public-method';
import { undocumentedPublicFunction } from './D103-undocumented-public-function';
import { undocumentedPublicPackage } from './D104-undocumented-public-package';
import { undocumentedMagicMethod } from './D105-undocumented-magic-method';
import { undocumentedPublicNestedClass } from './D106-undocumented-public-nested-class';
import { undocumentedPublicInit } from './D107-undocumented-public-init';
import { undocumentedParam } from './D417-undocumented-param';
import { docstringMissingReturns } from './DOC201-docstring-missing-returns';
import { docstringMissingYields } from './DOC402-docstring-missing-yields';
import { docstringMissingException } from './DOC501-docstring-missing-exception';
import { docstringExtraneousException } from './DOC502-docstring-extraneous-exception';
import { docstringOptions, pydoclintOptions, pydocstyleOptions } from './options';
import { googleSectionLayout } from './PCV301-google-section-layout';

export const docstringsRules: Rule[] = [
  undocumentedPublicModule,
  undocumentedPublicClass,
  undocumentedPublicMethod,
  undocumentedPublicFunction,
  undocumentedPublicPackage,
  undocumentedMagicMethod,
  undocumentedPublicNestedClass,
  undocumentedPublicInit,
  undocumentedParam,
  docstringMissingReturns,
  docstringMissingYields,
  docstringMissingException,
  docstringExtraneousException,
  googleSectionLayout,
];

export const docstringsOptions: OptionSection[] = [pydocstyleOptions, pydoclintOptions, docstringOptions];
