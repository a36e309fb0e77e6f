import type { OptionSection, Rule } from '../../engine/rule';

export const modernTypingRules: Rule[] = [];

export const modernTypingOptions: OptionSection[] = [];
