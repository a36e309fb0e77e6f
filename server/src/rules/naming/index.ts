import type { OptionSection, Rule } from '../../engine/rule';
import { invalidClassName } from './N801-invalid-class-name';

export const namingRules: Rule[] = [invalidClassName];

export const namingOptions: OptionSection[] = [];
