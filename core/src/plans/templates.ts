import type { ScaleId } from '../outcomes/scale.schema';
import type { Adjunct, Maintenance, PlanTemplate, TemplateScale, ZoneDepth } from './template.schema';

/**
 * Built-in treatment-plan templates, one per indication, from shared/clinical/evidence.md section 1 (protocols)
 * and 8.9 (outcome scales). Numbers are the studies' own; where none exist (pores, dark spots, most depths,
 * maintenance) the template says so and cites the weaker source it rests on. Clinics edit copies, never these.
 * Depth ranges: a depth above a zone's `maxMm` needs the clinician's confirmation (`checkDepth`).
 */

function zone(
  zone: ZoneDepth['zone'],
  minMm: number,
  maxMm: number,
  note: string,
  sources: string[],
): ZoneDepth {
  return { zone, minMm, maxMm, note, sources };
}

// Thin facial zones: consumer zone tables (S80) and expert practice of <= 0.5 mm over eyelids and bony prominences.
const thinNote = 'Zone tables (S80); stay at or below 0.5 mm over eyelids and bony prominences (expert).';
const thinFace: ZoneDepth[] = [
  zone('periorbital', 0.2, 0.5, thinNote, ['S80']),
  zone('forehead', 0.25, 0.5, thinNote, ['S80']),
  zone('nose', 0.25, 0.5, 'Zone tables (S80); one page allows up to 0.75 mm.', ['S80']),
  zone('perioral', 0.25, 0.5, thinNote, ['S80']),
];

const rejuvenationFace: ZoneDepth[] = [
  ...thinFace,
  zone('cheeks', 0.5, 1.0, 'Zone tables (S80); expert practice 0.5–1.0 mm for rejuvenation (verify).', [
    'S80',
  ]),
  zone('chin-jaw', 0.5, 1.0, 'Zone tables (S80).', ['S80']),
];

const scarFace: ZoneDepth[] = [
  ...thinFace,
  zone(
    'cheeks',
    1.5,
    2.0,
    'Trials used a 1.5 mm roller (S53); expert practice 1.5–2.0 mm for facial scars.',
    ['S53', 'S80'],
  ),
  zone('chin-jaw', 1.5, 2.0, 'Expert practice 1.5–2.0 mm for facial scars (verify).', ['S53', 'S80']),
];

const bodyScars = zone(
  'body',
  2.0,
  2.5,
  'Expert practice 2.0–2.5 mm for body striae and thick scars (verify).',
  ['S2'],
);

const defaultMaintenance: Maintenance = {
  everyMonthsMin: 6,
  everyMonthsMax: 12,
  note: 'Clinic practice: one session every 6–12 months once the series is done. No controlled data (evidence gap).',
  evidenceLevel: 'clinic-page',
  sources: ['S77', 'S78', 'S87'],
};

const offLabel = 'Off-label through microchannels; a drug claim is a separate regulatory question (S18).';
const sterileOnly = 'Use only a sterile product approved for intradermal use (S7, S9).';

const prpForAcne: Adjunct = {
  kind: 'prp',
  name: 'Platelet-rich plasma',
  use: 'Autologous PRP, topical or intradermal, right after needling.',
  caution:
    'Prepare in a closed sterile kit. Did not increase severe erythema or oedema (S51); satisfaction gain not ' +
    'significant in a second meta-analysis (S52). Bleeding disorders and antithrombotics go through screening.',
  evidenceLevel: 'systematic-review',
  sources: ['S51', 'S52'],
};

const prpForScars: Adjunct = {
  ...prpForAcne,
  caution: 'Prepare in a closed sterile kit. Bleeding disorders and antithrombotics go through screening.',
  use: 'Autologous PRP with each of 3 sessions 4 weeks apart; better than MN alone on the Manchester Scar Scale (S50).',
  evidenceLevel: 'rct',
  sources: ['S50'],
};

const txa = (use: string, sources: string[]): Adjunct => ({
  kind: 'tranexamic-acid',
  name: 'Tranexamic acid (topical)',
  use,
  caution:
    'More erythema, scaling and oedema than microinjection, and PIH in 1 of 27 (S43). Trial exclusions: pregnancy ' +
    'or lactation, oral contraceptives in the past 12 months, bleeding disorders, a hypercoagulable state or ' +
    `anticoagulants, a history of thrombosis (S92). ${offLabel} ${sterileOnly}`,
  evidenceLevel: 'rct',
  sources: [...sources, 'S43', 'S92', 'S18'],
});

/** A scale the plan scores, with the sources recommending it (evidence.md 8.9). */
function scale(id: ScaleId, ...sources: string[]): TemplateScale {
  return { scale: id, sources };
}
// Surgical, traumatic and burn scars: POSAS observer + patient, with VSS (evidence 8.8, 8.9).
const posasSet = [scale('posas-observer', 'S65'), scale('posas-patient', 'S65'), scale('vss', 'S65')];

export const planTemplates: PlanTemplate[] = [
  {
    id: 'acne-scars',
    indication: 'acne-scars',
    name: 'Atrophic acne scars',
    sessions: 4,
    minIntervalDays: 28,
    typicalIntervalDays: 30,
    zones: scarFace,
    modalities: ['mechanical', 'rf'],
    adjuncts: [prpForAcne],
    outcomeScales: ['goodman-baron', 'ecca'],
    scales: [
      scale('goodman-baron-qualitative', 'S59', 'S51', 'S55'),
      scale('goodman-baron-quantitative', 'S59'),
      scale('ecca', 'S61', 'S60'),
      scale('satisfaction', 'S51', 'S52'),
    ],
    maintenance: defaultMaintenance,
    evidenceLevel: 'series',
    summary:
      '3–5 sessions about 4 weeks apart (S53: 5 monthly; S54, S55: 3 at 4 weeks; S56: 4 monthly). Boxcar and ' +
      'rolling scars respond (47–65%), ice-pick scars poorly (6%, S54). Assess 6 months after the last session.',
    cautions: [
      'Ice-pick scars usually need TCA CROSS or punch excision, outside this plan (S54).',
      'RF microneedling: darker skin is more prone to PIH (S86); FDA reports burns, fat loss and nerve injury (S20).',
    ],
    sources: ['S53', 'S54', 'S55', 'S56', 'S57', 'S58', 'S51', 'S2', 'S59'],
  },
  {
    id: 'surgical-scars',
    indication: 'surgical-scars',
    name: 'Surgical and traumatic scars',
    sessions: 3,
    minIntervalDays: 28,
    typicalIntervalDays: 28,
    zones: [...scarFace, bodyScars],
    modalities: ['mechanical'],
    adjuncts: [prpForScars],
    outcomeScales: ['posas', 'vss'],
    scales: posasSet,
    maintenance: defaultMaintenance,
    evidenceLevel: 'series',
    summary:
      '3 sessions 4 weeks apart (S50); 66% good or excellent in 50 facial scars (S90). The scar review covered ' +
      'surgical, traumatic, hypertrophic and keloid scars without serious adverse events (S2).',
    cautions: ['Keloid tendency is a screening finding; treating a keloid is a clinician decision.'],
    sources: ['S2', 'S50', 'S90', 'S6', 'S65'],
  },
  {
    id: 'burn-scars',
    indication: 'burn-scars',
    name: 'Mature burn scars',
    sessions: 3,
    minIntervalDays: 28,
    typicalIntervalDays: 42,
    zones: [...scarFace, bodyScars],
    modalities: ['mechanical'],
    adjuncts: [],
    outcomeScales: ['posas', 'vss'],
    scales: posasSet,
    maintenance: defaultMaintenance,
    evidenceLevel: 'series',
    summary:
      '1–4 sessions in mature hypertrophic burn scars, with vitamin A and C creams for at least 1 month before and ' +
      'after (S25). The interval is not stated; the template uses the usual 4–6 weeks (S77, S78).',
    cautions: [
      'Only mature scars: immature scars were excluded (S25). Record the scar age (cut-off, often 12 months, to verify).',
      'Pretreat with vitamin A for at least 1 month (S25).',
    ],
    sources: ['S25', 'S2', 'S77', 'S78', 'S65'],
  },
  {
    id: 'striae',
    indication: 'striae',
    name: 'Striae (stretch marks)',
    sessions: 4,
    minIntervalDays: 28,
    typicalIntervalDays: 30,
    zones: [bodyScars],
    modalities: ['mechanical'],
    adjuncts: [prpForScars],
    outcomeScales: ['gais'],
    scales: [scale('gais-investigator', 'S66', 'S48'), scale('gais-subject', 'S66', 'S48')],
    maintenance: defaultMaintenance,
    evidenceLevel: 'systematic-review',
    summary:
      '4–5 monthly sessions: as good as fractional CO2 (S47) and 1340-nm laser (S48); about as effective as lasers ' +
      'in a meta-analysis (S49). Measure GAIS plus width and length of the index stria.',
    cautions: ['More painful than non-ablative laser (VAS 5.2 vs 2.4) but shorter downtime (S48).'],
    sources: ['S47', 'S48', 'S49', 'S50', 'S66'],
  },
  {
    id: 'fine-lines',
    indication: 'fine-lines',
    name: 'Fine lines, wrinkles and laxity',
    sessions: 4,
    minIntervalDays: 28,
    typicalIntervalDays: 30,
    zones: [
      ...rejuvenationFace,
      zone('neck', 0.5, 1.0, 'Thin skin: expert practice 0.5–1.0 mm (verify).', ['S80']),
    ],
    modalities: ['mechanical', 'rf'],
    adjuncts: [],
    outcomeScales: ['gais'],
    scales: [scale('gais-investigator', 'S66', 'S26'), scale('gais-subject', 'S66', 'S26')],
    maintenance: defaultMaintenance,
    evidenceLevel: 'series',
    summary:
      '4 sessions 30 days apart improved wrinkles, laxity and texture at day 90, more at day 150 (S26). Collagen ' +
      'and elastin rise over 6–12 months (S24).',
    cautions: [
      'RF microneedling: darker skin is more prone to PIH (S86); FDA reports burns, fat loss and nerve injury (S20).',
    ],
    sources: ['S26', 'S24', 'S86', 'S66'],
  },
  {
    id: 'pores',
    indication: 'pores',
    name: 'Enlarged pores',
    sessions: 3,
    minIntervalDays: 28,
    typicalIntervalDays: 35,
    zones: rejuvenationFace,
    modalities: ['mechanical', 'rf'],
    adjuncts: [],
    outcomeScales: ['gais'],
    scales: [scale('gais-investigator', 'S66'), scale('gais-subject', 'S66')],
    maintenance: defaultMaintenance,
    evidenceLevel: 'clinic-page',
    summary:
      'Evidence gap: no controlled data. Named among microneedling and RF-microneedling uses (S1, S86); sessions ' +
      'follow the usual clinic series of 3–6 at 4–6 weeks (S77). No validated scale: photographs and GAIS.',
    cautions: ['Present as a low-evidence cosmetic goal.'],
    sources: ['S1', 'S86', 'S77'],
  },
  {
    id: 'dark-spots',
    indication: 'dark-spots',
    name: 'Dark spots and post-inflammatory hyperpigmentation',
    sessions: 3,
    minIntervalDays: 28,
    typicalIntervalDays: 35,
    zones: rejuvenationFace,
    modalities: ['mechanical'],
    adjuncts: [],
    outcomeScales: ['pahpi', 'iga'],
    scales: [],
    maintenance: defaultMaintenance,
    evidenceLevel: 'series',
    summary:
      'Post-acne pigmentation improved in phototypes III–V without worsening (S58); one resistant laser-burn case ' +
      'responded (S91). No protocol data: the usual clinic series (S77).',
    cautions: [
      'Microneedling can itself cause PIH in darker skin; keep depths shallow and sun protection strict.',
    ],
    sources: ['S58', 'S91', 'S77'],
  },
  {
    id: 'melasma',
    indication: 'melasma',
    name: 'Melasma',
    sessions: 3,
    minIntervalDays: 14,
    typicalIntervalDays: 28,
    zones: [
      ...thinFace,
      zone('cheeks', 0.5, 1.5, 'The pilot study used 1.5 mm (S39).', ['S39', 'S80']),
      zone('chin-jaw', 0.5, 1.5, 'The pilot study used 1.5 mm (S39).', ['S39', 'S80']),
    ],
    modalities: ['mechanical'],
    adjuncts: [
      txa('Topical TXA (100 mg/mL or 0.5–10%) at each session; sessions 2–4 weeks apart (S41, S43).', [
        'S41',
      ]),
    ],
    outcomeScales: ['mmasi'],
    scales: [scale('mmasi', 'S62', 'S39'), scale('masi', 'S62')],
    maintenance: {
      ...defaultMaintenance,
      note: 'Relapse is common (S93); no relapse at 6 months on triple combination and sunscreen (S39).',
      sources: ['S39', 'S93', 'S87'],
    },
    evidenceLevel: 'rct',
    summary:
      'Two sessions at 1.5 mm 30 days apart cut MASI by 70% (S39); 6 sessions 2 weeks apart with TXA (S41); 3 ' +
      'sessions 4 weeks apart with TXA (S43). MN beat oral TXA for sustained remission (S38).',
    cautions: [
      'Daily sunscreen and triple combination between sessions (S39).',
      'Herpes simplex followed MN in 3 of 64 patients (S38): check HSV history.',
      'Do not deliver vitamin C through microchannels: most often implicated in granulomas (S9).',
    ],
    sources: ['S39', 'S40', 'S41', 'S43', 'S38', 'S93', 'S62'],
  },
  {
    id: 'rosacea',
    indication: 'rosacea',
    name: 'Erythematotelangiectatic rosacea',
    sessions: 3,
    minIntervalDays: 14,
    typicalIntervalDays: 14,
    zones: rejuvenationFace,
    modalities: ['mechanical'],
    adjuncts: [txa('Topical 10% TXA after each of 3 sessions 2 weeks apart (S45).', ['S45'])],
    outcomeScales: ['cea', 'iga'],
    scales: [],
    maintenance: defaultMaintenance,
    evidenceLevel: 'rct',
    summary:
      '3 sessions 2 weeks apart with 10% topical TXA; the needled side improved more (split-face, 45 women; S45). ' +
      'Depths for rosacea are not reported: the rejuvenation ranges apply.',
    cautions: [
      'Active papulopustular flare: defer. Treating erythematotelangiectatic rosacea is a clinician decision (S77, S45).',
    ],
    sources: ['S45', 'S46', 'S77'],
  },
  {
    id: 'vitiligo',
    indication: 'vitiligo',
    name: 'Stable vitiligo',
    sessions: 6,
    minIntervalDays: 14,
    typicalIntervalDays: 14,
    zones: [
      ...thinFace,
      zone('cheeks', 1.0, 2.0, 'A 2 mm roller was used (S35).', ['S35']),
      zone('hands', 1.0, 2.0, 'A 2 mm roller was used (S35).', ['S35']),
      zone('body', 1.5, 2.0, 'A 2 mm roller was used (S35).', ['S35']),
    ],
    modalities: ['mechanical'],
    adjuncts: [
      {
        kind: '5-fluorouracil',
        name: '5-fluorouracil 5% (topical)',
        use: '5% 5-FU after needling every 2 weeks, up to 12 sessions (S34, S33b), or monthly (S35).',
        caution:
          'More inflammation, ulceration and hyperpigmentation than tacrolimus (S34). Cytotoxic: not in pregnancy ' +
          `(verify). ${offLabel}`,
        evidenceLevel: 'rct',
        sources: ['S34', 'S35', 'S37', 'S33b', 'S18'],
      },
    ],
    outcomeScales: ['vasi'],
    scales: [scale('vasi', 'S63'), scale('f-vasi', 'S63')],
    maintenance: null,
    evidenceLevel: 'rct',
    summary:
      'MN alone does little (S33, S33b). With 5-FU every 2 weeks: >75% repigmentation in 48% of patches (S34). ' +
      'Excimer did better (S36) and a review calls efficacy limited (S5).',
    cautions: [
      'Stable disease only: no new or enlarging lesions for at least 6 months; Koebner risk in active disease.',
      'No maintenance data: re-treat on relapse as a new series.',
    ],
    sources: ['S33', 'S33b', 'S34', 'S35', 'S36', 'S37', 'S5', 'S63'],
  },
  {
    id: 'androgenetic-alopecia',
    indication: 'androgenetic-alopecia',
    name: 'Androgenetic alopecia',
    sessions: 12,
    minIntervalDays: 7,
    typicalIntervalDays: 7,
    zones: [zone('scalp', 0.5, 1.5, 'A 1.5 mm roller was used (S27).', ['S27'])],
    modalities: ['mechanical'],
    adjuncts: [
      {
        kind: 'minoxidil',
        name: 'Minoxidil 5% (topical)',
        use: 'Patient applies 5% minoxidil twice daily between sessions (S27, S28, S29).',
        caution:
          'Not through fresh microchannels: clinics hold it on needling day and restart about 24 h later (verify). ' +
          'Screening flags minoxidil on the scalp.',
        evidenceLevel: 'rct',
        sources: ['S27', 'S28', 'S29'],
      },
    ],
    outcomeScales: ['hair-count'],
    scales: [scale('hair-count', 'S27', 'S28'), scale('satisfaction', 'S27')],
    maintenance: defaultMaintenance,
    evidenceLevel: 'rct',
    summary:
      'Weekly MN with minoxidil for 12 weeks (S27); every 4 weeks (S28) and twice monthly (S29) also beat ' +
      'minoxidil alone. Judge the effect at 3–6 months.',
    cautions: ['Weekly is the trial cadence; a clinic may lengthen the interval to 2–4 weeks (S28, S29).'],
    sources: ['S27', 'S28', 'S29'],
  },
  {
    id: 'alopecia-areata',
    indication: 'alopecia-areata',
    name: 'Alopecia areata',
    sessions: 3,
    minIntervalDays: 21,
    typicalIntervalDays: 21,
    zones: [zone('scalp', 0.5, 1.5, 'Depth not reported for AA; the AGA trial used 1.5 mm (S27).', ['S27'])],
    modalities: ['mechanical'],
    adjuncts: [
      {
        kind: 'triamcinolone',
        name: 'Triamcinolone acetonide (topical, 10 mg/mL)',
        use: 'Applied over the needled patch at each of 3 sessions 3 weeks apart (S30, S31).',
        caution:
          'Corticosteroid: watch for local atrophy and hypopigmentation (verify); fewer adverse effects than ' +
          `intralesional injection (S30). ${offLabel} ${sterileOnly}`,
        evidenceLevel: 'rct',
        sources: ['S30', 'S31', 'S32', 'S18'],
      },
    ],
    outcomeScales: ['salt'],
    scales: [scale('salt', 'S64')],
    maintenance: null,
    evidenceLevel: 'rct',
    summary:
      '3 sessions 3 weeks apart: regrowth 66% vs 70% with intralesional TA (S30); complete recovery 60% vs 5% ' +
      'without TA (S31).',
    cautions: ['No maintenance data: re-treat on relapse as a new series.'],
    sources: ['S30', 'S31', 'S32', 'S64'],
  },
];

export function findPlanTemplate(id: string): PlanTemplate | undefined {
  return planTemplates.find((t) => t.id === id);
}
