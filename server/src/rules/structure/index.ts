import type { OptionSection, Rule } from '../../engine/rule';

export const structureRules: Rule[] = [];

export const structureOptions: OptionSection[] = [];
