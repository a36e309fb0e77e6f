import type { OptionSection, Rule } from '../../engine/rule';

export const docstringsRules: Rule[] = [];

export const docstringsOptions: OptionSection[] = [];
