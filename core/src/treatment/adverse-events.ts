/** Adverse events after microneedling (evidence.md section 7.2), seriousness (FDA MedWatch 3500 B.2), rates, export. */

export const adverseEventTypes = [
  'pih',
  'infection',
  'hsv-reactivation',
  'granuloma',
  'contact-dermatitis',
  'tram-track-scarring',
  'burn',
  'prolonged-erythema',
  'anaesthetic-toxicity',
  'acne-milia',
  'rf-fat-loss-nerve-damage',
  'other',
] as const;
export type AdverseEventType = (typeof adverseEventTypes)[number];

export const adverseEventTypeInfo: Record<AdverseEventType, { label: string; sources: string[] }> = {
  pih: { label: 'Post-inflammatory hyperpigmentation', sources: ['S7', 'S53'] },
  infection: { label: 'Infection (incl. atypical mycobacteria)', sources: ['S7', 'S81'] },
  'hsv-reactivation': { label: 'HSV reactivation', sources: ['S38', 'S72'] },
  granuloma: { label: 'Granuloma', sources: ['S9', 'S10'] },
  'contact-dermatitis': { label: 'Contact dermatitis', sources: ['S7', 'S69'] },
  'tram-track-scarring': { label: 'Tram-track scarring', sources: ['S53', 'S7'] },
  burn: { label: 'Burn', sources: ['S20'] },
  'prolonged-erythema': { label: 'Prolonged erythema (beyond 7 days)', sources: ['S7'] },
  'anaesthetic-toxicity': { label: 'Anaesthetic (lidocaine) toxicity', sources: ['S68', 'S70'] },
  'acne-milia': { label: 'Acne flare or milia', sources: ['S22'] },
  'rf-fat-loss-nerve-damage': { label: 'RF harm: fat loss, nerve damage, disfigurement', sources: ['S20'] },
  other: { label: 'Other', sources: [] },
};

/** MedWatch 3500 section B.2 "serious" outcomes. */
export const seriousnessCriteria = [
  'death',
  'life-threatening',
  'hospitalisation',
  'disability',
  'congenital-anomaly',
  'required-intervention',
  'other-serious',
] as const;
export type SeriousnessCriterion = (typeof seriousnessCriteria)[number];

export const seriousnessLabels: Record<SeriousnessCriterion, string> = {
  death: 'Death',
  'life-threatening': 'Life-threatening',
  hospitalisation: 'Hospitalization (initial or prolonged)',
  disability: 'Disability or permanent damage',
  'congenital-anomaly': 'Congenital anomaly/birth defects',
  'required-intervention': 'Required intervention to prevent permanent impairment/damage (devices)',
  'other-serious': 'Other serious (important medical events)',
};

export interface RateInput {
  /** Group key -> sessions (signed treatment records) in that group. */
  sessions: ReadonlyMap<string, number>;
  /** Group key -> adverse events in that group. */
  events: ReadonlyMap<string, number>;
}

export interface Rate {
  key: string;
  events: number;
  sessions: number;
  /** Events per 100 sessions, one decimal; 0 when there were no sessions. */
  per100: number;
}

export function per100(events: number, sessions: number): number {
  return sessions === 0 ? 0 : Math.round((events / sessions) * 1000) / 10;
}

/** Adverse events per 100 sessions per group, highest rate first, then by key. */
export function ratesPer100({ sessions, events }: RateInput): Rate[] {
  const keys = new Set([...sessions.keys(), ...events.keys()]);
  return [...keys]
    .map((key) => {
      const s = sessions.get(key) ?? 0;
      const e = events.get(key) ?? 0;
      return { key, events: e, sessions: s, per100: per100(e, s) };
    })
    .sort((a, b) => b.per100 - a.per100 || b.events - a.events || a.key.localeCompare(b.key));
}

/** What the MedWatch export needs from the event and its context (all plain data). */
export interface MedWatchInput {
  event: {
    id: string;
    type: AdverseEventType;
    description: string;
    onsetOn: string;
    seriousness: readonly SeriousnessCriterion[];
    actions: string;
    outcome: string;
    followUps: readonly { at: string; note: string }[];
    createdAt: string;
  };
  patient: {
    id: string;
    birthDate: string | null;
    sex: string | null;
    weightKg?: number | null;
    fitzpatrick: number | null;
  };
  treatment: { performedAt: string; depthsMm: string; numbing: string; topicals: string } | null;
  device: {
    name: string;
    model: string | null;
    serialNumber: string | null;
    handpieceSerial: string | null;
  } | null;
  lots: readonly { productName: string; gtin: string | null; lot: string; expiry: string }[];
  reporter: { name: string; clinicName: string; email: string | null };
}

/**
 * The fields of FDA MedWatch form 3500 (voluntary report), section by section, keyed by the form's item numbers.
 * Identifiers stay initials/ids only (section A asks for an identifier "in confidence", not a name).
 */
export function toMedWatch3500(input: MedWatchInput): Record<string, string> {
  const { event, patient, treatment, device, lots, reporter } = input;
  const serious = event.seriousness.length > 0;
  const age = patient.birthDate ? String(yearsBetween(patient.birthDate, event.onsetOn)) : '';
  const outcomes = serious ? event.seriousness.map((c) => seriousnessLabels[c]).join('; ') : '';
  const lotText = lots.map(
    (l) => `${l.productName} lot ${l.lot} (exp ${l.expiry}${l.gtin ? `, GTIN ${l.gtin}` : ''})`,
  );
  return {
    'A.1 Patient identifier': patient.id.slice(0, 8),
    'A.2 Age': age,
    'A.2 Date of birth': patient.birthDate ?? '',
    'A.3 Sex': patient.sex ?? '',
    'A.4 Weight (kg)': patient.weightKg ? String(patient.weightKg) : '',
    'B.1 Adverse event / product problem': 'Adverse event',
    'B.2 Outcome attributed to adverse event': outcomes,
    'B.2 Serious': serious ? 'yes' : 'no',
    'B.3 Date of event': event.onsetOn,
    'B.4 Date of this report': event.createdAt.slice(0, 10),
    'B.5 Describe event or problem': [adverseEventTypeInfo[event.type].label, event.description]
      .filter(Boolean)
      .join(': '),
    'B.6 Relevant tests/laboratory data': '',
    'B.7 Other relevant history': patient.fitzpatrick
      ? `Fitzpatrick skin type ${roman(patient.fitzpatrick)}`
      : '',
    'C.1 Product name (products used)': [treatment?.numbing, treatment?.topicals].filter(Boolean).join('; '),
    'C.3 Dose or amount / frequency / route': treatment ? `Microneedling; depths ${treatment.depthsMm}` : '',
    'C.5 Dates of use (start/stop)': treatment ? treatment.performedAt.slice(0, 10) : '',
    'C.6 Lot #': lotText.join('; '),
    'D.1 Brand name (device)': device?.name ?? '',
    'D.2 Common device name': 'Microneedling device (21 CFR 878.4430)',
    'D.3 Manufacturer': '',
    'D.4 Model #': device?.model ?? '',
    'D.4 Serial #': [
      device?.serialNumber,
      device?.handpieceSerial ? `handpiece ${device.handpieceSerial}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    'D.4 Lot #': lots.map((l) => l.lot).join('; '),
    'D.4 Expiration date': lots.map((l) => l.expiry).join('; '),
    'D.4 Unique identifier (UDI) #': lots
      .filter((l) => l.gtin)
      .map((l) => `(01)${l.gtin}(17)${l.expiry.replaceAll('-', '').slice(2)}(10)${l.lot}`)
      .join('; '),
    'D.5 Operator of device': 'Health professional',
    'D.6 Implant/explant': 'Not applicable',
    'D.7 Single-use device reprocessed and reused': 'No',
    'F.1 Other actions and outcome': [
      event.actions,
      `Outcome: ${event.outcome}`,
      ...event.followUps.map((f) => `${f.at.slice(0, 10)}: ${f.note}`),
    ]
      .filter(Boolean)
      .join(' | '),
    'G.1 Reporter name and address': `${reporter.name}, ${reporter.clinicName}`,
    'G.1 Reporter email': reporter.email ?? '',
    'G.3 Health professional': 'yes',
    'G.4 Occupation': 'Aesthetic provider',
    'Internal event id': event.id,
  };
}

function yearsBetween(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function roman(n: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI'][n - 1] ?? String(n);
}

/** RFC 4180 CSV of rows with the same keys (header from the first row's keys, or `header`). */
export function toCsv(rows: readonly Record<string, string>[], header?: readonly string[]): string {
  const keys = header ?? (rows[0] ? Object.keys(rows[0]) : []);
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return (
    [keys.map(cell).join(','), ...rows.map((r) => keys.map((k) => cell(r[k] ?? '')).join(','))].join('\r\n') +
    '\r\n'
  );
}
