import type { Rule } from '../../engine/rule';
import { undefinedName } from './F821-undefined-name';
import { unusedVariable } from './F841-unused-variable';
import { globalVariableNotAssigned } from './PLW0602-global-variable-not-assigned';

export const bindingsRules: Rule[] = [undefinedName, unusedVariable, globalVariableNotAssigned];
