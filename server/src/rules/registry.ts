import type { OptionSection, Rule } from '../engine/rule';
import type { RuleMeta } from '../engine/types';
import { annotationsOptions, annotationsRules } from './annotations';
import { bindingsRules } from './bindings';
import { docstringsOptions, docstringsRules } from './docstrings';
import { exceptionsOptions, exceptionsRules } from './exceptions';
import { houseOptionSections, houseRules } from './house';
import { importsOptions, importsRules } from './imports';
import { modernTypingOptions, modernTypingRules } from './modern-typing';
import { namingOptions, namingRules } from './naming';
import { safetyOptions, safetyRules } from './safety';
import { simplifyOptions, simplifyRules } from './simplify';
import { structureOptions, structureRules } from './structure';

/** Every rule pyconv has, in catalogue order. The README table and hover docs come from here. */
export const allRules: readonly Rule[] = [
  ...namingRules,
  ...annotationsRules,
  ...modernTypingRules,
  ...docstringsRules,
  ...exceptionsRules,
  ...importsRules,
  ...bindingsRules,
  ...safetyRules,
  ...simplifyRules,
  ...structureRules,
  ...houseRules,
];

const byCode = new Map(allRules.map((rule) => [rule.meta.code, rule]));

export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code);
}

export const allRuleMetas: readonly RuleMeta[] = allRules.map((rule) => rule.meta);

/** Where a rule's documentation lives; used as the diagnostics' `codeDescription`. */
export function ruleDocUrl(code: string): string {
  return `https://github.com/pyconv/pyconv/blob/main/docs/rules/${code}.md`;
}

/** Every rule option sub-table (`[tool.pyconv.<name>]`). */
export const allOptionSections: readonly OptionSection[] = [
  ...namingOptions,
  ...annotationsOptions,
  ...modernTypingOptions,
  ...docstringsOptions,
  ...exceptionsOptions,
  ...importsOptions,
  ...safetyOptions,
  ...simplifyOptions,
  ...structureOptions,
  ...houseOptionSections,
];
