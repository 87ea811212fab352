import type { Area } from '@needlepoint/core/knowledge/knowledge.schema';
import type { Option } from './choices';
import type { Concern, Fitzpatrick, IntakeDraft, ListAnswer, TreatmentType, YesNo } from './intake-model';

/** Every question in plain words, by the record path it answers. */

export const sexOptions: Option<NonNullable<IntakeDraft['patient']['sexAtBirth']>>[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'intersex', label: 'Intersex' },
  { value: 'unknown', label: 'Prefer not to say / not sure' },
];

export const skinTypeOptions: Option<Fitzpatrick>[] = [
  { value: 'I', label: 'Type I', hint: 'Very fair skin. Always burns, never tans.' },
  { value: 'II', label: 'Type II', hint: 'Fair skin. Burns easily, tans a little.' },
  { value: 'III', label: 'Type III', hint: 'Medium skin. Sometimes burns, tans slowly.' },
  { value: 'IV', label: 'Type IV', hint: 'Olive or light brown skin. Rarely burns, tans easily.' },
  { value: 'V', label: 'Type V', hint: 'Brown skin. Very rarely burns.' },
  { value: 'VI', label: 'Type VI', hint: 'Dark brown or black skin. Never burns.' },
  { value: 'unknown', label: "I'm not sure", hint: 'Your provider will help at your visit.' },
];

export const concernLabels: Record<Concern, string> = {
  'acne-scars': 'Acne scars',
  'surgical-or-traumatic-scars': 'Scars from surgery or an injury',
  'burn-scars': 'Burn scars',
  'fine-lines-and-wrinkles': 'Fine lines and wrinkles',
  laxity: 'Loose or sagging skin',
  'enlarged-pores': 'Large pores',
  pigmentation: 'Dark spots or uneven colour',
  melasma: 'Melasma',
  'rosacea-redness': 'Redness or rosacea',
  vitiligo: 'Vitiligo',
  'hair-loss': 'Hair loss',
  'stretch-marks': 'Stretch marks',
  texture: 'Rough or uneven texture',
  other: 'Something else',
};

export const areaLabels: Record<Area, string> = {
  face: 'Face',
  perioral: 'Around the mouth',
  periorbital: 'Around the eyes',
  neck: 'Neck',
  chest: 'Chest',
  scalp: 'Scalp',
  hands: 'Hands',
  body: 'Body (for example tummy or thighs)',
};

export const treatmentLabels: Record<TreatmentType, string> = {
  neurotoxin: 'Anti-wrinkle injections (such as Botox)',
  filler: 'Dermal filler',
  'chemical-peel': 'Chemical peel',
  laser: 'Laser or light treatment',
  radiotherapy: 'Radiotherapy',
  microneedling: 'Microneedling',
  surgery: 'Surgery',
  other: 'Something else',
};

export const yesNoText: Record<YesNo, string> = { yes: 'Yes', no: 'No', unknown: 'Not sure' };

export interface Question {
  path: string;
  label: string;
  description?: string;
}

export const pregnancyQuestions: Question[] = [
  {
    path: 'pregnancy.pregnant',
    label: 'Are you pregnant, or could you be?',
    description: 'We ask everyone this question.',
  },
  { path: 'pregnancy.breastfeeding', label: 'Are you breastfeeding?' },
  {
    path: 'pregnancy.planningPregnancy',
    label: 'Are you planning a pregnancy in the next few months?',
    description: 'Optional.',
  },
];

export const skinQuestions: Question[] = [
  {
    path: 'skin.activeSkinInfection',
    label: 'Do you have a skin infection where you would like treatment?',
    description: 'For example impetigo, a fungal infection or an infected spot.',
  },
  { path: 'skin.currentColdSore', label: 'Do you have a cold sore right now?' },
  { path: 'skin.coldSoreHistory', label: 'Have you ever had cold sores?' },
  {
    path: 'skin.activeAcne',
    label: 'Do you have active acne in that area right now?',
    description: 'Red, swollen or pus-filled spots.',
  },
  {
    path: 'skin.keloidTendency',
    label: 'Do your scars tend to become raised and thick (keloids)?',
    description: 'For example after a cut, surgery or a piercing.',
  },
  { path: 'skin.eczemaPsoriasisFlare', label: 'Is eczema or psoriasis flaring up in that area right now?' },
  { path: 'skin.rosacea', label: 'Do you have rosacea?' },
  {
    path: 'skin.suspiciousLesionInArea',
    label: 'Is there a mole or spot in that area that has changed, bleeds or worries you?',
  },
  {
    path: 'skin.sunburnOrTan',
    label: 'Have you had sunburn or a tan in the last 4 weeks?',
    description: 'From the sun, a sunbed or fake tan.',
  },
];

export const vitiligoQuestion: Question = {
  path: 'skin.vitiligoChangingLast6Months',
  label: 'Has your vitiligo spread or changed in the last 6 months?',
};

export const healthQuestions: Question[] = [
  {
    path: 'health.bleedingDisorder',
    label: 'Do you have a bleeding or clotting problem, or bruise very easily?',
  },
  {
    path: 'health.immunosuppressed',
    label: 'Is your immune system weakened by an illness or a medicine?',
    description: 'For example after a transplant, or from steroid tablets.',
  },
  { path: 'health.diabetes', label: 'Do you have diabetes?' },
  {
    path: 'health.chemotherapy',
    label: 'Are you having chemotherapy, or have you had it in the last 6 months?',
  },
  {
    path: 'health.radiotherapyInArea',
    label: 'Have you ever had radiotherapy on the area you would like treated?',
  },
  {
    path: 'health.autoimmuneConnectiveTissueDisease',
    label: 'Do you have an autoimmune or connective tissue disease?',
    description: 'For example lupus, scleroderma or rheumatoid arthritis.',
  },
  {
    path: 'health.implantedElectronicDevice',
    label: 'Do you have a pacemaker or another electronic device in your body?',
  },
];

export const allergyQuestions: Question[] = [
  {
    path: 'health.metalAllergy',
    label: 'Are you allergic to any metal?',
    description: 'For example nickel in jewellery.',
  },
  {
    path: 'health.anestheticAllergy',
    label: 'Have you reacted badly to a numbing cream or a local anaesthetic?',
  },
];

export const listQuestions: Record<
  'medications' | 'conditions' | 'allergies' | 'recentTreatments',
  { label: string; description: string; options: Option<ListAnswer>[] }
> = {
  medications: {
    label: 'Do you take any medicines?',
    description:
      'Include tablets, injections, creams, the pill, vitamins and herbal remedies — and any you stopped in the last 12 months.',
    options: [
      { value: 'listed', label: 'Yes, I will list them' },
      { value: 'none', label: 'I take no medicines' },
      { value: 'unknown', label: "I'm not sure" },
    ],
  },
  conditions: {
    label: 'Do you have any health conditions, now or in the past?',
    description: 'For example asthma, high blood pressure, epilepsy or a heart condition.',
    options: [
      { value: 'listed', label: 'Yes, I will list them' },
      { value: 'none', label: 'No health conditions' },
      { value: 'unknown', label: "I'm not sure" },
    ],
  },
  allergies: {
    label: 'Do you have any other allergies?',
    description: 'For example to medicines, latex, plasters, foods or skin products.',
    options: [
      { value: 'listed', label: 'Yes, I will list them' },
      { value: 'none', label: 'No allergies' },
      { value: 'unknown', label: "I'm not sure" },
    ],
  },
  recentTreatments: {
    label: 'Have you had any skin treatments or operations?',
    description:
      'Anti-wrinkle injections, fillers, peels, laser, microneedling or surgery in the last 12 months, or radiotherapy at any time.',
    options: [
      { value: 'listed', label: 'Yes, I will list them' },
      { value: 'none', label: 'No treatments' },
      { value: 'unknown', label: "I'm not sure" },
    ],
  },
};
