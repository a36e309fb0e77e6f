import type { OptionSection, Rule } from '../../engine/rule';

export const annotationsRules: Rule[] = [];

export const annotationsOptions: OptionSection[] = [];
