import { z } from 'zod';

/** The shape of the clinical knowledge base. Rules are data; the engine in `screening/` interprets them. */

export const findingCodes = [
  'ACTIVE_SKIN_INFECTION',
  'ACTIVE_HSV',
  'HSV_HISTORY',
  'ACTIVE_ACNE',
  'KELOID_TENDENCY',
  'BLEEDING_DISORDER',
  'PREGNANCY',
  'BREASTFEEDING',
  'IMMUNOSUPPRESSION',
  'DIABETES',
  'UNCONTROLLED_DIABETES',
  'CHEMOTHERAPY',
  'ACTIVE_MALIGNANCY',
  'RADIOTHERAPY_AREA',
  'DERMATOSIS_FLARE',
  'ROSACEA',
  'VITILIGO_UNSTABLE',
  'SKIN_CANCER_AREA',
  'COLLAGEN_VASCULAR_DISEASE',
  'ANESTHETIC_ALLERGY',
  'METAL_ALLERGY',
  'IMPLANTED_ELECTRONIC_DEVICE',
  'ANTICOAGULANT',
  'ANTIPLATELET',
  'NSAID',
  'BLEEDING_SUPPLEMENT',
  'ISOTRETINOIN',
  'TOPICAL_RETINOID',
  'PHOTOSENSITIZER',
  'IMMUNOSUPPRESSANT',
  'MINOXIDIL',
  'RECENT_NEUROTOXIN',
  'RECENT_FILLER',
  'RECENT_PEEL_OR_LASER',
  'SUNBURN_OR_TAN',
  'MISSING_INFORMATION',
] as const;
export const FindingCode = z.enum(findingCodes);
export type FindingCode = z.infer<typeof FindingCode>;

export const evidenceLevels = [
  'guideline',
  'systematic-review',
  'rct',
  'series',
  'expert',
  'clinic-page',
] as const;
export const EvidenceLevel = z.enum(evidenceLevels);
export type EvidenceLevel = z.infer<typeof EvidenceLevel>;

/** Finding severities, mildest first. Each maps to one verdict (see screening/verdict.ts). */
export const severities = ['precaution', 'review', 'clearance', 'defer', 'contraindicated'] as const;
export const Severity = z.enum(severities);
export type Severity = z.infer<typeof Severity>;

export const areas = ['face', 'perioral', 'periorbital', 'neck', 'chest', 'scalp', 'hands', 'body'] as const;
export const Area = z.enum(areas);
export type Area = z.infer<typeof Area>;

export const modalities = ['mechanical', 'rf'] as const;
export const Modality = z.enum(modalities);
export type Modality = z.infer<typeof Modality>;

export const drugClasses = [
  'anticoagulant',
  'antiplatelet',
  'nsaid',
  'bleeding-supplement',
  'isotretinoin',
  'topical-retinoid',
  'photosensitizer',
  'immunosuppressant',
  'chemotherapy',
  'minoxidil',
] as const;
export type DrugClass = (typeof drugClasses)[number];

export const conditionCategories = [
  'skin-infection',
  'hsv',
  'acne',
  'keloid',
  'bleeding-disorder',
  'pregnancy',
  'breastfeeding',
  'malignancy',
  'immunodeficiency',
  'diabetes',
  'dermatosis',
  'rosacea',
  'vitiligo',
  'skin-cancer',
  'collagen-vascular',
  'implanted-device',
  'sunburn',
] as const;
export type ConditionCategory = (typeof conditionCategories)[number];

export const allergenCategories = ['anesthetic', 'metal'] as const;
export type AllergenCategory = (typeof allergenCategories)[number];

export const procedureCategories = [
  'neurotoxin',
  'filler',
  'peel-or-laser',
  'radiotherapy',
  'chemotherapy',
  'device-implant',
] as const;
export type ProcedureCategory = (typeof procedureCategories)[number];

/** Yes/no questions the clinic's intake asks; `unknown` is an answer, distinct from `no`. */
export const answerKeys = [
  'activeSkinInfection',
  'activeHsv',
  'hsvHistory',
  'activeAcne',
  'keloidTendency',
  'bleedingDisorder',
  'pregnant',
  'breastfeeding',
  'immunosuppressed',
  'diabetes',
  'chemotherapy',
  'radiotherapyInArea',
  'dermatosisFlare',
  'rosacea',
  'vitiligoUnstable',
  'skinCancerInArea',
  'collagenVascularDisease',
  'anestheticAllergy',
  'metalAllergy',
  'implantedElectronicDevice',
  'sunburnOrTan',
] as const;
export const AnswerKey = z.enum(answerKeys);
export type AnswerKey = z.infer<typeof AnswerKey>;

export const SourceId = z.string().regex(/^S\d+b?$/);
export const Source = z.object({
  id: SourceId,
  citation: z.string().min(10),
  url: z.url(),
  evidenceLevel: EvidenceLevel,
});
export type Source = z.infer<typeof Source>;

const days = z.number().int().min(0);
/** How long after a record ends (or a procedure is done) it still counts. `setting` reads a clinic setting. */
export const Window = z.union([
  z.object({ days }),
  z.object({ months: days }),
  z.object({ setting: z.string(), unit: z.enum(['days', 'months', 'years']) }),
  z.literal('ever'),
]);
export type Window = z.infer<typeof Window>;

export const RuleMatch = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('records'),
    conditions: z.array(z.enum(conditionCategories)).optional(),
    /** Resolved / inactive conditions count only within this window (absent: they never count). */
    resolvedConditionWindow: Window.optional(),
    /** Only conditions that are active (true) or only resolved ones (false, e.g. a history rule). */
    conditionStatus: z.enum(['active', 'resolved', 'any']).default('active'),
    medications: z.array(z.enum(drugClasses)).optional(),
    /** A stopped medication still counts for this long after its stop date. */
    medicationWindow: Window.optional(),
    allergies: z.array(z.enum(allergenCategories)).optional(),
    procedures: z.array(z.enum(procedureCategories)).optional(),
    procedureWindow: Window.optional(),
    answers: z.array(AnswerKey).optional(),
    /** The record must lie in a requested area; unknown location downgrades to `review`. */
    locationSensitive: z.boolean().default(false),
    /** Past the window but ever recorded: still a finding at this severity (e.g. old radiotherapy in field). */
    afterWindowSeverity: Severity.optional(),
  }),
  z.object({ kind: z.literal('pregnancy') }),
  z.object({ kind: z.literal('breastfeeding') }),
  z.object({
    kind: z.literal('lab-threshold'),
    loinc: z.string(),
    condition: z.enum(conditionCategories),
    thresholdSetting: z.string(),
    maxAgeSetting: z.string(),
  }),
  z.object({ kind: z.literal('missing-lists') }),
]);
export type RuleMatch = z.infer<typeof RuleMatch>;

export const Rule = z.object({
  ruleId: z.string().regex(/^[a-z0-9-]+$/),
  code: FindingCode,
  title: z.string().min(3),
  /** What the rule matches, in words (the `match` object says it for the engine). */
  matchesText: z.string().min(10),
  match: RuleMatch,
  severity: Severity,
  /** Clinic setting that overrides `severity` (its value is a Severity). */
  severitySetting: z.string().optional(),
  severityByModality: z.partialRecord(Modality, Severity).optional(),
  areas: z.array(Area).optional(),
  modalities: z.array(Modality).optional(),
  /** An intake answer this rule needs: absent or `unknown` gives MISSING_INFORMATION (when relevant). */
  requiresAnswer: AnswerKey.optional(),
  /** Limit `requiresAnswer` to these modalities (e.g. an implanted device matters for RF). */
  answerRequiredFor: z.array(Modality).optional(),
  action: z.string().min(10),
  staffExplanation: z.string().min(10),
  patientExplanation: z.string().min(10),
  evidenceLevel: EvidenceLevel,
  sources: z.array(SourceId).min(1),
  settings: z.array(z.string()).default([]),
  lastReviewed: z.iso.date(),
});
export type Rule = z.input<typeof Rule>;

const coding = { rxnorm: z.array(z.string()).default([]), terms: z.array(z.string()).min(1) };

export const DrugConcept = z.object({
  id: z.string(),
  classes: z.array(z.enum(drugClasses)).min(1),
  /** RxNorm ingredient (IN), clinical drug (SCD) and branded drug (SBD) codes. */
  ...coding,
  /** Generic names, brand names and common misspellings; matched tolerant of small spelling errors. */
  brands: z.array(z.string()).default([]),
  /** Text that rules the concept out for one class, e.g. topical fluorouracil is not systemic chemotherapy. */
  excludeClassWhen: z
    .array(z.object({ drugClass: z.enum(drugClasses), terms: z.array(z.string()) }))
    .default([]),
  sources: z.array(SourceId).default([]),
});
export type DrugConcept = z.input<typeof DrugConcept>;

export const ConditionConcept = z.object({
  id: z.string(),
  category: z.enum(conditionCategories),
  snomed: z.array(z.string()).default([]),
  /** ICD-10 codes or code prefixes (E11 matches E11.65). */
  icd10: z.array(z.string()).default([]),
  terms: z.array(z.string()).min(1),
  /** Text that rules the concept out ("acne scars" is not active acne). */
  excludeTerms: z.array(z.string()).default([]),
  /** "History of X" still counts as active (e.g. a transplant). */
  historyCounts: z.boolean().default(false),
});
export type ConditionConcept = z.input<typeof ConditionConcept>;

export const SimpleConcept = z.object({
  id: z.string(),
  snomed: z.array(z.string()).default([]),
  rxnorm: z.array(z.string()).default([]),
  cpt: z.array(z.string()).default([]),
  terms: z.array(z.string()).min(1),
});

export const AllergenConcept = SimpleConcept.extend({ category: z.enum(allergenCategories) });
export type AllergenConcept = z.input<typeof AllergenConcept>;

export const ProcedureConcept = SimpleConcept.extend({ category: z.enum(procedureCategories) });
export type ProcedureConcept = z.input<typeof ProcedureConcept>;

export const BodySiteConcept = z.object({
  area: Area,
  snomed: z.array(z.string()).default([]),
  terms: z.array(z.string()),
});
export type BodySiteConcept = z.input<typeof BodySiteConcept>;

export const Knowledge = z.object({
  version: z.string(),
  rules: z.array(Rule),
  sources: z.record(z.string(), Source),
  drugs: z.array(DrugConcept),
  conditions: z.array(ConditionConcept),
  /** Text that negates any condition record ("family history of ..."). */
  conditionNegations: z.array(z.string()),
  allergens: z.array(AllergenConcept),
  procedures: z.array(ProcedureConcept),
  bodySites: z.array(BodySiteConcept),
});
export type Knowledge = z.input<typeof Knowledge>;
