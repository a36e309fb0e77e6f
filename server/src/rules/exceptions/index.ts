import type { OptionSection, Rule } from '../../engine/rule';

export const exceptionsRules: Rule[] = [];

export const exceptionsOptions: OptionSection[] = [];
