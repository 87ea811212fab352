import { describe, expect, it } from 'vitest';
import type { PatientRecord } from '../contracts/patients';
import { clinicalKnowledge } from '../knowledge/knowledge';
import { defaultScreeningSettings } from '../knowledge/settings';
import { evaluate } from '../screening/evaluate';
import { recordToFacts } from '../screening/record-to-facts';
import { allNoIntake } from './intake-examples';
import { intakeToFacts, parseIntakeRecord, type IntakeRecordInput } from './intake-record';
import { intakeToRecordChanges } from './intake-to-record';

const no = 'no' as const;
const base: IntakeRecordInput = {
  ...allNoIntake,
  completedAt: '2026-11-20',
  patient: { birthDate: '1985-04-02', sexAtBirth: 'female', fitzpatrick: 'IV' },
  concerns: [{ concern: 'acne-scars' }, { concern: 'stretch-marks' }, { concern: 'texture' }],
};

/** The record the clinic would hold after applying the intake to an empty record. */
function recordFrom(intake: IntakeRecordInput): PatientRecord {
  const changes = intakeToRecordChanges(parseIntakeRecord(intake), 'form1');
  return {
    id: '11111111-1111-4111-8111-111111111111',
    givenName: 'I',
    familyName: 'N',
    birthDate: '1985-04-02',
    sex: 'female',
    email: null,
    phone: null,
    archived: false,
    address: '',
    fitzpatrick: changes.fitzpatrick,
    concerns: changes.concerns,
    notes: '',
    answers: changes.answers,
    listsReviewed: changes.listsReviewed,
    version: 2,
    mergedInto: null,
    entries: changes.entries.map((e, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: e.kind,
      system: e.codes[0]?.system ?? null,
      code: e.codes[0]?.code ?? null,
      codes: e.codes,
      display: e.display,
      status: e.status,
      startDate: e.startDate ?? null,
      endDate: e.endDate ?? null,
      value: e.value ?? null,
      bodySites: e.bodySites,
      source: 'intake' as const,
    })),
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

const asOf = '2026-11-25';
const request = { areas: ['face' as const], modality: 'mechanical' as const };
const viaRecord = (i: IntakeRecordInput) =>
  evaluate(recordToFacts(recordFrom(i)), clinicalKnowledge, defaultScreeningSettings, asOf, request);
const direct = (i: IntakeRecordInput) =>
  evaluate(intakeToFacts(parseIntakeRecord(i)), clinicalKnowledge, defaultScreeningSettings, asOf, request);
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

describe('intake applied to the record screens the same as the intake itself', () => {
  it.each<[string, IntakeRecordInput]>([
    ['all no', base],
    ['pregnant', { ...base, pregnancy: { pregnant: 'yes', breastfeeding: no } }],
    ['unknown medication list', { ...base, medications: { answer: 'unknown' } }],
    [
      'Eliquis typed by the patient',
      {
        ...base,
        medications: { answer: 'listed', items: [{ name: 'Eliquis', status: 'current', prescribed: 'yes' }] },
      },
    ],
    [
      'isotretinoin stopped in August',
      {
        ...base,
        medications: {
          answer: 'listed',
          items: [{ name: 'Absorica', status: 'stopped', stopped: '2026-08' }],
        },
      },
    ],
    [
      'toxin last week',
      {
        ...base,
        recentTreatments: {
          answer: 'listed',
          items: [{ type: 'neurotoxin', date: '2026-11-18', areas: ['face'] }],
        },
      },
    ],
    ['cold sore history', { ...base, skin: { ...base.skin, coldSoreHistory: 'yes' } }],
    [
      'diabetic with high HbA1c',
      {
        ...base,
        health: { ...base.health, diabetes: 'yes', latestHba1c: { percent: 9.2, date: '2026-10-01' } },
      },
    ],
    ['lidocaine allergy', { ...base, allergies: { answer: 'listed', items: [{ substance: 'lidocaine' }] } }],
  ])('%s', (_name, intake) => {
    expect(codes(viaRecord(intake))).toEqual(codes(direct(intake)));
    expect(viaRecord(intake).verdict).toBe(direct(intake).verdict);
  });
});

describe('intakeToRecordChanges', () => {
  it('maps concerns, skin type and confirmed lists', () => {
    const changes = intakeToRecordChanges(
      parseIntakeRecord({ ...base, allergies: { answer: 'unknown' } }),
      'f',
    );
    expect(changes.concerns).toEqual(['acne-scars', 'striae']);
    expect(changes.fitzpatrick).toBe(4);
    expect(changes.listsReviewed).toEqual({ conditions: '2026-11-20', medications: '2026-11-20' });
    expect(changes.answers.pregnant).toEqual({ value: 'no', date: '2026-11-20' });
  });

  it('gives each entry a stable reference to the form and question', () => {
    const changes = intakeToRecordChanges(
      parseIntakeRecord({ ...base, medications: { answer: 'listed', items: [{ name: 'fish oil' }] } }),
      'abc',
    );
    expect(changes.entries).toEqual([
      expect.objectContaining({
        kind: 'medication',
        display: 'fish oil',
        status: 'active',
        sourceRef: 'intake:abc:medications[0]',
      }),
    ]);
  });
});
