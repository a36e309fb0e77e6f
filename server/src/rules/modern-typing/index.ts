import type { OptionSection, Rule } from '../../engine/rule';
import { nonPep585Annotation } from './UP006-non-pep585-annotation';
import { nonPep604AnnotationUnion } from './UP007-non-pep604-annotation-union';
import { deprecatedImport } from './UP035-deprecated-import';
import { nonPep604AnnotationOptional } from './UP045-non-pep604-annotation-optional';

export const modernTypingRules: Rule[] = [
  nonPep604AnnotationOptional,
  nonPep604AnnotationUnion,
  nonPep585Annotation,
  deprecatedImport,
];

export const modernTypingOptions: OptionSection[] = [];
