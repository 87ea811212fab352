import type { z } from 'zod';
import {
  IntakeRecord,
  type IntakeRecordInput,
  type IntakeTreatment,
} from '@needlepoint/core/intake/intake-record';
import { areas as allAreas, type Area } from '@needlepoint/core/knowledge/knowledge.schema';
import type { MessageKey } from '../../../i18n/i18n';
import { rxnormSystem } from '../../drugs/drug-choice';

/**
 * The questionnaire as the patient fills it in. It is saved as-is while they go (any shape is accepted by
 * the server), so every field is optional and nothing is ever thrown away; `toRecord` turns it into the
 * clinic's `needlepoint.intake` record on submit.
 */

export type YesNo = 'yes' | 'no' | 'unknown';
export type ListAnswer = 'listed' | 'none' | 'unknown';

export interface MedicationDraft {
  name: string;
  /** Set when the name was picked from the suggestions. */
  rxnorm?: string | null;
  generic?: string;
  status?: 'current' | 'stopped' | 'unknown';
  started?: string;
  stopped?: string;
  prescribed?: YesNo;
}

export interface ConditionDraft {
  name: string;
  status?: 'current' | 'past' | 'unknown';
  since?: string;
}

export interface AllergyDraft {
  substance: string;
  reaction?: string;
}

export type TreatmentType = z.infer<typeof IntakeTreatment>['type'];

export interface TreatmentDraft {
  type?: TreatmentType;
  name?: string;
  date?: string;
  areas: Area[];
}

export type Concern = IntakeRecord['concerns'][number]['concern'];

export interface IntakeDraft {
  patient: { sexAtBirth?: 'female' | 'male' | 'intersex' | 'unknown'; fitzpatrick?: Fitzpatrick };
  concerns: Concern[];
  concernNotes?: string;
  requestedAreas: Area[];
  pregnancy: Partial<Record<'pregnant' | 'breastfeeding' | 'planningPregnancy', YesNo>>;
  skin: Partial<Record<SkinQuestion, YesNo>> & { sunburnOrTanDate?: string };
  health: Partial<Record<HealthQuestion, YesNo>> & { hba1cPercent?: string; hba1cDate?: string };
  medications: { answer?: ListAnswer; items: MedicationDraft[] };
  conditions: { answer?: ListAnswer; items: ConditionDraft[] };
  allergies: { answer?: ListAnswer; items: AllergyDraft[] };
  recentTreatments: { answer?: ListAnswer; items: TreatmentDraft[] };
  notes?: string;
}

export type Fitzpatrick = IntakeRecord['patient']['fitzpatrick'];
type SkinQuestion = Exclude<keyof IntakeRecord['skin'], 'sunburnOrTanDate'>;
type HealthQuestion = Exclude<keyof IntakeRecord['health'], 'latestHba1c'>;

export function emptyDraft(): IntakeDraft {
  return {
    patient: {},
    concerns: [],
    requestedAreas: [],
    pregnancy: {},
    skin: {},
    health: {},
    medications: { items: [] },
    conditions: { items: [] },
    allergies: { items: [] },
    recentTreatments: { items: [] },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** A saved draft from the server, made safe to edit: missing parts are filled in. */
export function readDraft(saved: unknown): IntakeDraft {
  const base = emptyDraft();
  if (!isObject(saved)) return base;
  const list = <T>(v: unknown) =>
    isObject(v)
      ? {
          ...(typeof v.answer === 'string' ? { answer: v.answer as ListAnswer } : {}),
          items: arrayOf<T>(v.items),
        }
      : { items: [] as T[] };
  return {
    ...base,
    ...(saved as Partial<IntakeDraft>),
    patient: isObject(saved.patient) ? saved.patient : {},
    concerns: arrayOf<Concern>(saved.concerns),
    requestedAreas: arrayOf<Area>(saved.requestedAreas).filter((a) => allAreas.includes(a)),
    pregnancy: isObject(saved.pregnancy) ? saved.pregnancy : {},
    skin: isObject(saved.skin) ? saved.skin : {},
    health: isObject(saved.health) ? saved.health : {},
    medications: list<MedicationDraft>(saved.medications),
    conditions: list<ConditionDraft>(saved.conditions),
    allergies: list<AllergyDraft>(saved.allergies),
    recentTreatments: list<TreatmentDraft>(saved.recentTreatments),
  };
}

/** A submitted record back into a draft, so a patient can update answers they sent before. */
export function draftFromRecord(record: unknown): IntakeDraft {
  const parsed = IntakeRecord.safeParse(record);
  if (!parsed.success) return emptyDraft();
  const r = parsed.data;
  const list = <T, D>(l: { answer: ListAnswer; items?: T[] }, map: (t: T) => D) => ({
    answer: l.answer,
    items: l.answer === 'listed' ? (l.items ?? []).map(map) : [],
  });
  const { latestHba1c, ...health } = r.health;
  return {
    patient: { sexAtBirth: r.patient.sexAtBirth, fitzpatrick: r.patient.fitzpatrick },
    concerns: r.concerns.map((c) => c.concern),
    ...(r.concerns.find((c) => c.notes) ? { concernNotes: r.concerns.find((c) => c.notes)!.notes } : {}),
    requestedAreas: r.requestedAreas,
    pregnancy: r.pregnancy,
    skin: r.skin,
    health: {
      ...health,
      ...(latestHba1c ? { hba1cPercent: String(latestHba1c.percent), hba1cDate: latestHba1c.date } : {}),
    },
    medications: list(r.medications, (m) => ({
      name: m.name,
      ...(m.code?.system === rxnormSystem ? { rxnorm: m.code.code } : {}),
      status: m.status,
      prescribed: m.prescribed,
      ...(m.started ? { started: m.started } : {}),
      ...(m.stopped ? { stopped: m.stopped } : {}),
    })),
    conditions: list(r.conditions, (c) => ({
      name: c.name,
      status: c.status,
      ...(c.since ? { since: c.since } : {}),
    })),
    allergies: list(r.allergies, (a) => ({
      substance: a.substance,
      ...(a.reaction ? { reaction: a.reaction } : {}),
    })),
    recentTreatments: list(r.recentTreatments, (t) => ({
      type: t.type,
      areas: t.areas,
      ...(t.name ? { name: t.name } : {}),
      ...(t.date ? { date: t.date } : {}),
    })),
    ...(r.notes ? { notes: r.notes } : {}),
  };
}

const text = (v: string | undefined) => {
  const t = v?.trim();
  return t ? t : undefined;
};

/**
 * The draft as an intake record. Unanswered questions stay out, so validation names them; nothing is
 * guessed on the patient's behalf.
 */
export function toRecord(draft: IntakeDraft, completedAt: string): IntakeRecordInput {
  const list = <T, R>(l: { answer?: ListAnswer; items: T[] }, map: (t: T) => R) =>
    l.answer === 'listed' ? { answer: 'listed' as const, items: l.items.map(map) } : { answer: l.answer };
  const { hba1cPercent, hba1cDate, ...health } = draft.health;
  const percent = text(hba1cPercent);
  const notes = text(draft.concernNotes);
  const record = {
    kind: 'needlepoint.intake',
    version: 1,
    completedAt,
    patient: {
      ...(draft.patient.sexAtBirth ? { sexAtBirth: draft.patient.sexAtBirth } : {}),
      ...(draft.patient.fitzpatrick ? { fitzpatrick: draft.patient.fitzpatrick } : {}),
    },
    concerns: draft.concerns.map((concern) => ({
      concern,
      areas: draft.requestedAreas,
      ...(notes && concern === 'other' ? { notes } : {}),
    })),
    requestedAreas: draft.requestedAreas,
    pregnancy: draft.pregnancy,
    skin: {
      ...draft.skin,
      sunburnOrTanDate: draft.skin.sunburnOrTan === 'yes' ? text(draft.skin.sunburnOrTanDate) : undefined,
      vitiligoChangingLast6Months: draft.concerns.includes('vitiligo')
        ? draft.skin.vitiligoChangingLast6Months
        : undefined,
    },
    health: {
      ...health,
      ...(draft.health.diabetes === 'yes' && (percent || text(hba1cDate))
        ? {
            latestHba1c: {
              percent: percent ? Number(percent.replace(',', '.')) : undefined,
              date: text(hba1cDate),
            },
          }
        : {}),
    },
    medications: list(draft.medications, (m) => ({
      name: m.name.trim(),
      ...(m.rxnorm ? { code: { system: rxnormSystem, code: m.rxnorm, display: m.generic ?? m.name } } : {}),
      status: m.status,
      prescribed: m.prescribed,
      started: text(m.started),
      stopped: m.status === 'stopped' ? text(m.stopped) : undefined,
    })),
    conditions: list(draft.conditions, (c) => ({
      name: c.name.trim(),
      status: c.status,
      since: text(c.since),
    })),
    allergies: list(draft.allergies, (a) => ({ substance: a.substance.trim(), reaction: text(a.reaction) })),
    recentTreatments: list(draft.recentTreatments, (t) => ({
      type: t.type,
      name: text(t.name),
      date: text(t.date),
      areas: t.areas,
    })),
    notes: text(draft.notes),
  };
  return JSON.parse(JSON.stringify(record)) as IntakeRecordInput;
}

export const steps = [
  { id: 'about', title: 'intake.step.about' },
  { id: 'concerns', title: 'intake.step.concerns' },
  { id: 'pregnancy', title: 'intake.step.pregnancy' },
  { id: 'skin', title: 'intake.step.skin' },
  { id: 'health', title: 'intake.step.health' },
  { id: 'medications', title: 'intake.step.medications' },
  { id: 'conditions', title: 'intake.step.conditions' },
  { id: 'allergies', title: 'intake.step.allergies' },
  { id: 'treatments', title: 'intake.step.treatments' },
  { id: 'review', title: 'intake.step.review' },
] as const satisfies readonly { id: string; title: MessageKey }[];
export type StepId = (typeof steps)[number]['id'];

export const isStepId = (v: unknown): v is StepId => steps.some((s) => s.id === v);

/** Which step asks the question at a record path (`skin.activeAcne`, `medications.items.0.name`). */
export function stepOfPath(path: string): StepId {
  const head = path.split('.')[0] ?? '';
  switch (head) {
    case 'patient':
      return 'about';
    case 'concerns':
    case 'requestedAreas':
      return 'concerns';
    case 'pregnancy':
      return 'pregnancy';
    case 'skin':
      return 'skin';
    case 'health':
      return path.startsWith('health.metalAllergy') || path.startsWith('health.anestheticAllergy')
        ? 'allergies'
        : 'health';
    case 'medications':
      return 'medications';
    case 'conditions':
      return 'conditions';
    case 'allergies':
      return 'allergies';
    case 'recentTreatments':
      return 'treatments';
    default:
      return 'review';
  }
}

/** Problems by record path, as keys of the `intake` catalog (shown in the patient's language). */
export type Problems = Record<string, MessageKey>;

const friendly: Record<string, MessageKey> = {
  name: 'intake.problem.name',
  substance: 'intake.problem.substance',
  type: 'intake.problem.type',
  started: 'intake.problem.month',
  stopped: 'intake.problem.month',
  since: 'intake.problem.since',
  date: 'intake.problem.month',
  sunburnOrTanDate: 'intake.problem.date',
  percent: 'intake.problem.percent',
};

/** Issues from zod (here) or from the server (`body.record.` prefixed) as problems keyed by record path. */
export function problemsFrom(issues: { path: string; message: string }[]): Problems {
  const problems: Problems = {};
  for (const issue of issues) {
    const path = issue.path.replace(/^body\.record\.?/, '');
    const last = path.split('.').pop() ?? '';
    let message = friendly[last] ?? 'intake.problem.choose';
    if (last === 'answer') message = 'intake.problem.answer';
    if (last === 'items') message = 'intake.problem.items';
    if (last === 'date' && path.startsWith('health.latestHba1c')) message = 'intake.problem.testDate';
    if (path === 'completedAt' || path === 'kind' || path === 'version' || path === '')
      message = 'intake.problem.record';
    problems[path] ??= message;
  }
  return problems;
}

/** Checks the record in the browser before sending it; the server checks again. */
export function validate(draft: IntakeDraft, completedAt: string): { record: unknown; problems: Problems } {
  const record = toRecord(draft, completedAt);
  const parsed = IntakeRecord.safeParse(record);
  if (parsed.success) return { record, problems: {} };
  return {
    record,
    problems: problemsFrom(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    ),
  };
}

/** The first step, in questionnaire order, with a problem. */
export function firstStepWithProblem(problems: Problems): StepId | null {
  const withProblems = new Set(Object.keys(problems).map(stepOfPath));
  return steps.find((s) => withProblems.has(s.id))?.id ?? null;
}
