import { describe, expect, it } from 'vitest';
import type { OutcomeScoreDto } from '../contracts/outcomes';
import { scales, scoreScale } from '../outcomes/scales';
import { defaultOutcomeSettings } from '../outcomes/settings';
import { outcomeScaleSystem, toFhirObservation } from './outcome-observation';

function score(
  over: Partial<OutcomeScoreDto> & Pick<OutcomeScoreDto, 'scaleId' | 'values'>,
): OutcomeScoreDto {
  const result = scoreScale(scales[over.scaleId], over.values, defaultOutcomeSettings);
  if (!result.ok) throw new Error('bad example');
  return {
    id: '7c1a0b5e-1111-4a4a-8a8a-000000000001',
    planId: '7c1a0b5e-1111-4a4a-8a8a-000000000002',
    patientId: '7c1a0b5e-1111-4a4a-8a8a-000000000003',
    scaleVersion: scales[over.scaleId].version,
    scoredBy: scales[over.scaleId].scoredBy,
    direction: scales[over.scaleId].direction,
    timepoint: 'baseline',
    sessionNumber: null,
    appointmentId: null,
    total: result.score.total,
    band: result.score.band,
    parts: result.score.parts,
    notes: result.score.notes,
    recordedByName: 'Dr Ada',
    scoredAt: '2026-03-01T10:00:00.000Z',
    ...over,
  };
}

describe('outcome scores as FHIR Observations', () => {
  it('codes the scale locally, keeps the total, the band, each item, the version and the direction', () => {
    const obs = toFhirObservation(
      score({ scaleId: 'salt', values: { vertex: 100, posterior: 50, rightSide: 0, leftSide: 0 } }),
    );
    expect(obs.code.coding).toEqual([
      { system: outcomeScaleSystem, code: 'salt', display: scales.salt.name },
    ]);
    expect(obs.valueQuantity).toEqual({
      value: 52,
      unit: '% scalp hair loss',
      system: 'http://unitsofmeasure.org',
      code: '%',
    });
    expect(obs.interpretation?.[0]?.coding[0]).toMatchObject({ code: 'S3' });
    expect(obs.component).toHaveLength(4);
    expect(obs.component[0]).toMatchObject({
      code: { coding: [{ code: 'vertex' }] },
      valueQuantity: { value: 100 },
    });
    expect(obs.category[0]!.coding[0]!.code).toBe('exam');
    expect(obs.performer).toEqual([{ display: 'Dr Ada' }]);
    expect(obs.extension).toContainEqual({
      url: 'urn:needlepoint:fhir:outcome-direction',
      valueString: 'lower-is-better',
    });
    expect(obs.subject.reference).toBe('Patient/7c1a0b5e-1111-4a4a-8a8a-000000000003');
  });

  it('files patient-reported scores as surveys performed by the patient, with the session number', () => {
    const obs = toFhirObservation(
      score({ scaleId: 'gais-subject', values: { rating: 2 }, timepoint: 'session', sessionNumber: 3 }),
    );
    expect(obs.category[0]!.coding[0]!.code).toBe('survey');
    expect(obs.performer).toEqual([{ reference: 'Patient/7c1a0b5e-1111-4a4a-8a8a-000000000003' }]);
    expect(obs.valueQuantity).toMatchObject({ value: 2, code: '{score}' });
    expect(obs.interpretation).toBeUndefined();
    expect(obs.extension).toContainEqual({
      url: 'urn:needlepoint:fhir:outcome-timepoint-session',
      valueInteger: 3,
    });
    expect(obs.method.text).toContain('1 = very much improved');
  });

  it('puts a LOINC code first when one is known', () => {
    const obs = toFhirObservation(score({ scaleId: 'satisfaction', values: { rating: 9 } }), {
      satisfaction: { code: '00000-0', display: 'Example' },
    });
    expect(obs.code.coding.map((c) => c.system)).toEqual(['http://loinc.org', outcomeScaleSystem]);
  });

  it('maps a score of every scale', () => {
    const examples: Record<string, Record<string, number>> = {
      'hair-count': { hairs: 120, areaCm2: 0.65 },
    };
    const obs = toFhirObservation(score({ scaleId: 'hair-count', values: examples['hair-count']! }));
    expect(obs.valueQuantity).toMatchObject({ value: 184.6, code: '/cm2' });
  });
});
