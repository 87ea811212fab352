import { describe, expect, it } from 'vitest';
import { sampleEvent, sampleRecord } from './treatment-examples';
import { toFhirAdverseEvent, toFhirProcedure } from './treatment-to-fhir';

describe('toFhirProcedure', () => {
  it('maps zones to bodySite, the device and cartridge lots to focalDevice, products to usedCode', () => {
    const p = toFhirProcedure(sampleRecord(), {
      device: { id: '66666666-6666-4666-8666-666666666666', name: 'Pen A', serialNumber: 'PEN-1' },
    });
    expect(p).toMatchObject({
      resourceType: 'Procedure',
      status: 'completed',
      subject: { reference: 'Patient/33333333-3333-4333-8333-333333333333' },
      performedDateTime: '2026-12-03T09:00:00.000Z',
      bodySite: [{ coding: [{ code: 'cheeks' }] }],
      contained: [
        {
          resourceType: 'Device',
          id: 'consumable-0',
          lotNumber: 'L-1',
          expirationDate: '2027-06-30',
          udiCarrier: [{ deviceIdentifier: '04006381333931' }],
        },
      ],
      focalDevice: [
        {
          manipulated: {
            reference: 'Device/66666666-6666-4666-8666-666666666666',
            display: 'Pen A (serial PEN-1), handpiece HP-7',
          },
        },
        { manipulated: { reference: '#consumable-0' } },
      ],
    });
    expect((p.usedCode as { text: string }[]).map((u) => u.text)).toEqual([
      'Cartridge 36 (36 needles)',
      'lidocaine-prilocaine-2.5-2.5 2.5%/2.5%',
      'Saline (glide, lot S-1)',
    ]);
  });
  it('an unsigned record is in progress', () => {
    expect(toFhirProcedure(sampleRecord({ status: 'draft' }), { device: null }).status).toBe('in-progress');
  });
});

describe('toFhirAdverseEvent', () => {
  it.each([
    ['recovered', 'resolved'],
    ['not-recovered', 'ongoing'],
    ['recovered-with-sequelae', 'resolvedWithSequelae'],
  ] as const)('outcome %s -> %s', (ours, fhir) => {
    const ae = toFhirAdverseEvent({ ...sampleEvent, outcome: ours });
    expect(ae).toMatchObject({ outcome: { coding: [{ code: fhir }] } });
  });
  it('names the procedure, device and lot as suspect entities', () => {
    const ae = toFhirAdverseEvent(sampleEvent);
    expect(ae).toMatchObject({
      actuality: 'actual',
      detected: '2026-12-20',
      seriousness: { coding: [{ code: 'non-serious' }] },
      event: { coding: [{ code: 'granuloma', display: 'Granuloma' }] },
      suspectEntity: [
        { instance: { reference: 'Procedure/11111111-1111-4111-8111-111111111111' } },
        { instance: { reference: 'Device/66666666-6666-4666-8666-666666666666' } },
        { instance: { reference: '#lot-0' } },
      ],
    });
  });
});
