import type { OptionSection, Rule } from '../../engine/rule';
import { missingTypeFunctionArgument } from './ANN001-missing-type-function-argument';
import { missingTypeArgs } from './ANN002-missing-type-args';
import { missingTypeKwargs } from './ANN003-missing-type-kwargs';
import { missingReturnTypeUndocumentedPublicFunction } from './ANN201-missing-return-type-undocumented-public-function';
import { missingReturnTypePrivateFunction } from './ANN202-missing-return-type-private-function';
import { missingReturnTypeSpecialMethod } from './ANN204-missing-return-type-special-method';
import { missingReturnTypeStaticMethod } from './ANN205-missing-return-type-static-method';
import { missingReturnTypeClassMethod } from './ANN206-missing-return-type-class-method';
import { anyType } from './ANN401-any-type';
import { flake8AnnotationsOptions } from './options';
import { classAttributeAnnotation } from './PCV201-class-attribute-annotation';

export const annotationsRules: Rule[] = [
  missingTypeFunctionArgument,
  missingTypeArgs,
  missingTypeKwargs,
  missingReturnTypeUndocumentedPublicFunction,
  missingReturnTypePrivateFunction,
  missingReturnTypeSpecialMethod,
  missingReturnTypeStaticMethod,
  missingReturnTypeClassMethod,
  anyType,
  classAttributeAnnotation,
];

export const annotationsOptions: OptionSection[] = [flake8AnnotationsOptions];
