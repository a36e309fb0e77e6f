import type { Rule } from '../../engine/rule';
import { undefinedName } from './F821-undefined-name';
import { unusedVariable } from './F841-unused-variable';

export const bindingsRules: Rule[] = [undefinedName, unusedVariable];
