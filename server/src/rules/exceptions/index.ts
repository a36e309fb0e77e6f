import type { OptionSection, Rule } from '../../engine/rule';
import { raiseWithoutFromInsideExcept } from './B904-raise-without-from-inside-except';
import { blindExcept } from './BLE001-blind-except';
import { bareExcept } from './E722-bare-except';
import { fixedSleepRetry } from './PCV401-fixed-sleep-retry';
import { uncappedRetryLoop } from './PCV402-uncapped-retry-loop';
import { exceptionOptions, genericExceptionInPublicApi } from './PCV403-generic-exception-in-public-api';
import { pytestRaisesTooBroad, pytestStyleOptions } from './PT011-pytest-raises-too-broad';
import { raiseVanillaClass } from './TRY002-raise-vanilla-class';

export const exceptionsRules: Rule[] = [
  bareExcept,
  blindExcept,
  raiseWithoutFromInsideExcept,
  raiseVanillaClass,
  fixedSleepRetry,
  uncappedRetryLoop,
  genericExceptionInPublicApi,
  pytestRaisesTooBroad,
];

export const exceptionsOptions: OptionSection[] = [pytestStyleOptions, exceptionOptions];
