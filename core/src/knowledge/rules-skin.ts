import type { Rule } from './knowledge.schema';

const reviewed = '2026-11-25';
const faceAreas: Rule['areas'] = ['face', 'perioral'];

/** Skin conditions in or near the treatment area (evidence.md sections 1.8, 1.9, 3, 4). */
export const skinRules: Rule[] = [
  {
    ruleId: 'active-skin-infection',
    code: 'ACTIVE_SKIN_INFECTION',
    title: 'Active skin infection',
    matchesText: 'An active bacterial, viral or fungal skin infection on record, or reported at intake.',
    match: { kind: 'records', conditions: ['skin-infection'], answers: ['activeSkinInfection'] },
    severity: 'defer',
    action: 'Defer the session until the infection has healed; re-screen on the day.',
    staffExplanation:
      'Needling through infected skin spreads the infection; active infection is a risk factor for complications.',
    patientExplanation:
      'We will wait until the skin infection has fully healed, so the treatment cannot spread it.',
    evidenceLevel: 'systematic-review',
    sources: ['S77', 'S7'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'active-hsv',
    code: 'ACTIVE_HSV',
    title: 'Active cold sore (HSV) outbreak',
    matchesText:
      'An active herpes labialis / HSV record, or a current cold sore reported at intake, for face or perioral treatment.',
    match: { kind: 'records', conditions: ['hsv'], answers: ['activeHsv'] },
    areas: faceAreas,
    severity: 'defer',
    action:
      'Defer until the outbreak has healed, and plan antiviral prophylaxis with the prescriber for the next session.',
    staffExplanation:
      'Needling an active outbreak spreads HSV; reactivation after microneedling has been reported.',
    patientExplanation:
      'We will wait until the cold sore has healed, then plan how to prevent another one after treatment.',
    evidenceLevel: 'guideline',
    sources: ['S72', 'S77', 'S38'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'hsv-history',
    code: 'HSV_HISTORY',
    title: 'History of cold sores (HSV)',
    matchesText:
      'A resolved HSV record within the look-back, or a cold-sore history reported at intake, for face or perioral treatment.',
    match: {
      kind: 'records',
      conditions: ['hsv'],
      conditionStatus: 'resolved',
      resolvedConditionWindow: { setting: 'hsvHistoryLookbackYears', unit: 'years' },
      answers: ['hsvHistory'],
    },
    areas: faceAreas,
    requiresAnswer: 'hsvHistory',
    severity: 'review',
    settings: ['hsvHistoryLookbackYears'],
    action:
      'Consider antiviral prophylaxis: the prescriber decides and doses; document the plan before the session.',
    staffExplanation:
      'CMAC advises screening every patient for HSV-1 and having a prevention and management plan. Regimens differ and none was tested for microneedling, so the software does not dose.',
    patientExplanation:
      'Because you have had cold sores, a prescriber may suggest a short antiviral course to prevent a flare after treatment.',
    evidenceLevel: 'guideline',
    sources: ['S72', 'S73', 'S74', 'S75'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'active-acne',
    code: 'ACTIVE_ACNE',
    title: 'Active inflammatory acne',
    matchesText: 'An active acne record (not acne scars), or active acne reported at intake.',
    match: { kind: 'records', conditions: ['acne'], answers: ['activeAcne'] },
    severity: 'defer',
    severitySetting: 'activeAcneSeverity',
    settings: ['activeAcneSeverity'],
    action: 'Treat the active acne first; a clinician confirms the area is calm before needling.',
    staffExplanation:
      'Clinic lists defer active pustular acne in the area; skin-of-colour studies do use MN in acne, hence a clinic setting.',
    patientExplanation: 'Active breakouts are best calmed first, so needling does not spread inflammation.',
    evidenceLevel: 'clinic-page',
    sources: ['S77', 'S6'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'keloid-tendency',
    code: 'KELOID_TENDENCY',
    title: 'Keloid or hypertrophic scar tendency',
    matchesText: 'A keloid / hypertrophic scar record, or keloid tendency reported at intake.',
    match: { kind: 'records', conditions: ['keloid'], conditionStatus: 'any', answers: ['keloidTendency'] },
    requiresAnswer: 'keloidTendency',
    severity: 'review',
    severitySetting: 'keloidSeverity',
    settings: ['keloidSeverity'],
    action: 'Clinician review before treatment; consider a test spot and shallower settings.',
    staffExplanation:
      'Most clinic lists exclude keloid formers, yet studies treat keloid and hypertrophic scars with MN. A clinician decides.',
    patientExplanation:
      'Because your skin can form raised scars, a clinician will check with you whether and how to treat.',
    evidenceLevel: 'clinic-page',
    sources: ['S77', 'S2', 'S25'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'dermatosis-flare-reported',
    code: 'DERMATOSIS_FLARE',
    title: 'Eczema, psoriasis or dermatitis flare',
    matchesText: 'A current flare of eczema, psoriasis or dermatitis in the area, reported at intake.',
    match: { kind: 'records', answers: ['dermatosisFlare'] },
    severity: 'defer',
    action: 'Defer until the flare has settled; treat the flare first.',
    staffExplanation: 'Needling a flaring dermatosis risks a Koebner response and irritation.',
    patientExplanation: 'We will wait until the flare has calmed down, so treatment does not make it worse.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'dermatosis-on-record',
    code: 'DERMATOSIS_FLARE',
    title: 'Eczema, psoriasis or dermatitis on record',
    matchesText:
      'An active eczema, psoriasis or dermatitis record (the record does not say whether it is flaring).',
    match: { kind: 'records', conditions: ['dermatosis'] },
    severity: 'review',
    action: 'Clinician checks the area for a flare on the day; defer if the area is flaring.',
    staffExplanation:
      'An active record does not say whether the disease is flaring in the area; a flare means deferral (Koebner risk).',
    patientExplanation:
      'A clinician will look at your skin on the day to make sure there is no flare in the area.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'rosacea',
    code: 'ROSACEA',
    title: 'Rosacea',
    matchesText: 'An active rosacea record, or rosacea reported at intake.',
    match: { kind: 'records', conditions: ['rosacea'], answers: ['rosacea'] },
    severity: 'review',
    severitySetting: 'rosaceaSeverity',
    settings: ['rosaceaSeverity'],
    action:
      'Clinician decides: defer a papulopustular flare; erythematotelangiectatic rosacea may be treated.',
    staffExplanation:
      'Clinic lists exclude rosacea, but a split-face RCT improved erythematotelangiectatic rosacea with MN + TXA. Flares are deferred.',
    patientExplanation:
      'Rosacea can react to treatment; a clinician will decide with you whether your skin is ready.',
    evidenceLevel: 'rct',
    sources: ['S77', 'S45'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'vitiligo-unstable',
    code: 'VITILIGO_UNSTABLE',
    title: 'Vitiligo: stability not documented or unstable',
    matchesText:
      'An active vitiligo record (stability must be documented), or new/enlarging patches reported at intake.',
    match: { kind: 'records', conditions: ['vitiligo'], answers: ['vitiligoUnstable'] },
    severity: 'review',
    action:
      'Document stability (no new or enlarging patches for 6 months) before treating; warn of Koebner risk.',
    staffExplanation:
      'Microneedling for vitiligo is studied only in stable disease; active disease risks new patches at needle sites.',
    patientExplanation:
      'We need to be sure your vitiligo has been stable, because needling active vitiligo can cause new patches.',
    evidenceLevel: 'rct',
    sources: ['S33', 'S5'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'skin-cancer-area',
    code: 'SKIN_CANCER_AREA',
    title: 'Skin cancer or suspicious lesion in the area',
    matchesText:
      'An active skin cancer, actinic keratosis or suspicious lesion record located in a requested area (unknown site: review).',
    match: {
      kind: 'records',
      conditions: ['skin-cancer'],
      answers: ['skinCancerInArea'],
      locationSensitive: true,
    },
    severity: 'contraindicated',
    action:
      'Do not needle over the lesion; refer for assessment. If the site is not recorded, confirm it is outside the area.',
    staffExplanation:
      'Needling over a malignant or suspicious lesion is contraindicated; it needs diagnosis first.',
    patientExplanation: 'We will not treat over this spot and will ask a doctor to check it first.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'sunburn-or-tan',
    code: 'SUNBURN_OR_TAN',
    title: 'Sunburn or recent tan in the area',
    matchesText: 'Sunburn or a fresh tan reported at intake, or an active sunburn record.',
    match: { kind: 'records', conditions: ['sunburn'], answers: ['sunburnOrTan'] },
    requiresAnswer: 'sunburnOrTan',
    severity: 'defer',
    action: 'Defer until the skin has recovered; avoid sun and tanning beds for 5-7 days before the session.',
    staffExplanation:
      'Sun-damaged or freshly tanned skin heals worse and is prone to pigmentation (expert advice, verify).',
    patientExplanation:
      'Sunburnt or freshly tanned skin needs to recover first to avoid dark marks after treatment.',
    evidenceLevel: 'expert',
    sources: ['S78', 'S7'],
    lastReviewed: reviewed,
  },
];
