import type { Answers, EntryInput, ListsReviewed } from '../contracts/patients';
import type { AnswerKey } from '../knowledge/knowledge.schema';
import { treatmentText, type IntakeRecord, type YesNoUnknown } from './intake-record';

/**
 * A submitted intake questionnaire -> changes to the clinic's patient record: the yes/no answers, which lists
 * the patient confirmed (listed or "none"; "unknown" stays unconfirmed), and coded entries marked as intake.
 */
export interface IntakeRecordChanges {
  answers: Answers;
  listsReviewed: ListsReviewed;
  fitzpatrick: number | null;
  concerns: string[];
  entries: (EntryInput & { sourceRef: string })[];
}

const fullDate = (d: string | undefined): string | null =>
  d ? (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d) : null;

const concernMap: Record<IntakeRecord['concerns'][number]['concern'], string | null> = {
  'acne-scars': 'acne-scars',
  'surgical-or-traumatic-scars': 'surgical-scars',
  'burn-scars': 'burn-scars',
  'fine-lines-and-wrinkles': 'fine-lines',
  laxity: 'fine-lines',
  'enlarged-pores': 'pores',
  pigmentation: 'dark-spots',
  melasma: 'melasma',
  'rosacea-redness': 'rosacea',
  vitiligo: 'vitiligo',
  'hair-loss': 'hair-loss',
  'stretch-marks': 'striae',
  texture: null,
  other: null,
};

const roman: Record<IntakeRecord['patient']['fitzpatrick'], number | null> = {
  I: 1,
  II: 2,
  III: 3,
  IV: 4,
  V: 5,
  VI: 6,
  unknown: null,
};

export function intakeToRecordChanges(intake: IntakeRecord, formId: string): IntakeRecordChanges {
  const { skin, health, pregnancy } = intake;
  const answered: [AnswerKey, YesNoUnknown | undefined, string | undefined][] = [
    ['activeSkinInfection', skin.activeSkinInfection, undefined],
    ['activeHsv', skin.currentColdSore, undefined],
    ['hsvHistory', skin.coldSoreHistory, undefined],
    ['activeAcne', skin.activeAcne, undefined],
    ['keloidTendency', skin.keloidTendency, undefined],
    ['dermatosisFlare', skin.eczemaPsoriasisFlare, undefined],
    ['rosacea', skin.rosacea, undefined],
    ['vitiligoUnstable', skin.vitiligoChangingLast6Months, undefined],
    ['skinCancerInArea', skin.suspiciousLesionInArea, undefined],
    ['sunburnOrTan', skin.sunburnOrTan, fullDate(skin.sunburnOrTanDate) ?? undefined],
    ['bleedingDisorder', health.bleedingDisorder, undefined],
    ['immunosuppressed', health.immunosuppressed, undefined],
    ['diabetes', health.diabetes, undefined],
    ['chemotherapy', health.chemotherapy, undefined],
    ['radiotherapyInArea', health.radiotherapyInArea, undefined],
    ['collagenVascularDisease', health.autoimmuneConnectiveTissueDisease, undefined],
    ['implantedElectronicDevice', health.implantedElectronicDevice, undefined],
    ['metalAllergy', health.metalAllergy, undefined],
    ['anestheticAllergy', health.anestheticAllergy, undefined],
    ['pregnant', pregnancy.pregnant, intake.completedAt],
    ['breastfeeding', pregnancy.breastfeeding, intake.completedAt],
  ];
  const answers: Answers = {};
  for (const [key, value, date] of answered) {
    if (value) answers[key] = { value, ...(date ? { date } : {}) };
  }
  const listsReviewed: ListsReviewed = {};
  for (const list of ['conditions', 'medications', 'allergies'] as const) {
    if (intake[list].answer !== 'unknown') listsReviewed[list] = intake.completedAt;
  }
  const ref = (path: string) => `intake:${formId}:${path}`;
  const entries: IntakeRecordChanges['entries'] = [];
  if (intake.conditions.answer === 'listed') {
    intake.conditions.items.forEach((c, i) =>
      entries.push({
        kind: 'condition',
        display: c.name,
        codes: c.code ? [c.code] : [],
        status: c.status === 'current' ? 'active' : c.status === 'past' ? 'resolved' : 'unknown',
        startDate: fullDate(c.since),
        endDate: fullDate(c.resolved),
        value: null,
        bodySites: c.areas,
        sourceRef: ref(`conditions[${i}]`),
      }),
    );
  }
  if (intake.medications.answer === 'listed') {
    intake.medications.items.forEach((m, i) =>
      entries.push({
        kind: 'medication',
        display: m.name,
        codes: m.code ? [m.code] : [],
        status: m.status === 'current' ? 'active' : m.status === 'stopped' ? 'stopped' : 'unknown',
        startDate: fullDate(m.started),
        endDate: fullDate(m.stopped),
        value: m.route === 'unknown' ? null : m.route,
        bodySites: [],
        sourceRef: ref(`medications[${i}]`),
      }),
    );
  }
  if (intake.allergies.answer === 'listed') {
    intake.allergies.items.forEach((a, i) =>
      entries.push({
        kind: 'allergy',
        display: a.substance,
        codes: a.code ? [a.code] : [],
        status: 'active',
        startDate: null,
        endDate: null,
        value: a.reaction ?? null,
        bodySites: [],
        sourceRef: ref(`allergies[${i}]`),
      }),
    );
  }
  if (intake.recentTreatments.answer === 'listed') {
    intake.recentTreatments.items.forEach((t, i) =>
      entries.push({
        kind: 'procedure',
        display: t.name ? `${treatmentText[t.type]}: ${t.name}` : treatmentText[t.type],
        codes: [],
        status: 'completed',
        startDate: fullDate(t.date),
        endDate: null,
        value: null,
        bodySites: t.areas,
        sourceRef: ref(`recentTreatments[${i}]`),
      }),
    );
  }
  if (health.latestHba1c) {
    entries.push({
      kind: 'observation',
      display: 'Hemoglobin A1c',
      codes: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }],
      status: 'final',
      startDate: health.latestHba1c.date,
      endDate: null,
      value: `${health.latestHba1c.percent} %`,
      bodySites: [],
      sourceRef: ref('health.latestHba1c'),
    });
  }
  const concerns = [
    ...new Set(intake.concerns.map((c) => concernMap[c.concern]).filter((c): c is string => c !== null)),
  ];
  return { answers, listsReviewed, fitzpatrick: roman[intake.patient.fitzpatrick], concerns, entries };
}
