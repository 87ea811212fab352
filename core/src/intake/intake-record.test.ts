import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { clinicalKnowledge } from '../knowledge/knowledge';
import { defaultScreeningSettings } from '../knowledge/settings';
import { evaluate } from '../screening/evaluate';
import { allNoIntake } from './intake-examples';
import { intakeToFacts, parseIntakeRecord, type IntakeRecordInput } from './intake-record';

const no = 'no' as const;
const baseIntake: IntakeRecordInput = allNoIntake;
const screen = (
  intake: IntakeRecordInput,
  asOf = '2026-06-15',
  areas: Array<'face' | 'perioral'> = ['face'],
) =>
  evaluate(intakeToFacts(parseIntakeRecord(intake)), clinicalKnowledge, defaultScreeningSettings, asOf, {
    areas,
    modality: 'mechanical',
  });

describe('intake record', () => {
  it('a complete "no" intake proceeds', () => {
    expect(screen(baseIntake)).toMatchObject({ verdict: 'proceed', findings: [] });
  });

  it('keeps unknown distinct from no', () => {
    const result = screen({ ...baseIntake, pregnancy: { pregnant: 'unknown', breastfeeding: no } });
    expect(result.verdict).toBe('needs-review');
    expect(result.findings[0]).toMatchObject({ code: 'MISSING_INFORMATION', ruleId: 'pregnancy' });
  });

  it('a medication list answered "unknown" is missing information', () => {
    expect(
      screen({ ...baseIntake, medications: { answer: 'unknown' } }).findings.map((f) => f.ruleId),
    ).toEqual(['missing-information']);
  });

  it('maps medications with stop dates, brands and routes', () => {
    const result = screen({
      ...baseIntake,
      medications: {
        answer: 'listed',
        items: [
          { name: 'Absorica', route: 'oral', status: 'stopped', stopped: '2026-04-15' },
          { name: 'Xarelto', prescribed: 'yes' },
          { name: 'tacrolimus', route: 'topical' },
        ],
      },
    });
    expect(result.findings.map((f) => f.code)).toEqual(['ANTICOAGULANT', 'ISOTRETINOIN']);
    expect(result.findings[1]!.until).toBe('2026-10-15');
  });

  it('maps recent treatments with dates and areas', () => {
    const result = screen({
      ...baseIntake,
      recentTreatments: {
        answer: 'listed',
        items: [{ type: 'neurotoxin', name: 'Botox', date: '2026-06-10', areas: ['face'] }],
      },
    });
    expect(result.findings[0]).toMatchObject({ code: 'RECENT_NEUROTOXIN', until: '2026-06-24' });
  });

  it('maps HbA1c for a diabetic patient', () => {
    const health = {
      ...baseIntake.health,
      diabetes: 'yes' as const,
      latestHba1c: { percent: 9.1, date: '2026-05-01' },
    };
    expect(screen({ ...baseIntake, health }).verdict).toBe('defer');
  });

  it('cold-sore history with perioral treatment raises HSV_HISTORY', () => {
    const skin = { ...baseIntake.skin, coldSoreHistory: 'yes' as const };
    expect(screen({ ...baseIntake, skin }, '2026-06-15', ['perioral']).findings[0]!.code).toBe('HSV_HISTORY');
  });

  it('rejects a bad record with the path of the problem', () => {
    expect(() =>
      parseIntakeRecord({ ...baseIntake, skin: { ...baseIntake.skin, coldSoreHistory: 'maybe' } }),
    ).toThrow(DomainError);
    expect(() =>
      parseIntakeRecord({ ...baseIntake, skin: { ...baseIntake.skin, coldSoreHistory: 'maybe' } }),
    ).toThrow(/intake record: skin\.coldSoreHistory/);
    expect(() => parseIntakeRecord({ ...baseIntake, version: 2 })).toThrow(/version/);
  });
});
