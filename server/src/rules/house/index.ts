import type { OptionSection, Rule } from '../../engine/rule';
import { houseOptions } from './options';
import { callMissingKeyword } from './PCV701-call-missing-keyword';
import { callNamePattern } from './PCV702-call-name-pattern';
import { callOutsideWith } from './PCV703-call-outside-with';
import { missingCompanionDecorator } from './PCV704-missing-companion-decorator';

export const houseRules: Rule[] = [
  callMissingKeyword,
  callNamePattern,
  callOutsideWith,
  missingCompanionDecorator,
];

export const houseOptionSections: OptionSection[] = [houseOptions];
