import type { OptionSection, Rule } from '../../engine/rule';

export const safetyRules: Rule[] = [];

export const safetyOptions: OptionSection[] = [];
