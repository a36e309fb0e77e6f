import type { OptionSection, Rule } from '../../engine/rule';
import { collapsibleIf, pycodestyleOptions } from './SIM102-collapsible-if';

export const simplifyRules: Rule[] = [collapsibleIf];

export const simplifyOptions: OptionSection[] = [pycodestyleOptions];
