import { describe, expect, it } from 'vitest';
import { clinicalKnowledge } from '../knowledge/knowledge';
import type { AnswerKey, FindingCode } from '../knowledge/knowledge.schema';
import { defaultScreeningSettings, resolveScreeningSettings } from '../knowledge/settings';
import { evaluate, type ScreeningRequest } from './evaluate';
import type { ScreeningFacts } from './facts';
import { codedCondition, completeFacts, condition, ICD10, LOINC, procedure, SNOMED } from './facts-builder';

const asOf = '2026-06-15';
const face: ScreeningRequest = { areas: ['face'], modality: 'mechanical' };
const run = (facts: Partial<ScreeningFacts>, request = face, settings = defaultScreeningSettings) =>
  evaluate(completeFacts(facts), clinicalKnowledge, settings, asOf, request);
const codesOf = (facts: Partial<ScreeningFacts>, request = face) =>
  run(facts, request).findings.map((f) => f.code);
const yes = (key: AnswerKey): Partial<ScreeningFacts> => ({
  answers: { ...completeFacts().answers, [key]: 'yes' },
});

// Each row: rule id, source, case, facts, finding code, expected presence.
const cases: Array<[string, string, string, Partial<ScreeningFacts>, FindingCode, boolean]> = [
  [
    'active-skin-infection',
    'S77',
    'cellulitis by SNOMED',
    { conditions: [codedCondition(SNOMED, '128045006')] },
    'ACTIVE_SKIN_INFECTION',
    true,
  ],
  [
    'active-skin-infection',
    'S77',
    'impetigo by ICD-10 L01.00',
    { conditions: [codedCondition(ICD10, 'L01.00')] },
    'ACTIVE_SKIN_INFECTION',
    true,
  ],
  [
    'active-skin-infection',
    'S77',
    'resolved impetigo',
    { conditions: [condition('impetigo', { clinicalStatus: 'resolved', abatement: '2026-01-01' })] },
    'ACTIVE_SKIN_INFECTION',
    false,
  ],
  ['active-skin-infection', 'S7', 'intake answer', yes('activeSkinInfection'), 'ACTIVE_SKIN_INFECTION', true],
  [
    'active-hsv',
    'S72',
    'active herpes labialis',
    { conditions: [condition('Herpes labialis')] },
    'ACTIVE_HSV',
    true,
  ],
  ['active-hsv', 'S72', 'current cold sore reported', yes('activeHsv'), 'ACTIVE_HSV', true],
  [
    'hsv-history',
    'S72',
    'resolved cold sore episode',
    { conditions: [condition('cold sores', { clinicalStatus: 'resolved', abatement: '2019-05-01' })] },
    'HSV_HISTORY',
    true,
  ],
  [
    'hsv-history',
    'S72',
    '"history of cold sores" text',
    { conditions: [condition('History of cold sores')] },
    'HSV_HISTORY',
    true,
  ],
  ['hsv-history', 'S72', 'intake answer', yes('hsvHistory'), 'HSV_HISTORY', true],
  [
    'hsv-history',
    'S72',
    'herpes zoster is not HSV',
    { conditions: [condition('Herpes zoster', { clinicalStatus: 'resolved' })] },
    'HSV_HISTORY',
    false,
  ],
  [
    'active-acne',
    'S77',
    'acne vulgaris by SNOMED',
    { conditions: [codedCondition(SNOMED, '88616000')] },
    'ACTIVE_ACNE',
    true,
  ],
  [
    'active-acne',
    'S77',
    '"acne scars" is a concern, not active acne',
    { conditions: [condition('Acne scars')] },
    'ACTIVE_ACNE',
    false,
  ],
  [
    'keloid-tendency',
    'S77',
    'keloid scar',
    { conditions: [condition('Keloid scar on chest', { clinicalStatus: 'resolved' })] },
    'KELOID_TENDENCY',
    true,
  ],
  [
    'bleeding-disorder',
    'S77',
    'haemophilia (British spelling)',
    { conditions: [condition('Haemophilia A')] },
    'BLEEDING_DISORDER',
    true,
  ],
  [
    'bleeding-disorder',
    'S77',
    'von Willebrand by ICD D68.0',
    { conditions: [codedCondition(ICD10, 'D68.0')] },
    'BLEEDING_DISORDER',
    true,
  ],
  [
    'bleeding-disorder',
    'S77',
    'thrombophilia D68.51 is not a bleeding disorder',
    { conditions: [codedCondition(ICD10, 'D68.51')] },
    'BLEEDING_DISORDER',
    false,
  ],
  [
    'immunosuppression',
    'S77',
    'history of renal transplant still counts',
    { conditions: [codedCondition(SNOMED, '161665007')] },
    'IMMUNOSUPPRESSION',
    true,
  ],
  [
    'immunosuppression',
    'S77',
    'HIV by ICD B20',
    { conditions: [codedCondition(ICD10, 'B20')] },
    'IMMUNOSUPPRESSION',
    true,
  ],
  [
    'immunosuppression',
    'S77',
    'hearing aids are not AIDS',
    { conditions: [condition('Uses hearing aids')] },
    'IMMUNOSUPPRESSION',
    false,
  ],
  [
    'diabetes',
    'S77',
    'type 2 diabetes by SNOMED',
    { conditions: [codedCondition(SNOMED, '44054006')] },
    'DIABETES',
    true,
  ],
  [
    'diabetes',
    'S77',
    'E11.9 by ICD-10 prefix',
    { conditions: [codedCondition(ICD10, 'E11.9')] },
    'DIABETES',
    true,
  ],
  [
    'diabetes',
    'S77',
    'prediabetes is not diabetes',
    { conditions: [condition('Prediabetes')] },
    'DIABETES',
    false,
  ],
  [
    'diabetes',
    'S77',
    'family history of diabetes',
    { conditions: [condition('Family history of diabetes')] },
    'DIABETES',
    false,
  ],
  [
    'diabetes',
    'S77',
    'diabetes insipidus',
    { conditions: [condition('Diabetes insipidus')] },
    'DIABETES',
    false,
  ],
  [
    'dermatosis-on-record',
    'S77',
    'atopic dermatitis on record',
    { conditions: [codedCondition(SNOMED, '24079001')] },
    'DERMATOSIS_FLARE',
    true,
  ],
  ['dermatosis-flare-reported', 'S77', 'flare reported', yes('dermatosisFlare'), 'DERMATOSIS_FLARE', true],
  ['rosacea', 'S45', 'rosacea L71.9', { conditions: [codedCondition(ICD10, 'L71.9')] }, 'ROSACEA', true],
  [
    'vitiligo-unstable',
    'S33',
    'vitiligo on record',
    { conditions: [condition('Vitiligo')] },
    'VITILIGO_UNSTABLE',
    true,
  ],
  [
    'collagen-vascular-disease',
    'S77',
    'SLE',
    { conditions: [condition('Systemic lupus erythematosus')] },
    'COLLAGEN_VASCULAR_DISEASE',
    true,
  ],
  [
    'anesthetic-allergy',
    'S77',
    'lidocaine allergy',
    { allergies: [{ ref: 'AllergyIntolerance/1', text: 'Lidocaine', clinicalStatus: 'active' }] },
    'ANESTHETIC_ALLERGY',
    true,
  ],
  [
    'anesthetic-allergy',
    'S77',
    'refuted allergy does not count',
    {
      allergies: [
        {
          ref: 'AllergyIntolerance/1',
          text: 'Lidocaine',
          clinicalStatus: 'active',
          verificationStatus: 'refuted',
        },
      ],
    },
    'ANESTHETIC_ALLERGY',
    false,
  ],
  [
    'metal-allergy',
    'S7',
    'nickel allergy',
    { allergies: [{ ref: 'AllergyIntolerance/2', text: 'Nickel', clinicalStatus: 'active' }] },
    'METAL_ALLERGY',
    true,
  ],
  ['sunburn-or-tan', 'S78', 'sunburn reported', yes('sunburnOrTan'), 'SUNBURN_OR_TAN', true],
  [
    'recent-neurotoxin',
    'S79',
    'Botox 10 days ago',
    { procedures: [procedure('Botox forehead', '2026-06-05')] },
    'RECENT_NEUROTOXIN',
    true,
  ],
  [
    'recent-neurotoxin',
    'S79',
    'Botox 14 days ago (interval over)',
    { procedures: [procedure('Botox forehead', '2026-06-01')] },
    'RECENT_NEUROTOXIN',
    false,
  ],
  [
    'recent-filler',
    'S79',
    'filler 3 weeks ago',
    { procedures: [procedure('Juvederm lips', '2026-05-25')] },
    'RECENT_FILLER',
    true,
  ],
  [
    'recent-filler',
    'S79',
    'filler 2 months ago',
    { procedures: [procedure('dermal filler', '2026-04-15')] },
    'RECENT_FILLER',
    false,
  ],
  [
    'recent-peel-or-laser',
    'S77',
    'chemical peel 1 week ago',
    { procedures: [procedure('Chemical peel', '2026-06-08')] },
    'RECENT_PEEL_OR_LASER',
    true,
  ],
  [
    'recent-peel-or-laser',
    'S77',
    'not-done laser does not count',
    { procedures: [procedure('laser', '2026-06-08', { status: 'not-done' })] },
    'RECENT_PEEL_OR_LASER',
    false,
  ],
  ['chemotherapy', 'S77', 'chemotherapy reported', yes('chemotherapy'), 'CHEMOTHERAPY', true],
];

describe('condition, allergy and procedure rules (table)', () => {
  it.each(cases)('%s [%s]: %s', (ruleId, source, _label, facts, code, present) => {
    const finding = run(facts).findings.find((f) => f.code === code);
    expect(Boolean(finding)).toBe(present);
    if (finding) {
      expect(finding.ruleId).toBe(ruleId);
      expect(finding.sources.map((s) => s.id)).toContain(source);
    }
  });
});

describe('area- and modality-dependent rules', () => {
  const bcc = (bodySites: string[]) => ({ conditions: [condition('Basal cell carcinoma', { bodySites })] });
  it('[skin-cancer-area, S77] lesion in the area: do not treat; elsewhere: nothing; site unknown: review', () => {
    expect(run(bcc(['Left cheek'])).verdict).toBe('do-not-treat');
    expect(codesOf(bcc(['Back']))).not.toContain('SKIN_CANCER_AREA');
    const unknown = run(bcc([])).findings.find((f) => f.code === 'SKIN_CANCER_AREA')!;
    expect(unknown.severity).toBe('review');
    expect(unknown.reason).toMatch(/site not recorded/);
  });

  it('[radiotherapy-area, S77] breast radiotherapy defers chest treatment, not face; older than the window needs review', () => {
    const rt = (date: string) => ({
      procedures: [procedure('Teleradiotherapy procedure', date, { bodySites: ['Breast structure'] })],
    });
    const chest: ScreeningRequest = { areas: ['chest'], modality: 'mechanical' };
    expect(run(rt('2026-01-10'), chest).findings.find((f) => f.code === 'RADIOTHERAPY_AREA')).toMatchObject({
      severity: 'defer',
      until: '2027-01-10',
    });
    expect(codesOf(rt('2026-01-10'), face)).not.toContain('RADIOTHERAPY_AREA');
    expect(run(rt('2019-01-10'), chest).findings.find((f) => f.code === 'RADIOTHERAPY_AREA')?.severity).toBe(
      'review',
    );
  });

  it('[hsv-history, S72] cold-sore history matters for perioral/face, not for the scalp', () => {
    expect(codesOf(yes('hsvHistory'), { areas: ['perioral'], modality: 'mechanical' })).toContain(
      'HSV_HISTORY',
    );
    expect(codesOf(yes('hsvHistory'), { areas: ['scalp'], modality: 'mechanical' })).not.toContain(
      'HSV_HISTORY',
    );
  });

  it('[hsv-history, S72] a resolved episode counts only within the look-back setting', () => {
    const facts = {
      conditions: [condition('cold sore', { clinicalStatus: 'resolved' as const, abatement: '2010-01-01' })],
    };
    expect(codesOf(facts)).toContain('HSV_HISTORY');
    const settings = resolveScreeningSettings({ hsvHistoryLookbackYears: 5 });
    expect(run(facts, face, settings).findings.map((f) => f.code)).not.toContain('HSV_HISTORY');
  });

  it('[implanted-electronic-device, S97/S98] pacemaker: RF do not treat, mechanical needs clearance', () => {
    const facts = { conditions: [codedCondition(SNOMED, '441509002')] };
    expect(run(facts, { areas: ['face'], modality: 'rf' }).verdict).toBe('do-not-treat');
    expect(run(facts, face).verdict).toBe('needs-clearance');
  });

  it('[implanted-electronic-device] the device question is required for RF only', () => {
    const answers = { ...completeFacts().answers };
    delete answers.implantedElectronicDevice;
    expect(codesOf({ answers }, { areas: ['face'], modality: 'rf' })).toContain('MISSING_INFORMATION');
    expect(codesOf({ answers }, face)).not.toContain('MISSING_INFORMATION');
  });

  it('[collagen-vascular-disease, S97] RF defers where mechanical needs review', () => {
    const facts = { conditions: [condition('Scleroderma')] };
    expect(run(facts, { areas: ['face'], modality: 'rf' }).verdict).toBe('defer');
    expect(run(facts).verdict).toBe('needs-review');
  });
});

describe('settings-driven severities', () => {
  it('[rosacea, S45/S77] review by default, defer when the clinic chooses', () => {
    const facts = { conditions: [condition('Rosacea')] };
    expect(run(facts).verdict).toBe('needs-review');
    expect(run(facts, face, resolveScreeningSettings({ rosaceaSeverity: 'defer' })).verdict).toBe('defer');
  });

  it('[keloid-tendency, S77/S2] review by default, do-not-treat when the clinic chooses', () => {
    expect(run(yes('keloidTendency')).verdict).toBe('needs-review');
    expect(
      run(yes('keloidTendency'), face, resolveScreeningSettings({ keloidSeverity: 'contraindicated' }))
        .verdict,
    ).toBe('do-not-treat');
  });
});

describe('pregnancy and breastfeeding', () => {
  const woman = { patient: { sex: 'female' as const, birthDate: '1990-03-01' } };
  const noAnswers = (...keys: AnswerKey[]) => {
    const answers = { ...completeFacts().answers };
    for (const k of keys) delete answers[k];
    return answers;
  };
  const pregnancyObs = (code: string, effective: string) => ({
    ref: 'Observation/p',
    codes: [{ system: LOINC, code: '82810-3' }],
    status: 'final' as const,
    effective,
    value: { kind: 'coded' as const, codes: [{ system: SNOMED, code }] },
  });

  it('[pregnancy, S88] pregnant at intake defers', () => {
    expect(run({ ...woman, ...yes('pregnant') }).verdict).toBe('defer');
  });
  it('[pregnancy, S88] unknown status for a woman of child-bearing age: MISSING_INFORMATION, needs-review', () => {
    const result = run({ ...woman, answers: noAnswers('pregnant') });
    expect(result.verdict).toBe('needs-review');
    expect(result.findings[0]).toMatchObject({ code: 'MISSING_INFORMATION', ruleId: 'pregnancy' });
  });
  it('[pregnancy, S88] "unknown" answered explicitly is not "no"', () => {
    expect(codesOf({ ...woman, answers: { ...completeFacts().answers, pregnant: 'unknown' } })).toContain(
      'MISSING_INFORMATION',
    );
  });
  it('[pregnancy, S88] a recent observation answers the question; an old one does not', () => {
    const answers = noAnswers('pregnant');
    expect(run({ ...woman, answers, observations: [pregnancyObs('60001007', '2026-06-01')] }).verdict).toBe(
      'proceed',
    );
    expect(run({ ...woman, answers, observations: [pregnancyObs('77386006', '2026-06-01')] }).verdict).toBe(
      'defer',
    );
    expect(codesOf({ ...woman, answers, observations: [pregnancyObs('60001007', '2025-01-01')] })).toContain(
      'MISSING_INFORMATION',
    );
  });
  it('[pregnancy, S88] not asked of men or of women past the age range', () => {
    expect(codesOf({ answers: noAnswers('pregnant', 'breastfeeding') })).toEqual([]);
    expect(
      codesOf({
        patient: { sex: 'female', birthDate: '1950-01-01' },
        answers: noAnswers('pregnant', 'breastfeeding'),
      }),
    ).toEqual([]);
  });
  it('[breastfeeding, S88] breastfeeding: review by default', () => {
    expect(run({ ...woman, ...yes('breastfeeding') }).findings.map((f) => [f.code, f.severity])).toEqual([
      ['BREASTFEEDING', 'review'],
    ]);
  });
});

describe('uncontrolled diabetes (HbA1c, LOINC 4548-4)', () => {
  const diabetic = { conditions: [codedCondition(SNOMED, '44054006')] };
  const a1c = (value: number, effective: string, unit = '%') => ({
    ref: `Observation/a1c-${effective}`,
    codes: [{ system: LOINC, code: '4548-4' }],
    status: 'final' as const,
    effective,
    value: { kind: 'quantity' as const, value, unit },
  });
  it.each([
    ['8.0% (at threshold) defers', [a1c(8.0, '2026-05-01')], 'defer'],
    ['7.9% is controlled', [a1c(7.9, '2026-05-01')], 'proceed-with-precautions'],
    ['the latest value wins', [a1c(9.5, '2026-01-01'), a1c(7.0, '2026-05-01')], 'proceed-with-precautions'],
    ['64 mmol/mol (= 8.0%) defers', [a1c(64, '2026-05-01', 'mmol/mol')], 'defer'],
    ['only an HbA1c older than 6 months: missing information', [a1c(6.0, '2025-11-01')], 'needs-review'],
    ['no HbA1c at all: missing information', [], 'needs-review'],
  ] as const)('[uncontrolled-diabetes, S77] %s', (_label, observations, verdict) => {
    expect(run({ ...diabetic, observations: [...observations] }).verdict).toBe(verdict);
  });
  it('[uncontrolled-diabetes, S77] the threshold is a clinic setting', () => {
    const settings = resolveScreeningSettings({ hba1cThresholdPercent: 7.5 });
    expect(run({ ...diabetic, observations: [a1c(7.9, '2026-05-01')] }, face, settings).verdict).toBe(
      'defer',
    );
  });
  it('no HbA1c needed for a patient without diabetes', () => {
    expect(run({}).verdict).toBe('proceed');
  });
});
