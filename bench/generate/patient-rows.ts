import { clinicalKnowledge } from '../../core/src/knowledge/knowledge';
import { resolveScreeningSettings } from '../../core/src/knowledge/settings';
import { createPlanFromTemplate } from '../../core/src/plans/plan';
import { planTemplates } from '../../core/src/plans/templates';
import { verdictOf } from '../../core/src/screening/verdict';
import { answeredNo } from '../../server/src/testing/factories';
import { familyNames, givenNames } from './names';
import type { Random } from './random';
import { weightedTable, zipf } from './random';
import type { SyntheaShapes } from './synthea-shapes';

/** One generated patient, as later tables (appointments, screenings, audit) need it. */
export interface GeneratedPatient {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  createdAt: Date;
}

const DAY = 86_400_000;
const given = zipf(givenNames);
const family = zipf(familyNames);
const fitzpatrick = weightedTable([
  [1, 5],
  [2, 20],
  [3, 30],
  [4, 25],
  [5, 12],
  [6, 8],
]);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const patientColumns = [
  'id',
  'clinic_id',
  'given_name',
  'family_name',
  'birth_date',
  'sex',
  'email',
  'phone',
  'fitzpatrick',
  'address',
  'answers',
  'lists_reviewed',
  'created_at',
  'updated_at',
] as const;

const intakeAnswered = JSON.stringify(answeredNo);

/**
 * Patients of one clinic: names Zipf-like, sexes and birth years as in the Synthea export (adults only); six in
 * seven have answered the intake questionnaire (every question "no") and had their lists reviewed.
 */
export function* patientRows(
  random: Random,
  shapes: SyntheaShapes,
  clinicId: string,
  count: number,
  window: { start: number; end: number; now: number },
  out: GeneratedPatient[],
): Generator<unknown[]> {
  const latestYear = new Date(window.end).getUTCFullYear() - 18;
  const today = iso(window.now);
  const reviewed = JSON.stringify({ conditions: today, medications: today, allergies: today });
  for (let i = 0; i < count; i++) {
    const givenName = random.weighted(given);
    const familyName = random.weighted(family);
    const year = Math.min(latestYear, random.pick(shapes.birthYears) + random.below(21) - 10);
    const birthDate = iso(Date.UTC(year, 0, 1) + random.below(365) * DAY);
    const createdAt = new Date(window.start + random.below(window.end - window.start));
    const id = crypto.randomUUID();
    out.push({ id, givenName, familyName, birthDate, createdAt });
    const n = out.length;
    yield [
      id,
      clinicId,
      givenName,
      familyName,
      birthDate,
      random.weighted(shapes.sexes),
      `${givenName}.${familyName}${n}@example.org`.toLowerCase(),
      `+1 555 ${String(random.below(10_000_000)).padStart(7, '0')}`,
      random.weighted(fitzpatrick),
      `${1 + random.below(9999)} Main Street`,
      ...(random.next() < 6 / 7 ? [intakeAnswered, reviewed] : ['{}', '{}']),
      createdAt,
      createdAt,
    ];
  }
}

export const entryColumns = [
  'clinic_id',
  'patient_id',
  'kind',
  'system',
  'code',
  'display',
  'status',
  'start_date',
  'codes',
  'source',
  'created_at',
  'updated_at',
] as const;

/**
 * Coded entries: for each patient and kind, a count drawn from the Synthea patients' distinct-code counts (times
 * `fraction`), each code drawn as often as Synthea patients carry it.
 */
export function* entryRows(
  random: Random,
  shapes: SyntheaShapes,
  clinicId: string,
  patients: readonly GeneratedPatient[],
  fraction: number,
): Generator<unknown[]> {
  const kinds = Object.keys(shapes.entries) as (keyof SyntheaShapes['entries'])[];
  for (const p of patients) {
    for (const kind of kinds) {
      const expected = random.pick(shapes.perPatient[kind]) * fraction;
      const count = Math.floor(expected) + (random.next() < expected % 1 ? 1 : 0);
      const seen = new Set<string>();
      for (let i = 0; i < count; i++) {
        const e = random.weighted(shapes.entries[kind]);
        if (seen.has(e.code)) continue;
        seen.add(e.code);
        const start = iso(
          Date.parse(p.birthDate) +
            random.below(Math.max(1, p.createdAt.getTime() - Date.parse(p.birthDate))),
        );
        yield [
          clinicId,
          p.id,
          kind,
          e.system,
          e.code,
          e.display,
          e.status,
          start,
          JSON.stringify([{ system: e.system, code: e.code, display: e.display }]),
          'import',
          p.createdAt,
          p.createdAt,
        ];
      }
    }
  }
}

export const screeningColumns = [
  'clinic_id',
  'patient_id',
  'trigger',
  'as_of',
  'areas',
  'modality',
  'verdict',
  'findings',
  'knowledge_version',
  'settings_version',
  'settings',
  'record_version',
  'created_at',
] as const;

const settingsJson = JSON.stringify(resolveScreeningSettings({}));
const rules = clinicalKnowledge.rules;

/**
 * One intake screening per patient and a pre-session one for half of them. Four in five screen clean; the rest
 * carry one finding of a real rule (its severity decides the verdict, as the engine does).
 */
export function* screeningRows(
  random: Random,
  clinicId: string,
  patients: readonly GeneratedPatient[],
  windowEnd: number,
): Generator<unknown[]> {
  for (const p of patients) {
    const runs = random.next() < 0.5 ? 2 : 1;
    for (let r = 0; r < runs; r++) {
      const at = new Date(
        p.createdAt.getTime() + r * random.below(Math.max(1, windowEnd - p.createdAt.getTime())),
      );
      const rule = random.next() < 0.2 ? random.pick(rules) : null;
      const findings = rule
        ? [
            {
              code: rule.code,
              ruleId: rule.ruleId,
              severity: rule.severity,
              title: rule.title,
              reason: rule.matchesText,
              evidence: [],
              action: rule.action,
              sources: rule.sources.map((id) => clinicalKnowledge.sources[id]!).filter(Boolean),
              evidenceLevel: rule.evidenceLevel,
              explanation: rule.staffExplanation,
              patientExplanation: rule.patientExplanation,
            },
          ]
        : [];
      yield [
        clinicId,
        p.id,
        r === 0 ? 'intake' : 'pre-session',
        iso(at.getTime()),
        ['face'],
        'mechanical',
        verdictOf(rule ? [rule.severity] : []),
        JSON.stringify(findings),
        clinicalKnowledge.version,
        0,
        settingsJson,
        1,
        at,
      ];
    }
  }
}

export const planColumns = [
  'id',
  'clinic_id',
  'patient_id',
  'status',
  'plan',
  'created_at',
  'updated_at',
] as const;

/** A treatment plan for one patient in four, from the built-in templates. */
export function* planRows(
  random: Random,
  clinicId: string,
  patients: readonly GeneratedPatient[],
): Generator<unknown[]> {
  for (const p of patients) {
    if (random.next() >= 0.25) continue;
    const id = crypto.randomUUID();
    const plan = createPlanFromTemplate(random.pick(planTemplates), {
      id,
      patientId: p.id,
      at: p.createdAt.toISOString(),
    });
    const status = random.pick(['active', 'completed', 'completed', 'paused'] as const);
    plan.status = status;
    yield [id, clinicId, p.id, status, JSON.stringify(plan), p.createdAt, p.createdAt];
  }
}
