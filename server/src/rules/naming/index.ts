import type { OptionSection, Rule } from '../../engine/rule';
import { invalidClassName } from './N801-invalid-class-name';
import { invalidFunctionName } from './N802-invalid-function-name';
import { invalidArgumentName } from './N803-invalid-argument-name';
import { invalidFirstArgumentNameForClassMethod } from './N804-invalid-first-argument-name-for-class-method';
import { invalidFirstArgumentNameForMethod } from './N805-invalid-first-argument-name-for-method';
import { nonLowercaseVariableInFunction } from './N806-non-lowercase-variable-in-function';
import { mixedCaseVariableInClassScope } from './N815-mixed-case-variable-in-class-scope';
import { mixedCaseVariableInGlobalScope } from './N816-mixed-case-variable-in-global-scope';
import { errorSuffixOnExceptionName } from './N818-error-suffix-on-exception-name';
import { invalidModuleName } from './N999-invalid-module-name';
import { pep8NamingOptions, pyconvNamingOptions } from './options';
import { moduleConstantCase } from './PCV101-module-constant-case';
import { boolPredicateName } from './PCV102-bool-predicate-name';
import { typeAliasCase } from './PCV103-type-alias-case';
import { typeVarName } from './PCV104-typevar-name';
import { testNaming } from './PCV105-test-naming';
import { privateModule } from './PCV106-private-module';

export const namingRules: Rule[] = [
  invalidClassName,
  invalidFunctionName,
  invalidArgumentName,
  invalidFirstArgumentNameForClassMethod,
  invalidFirstArgumentNameForMethod,
  nonLowercaseVariableInFunction,
  mixedCaseVariableInClassScope,
  mixedCaseVariableInGlobalScope,
  errorSuffixOnExceptionName,
  invalidModuleName,
  moduleConstantCase,
  boolPredicateName,
  typeAliasCase,
  typeVarName,
  testNaming,
  privateModule,
];

export const namingOptions: OptionSection[] = [pep8NamingOptions, pyconvNamingOptions];
