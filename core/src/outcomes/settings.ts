import type { OutcomeSettings } from './scale.schema';

/** Default scoring settings, from evidence.md section 8. Every one is marked "(verify)" there; clinics may edit. */
export const defaultOutcomeSettings: OutcomeSettings = {
  goodmanBaronPoints: { mild: 1, moderate: 2, severe: 3, papular: 2 },
  goodmanBaronCountMultipliers: [1, 2, 3],
  goodmanBaronKeloidPoints: [6, 12, 18],
  eccaWeights: {
    vShaped: 15,
    uShaped: 20,
    mShaped: 25,
    elastolysis: 30,
    hypertrophicRecent: 40,
    keloidOld: 50,
  },
  mmasiModerateFrom: 3.2,
  mmasiSevereAbove: 7.9,
  fVasiFaceHandUnits: 3,
};

export interface OutcomeSettingNote {
  key: keyof OutcomeSettings;
  label: string;
  note: string;
  sources: string[];
}

/** Why each setting is editable: what the evidence says and where it comes from. */
export const outcomeSettingNotes: OutcomeSettingNote[] = [
  {
    key: 'goodmanBaronPoints',
    label: 'Goodman & Baron quantitative: points per scar type',
    note: 'Point table quoted by secondary sources; verify against the 2006 paper (evidence 8.2).',
    sources: ['S59'],
  },
  {
    key: 'goodmanBaronCountMultipliers',
    label: 'Goodman & Baron quantitative: multipliers for 1–10, 11–20 and more than 20 scars',
    note: 'Count bands are in the paper; the multipliers are quoted by secondary sources (verify, evidence 8.2).',
    sources: ['S59'],
  },
  {
    key: 'goodmanBaronKeloidPoints',
    label: 'Goodman & Baron quantitative: keloid points for < 5, 5–20 and > 20 cm²',
    note: 'Verify against the 2006 paper (evidence 8.2).',
    sources: ['S59'],
  },
  {
    key: 'eccaWeights',
    label: 'ECCA: weight of each scar type',
    note: 'Weights quoted by reviews; verify against Dréno et al. (evidence 8.3).',
    sources: ['S61', 'S60'],
  },
  {
    key: 'mmasiModerateFrom',
    label: 'mMASI: moderate from',
    note: 'Cut-offs often quoted (mild < 3.2, moderate 3.2–7.9, severe > 7.9); verify (evidence 8.4).',
    sources: ['S62'],
  },
  {
    key: 'mmasiSevereAbove',
    label: 'mMASI: severe above',
    note: 'See mMASI: moderate from (evidence 8.4).',
    sources: ['S62'],
  },
  {
    key: 'fVasiFaceHandUnits',
    label: 'F-VASI: hand units the whole face counts for',
    note: 'Not in what was read of S63; standard practice counts the face as about 3 hand units (verify).',
    sources: ['S63'],
  },
];
