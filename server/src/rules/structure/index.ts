import type { OptionSection, Rule } from '../../engine/rule';
import { structureOptionsSection } from './options';
import { functionTooLong } from './PCV601-function-too-long';
import { tooManyPositionalParams } from './PCV602-too-many-positional-params';
import { missingDunderAll } from './PCV603-missing-dunder-all';
import { futureAnnotationsFirst } from './PCV604-future-annotations-first';
import { tooManyArguments } from './PLR0913-too-many-arguments';
import { pylintOptions } from './pylint-options';
import { unusedNoqa } from './RUF100-unused-noqa';

export const structureRules: Rule[] = [
  functionTooLong,
  tooManyPositionalParams,
  missingDunderAll,
  futureAnnotationsFirst,
  tooManyArguments,
  unusedNoqa,
];

export const structureOptions: OptionSection[] = [structureOptionsSection, pylintOptions];
