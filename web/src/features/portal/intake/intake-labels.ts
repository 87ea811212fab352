import { areas, type Area } from '@needlepoint/core/knowledge/knowledge.schema';
import type { MessageKey } from '../../../i18n/i18n';
import type { Option } from './choices';
import type { Concern, Fitzpatrick, IntakeDraft, ListAnswer, TreatmentType, YesNo } from './intake-model';

/**
 * Every question by the record path it answers, with its words as keys of the `intake` catalog
 * (`web/src/i18n/intake/{en,es}.json`), shown in the patient's language where it is displayed.
 */

export const sexOptions: Option<NonNullable<IntakeDraft['patient']['sexAtBirth']>>[] = [
  { value: 'female', label: 'intake.sex.female' },
  { value: 'male', label: 'intake.sex.male' },
  { value: 'intersex', label: 'intake.sex.intersex' },
  { value: 'unknown', label: 'intake.sex.unknown' },
];

export const skinTypeOptions: Option<Fitzpatrick>[] = [
  { value: 'I', label: 'intake.skinType.I', hint: 'intake.skinType.I.hint' },
  { value: 'II', label: 'intake.skinType.II', hint: 'intake.skinType.II.hint' },
  { value: 'III', label: 'intake.skinType.III', hint: 'intake.skinType.III.hint' },
  { value: 'IV', label: 'intake.skinType.IV', hint: 'intake.skinType.IV.hint' },
  { value: 'V', label: 'intake.skinType.V', hint: 'intake.skinType.V.hint' },
  { value: 'VI', label: 'intake.skinType.VI', hint: 'intake.skinType.VI.hint' },
  { value: 'unknown', label: 'intake.skinType.unknown', hint: 'intake.skinType.unknown.hint' },
];

export const concernLabels: Record<Concern, MessageKey> = {
  'acne-scars': 'intake.concern.acne-scars',
  'surgical-or-traumatic-scars': 'intake.concern.surgical-or-traumatic-scars',
  'burn-scars': 'intake.concern.burn-scars',
  'fine-lines-and-wrinkles': 'intake.concern.fine-lines-and-wrinkles',
  laxity: 'intake.concern.laxity',
  'enlarged-pores': 'intake.concern.enlarged-pores',
  pigmentation: 'intake.concern.pigmentation',
  melasma: 'intake.concern.melasma',
  'rosacea-redness': 'intake.concern.rosacea-redness',
  vitiligo: 'intake.concern.vitiligo',
  'hair-loss': 'intake.concern.hair-loss',
  'stretch-marks': 'intake.concern.stretch-marks',
  texture: 'intake.concern.texture',
  other: 'intake.concern.other',
};

export const areaLabels: Record<Area, MessageKey> = {
  face: 'intake.area.face',
  perioral: 'intake.area.perioral',
  periorbital: 'intake.area.periorbital',
  neck: 'intake.area.neck',
  chest: 'intake.area.chest',
  scalp: 'intake.area.scalp',
  hands: 'intake.area.hands',
  body: 'intake.area.body',
};

/** The body areas as choices, labelled in the patient's language. */
export const areaOptions = areas.map((value) => ({ value, label: areaLabels[value] }));

export const treatmentLabels: Record<TreatmentType, MessageKey> = {
  neurotoxin: 'intake.treatment.neurotoxin',
  filler: 'intake.treatment.filler',
  'chemical-peel': 'intake.treatment.chemical-peel',
  laser: 'intake.treatment.laser',
  radiotherapy: 'intake.treatment.radiotherapy',
  microneedling: 'intake.treatment.microneedling',
  surgery: 'intake.treatment.surgery',
  other: 'intake.treatment.other',
};

export const yesNoText: Record<YesNo, MessageKey> = {
  yes: 'intake.yes',
  no: 'intake.no',
  unknown: 'intake.notSure',
};

export interface Question {
  path: string;
  label: MessageKey;
  description?: MessageKey;
}

export const pregnancyQuestions: Question[] = [
  { path: 'pregnancy.pregnant', label: 'intake.q.pregnant', description: 'intake.q.pregnant.description' },
  { path: 'pregnancy.breastfeeding', label: 'intake.q.breastfeeding' },
  {
    path: 'pregnancy.planningPregnancy',
    label: 'intake.q.planningPregnancy',
    description: 'intake.q.optional',
  },
];

export const skinQuestions: Question[] = [
  {
    path: 'skin.activeSkinInfection',
    label: 'intake.q.activeSkinInfection',
    description: 'intake.q.activeSkinInfection.description',
  },
  { path: 'skin.currentColdSore', label: 'intake.q.currentColdSore' },
  { path: 'skin.coldSoreHistory', label: 'intake.q.coldSoreHistory' },
  { path: 'skin.activeAcne', label: 'intake.q.activeAcne', description: 'intake.q.activeAcne.description' },
  {
    path: 'skin.keloidTendency',
    label: 'intake.q.keloidTendency',
    description: 'intake.q.keloidTendency.description',
  },
  { path: 'skin.eczemaPsoriasisFlare', label: 'intake.q.eczemaPsoriasisFlare' },
  { path: 'skin.rosacea', label: 'intake.q.rosacea' },
  { path: 'skin.suspiciousLesionInArea', label: 'intake.q.suspiciousLesionInArea' },
  {
    path: 'skin.sunburnOrTan',
    label: 'intake.q.sunburnOrTan',
    description: 'intake.q.sunburnOrTan.description',
  },
];

export const vitiligoQuestion: Question = {
  path: 'skin.vitiligoChangingLast6Months',
  label: 'intake.q.vitiligoChanging',
};

export const healthQuestions: Question[] = [
  { path: 'health.bleedingDisorder', label: 'intake.q.bleedingDisorder' },
  {
    path: 'health.immunosuppressed',
    label: 'intake.q.immunosuppressed',
    description: 'intake.q.immunosuppressed.description',
  },
  { path: 'health.diabetes', label: 'intake.q.diabetes' },
  { path: 'health.chemotherapy', label: 'intake.q.chemotherapy' },
  { path: 'health.radiotherapyInArea', label: 'intake.q.radiotherapyInArea' },
  {
    path: 'health.autoimmuneConnectiveTissueDisease',
    label: 'intake.q.autoimmune',
    description: 'intake.q.autoimmune.description',
  },
  { path: 'health.implantedElectronicDevice', label: 'intake.q.implantedDevice' },
];

export const allergyQuestions: Question[] = [
  {
    path: 'health.metalAllergy',
    label: 'intake.q.metalAllergy',
    description: 'intake.q.metalAllergy.description',
  },
  { path: 'health.anestheticAllergy', label: 'intake.q.anestheticAllergy' },
];

const listOptions = (none: MessageKey): Option<ListAnswer>[] => [
  { value: 'listed', label: 'intake.list.listed' },
  { value: 'none', label: none },
  { value: 'unknown', label: 'intake.imNotSure' },
];

export const listQuestions: Record<
  'medications' | 'conditions' | 'allergies' | 'recentTreatments',
  { label: MessageKey; description: MessageKey; options: Option<ListAnswer>[] }
> = {
  medications: {
    label: 'intake.list.medications',
    description: 'intake.list.medications.description',
    options: listOptions('intake.list.medications.none'),
  },
  conditions: {
    label: 'intake.list.conditions',
    description: 'intake.list.conditions.description',
    options: listOptions('intake.list.conditions.none'),
  },
  allergies: {
    label: 'intake.list.allergies',
    description: 'intake.list.allergies.description',
    options: listOptions('intake.list.allergies.none'),
  },
  recentTreatments: {
    label: 'intake.list.treatments',
    description: 'intake.list.treatments.description',
    options: listOptions('intake.list.treatments.none'),
  },
};
