import { describe, expect, it } from 'vitest';
import { checkNumbing, defaultClinicNumbingLimits, numbingMinutes } from './numbing';
import { Numbing } from './record';

const base = (over: Partial<Numbing> = {}): Numbing =>
  Numbing.parse({
    product: 'lidocaine-prilocaine-2.5-2.5',
    amountG: 10,
    areaCm2: 200,
    appliedAt: '2026-12-02T09:00:00Z',
    removedAt: '2026-12-02T09:45:00Z',
    ...over,
  });

describe('checkNumbing: one case per rule (id, source)', () => {
  it.each([
    [
      'NUMB-EMLA-MAX-AMOUNT',
      'S71',
      base({ amountG: 61 }),
      { maxAmountG: 100, maxAreaCm2: 1000, maxMinutes: 300 },
    ],
    [
      'NUMB-EMLA-MAX-AREA',
      'S71',
      base({ areaCm2: 650 }),
      { maxAmountG: 100, maxAreaCm2: 1000, maxMinutes: 300 },
    ],
    [
      'NUMB-EMLA-MAX-TIME',
      'S71',
      base({ removedAt: '2026-12-02T12:01:00Z' }),
      { maxAmountG: 100, maxAreaCm2: 1000, maxMinutes: 300 },
    ],
    [
      'NUMB-COMPOUNDED-23-7-TIME',
      'S69',
      base({ product: 'lidocaine-tetracaine-23-7', removedAt: '2026-12-02T11:30:00Z' }),
      { maxAmountG: 100, maxAreaCm2: 1000, maxMinutes: 300 },
    ],
    ['NUMB-CLINIC-MAX-AMOUNT', 'S67', base({ amountG: 31 }), defaultClinicNumbingLimits],
    ['NUMB-CLINIC-MAX-AREA', 'S67', base({ areaCm2: 401 }), defaultClinicNumbingLimits],
    ['NUMB-CLINIC-MAX-TIME', 'S70', base({ removedAt: '2026-12-02T10:31:00Z' }), defaultClinicNumbingLimits],
    ['NUMB-COMPOUNDED-SUPERVISION', 'S67', base({ product: 'bl-t-compounded' }), defaultClinicNumbingLimits],
    ['NUMB-OCCLUSION-UNPRESCRIBED', 'S70', base({ occlusion: true }), defaultClinicNumbingLimits],
    ['NUMB-NOT-REMOVED', 'S69', base({ removedAt: null }), defaultClinicNumbingLimits],
  ])('%s (%s) warns', (ruleId, source, numbing, limits) => {
    const warning = checkNumbing(numbing, limits).find((w) => w.ruleId === ruleId);
    expect(warning).toBeDefined();
    expect(warning!.sources).toContain(source);
    expect(warning!.message.length).toBeGreaterThan(20);
  });

  it('stays quiet within every limit, at the limit exactly, and with prescribed occlusion', () => {
    expect(checkNumbing(base())).toEqual([]);
    expect(checkNumbing(base({ amountG: 30, areaCm2: 400, removedAt: '2026-12-02T10:30:00Z' }))).toEqual([]);
    expect(checkNumbing(base({ occlusion: true, occlusionPrescribed: true }))).toEqual([]);
  });

  it('reports both the labelled and the clinic limit with value and limit when both are exceeded', () => {
    const warnings = checkNumbing(base({ areaCm2: 700 }));
    expect(warnings.map((w) => [w.ruleId, w.kind, w.value, w.limit])).toEqual([
      ['NUMB-EMLA-MAX-AREA', 'label', 700, 600],
      ['NUMB-CLINIC-MAX-AREA', 'clinic', 700, 400],
    ]);
  });

  it('applies a product label only to that product', () => {
    const lidocaine = checkNumbing(base({ product: 'lidocaine-4', areaCm2: 650 }), {
      maxAmountG: 100,
      maxAreaCm2: 1000,
      maxMinutes: 300,
    });
    expect(lidocaine).toEqual([]);
  });

  it('does not assume an amount or area that was not charted', () => {
    expect(checkNumbing(base({ amountG: null, areaCm2: null }))).toEqual([]);
  });
});

describe('numbingMinutes', () => {
  it.each([
    ['2026-12-02T09:00:00Z', '2026-12-02T10:00:00Z', 60],
    ['2026-12-02T09:00:00+01:00', '2026-12-02T08:30:00Z', 30],
    ['2026-12-02T09:00:00Z', null, null],
    ['2026-12-02T10:00:00Z', '2026-12-02T09:00:00Z', null],
  ])('%s -> %s = %s', (appliedAt, removedAt, minutes) => {
    expect(numbingMinutes({ appliedAt, removedAt })).toBe(minutes);
  });
});
