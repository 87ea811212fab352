import { allergenConcepts } from './allergens';
import { bodySiteConcepts } from './body-sites';
import { conditionConcepts, negatingConditionTerms } from './conditions';
import { antithromboticDrugs } from './drugs-antithrombotic';
import { skinAndImmuneDrugs } from './drugs-skin-immune';
import type { Knowledge } from './knowledge.schema';
import { procedureConcepts } from './procedures';
import { healthRules } from './rules-health';
import { medicationRules } from './rules-medication';
import { skinRules } from './rules-skin';
import { sources } from './sources';

/** Bump on any change to a rule, vocabulary entry or source; screening results record it. */
export const knowledgeVersion = '2026.11.25-1';

/** The clinical knowledge base: rules, vocabularies and sources, all data. */
export const clinicalKnowledge: Knowledge = {
  version: knowledgeVersion,
  rules: [...skinRules, ...healthRules, ...medicationRules],
  sources,
  drugs: [...antithromboticDrugs, ...skinAndImmuneDrugs],
  conditions: conditionConcepts,
  conditionNegations: negatingConditionTerms,
  allergens: allergenConcepts,
  procedures: procedureConcepts,
  bodySites: bodySiteConcepts,
};
