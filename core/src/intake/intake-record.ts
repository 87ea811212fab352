import { z } from 'zod';
import { DomainError } from '../errors';
import { Area } from '../knowledge/knowledge.schema';
import { Coding, type ScreeningFacts } from '../screening/facts';

/**
 * The clinic's own intake questionnaire answers (`"kind": "needlepoint.intake"`), as the patient portal and
 * the front desk record them. Every yes/no question allows `unknown`, which is kept distinct from `no`.
 * Lists say whether they were answered at all: `{ "answer": "none" }` is different from `{ "answer": "unknown" }`.
 */

const isoDate = z.iso.date();
const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
export const YesNoUnknown = z.enum(['yes', 'no', 'unknown']);
export type YesNoUnknown = z.infer<typeof YesNoUnknown>;

const listOf = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('answer', [
    z.object({ answer: z.literal('listed'), items: z.array(item).min(1) }),
    z.object({ answer: z.literal('none') }),
    z.object({ answer: z.literal('unknown') }),
  ]);

export const IntakeCondition = z.object({
  name: z.string().min(1),
  code: Coding.optional(),
  status: z.enum(['current', 'past', 'unknown']).default('current'),
  since: partialDate.optional(),
  resolved: partialDate.optional(),
  areas: z.array(Area).default([]),
  notes: z.string().optional(),
});

export const IntakeMedication = z.object({
  name: z.string().min(1),
  code: Coding.optional(),
  route: z.enum(['oral', 'topical', 'injection', 'inhaled', 'other', 'unknown']).default('unknown'),
  prescribed: YesNoUnknown.default('unknown'),
  status: z.enum(['current', 'stopped', 'unknown']).default('current'),
  started: partialDate.optional(),
  stopped: partialDate.optional(),
  notes: z.string().optional(),
});

export const IntakeAllergy = z.object({
  substance: z.string().min(1),
  code: Coding.optional(),
  reaction: z.string().optional(),
});

export const IntakeTreatment = z.object({
  type: z.enum([
    'neurotoxin',
    'filler',
    'chemical-peel',
    'laser',
    'radiotherapy',
    'microneedling',
    'surgery',
    'other',
  ]),
  name: z.string().optional(),
  date: partialDate.optional(),
  areas: z.array(Area).default([]),
  notes: z.string().optional(),
});

export const IntakeConcern = z.object({
  concern: z.enum([
    'acne-scars',
    'surgical-or-traumatic-scars',
    'burn-scars',
    'fine-lines-and-wrinkles',
    'laxity',
    'enlarged-pores',
    'pigmentation',
    'melasma',
    'rosacea-redness',
    'vitiligo',
    'hair-loss',
    'stretch-marks',
    'texture',
    'other',
  ]),
  areas: z.array(Area).default([]),
  notes: z.string().optional(),
});

export const IntakeRecord = z.object({
  kind: z.literal('needlepoint.intake'),
  version: z.literal(1),
  id: z.string().optional(),
  completedAt: isoDate,
  patient: z.object({
    id: z.string().optional(),
    name: z.string().optional(),
    birthDate: isoDate.optional(),
    sexAtBirth: z.enum(['female', 'male', 'intersex', 'unknown']).default('unknown'),
    fitzpatrick: z.enum(['I', 'II', 'III', 'IV', 'V', 'VI', 'unknown']).default('unknown'),
  }),
  concerns: z.array(IntakeConcern).default([]),
  requestedAreas: z.array(Area).default([]),
  pregnancy: z.object({
    pregnant: YesNoUnknown,
    breastfeeding: YesNoUnknown,
    planningPregnancy: YesNoUnknown.optional(),
  }),
  skin: z.object({
    activeSkinInfection: YesNoUnknown,
    currentColdSore: YesNoUnknown,
    coldSoreHistory: YesNoUnknown,
    activeAcne: YesNoUnknown,
    keloidTendency: YesNoUnknown,
    eczemaPsoriasisFlare: YesNoUnknown,
    rosacea: YesNoUnknown,
    vitiligoChangingLast6Months: YesNoUnknown.optional(),
    suspiciousLesionInArea: YesNoUnknown,
    sunburnOrTan: YesNoUnknown,
    sunburnOrTanDate: partialDate.optional(),
  }),
  health: z.object({
    bleedingDisorder: YesNoUnknown,
    immunosuppressed: YesNoUnknown,
    diabetes: YesNoUnknown,
    latestHba1c: z.object({ percent: z.number().min(3).max(20), date: isoDate }).optional(),
    chemotherapy: YesNoUnknown,
    radiotherapyInArea: YesNoUnknown,
    autoimmuneConnectiveTissueDisease: YesNoUnknown,
    implantedElectronicDevice: YesNoUnknown,
    metalAllergy: YesNoUnknown,
    anestheticAllergy: YesNoUnknown,
  }),
  conditions: listOf(IntakeCondition),
  medications: listOf(IntakeMedication),
  allergies: listOf(IntakeAllergy),
  recentTreatments: listOf(IntakeTreatment),
  consentToShare: z.boolean().optional(),
  notes: z.string().optional(),
});
export type IntakeRecord = z.infer<typeof IntakeRecord>;
export type IntakeRecordInput = z.input<typeof IntakeRecord>;

/** Validates unknown JSON as an intake record; throws a DomainError naming the first problem and its path. */
export function parseIntakeRecord(json: unknown): IntakeRecord {
  const parsed = IntakeRecord.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new DomainError('SCREENING_INPUT_INVALID', `intake record: ${path}: ${issue.message}`, {
    fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export const treatmentText: Record<z.infer<typeof IntakeTreatment>['type'], string> = {
  neurotoxin: 'botulinum toxin',
  filler: 'dermal filler',
  'chemical-peel': 'chemical peel',
  laser: 'laser',
  radiotherapy: 'radiotherapy',
  microneedling: 'microneedling',
  surgery: 'surgery',
  other: 'other treatment',
};

/** Intake answers -> ScreeningFacts. Lists answered "unknown" are marked not provided. */
export function intakeToFacts(intake: IntakeRecord): ScreeningFacts {
  const { skin, health, pregnancy } = intake;
  const answers: ScreeningFacts['answers'] = {
    pregnant: pregnancy.pregnant,
    breastfeeding: pregnancy.breastfeeding,
    activeSkinInfection: skin.activeSkinInfection,
    activeHsv: skin.currentColdSore,
    hsvHistory: skin.coldSoreHistory,
    activeAcne: skin.activeAcne,
    keloidTendency: skin.keloidTendency,
    dermatosisFlare: skin.eczemaPsoriasisFlare,
    rosacea: skin.rosacea,
    skinCancerInArea: skin.suspiciousLesionInArea,
    sunburnOrTan: skin.sunburnOrTan,
    bleedingDisorder: health.bleedingDisorder,
    immunosuppressed: health.immunosuppressed,
    diabetes: health.diabetes,
    chemotherapy: health.chemotherapy,
    radiotherapyInArea: health.radiotherapyInArea,
    collagenVascularDisease: health.autoimmuneConnectiveTissueDisease,
    implantedElectronicDevice: health.implantedElectronicDevice,
    metalAllergy: health.metalAllergy,
    anestheticAllergy: health.anestheticAllergy,
    ...(skin.vitiligoChangingLast6Months ? { vitiligoUnstable: skin.vitiligoChangingLast6Months } : {}),
  };
  const sexes = { female: 'female', male: 'male', intersex: 'other', unknown: 'unknown' } as const;
  const items = <T>(list: { answer: string; items?: T[] }): T[] =>
    list.answer === 'listed' ? (list.items ?? []) : [];
  const ref = (list: string, i: number) => `intake${intake.id ? ':' + intake.id : ''}:${list}[${i}]`;

  return {
    patient: {
      sex: sexes[intake.patient.sexAtBirth],
      ...(intake.patient.birthDate ? { birthDate: intake.patient.birthDate } : {}),
      ...(intake.patient.id ? { ref: intake.patient.id } : {}),
    },
    answers,
    answerDates: skin.sunburnOrTanDate ? { sunburnOrTan: skin.sunburnOrTanDate } : {},
    provided: {
      conditions: intake.conditions.answer !== 'unknown',
      medications: intake.medications.answer !== 'unknown',
      allergies: intake.allergies.answer !== 'unknown',
    },
    conditions: items(intake.conditions).map((c, i) => ({
      ref: ref('conditions', i),
      codes: c.code ? [c.code] : [],
      text: c.name,
      clinicalStatus: c.status === 'current' ? 'active' : c.status === 'past' ? 'resolved' : 'unknown',
      ...(c.since ? { onset: c.since } : {}),
      ...(c.resolved ? { abatement: c.resolved } : {}),
      bodySites: c.areas,
    })),
    medications: items(intake.medications).map((m, i) => ({
      ref: ref('medications', i),
      codes: m.code ? [m.code] : [],
      text: m.route === 'unknown' ? m.name : `${m.name} (${m.route})`,
      status: m.status === 'current' ? 'active' : m.status === 'stopped' ? 'stopped' : 'unknown',
      ...(m.started ? { start: m.started } : {}),
      ...(m.stopped ? { end: m.stopped } : {}),
      ...(m.route === 'unknown' ? {} : { route: m.route }),
    })),
    allergies: items(intake.allergies).map((a, i) => ({
      ref: ref('allergies', i),
      codes: a.code ? [a.code] : [],
      text: a.substance,
      clinicalStatus: 'active',
    })),
    observations: health.latestHba1c
      ? [
          {
            ref: 'intake:health.latestHba1c',
            codes: [
              {
                system: 'http://loinc.org',
                code: '4548-4',
                display: 'Hemoglobin A1c/Hemoglobin.total in Blood',
              },
            ],
            status: 'final',
            effective: health.latestHba1c.date,
            value: { kind: 'quantity', value: health.latestHba1c.percent, unit: '%' },
          },
        ]
      : [],
    procedures: items(intake.recentTreatments).map((t, i) => ({
      ref: ref('recentTreatments', i),
      codes: [],
      text: t.name ? `${treatmentText[t.type]}: ${t.name}` : treatmentText[t.type],
      status: 'completed',
      ...(t.date ? { performedStart: t.date } : {}),
      areas: t.areas,
    })),
  };
}
