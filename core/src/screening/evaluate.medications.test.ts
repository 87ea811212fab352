import { describe, expect, it } from 'vitest';
import { clinicalKnowledge } from '../knowledge/knowledge';
import type { FindingCode } from '../knowledge/knowledge.schema';
import {
  defaultScreeningSettings,
  resolveScreeningSettings,
  type ScreeningSettings,
} from '../knowledge/settings';
import { evaluate, type ScreeningRequest } from './evaluate';
import type { MedicationFact } from './facts';
import { codedMedication, completeFacts, medication } from './facts-builder';

const asOf = '2026-06-15';
const face: ScreeningRequest = { areas: ['face'], modality: 'mechanical' };

function run(meds: MedicationFact[], request = face, settings: ScreeningSettings = defaultScreeningSettings) {
  return evaluate(completeFacts({ medications: meds }), clinicalKnowledge, settings, asOf, request);
}

function codes(meds: MedicationFact[], request = face, settings?: ScreeningSettings): FindingCode[] {
  return run(meds, request, settings).findings.map((f) => f.code);
}

// Each row: rule id, source, the medication record, and whether the rule's finding must appear.
const cases: Array<
  [ruleId: string, source: string, label: string, med: MedicationFact, code: FindingCode, present: boolean]
> = [
  [
    'anticoagulant',
    'S76',
    'apixaban by RxNorm SCD',
    codedMedication('1364445', undefined),
    'ANTICOAGULANT',
    true,
  ],
  [
    'anticoagulant',
    'S76',
    'Eliquis by RxNorm SBD',
    codedMedication('1364447', undefined),
    'ANTICOAGULANT',
    true,
  ],
  [
    'anticoagulant',
    'S76',
    'brand free text "Eliquis 5mg bd"',
    medication('Eliquis 5mg bd'),
    'ANTICOAGULANT',
    true,
  ],
  ['anticoagulant', 'S76', 'misspelt brand "eliquise"', medication('eliquise'), 'ANTICOAGULANT', true],
  ['anticoagulant', 'S76', 'misspelt brand "Xeralto 20"', medication('Xeralto 20'), 'ANTICOAGULANT', true],
  [
    'anticoagulant',
    'S76',
    'generic text rivaroxaban',
    medication('rivaroxaban 20 MG Oral Tablet'),
    'ANTICOAGULANT',
    true,
  ],
  ['anticoagulant', 'S76', 'Coumadin brand', medication('COUMADIN'), 'ANTICOAGULANT', true],
  [
    'anticoagulant',
    'S76',
    'warfarin SCD code not listed by text',
    codedMedication('999999', 'warfarin sodium 5 MG Oral Tablet'),
    'ANTICOAGULANT',
    true,
  ],
  [
    'anticoagulant',
    'S76',
    'lisinopril is not an anticoagulant',
    codedMedication('314076', 'lisinopril 10 MG Oral Tablet'),
    'ANTICOAGULANT',
    false,
  ],
  [
    'anticoagulant',
    'S76',
    'entered-in-error does not count',
    medication('warfarin', { status: 'entered-in-error' }),
    'ANTICOAGULANT',
    false,
  ],
  [
    'anticoagulant',
    'S76',
    'cancelled order does not count',
    medication('warfarin', { status: 'cancelled' }),
    'ANTICOAGULANT',
    false,
  ],
  [
    'antiplatelet',
    'S76',
    'clopidogrel fixture SCD 309362',
    codedMedication('309362', 'Clopidogrel 75 MG Oral Tablet'),
    'ANTIPLATELET',
    true,
  ],
  ['antiplatelet', 'S76', 'Plavix brand', medication('Plavix'), 'ANTIPLATELET', true],
  ['antiplatelet', 'S76', 'Brilinta brand', medication('brilinta 90mg'), 'ANTIPLATELET', true],
  ['antiplatelet', 'S76', 'ticagrelor generic', medication('Ticagrelor'), 'ANTIPLATELET', true],
  [
    'antiplatelet',
    'S76',
    'aspirin 81 fixture SCD 243670',
    codedMedication('243670', 'Aspirin 81 MG Oral Tablet'),
    'ANTIPLATELET',
    true,
  ],
  ['antiplatelet', 'S76', 'misspelt "asprin"', medication('asprin 75'), 'ANTIPLATELET', true],
  ['nsaid', 'S76', 'Advil brand', medication('Advil'), 'NSAID', true],
  ['nsaid', 'S76', 'Aleve brand', medication('Aleve'), 'NSAID', true],
  [
    'nsaid',
    'S76',
    'ibuprofen fixture SBD 206905',
    codedMedication('206905', 'Ibuprofen 400 MG Oral Tablet [Ibu]'),
    'NSAID',
    true,
  ],
  ['nsaid', 'S76', 'misspelt "ibuprophen"', medication('ibuprophen'), 'NSAID', true],
  ['nsaid', 'S76', 'naproxen', medication('naproxen sodium 220 MG'), 'NSAID', true],
  ['nsaid', 'S76', 'paracetamol is not an NSAID', medication('Paracetamol 500mg'), 'NSAID', false],
  ['bleeding-supplement', 'S78', 'fish oil', medication('Fish Oil 1000mg'), 'BLEEDING_SUPPLEMENT', true],
  ['bleeding-supplement', 'S78', 'ginkgo', medication('Ginkgo biloba'), 'BLEEDING_SUPPLEMENT', true],
  ['bleeding-supplement', 'S78', 'vitamin E', medication('Vitamin E 400 IU'), 'BLEEDING_SUPPLEMENT', true],
  ['isotretinoin', 'S12', 'Absorica brand', medication('Absorica 30mg'), 'ISOTRETINOIN', true],
  [
    'isotretinoin',
    'S12',
    'isotretinoin RxNorm ingredient',
    codedMedication('6064', undefined),
    'ISOTRETINOIN',
    true,
  ],
  ['isotretinoin', 'S12', 'misspelt "accutaine"', medication('accutaine'), 'ISOTRETINOIN', true],
  ['topical-retinoid', 'S78', 'Retin-A brand', medication('Retin-A 0.05% cream'), 'TOPICAL_RETINOID', true],
  ['topical-retinoid', 'S78', 'tretinoin generic', medication('tretinoin cream'), 'TOPICAL_RETINOID', true],
  ['topical-retinoid', 'S78', 'adapalene', medication('Differin gel'), 'TOPICAL_RETINOID', true],
  [
    'photosensitizer',
    'S78',
    'doxycycline',
    medication('Doxycycline 100 MG Oral Capsule'),
    'PHOTOSENSITIZER',
    true,
  ],
  [
    'photosensitizer',
    'S78',
    "St John's wort with apostrophe",
    medication("St. John's Wort"),
    'PHOTOSENSITIZER',
    true,
  ],
  [
    'photosensitizer',
    'S78',
    'st johns wort without punctuation',
    medication('st johns wort'),
    'PHOTOSENSITIZER',
    true,
  ],
  [
    'photosensitizer',
    'S78',
    'hydrochlorothiazide fixture SCD 310798',
    codedMedication('310798', 'Hydrochlorothiazide 25 MG Oral Tablet'),
    'PHOTOSENSITIZER',
    true,
  ],
  ['immunosuppressant', 'S77', 'Humira brand', medication('Humira pen'), 'IMMUNOSUPPRESSANT', true],
  [
    'immunosuppressant',
    'S77',
    'adalimumab ingredient code',
    codedMedication('327361', undefined),
    'IMMUNOSUPPRESSANT',
    true,
  ],
  ['immunosuppressant', 'S77', 'Prograf brand', medication('Prograf 1mg'), 'IMMUNOSUPPRESSANT', true],
  [
    'immunosuppressant',
    'S77',
    'tacrolimus fixture SCD 1664463',
    codedMedication('1664463', '24 HR tacrolimus 1 MG Extended Release Oral Tablet'),
    'IMMUNOSUPPRESSANT',
    true,
  ],
  [
    'immunosuppressant',
    'S77',
    'topical tacrolimus ointment is not systemic',
    medication('tacrolimus 0.1% topical ointment'),
    'IMMUNOSUPPRESSANT',
    false,
  ],
  ['immunosuppressant', 'S77', 'CellCept brand', medication('Cellcept'), 'IMMUNOSUPPRESSANT', true],
  [
    'immunosuppressant',
    'S77',
    'mycophenolate generic',
    medication('mycophenolate mofetil 500 mg'),
    'IMMUNOSUPPRESSANT',
    true,
  ],
  [
    'immunosuppressant',
    'S77',
    'methotrexate',
    medication('Methotrexate 2.5 MG Oral Tablet'),
    'IMMUNOSUPPRESSANT',
    true,
  ],
  [
    'immunosuppressant',
    'S77',
    'oral prednisone',
    medication('prednisone 20 mg tablet'),
    'IMMUNOSUPPRESSANT',
    true,
  ],
  [
    'immunosuppressant',
    'S77',
    'hydrocortisone cream is not listed',
    medication('hydrocortisone 1% cream'),
    'IMMUNOSUPPRESSANT',
    false,
  ],
  [
    'chemotherapy',
    'S77',
    'cisplatin fixture SCD 1736854',
    codedMedication('1736854', 'Cisplatin 50 MG Injection'),
    'CHEMOTHERAPY',
    true,
  ],
  ['chemotherapy', 'S77', 'paclitaxel text', medication('PACLitaxel 100 MG Injection'), 'CHEMOTHERAPY', true],
  [
    'chemotherapy',
    'S77',
    'topical fluorouracil cream is not systemic chemo',
    medication('fluorouracil 5% topical cream'),
    'CHEMOTHERAPY',
    false,
  ],
];

describe('medication rules (table)', () => {
  it.each(cases)('%s [%s]: %s', (ruleId, source, _label, med, code, present) => {
    const finding = run([med]).findings.find((f) => f.code === code);
    expect(Boolean(finding)).toBe(present);
    if (finding) {
      expect(finding.ruleId).toBe(ruleId);
      expect(finding.sources.map((s) => s.id)).toContain(source);
    }
  });

  it('anticoagulants and antiplatelets ask for prescriber clearance', () => {
    const result = run([medication('Eliquis')]);
    expect(result.verdict).toBe('needs-clearance');
    const finding = result.findings.find((f) => f.code === 'ANTICOAGULANT')!;
    expect(finding.ruleId).toBe('anticoagulant');
    expect(finding.action).toMatch(/prescriber clearance/i);
    expect(finding.evidence[0]).toMatchObject({ source: 'medication', text: 'Eliquis', matched: 'apixaban' });
  });

  it('minoxidil only matters when the scalp is treated', () => {
    expect(codes([medication('Rogaine 5% foam')], face)).not.toContain('MINOXIDIL');
    expect(codes([medication('Rogaine 5% foam')], { areas: ['scalp'], modality: 'mechanical' })).toContain(
      'MINOXIDIL',
    );
    expect(
      codes([medication('minoxidil 2.5 mg oral tablet')], { areas: ['scalp'], modality: 'mechanical' }),
    ).not.toContain('MINOXIDIL');
  });
});

describe('medication timing', () => {
  it.each([
    ['isotretinoin stopped 2 months ago counts (6-month window)', '2026-04-15', true, '2026-10-15'],
    ['isotretinoin stopped 3 years ago does not count', '2023-06-15', false, undefined],
    ['isotretinoin stopped exactly 6 months ago no longer counts', '2025-12-15', false, undefined],
    ['isotretinoin stopped 6 months minus a day ago counts', '2025-12-16', true, '2026-06-16'],
  ] as const)('[isotretinoin, S12] %s', (_label, stopped, present, until) => {
    const result = run([
      medication('isotretinoin 20 mg', { status: 'stopped', start: '2025-01-01', end: stopped }),
    ]);
    const finding = result.findings.find((f) => f.code === 'ISOTRETINOIN');
    expect(Boolean(finding)).toBe(present);
    expect(finding?.until).toBe(until);
  });

  it('[isotretinoin, S12] the clinic setting changes the window (0 months: only current use)', () => {
    const settings = resolveScreeningSettings({ isotretinoinWaitMonths: 1 });
    const stopped = medication('Absorica', { status: 'stopped', end: '2026-04-15' });
    expect(codes([stopped], face, settings)).not.toContain('ISOTRETINOIN');
    expect(
      codes([medication('Absorica', { status: 'stopped', end: '2026-06-01' })], face, settings),
    ).toContain('ISOTRETINOIN');
  });

  it('[isotretinoin, S12] current use counts and has no end date', () => {
    const finding = run([medication('isotretinoin')]).findings.find((f) => f.code === 'ISOTRETINOIN')!;
    expect(finding.severity).toBe('review');
    expect(finding.until).toBeUndefined();
  });

  it('[topical-retinoid, S78] hold days: last used 3 days ago counts, 10 days ago does not', () => {
    expect(codes([medication('tretinoin', { status: 'stopped', end: '2026-06-12' })])).toContain(
      'TOPICAL_RETINOID',
    );
    expect(codes([medication('tretinoin', { status: 'stopped', end: '2026-06-05' })])).not.toContain(
      'TOPICAL_RETINOID',
    );
  });

  it('a stopped record without a stop date uses its last known date and says so', () => {
    const recent = run([medication('clopidogrel', { status: 'stopped', start: '2026-06-12' })]).findings.find(
      (f) => f.code === 'ANTIPLATELET',
    );
    expect(recent?.evidence[0]?.note).toMatch(/stop date not recorded/);
    expect(codes([medication('clopidogrel', { status: 'stopped', start: '2020-01-01' })])).not.toContain(
      'ANTIPLATELET',
    );
  });

  it('a record that starts after asOf does not count', () => {
    expect(codes([medication('warfarin', { start: '2026-07-01' })])).not.toContain('ANTICOAGULANT');
  });

  it('an active record with an end date before asOf counts only within the window', () => {
    expect(codes([medication('chemotherapy', { end: '2026-03-01' })])).toContain('CHEMOTHERAPY');
    expect(codes([medication('chemotherapy', { end: '2025-03-01' })])).not.toContain('CHEMOTHERAPY');
  });
});

describe('missing medication list', () => {
  it('a medication list that was not provided is MISSING_INFORMATION, never "none"', () => {
    const facts = completeFacts({ provided: { conditions: true, medications: false, allergies: true } });
    const result = evaluate(facts, clinicalKnowledge, defaultScreeningSettings, asOf, face);
    expect(result.verdict).toBe('needs-review');
    const missing = result.findings.filter((f) => f.code === 'MISSING_INFORMATION');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.title).toMatch(/medication list/);
  });

  it('an empty but provided list is "none": nothing to report', () => {
    const result = evaluate(completeFacts(), clinicalKnowledge, defaultScreeningSettings, asOf, face);
    expect(result).toMatchObject({
      verdict: 'proceed',
      findings: [],
      knowledgeVersion: clinicalKnowledge.version,
    });
  });
});
