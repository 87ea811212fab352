import { describe, expect, it } from 'vitest';
import { sampleEvent, sampleRecord } from '@needlepoint/core/fhir/treatment-examples';
import { toFhirAdverseEvent, toFhirProcedure } from '@needlepoint/core/fhir/treatment-to-fhir';
import { fhirProblem } from '../imports/fhir-validation';

// The mapped resources pass Medplum's FHIR R4 structural validation.
describe('FHIR R4 validity of the treatment mappings', () => {
  it('Procedure and AdverseEvent validate', { timeout: 60_000 }, () => {
    const device = { id: '66666666-6666-4666-8666-666666666666', name: 'Pen A', serialNumber: 'PEN-1' };
    expect(fhirProblem(toFhirProcedure(sampleRecord(), { device }))).toBeNull();
    expect(fhirProblem(toFhirProcedure(sampleRecord({ status: 'draft' }), { device: null }))).toBeNull();
    expect(fhirProblem(toFhirAdverseEvent(sampleEvent))).toBeNull();
  });
});
