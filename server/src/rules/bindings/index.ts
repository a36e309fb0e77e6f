import type { Rule } from '../../engine/rule';
import { redefinedWhileUnused } from './F811-redefined-while-unused';
import { undefinedName } from './F821-undefined-name';
import { unusedVariable } from './F841-unused-variable';
import { globalVariableNotAssigned } from './PLW0602-global-variable-not-assigned';

export const bindingsRules: Rule[] = [
  redefinedWhileUnused,
  undefinedName,
  unusedVariable,
  globalVariableNotAssigned,
];
