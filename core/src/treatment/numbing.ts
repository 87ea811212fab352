import type { EvidenceLevel } from '../knowledge/knowledge.schema';
import type { Numbing, NumbingProduct } from './record';

/**
 * Numbing limits as data (evidence.md section 3). Exceeding one is a warning for the provider, never a block:
 * the provider decides and the warning is charted with its source.
 */

export type NumbingMeasure = 'amountG' | 'areaCm2' | 'minutes';

export interface NumbingLimitRule {
  id: string;
  /** `label`: the product's labelled limit; `clinic`: the clinic's own per-session limit. */
  kind: 'label' | 'clinic';
  products: readonly NumbingProduct[] | 'any';
  measure: NumbingMeasure;
  max: number;
  why: string;
  sources: string[];
  evidenceLevel: EvidenceLevel;
}

export interface NumbingNoticeRule {
  id: string;
  when: 'compounded' | 'occlusion-unprescribed' | 'not-removed';
  why: string;
  sources: string[];
  evidenceLevel: EvidenceLevel;
}

export const labelledNumbingLimits: readonly NumbingLimitRule[] = [
  {
    id: 'NUMB-EMLA-MAX-AMOUNT',
    kind: 'label',
    products: ['lidocaine-prilocaine-2.5-2.5'],
    measure: 'amountG',
    max: 60,
    why: 'Lidocaine/prilocaine 2.5%/2.5%: about 60 g is the labelled maximum for large areas in adults (UK SmPC, verify)',
    sources: ['S71'],
    evidenceLevel: 'expert',
  },
  {
    id: 'NUMB-EMLA-MAX-AREA',
    kind: 'label',
    products: ['lidocaine-prilocaine-2.5-2.5'],
    measure: 'areaCm2',
    max: 600,
    why: 'Lidocaine/prilocaine 2.5%/2.5%: about 600 cm² is the labelled maximum area in adults (UK SmPC, verify)',
    sources: ['S71'],
    evidenceLevel: 'expert',
  },
  {
    id: 'NUMB-EMLA-MAX-TIME',
    kind: 'label',
    products: ['lidocaine-prilocaine-2.5-2.5'],
    measure: 'minutes',
    max: 180,
    why: 'Lidocaine/prilocaine label: analgesia deepens for up to 3 h under occlusion; longer contact only adds absorption',
    sources: ['S71'],
    evidenceLevel: 'guideline',
  },
  {
    id: 'NUMB-COMPOUNDED-23-7-TIME',
    kind: 'label',
    products: ['lidocaine-tetracaine-23-7', 'bl-t-compounded'],
    measure: 'minutes',
    max: 120,
    why: 'Compounded high-strength anaesthetic: serum lidocaine was measured up to 3.4 µg/mL after 2 h on the whole face; do not exceed that exposure',
    sources: ['S69', 'S67'],
    evidenceLevel: 'series',
  },
];

export interface ClinicNumbingLimits {
  maxAmountG: number;
  maxAreaCm2: number;
  maxMinutes: number;
}

/** Defaults for the clinic's per-session limits ("total area limit per session, clinic-configurable", evidence.md 3). */
export const defaultClinicNumbingLimits: ClinicNumbingLimits = {
  maxAmountG: 30,
  maxAreaCm2: 400,
  maxMinutes: 90,
};

const clinicLimitSources = ['S67', 'S70'];

export function clinicNumbingRules(limits: ClinicNumbingLimits): NumbingLimitRule[] {
  const rule = (id: string, measure: NumbingMeasure, max: number, what: string): NumbingLimitRule => ({
    id,
    kind: 'clinic',
    products: 'any',
    measure,
    max,
    why: `The clinic's limit per session is ${what}: risk grows with amount, surface area and contact time`,
    sources: clinicLimitSources,
    evidenceLevel: 'guideline',
  });
  return [
    rule('NUMB-CLINIC-MAX-AMOUNT', 'amountG', limits.maxAmountG, `${limits.maxAmountG} g`),
    rule('NUMB-CLINIC-MAX-AREA', 'areaCm2', limits.maxAreaCm2, `${limits.maxAreaCm2} cm²`),
    rule('NUMB-CLINIC-MAX-TIME', 'minutes', limits.maxMinutes, `${limits.maxMinutes} minutes on the skin`),
  ];
}

export const numbingNotices: readonly NumbingNoticeRule[] = [
  {
    id: 'NUMB-COMPOUNDED-SUPERVISION',
    when: 'compounded',
    why: 'Compounded anaesthetic: apply only under on-site supervision; most reported harms involved compounded high-strength products',
    sources: ['S67', 'S68'],
    evidenceLevel: 'expert',
  },
  {
    id: 'NUMB-OCCLUSION-UNPRESCRIBED',
    when: 'occlusion-unprescribed',
    why: 'Occlusion (plastic wrap) or heat increases absorption: use it only when prescribed',
    sources: ['S70'],
    evidenceLevel: 'guideline',
  },
  {
    id: 'NUMB-NOT-REMOVED',
    when: 'not-removed',
    why: 'Remove the anaesthetic fully and prepare the skin before needling; chart the time it was removed',
    sources: ['S69'],
    evidenceLevel: 'expert',
  },
];

export interface NumbingWarning {
  ruleId: string;
  kind: 'label' | 'clinic' | 'notice';
  measure: NumbingMeasure | null;
  value: number | null;
  limit: number | null;
  message: string;
  sources: string[];
  evidenceLevel: EvidenceLevel;
}

const units: Record<NumbingMeasure, string> = { amountG: 'g', areaCm2: 'cm²', minutes: 'minutes' };
const compounded: readonly NumbingProduct[] = ['bl-t-compounded', 'lidocaine-tetracaine-23-7'];

/** Minutes between application and removal; null when either time is missing or they are out of order. */
export function numbingMinutes(numbing: Pick<Numbing, 'appliedAt' | 'removedAt'>): number | null {
  if (!numbing.appliedAt || !numbing.removedAt) return null;
  const ms = Date.parse(numbing.removedAt) - Date.parse(numbing.appliedAt);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 60000) : null;
}

/**
 * Every limit the charted numbing exceeds (labelled limits of the product and the clinic's per-session limits),
 * plus notices for compounded products, unprescribed occlusion and an anaesthetic not yet removed.
 */
export function checkNumbing(
  numbing: Numbing,
  clinicLimits: ClinicNumbingLimits = defaultClinicNumbingLimits,
): NumbingWarning[] {
  const values: Record<NumbingMeasure, number | null> = {
    amountG: numbing.amountG,
    areaCm2: numbing.areaCm2,
    minutes: numbingMinutes(numbing),
  };
  const warnings: NumbingWarning[] = [];
  for (const rule of [...labelledNumbingLimits, ...clinicNumbingRules(clinicLimits)]) {
    if (rule.products !== 'any' && !rule.products.includes(numbing.product)) continue;
    const value = values[rule.measure];
    if (value === null || value <= rule.max) continue;
    warnings.push({
      ruleId: rule.id,
      kind: rule.kind,
      measure: rule.measure,
      value,
      limit: rule.max,
      message: `${value} ${units[rule.measure]} is above ${rule.kind === 'label' ? 'the labelled' : "the clinic's"} limit of ${rule.max} ${units[rule.measure]}. ${rule.why}.`,
      sources: rule.sources,
      evidenceLevel: rule.evidenceLevel,
    });
  }
  for (const notice of numbingNotices) {
    const applies =
      (notice.when === 'compounded' && compounded.includes(numbing.product)) ||
      (notice.when === 'occlusion-unprescribed' && numbing.occlusion && !numbing.occlusionPrescribed) ||
      (notice.when === 'not-removed' && numbing.appliedAt !== null && numbing.removedAt === null);
    if (!applies) continue;
    warnings.push({
      ruleId: notice.id,
      kind: 'notice',
      measure: null,
      value: null,
      limit: null,
      message: `${notice.why}.`,
      sources: notice.sources,
      evidenceLevel: notice.evidenceLevel,
    });
  }
  return warnings;
}
