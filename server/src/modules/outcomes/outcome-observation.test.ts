import { beforeAll, describe, expect, it } from 'vitest';
import { toFhirObservation } from '@needlepoint/core/fhir/outcome-observation';
import { scales, scoreScale } from '@needlepoint/core/outcomes/scales';
import { defaultOutcomeSettings } from '@needlepoint/core/outcomes/settings';
import { scaleIds, type ScaleId, type ScaleItem } from '@needlepoint/core/outcomes/scale.schema';
import { fhirProblem } from '../imports/fhir-validation';

/** The lowest valid answer to every item of a scale (optional items included). */
function lowest(items: ScaleItem[]): Record<string, number> {
  return Object.fromEntries(
    items.map((i) => [
      i.id,
      i.kind === 'choice' ? Math.min(...i.choices.map((c) => c.value)) : Math.max(i.min, 0.1),
    ]),
  );
}

describe('outcome Observations pass FHIR R4 structural validation', () => {
  // Loading the FHIR R4 definitions takes seconds on first use.
  beforeAll(() => {
    fhirProblem({ resourceType: 'Basic', code: { text: 'warm-up' } });
  }, 120_000);

  it.each(scaleIds.map((id) => [id]))('%s', (id: ScaleId) => {
    const scale = scales[id];
    const result = scoreScale(scale, lowest(scale.items), defaultOutcomeSettings);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const observation = toFhirObservation({
      id: '7c1a0b5e-1111-4a4a-8a8a-000000000001',
      planId: '7c1a0b5e-1111-4a4a-8a8a-000000000002',
      patientId: '7c1a0b5e-1111-4a4a-8a8a-000000000003',
      scaleId: id,
      scaleVersion: scale.version,
      scoredBy: scale.scoredBy,
      direction: scale.direction,
      timepoint: 'follow-up',
      sessionNumber: null,
      appointmentId: null,
      values: result.values,
      total: result.score.total,
      band: result.score.band,
      parts: result.score.parts,
      notes: [],
      recordedByName: 'Dr Ada',
      scoredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(fhirProblem(observation as unknown as Record<string, unknown>)).toBeNull();
  });
});
