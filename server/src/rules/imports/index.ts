import type { OptionSection, Rule } from '../../engine/rule';

export const importsRules: Rule[] = [];

export const importsOptions: OptionSection[] = [];
