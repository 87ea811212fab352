/** The demo clinic's patients: varied histories that exercise screening, plans and booking. */

type Kind = 'condition' | 'medication' | 'allergy' | 'procedure' | 'observation';
export interface DemoEntry {
  kind: Kind;
  system?: string;
  code?: string;
  display: string;
  status: string;
  /** Days before today the entry started (or was done). */
  startDaysAgo?: number;
  /** Days before today it ended; absent means ongoing. */
  endDaysAgo?: number;
  value?: string;
}

export interface DemoPatient {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  fitzpatrick: number | null;
  concerns: string[];
  notes?: string;
  entries: DemoEntry[];
}

export const rxnorm = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const snomed = 'http://snomed.info/sct';
export const loinc = 'http://loinc.org';

const med = (
  code: string | undefined,
  display: string,
  startDaysAgo: number,
  endDaysAgo?: number,
): DemoEntry => ({
  kind: 'medication',
  ...(code ? { system: rxnorm, code } : {}),
  display,
  status: endDaysAgo === undefined ? 'active' : 'stopped',
  startDaysAgo,
  ...(endDaysAgo === undefined ? {} : { endDaysAgo }),
});
const condition = (code: string, display: string, status = 'active', startDaysAgo = 900): DemoEntry => ({
  kind: 'condition',
  system: snomed,
  code,
  display,
  status,
  startDaysAgo,
});

export const demoPatients: DemoPatient[] = [
  {
    givenName: 'Amelia',
    familyName: 'Hart',
    birthDate: '1991-04-12',
    sex: 'female',
    fitzpatrick: 2,
    concerns: ['acne-scars'],
    entries: [],
  },
  {
    givenName: 'Bianca',
    familyName: 'Okafor',
    birthDate: '1987-09-03',
    sex: 'female',
    fitzpatrick: 5,
    concerns: ['pih', 'acne-scars'],
    entries: [med('6064', 'isotretinoin 20 MG Oral Capsule', 300, 60)],
  },
  {
    givenName: 'Carlos',
    familyName: 'Mendes',
    birthDate: '1969-01-22',
    sex: 'male',
    fitzpatrick: 3,
    concerns: ['fine-lines'],
    entries: [
      med('1364445', 'apixaban 5 MG Oral Tablet [Eliquis]', 400),
      condition('49436004', 'Atrial fibrillation'),
    ],
  },
  {
    givenName: 'Dana',
    familyName: 'Whitfield',
    birthDate: '1994-06-30',
    sex: 'female',
    fitzpatrick: 2,
    concerns: ['melasma'],
    entries: [
      {
        kind: 'observation',
        system: loinc,
        code: '82810-3',
        display: 'Pregnancy status',
        status: 'final',
        startDaysAgo: 10,
        value: 'Pregnant',
      },
    ],
  },
  {
    givenName: 'Elif',
    familyName: 'Yilmaz',
    birthDate: '1983-11-08',
    sex: 'female',
    fitzpatrick: 4,
    concerns: ['pores', 'fine-lines'],
    entries: [condition('1475003', 'Herpes labialis', 'resolved', 200)],
  },
  {
    givenName: 'Farid',
    familyName: 'Rahimi',
    birthDate: '1978-03-17',
    sex: 'male',
    fitzpatrick: 4,
    concerns: ['surgical-scars'],
    entries: [
      condition('44054006', 'Diabetes mellitus type 2', 'active', 2000),
      med('861007', 'metformin hydrochloride 500 MG Oral Tablet', 2000),
      {
        kind: 'observation',
        system: loinc,
        code: '4548-4',
        display: 'Hemoglobin A1c',
        status: 'final',
        startDaysAgo: 40,
        value: '9.1 %',
      },
    ],
  },
  {
    givenName: 'Grace',
    familyName: 'Lindqvist',
    birthDate: '1999-12-01',
    sex: 'female',
    fitzpatrick: 1,
    concerns: ['acne-scars'],
    entries: [
      condition('88616000', 'Acne vulgaris', 'active', 800),
      med('10753', 'tretinoin 0.05 % Topical Cream [Retin-A]', 120),
    ],
  },
  {
    givenName: 'Hiro',
    familyName: 'Tanaka',
    birthDate: '1972-05-25',
    sex: 'male',
    fitzpatrick: 3,
    concerns: ['hair-loss'],
    entries: [med('6984', 'minoxidil 50 MG/ML Topical Solution', 500)],
  },
  {
    givenName: 'Imani',
    familyName: 'Brooks',
    birthDate: '1990-02-14',
    sex: 'female',
    fitzpatrick: 6,
    concerns: ['surgical-scars'],
    entries: [condition('49420001', 'Keloid scar', 'active', 3000)],
  },
  {
    givenName: 'Jonas',
    familyName: 'Keller',
    birthDate: '1961-08-09',
    sex: 'male',
    fitzpatrick: 2,
    concerns: ['fine-lines'],
    entries: [
      condition('236578006', 'Renal transplant', 'active', 1500),
      med('198378', 'tacrolimus 1 MG Oral Capsule [Prograf]', 1500),
    ],
  },
  {
    givenName: 'Keira',
    familyName: 'Doyle',
    birthDate: '1985-10-19',
    sex: 'female',
    fitzpatrick: 2,
    concerns: ['rosacea'],
    entries: [condition('398909004', 'Rosacea', 'active', 1200)],
  },
  {
    givenName: 'Liam',
    familyName: 'Novak',
    birthDate: '1993-07-04',
    sex: 'male',
    fitzpatrick: 3,
    concerns: ['acne-scars'],
    entries: [med(undefined, 'fish oil 1000mg daily', 200), med(undefined, 'Advil as needed', 30)],
  },
  {
    givenName: 'Maya',
    familyName: 'Castillo',
    birthDate: '1988-01-28',
    sex: 'female',
    fitzpatrick: 4,
    concerns: ['striae'],
    entries: [
      { kind: 'observation', display: 'Breastfeeding', status: 'final', startDaysAgo: 14, value: 'Yes' },
    ],
  },
  {
    givenName: 'Noah',
    familyName: 'Abernathy',
    birthDate: '1975-04-02',
    sex: 'male',
    fitzpatrick: 2,
    concerns: ['surgical-scars'],
    entries: [
      med('309362', 'clopidogrel 75 MG Oral Tablet', 700),
      condition('53741008', 'Coronary arteriosclerosis'),
    ],
  },
  {
    givenName: 'Olivia',
    familyName: 'Sato',
    birthDate: '1996-09-15',
    sex: 'female',
    fitzpatrick: 3,
    concerns: ['fine-lines'],
    entries: [
      {
        kind: 'procedure',
        display: 'Botulinum toxin injection, glabella',
        status: 'completed',
        startDaysAgo: 5,
      },
      { kind: 'allergy', display: 'Lidocaine', status: 'active', startDaysAgo: 1000 },
    ],
  },
  {
    givenName: 'Priya',
    familyName: 'Raman',
    birthDate: '1982-12-11',
    sex: 'female',
    fitzpatrick: 4,
    concerns: ['vitiligo'],
    entries: [condition('56727007', 'Vitiligo', 'active', 600)],
  },
  {
    givenName: 'Quinn',
    familyName: 'Moreau',
    birthDate: '1979-06-21',
    sex: 'other',
    fitzpatrick: 2,
    concerns: ['fine-lines'],
    entries: [
      condition('55464009', 'Systemic lupus erythematosus', 'active', 2500),
      med('327361', 'adalimumab [Humira]', 400),
    ],
  },
  {
    givenName: 'Rosa',
    familyName: 'Bianchi',
    birthDate: '1968-03-30',
    sex: 'female',
    fitzpatrick: 3,
    concerns: ['dark-spots'],
    entries: [
      med('11289', 'warfarin sodium 5 MG Oral Tablet [Coumadin]', 1200),
      condition('128053003', 'Deep venous thrombosis', 'resolved', 1300),
    ],
  },
  {
    givenName: 'Samir',
    familyName: 'Haddad',
    birthDate: '1990-10-05',
    sex: 'male',
    fitzpatrick: 5,
    concerns: ['acne-scars'],
    entries: [med('6064', 'Absorica 30 mg', 2000, 1100)],
  },
  {
    givenName: 'Tessa',
    familyName: 'Morgan',
    birthDate: '2001-05-09',
    sex: 'female',
    fitzpatrick: 2,
    concerns: ['pores'],
    entries: [{ kind: 'allergy', display: 'Nickel', status: 'active', startDaysAgo: 3000 }],
    notes: 'Prefers early-morning appointments.',
  },
];
