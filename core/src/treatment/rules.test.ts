import { describe, expect, it } from 'vitest';
import type { ZoneDepth } from '../plans/template.schema';
import { ConsumableUse, emptyDraft, TopicalUse, TreatmentRecordDraft, ZoneTreatment } from './record';
import {
  builtInAllowedProducts,
  canAddAddendum,
  canEditRecord,
  expiredConsumables,
  lotExpired,
  signOffIssues,
  startBlocked,
  topicalsNotAllowed,
  unconfirmedDepths,
} from './rules';

describe('lotExpired (expired lots are refused)', () => {
  it.each([
    ['2026-12-01', '2026-12-02', true],
    ['2026-12-02', '2026-12-02', false],
    ['2027-01-31', '2026-12-02', false],
  ])('expiry %s on %s -> %s', (expiry, today, expired) => {
    expect(lotExpired(expiry, today)).toBe(expired);
  });

  it('names only the expired consumables', () => {
    const use = (lot: string, expiry: string) =>
      ConsumableUse.parse({ productName: 'Cartridge 36', lot, expiry });
    expect(expiredConsumables([use('A', '2026-11-30'), use('B', '2027-01-01')], '2026-12-02')).toEqual([
      expect.objectContaining({ lot: 'A' }),
    ]);
  });
});

describe('topicalsNotAllowed (evidence.md 1.14 allow-list; TOPICAL-STERILE-ALLOW-LIST, S9)', () => {
  const clinicSerum = {
    id: 'p-1',
    name: 'Sterile HA serum (clinic stock)',
    roles: ['adjunct' as const],
    why: 'labelled sterile for needling',
    sources: [],
    evidenceLevel: 'clinic-page' as const,
  };
  const allowList = [...builtInAllowedProducts, clinicSerum];
  it.each([
    ['saline as glide', { role: 'glide', productId: 'sterile-saline-0.9' }, true],
    ['PRP as adjunct', { role: 'adjunct', productId: 'autologous-prp' }, true],
    ['clinic sterile serum as adjunct', { role: 'adjunct', productId: 'p-1' }, true],
    ['clinic serum as glide (role not allowed)', { role: 'glide', productId: 'p-1' }, false],
    ['vitamin C serum (not on the list)', { role: 'adjunct', productId: 'vitamin-c-serum' }, false],
    ['saline as adjunct (role not allowed)', { role: 'adjunct', productId: 'sterile-saline-0.9' }, false],
  ])('%s -> allowed %s', (_name, use, allowed) => {
    const refusals = topicalsNotAllowed([TopicalUse.parse(use)], allowList);
    expect(refusals.length === 0).toBe(allowed);
  });

  it('explains a refusal with the granuloma evidence', () => {
    const [refusal] = topicalsNotAllowed(
      [TopicalUse.parse({ role: 'adjunct', productId: 'x', productName: 'Vitamin C serum' })],
      builtInAllowedProducts,
    );
    expect(refusal).toMatchObject({ index: 0, productName: 'Vitamin C serum' });
    expect(refusal!.reason).toMatch(/granulomas/);
  });
});

describe('unconfirmedDepths (evidence.md 1.0: confirm a depth outside the zone range)', () => {
  const plan: ZoneDepth[] = [
    { zone: 'cheeks', minMm: 1.5, maxMm: 2.0, sources: ['S53'] },
    { zone: 'forehead', minMm: 0.25, maxMm: 0.5, sources: ['S80'] },
  ];
  const zone = (z: Partial<ZoneTreatment>) => ZoneTreatment.parse({ zone: 'cheeks', depthMm: 1.5, ...z });
  it.each([
    ['inside the range', zone({ depthMm: 1.75 }), 0],
    ['at the upper bound', zone({ depthMm: 2.0 }), 0],
    ['above the range', zone({ depthMm: 2.5 }), 1],
    ['below the range', zone({ depthMm: 1.0 }), 1],
    ['a zone without a range', zone({ zone: 'neck', depthMm: 0.5 }), 1],
    ['above the range, confirmed', zone({ depthMm: 2.5, depthConfirmed: true }), 0],
  ])('%s -> %s problem(s)', (_name, z, count) => {
    expect(unconfirmedDepths([z], plan)).toHaveLength(count);
  });

  it('says which zone, depth and range', () => {
    expect(unconfirmedDepths([zone({ zone: 'forehead', depthMm: 1 })], plan)[0]).toMatchObject({
      zone: 'forehead',
      depthMm: 1,
      range: { minMm: 0.25, maxMm: 0.5 },
    });
  });
});

describe('startBlocked and signOffIssues', () => {
  it.each([
    [{ screeningCleared: true, screeningOverridden: false, consentOnFile: true }, false],
    [{ screeningCleared: false, screeningOverridden: true, consentOnFile: true }, false],
    [{ screeningCleared: false, screeningOverridden: false, consentOnFile: true }, true],
    [{ screeningCleared: null, screeningOverridden: false, consentOnFile: true }, true],
  ])('%j -> blocked %s', (facts, blocked) => {
    expect(startBlocked(facts) !== null).toBe(blocked);
  });

  const complete = TreatmentRecordDraft.parse({
    checklist: { photosTaken: true, skinClean: true, preparationFollowed: true },
    deviceId: '00000000-0000-4000-8000-000000000001',
    consumables: [{ productName: 'Cartridge 36', lot: 'L1', expiry: '2027-01-01' }],
    zones: [{ zone: 'cheeks', depthMm: 1.5 }],
    pain: 3,
    aftercareGiven: true,
  });
  const facts = {
    screeningCleared: true,
    screeningOverridden: false,
    consentOnFile: true,
    modality: 'mechanical' as const,
  };

  it('a complete record has no issues', () => {
    expect(signOffIssues(complete, facts)).toEqual([]);
  });

  it('names every missing item of an empty record instead of assuming', () => {
    const paths = signOffIssues(emptyDraft(), { ...facts, consentOnFile: false }).map((i) => i.path);
    expect(paths).toEqual([
      'checklist.consent',
      'checklist.photosTaken',
      'checklist.skinClean',
      'checklist.preparationFollowed',
      'deviceId',
      'consumables',
      'zones',
      'pain',
      'aftercareGiven',
    ]);
  });

  it('asks for RF settings when the modality is RF', () => {
    expect(signOffIssues(complete, { ...facts, modality: 'rf' }).map((i) => i.path)).toEqual(['rf']);
  });

  it('a signed record takes addenda only', () => {
    expect([canEditRecord('draft'), canEditRecord('signed')]).toEqual([true, false]);
    expect([canAddAddendum('draft'), canAddAddendum('signed')]).toEqual([false, true]);
  });
});
