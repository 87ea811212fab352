import { describe, expect, it } from 'vitest';
import { Source } from '../knowledge/knowledge.schema';
import { outcomeSources as planSources } from './sources';
import { OutcomeSettings, scaleIds, type ScaleId, type ScaleValues } from './scale.schema';
import { findScale, scales, scoreScale } from './scales';
import { defaultOutcomeSettings, outcomeSettingNotes } from './settings';

const s = defaultOutcomeSettings;
const all = (ids: string[], value: number): ScaleValues => Object.fromEntries(ids.map((id) => [id, value]));
const masiRegions = ['forehead', 'rightMalar', 'leftMalar', 'chin'];
const masiValues = (area: number, darkness: number, homogeneity?: number) =>
  Object.fromEntries(
    masiRegions.flatMap((r) => [
      [`${r}Area`, area],
      [`${r}Darkness`, darkness],
      ...(homogeneity === undefined ? [] : [[`${r}Homogeneity`, homogeneity]]),
    ]),
  );
const gbTypes = ['mild', 'moderate', 'severe', 'papular'];
const eccaTypes = ['vShaped', 'uShaped', 'mShaped', 'elastolysis', 'hypertrophicRecent', 'keloidOld'];
const posasObs = ['vascularity', 'pigmentation', 'thickness', 'relief', 'pliability', 'surfaceArea'];
const posasPat = ['pain', 'itch', 'colour', 'stiffness', 'thickness', 'irregularity'];
const vasiRegions = ['hands', 'upperLimbs', 'trunk', 'lowerLimbs', 'feet'];
const vasiEmpty = Object.fromEntries(
  vasiRegions.flatMap((r) => [
    [`${r}Units`, 0],
    [`${r}Depigmentation`, 0],
  ]),
);

// Worked examples: [scale, case, values, total, band id or null]. Sources: evidence.md section 8 (S59–S66, S27).
const cases: [ScaleId, string, ScaleValues, number, string | null][] = [
  ['goodman-baron-qualitative', 'lowest: macular', { grade: 1 }, 1, null],
  ['goodman-baron-qualitative', 'highest: severe', { grade: 4 }, 4, null],
  ['goodman-baron-qualitative', 'moderate (S55 baseline)', { grade: 3 }, 3, null],
  ['goodman-baron-quantitative', 'no scars', { ...all(gbTypes, 0), keloid: 0 }, 0, null],
  [
    'goodman-baron-quantitative',
    'every band at its worst (1+2+3+2)×3 + 18',
    { ...all(gbTypes, 3), keloid: 3 },
    42,
    null,
  ],
  [
    'goodman-baron-quantitative',
    '15 mild (2) + 5 moderate (2) + 25 severe (9) + keloid 5–20 cm² (12)',
    { mild: 2, moderate: 1, severe: 3, papular: 0, keloid: 2 },
    25,
    null,
  ],
  ['ecca', 'no scars', all(eccaTypes, 0), 0, null],
  ['ecca', 'every type over 20: 180 × 3', all(eccaTypes, 3), 540, null],
  [
    'ecca',
    'V-shaped 5–20 (30) + U-shaped fewer than 5 (20)',
    { ...all(eccaTypes, 0), vShaped: 2, uShaped: 1 },
    50,
    null,
  ],
  ['masi', 'clear skin', masiValues(0, 0, 0), 0, null],
  ['masi', 'worst: 0.3×6×8×3 + 0.1×6×8', masiValues(6, 4, 4), 48, null],
  [
    'masi',
    'forehead 0.3×2×(3+2) + right malar 0.3×3×(2+1)',
    {
      ...masiValues(0, 0, 0),
      foreheadArea: 2,
      foreheadDarkness: 3,
      foreheadHomogeneity: 2,
      rightMalarArea: 3,
      rightMalarDarkness: 2,
      rightMalarHomogeneity: 1,
    },
    5.7,
    null,
  ],
  ['mmasi', 'clear skin: mild', masiValues(0, 0), 0, 'mild'],
  ['mmasi', 'worst: 24, severe', masiValues(6, 4), 24, 'severe'],
  [
    'mmasi',
    'both malar 0.3×2×3 ×2 = 3.6: moderate',
    { ...masiValues(0, 0), rightMalarArea: 2, rightMalarDarkness: 3, leftMalarArea: 2, leftMalarDarkness: 3 },
    3.6,
    'moderate',
  ],
  [
    'mmasi',
    'just under the moderate cut-off',
    { ...masiValues(0, 0), foreheadArea: 3, foreheadDarkness: 3, chinArea: 1, chinDarkness: 2 },
    2.9,
    'mild',
  ],
  ['vasi', 'fully pigmented', vasiEmpty, 0, null],
  [
    'vasi',
    'evidence 8.5: 3 units at 50% + 4 units at 75%',
    { ...vasiEmpty, handsUnits: 3, handsDepigmentation: 50, trunkUnits: 4, trunkDepigmentation: 75 },
    4.5,
    null,
  ],
  [
    'vasi',
    'whole body without pigment',
    { ...vasiEmpty, trunkUnits: 100, trunkDepigmentation: 100 },
    100,
    null,
  ],
  [
    'vasi',
    'head and neck scored when given',
    { ...vasiEmpty, headNeckUnits: 2, headNeckDepigmentation: 90 },
    1.8,
    null,
  ],
  ['f-vasi', 'face clear', { faceUnits: 0, faceDepigmentation: 0 }, 0, null],
  ['f-vasi', 'whole face without pigment', { faceUnits: 3, faceDepigmentation: 100 }, 3, null],
  ['f-vasi', 'trial entry level 0.5: 1 unit at 50%', { faceUnits: 1, faceDepigmentation: 50 }, 0.5, null],
  ['salt', 'no hair loss: S0', all(['vertex', 'posterior', 'rightSide', 'leftSide'], 0), 0, 'S0'],
  ['salt', 'total loss: S5', all(['vertex', 'posterior', 'rightSide', 'leftSide'], 100), 100, 'S5'],
  ['salt', 'vertex 50% = 20: S1', { vertex: 50, posterior: 0, rightSide: 0, leftSide: 0 }, 20, 'S1'],
  [
    'salt',
    'vertex 100 + posterior 50 = 52: S3',
    { vertex: 100, posterior: 50, rightSide: 0, leftSide: 0 },
    52,
    'S3',
  ],
  ['salt', '25 exactly: S2', { vertex: 25, posterior: 25, rightSide: 25, leftSide: 25 }, 25, 'S2'],
  ['salt', '99% everywhere: S4', all(['vertex', 'posterior', 'rightSide', 'leftSide'], 99), 99, 'S4'],
  ['gais-investigator', 'best: very much improved', { rating: 1 }, 1, null],
  ['gais-investigator', 'worst: worse', { rating: 5 }, 5, null],
  ['gais-subject', 'best', { rating: 1 }, 1, null],
  ['gais-subject', 'worst', { rating: 5 }, 5, null],
  ['posas-observer', 'like normal skin', { ...all(posasObs, 1), overall: 1 }, 6, null],
  ['posas-observer', 'worst imaginable', { ...all(posasObs, 10), overall: 10 }, 60, null],
  ['posas-observer', 'overall opinion is not added', { ...all(posasObs, 3), overall: 9 }, 18, null],
  ['posas-patient', 'like normal skin', { ...all(posasPat, 1), overall: 1 }, 6, null],
  ['posas-patient', 'worst imaginable', { ...all(posasPat, 10), overall: 10 }, 60, null],
  ['vss', 'normal skin', { vascularity: 0, pigmentation: 0, pliability: 0, height: 0 }, 0, null],
  ['vss', 'worst: 3 + 2 + 5 + 3', { vascularity: 3, pigmentation: 2, pliability: 5, height: 3 }, 13, null],
  [
    'vss',
    'pink, hyperpigmented, firm, 2–5 mm',
    { vascularity: 1, pigmentation: 2, pliability: 3, height: 2 },
    8,
    null,
  ],
  ['satisfaction', 'not at all', { rating: 0 }, 0, null],
  ['satisfaction', 'completely', { rating: 10 }, 10, null],
  ['hair-count', 'no hairs', { hairs: 0, areaCm2: 1 }, 0, null],
  ['hair-count', '120 hairs in 0.65 cm²', { hairs: 120, areaCm2: 0.65 }, 184.6, null],
  ['hair-count', 'densest accepted: 500 per cm²', { hairs: 50, areaCm2: 0.1 }, 500, null],
];

describe('outcome scales: worked examples, extremes included', () => {
  it.each(cases)('%s: %s', (id, _name, values, total, band) => {
    const result = scoreScale(scales[id], values, s);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.score.total).toBe(total);
    expect(result.score.band?.id ?? null).toBe(band);
  });

  it('has a worked example with both extremes of every scale', () => {
    for (const id of scaleIds) {
      const totals = cases.filter((c) => c[0] === id).map((c) => c[3]);
      const range = scales[id].range(s);
      expect(totals, id).toContain(range.min === 6 || range.min === 1 ? range.min : 0);
      expect(totals, id).toContain(range.max === 500 ? 500 : range.max);
    }
  });
});

describe('values out of range are refused with a clear message', () => {
  it.each<[ScaleId, ScaleValues, string, string]>([
    ['goodman-baron-qualitative', { grade: 5 }, 'grade', 'Grade must be one of 1, 2, 3, 4'],
    ['goodman-baron-qualitative', { grade: 0 }, 'grade', 'Grade must be one of 1, 2, 3, 4'],
    [
      'salt',
      { vertex: 101, posterior: 0, rightSide: 0, leftSide: 0 },
      'vertex',
      'must be between 0 and 100 %',
    ],
    [
      'salt',
      { vertex: -1, posterior: 0, rightSide: 0, leftSide: 0 },
      'vertex',
      'must be between 0 and 100 %',
    ],
    ['salt', { vertex: 10, posterior: 0, rightSide: 0 }, 'leftSide', 'a number is required'],
    ['satisfaction', { rating: 11 }, 'rating', 'must be one of 0, 1, 2'],
    ['satisfaction', { rating: 7.5 }, 'rating', 'must be one of'],
    ['posas-patient', { ...all(posasPat, 1), overall: 0 }, 'overall', 'must be one of 1, 2'],
    ['gais-subject', { rating: '2' as unknown as number }, 'rating', 'a number is required'],
    ['gais-investigator', { rating: 2, extra: 1 }, '', 'GAIS investigator has no item "extra"'],
    ['hair-count', { hairs: 10, areaCm2: 0 }, 'areaCm2', 'Target area must be between 0.1 and 10 cm²'],
    ['hair-count', { hairs: 900, areaCm2: 1 }, 'hairs', 'not a scalp density'],
    ['f-vasi', { faceUnits: 4, faceDepigmentation: 50 }, 'faceUnits', 'at most 3'],
    ['vasi', { ...vasiEmpty, headNeckUnits: 2 }, 'headNeckDepigmentation', 'give both'],
    ['vasi', { ...vasiEmpty, trunkUnits: 60, lowerLimbsUnits: 60 }, 'handsUnits', 'whole body is 100'],
    [
      'mmasi',
      { ...masiValues(0, 0), chinArea: 7 },
      'chinArea',
      'Chin (× 0.1): Area involved must be one of 0',
    ],
  ])('%s %j', (id, values, item, message) => {
    const result = scoreScale(scales[id], values, s);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ item, message: expect.stringContaining(message) });
  });
});

describe('clinic-editable settings (facts marked "verify")', () => {
  it('change the score where the scale reads them', () => {
    const weights = { ...s.eccaWeights, vShaped: 10 };
    const custom = OutcomeSettings.parse({ ...s, eccaWeights: weights });
    const r = scoreScale(scales.ecca, { ...all(eccaTypes, 0), vShaped: 2 }, custom);
    expect(r.ok && r.score.total).toBe(20);
    const strict = OutcomeSettings.parse({ ...s, mmasiModerateFrom: 2, mmasiSevereAbove: 3 });
    const m = scoreScale(scales.mmasi, { ...masiValues(0, 0), chinArea: 6, chinDarkness: 4 }, strict);
    expect(m.ok && m.score.band?.id).toBe('moderate');
    const wider = OutcomeSettings.parse({ ...s, fVasiFaceHandUnits: 5 });
    expect(scoreScale(scales['f-vasi'], { faceUnits: 4, faceDepigmentation: 50 }, wider).ok).toBe(true);
  });

  it('refuse a broken settings object', () => {
    expect(OutcomeSettings.safeParse({ ...s, mmasiModerateFrom: 9 }).success).toBe(false);
    expect(OutcomeSettings.safeParse({ ...s, eccaWeights: { ...s.eccaWeights, vShaped: -1 } }).success).toBe(
      false,
    );
    expect(OutcomeSettings.safeParse(s).success).toBe(true);
  });

  it('each setting a scale reads has a note with sources, and each scale that reads one says so', () => {
    for (const note of outcomeSettingNotes)
      for (const id of note.sources) expect(planSources[id], id).toBeDefined();
    const read = new Set(Object.values(scales).flatMap((scale) => scale.settings));
    expect([...read].sort()).toEqual(outcomeSettingNotes.map((n) => n.key).sort());
  });
});

describe('definitions', () => {
  it('cite sources that exist and describe a form', () => {
    for (const scale of Object.values(scales)) {
      expect(scale.sources.length, scale.id).toBeGreaterThan(0);
      for (const id of [...scale.sources, ...(scale.description.match(/S\d+/g) ?? [])]) {
        expect(planSources[id], `${scale.id} cites ${id}`).toBeDefined();
        expect(() => Source.parse(planSources[id])).not.toThrow();
      }
      expect(new Set(scale.items.map((i) => i.id)).size, scale.id).toBe(scale.items.length);
      expect(scale.version.length).toBeGreaterThan(3);
    }
  });

  it('says who scores: the patient scores GAIS subject, POSAS patient and satisfaction', () => {
    expect(
      Object.values(scales)
        .filter((x) => x.scoredBy === 'patient')
        .map((x) => x.id)
        .sort(),
    ).toEqual(['gais-subject', 'posas-patient', 'satisfaction']);
    expect(scales['gais-subject'].direction).toBe('lower-is-better');
    expect(scales['hair-count'].direction).toBe('higher-is-better');
  });

  it('finds scales by id and nothing else', () => {
    expect(findScale('salt')?.name).toContain('SALT');
    expect(findScale('toString')).toBeUndefined();
    expect(findScale('iga')).toBeUndefined();
  });
});
