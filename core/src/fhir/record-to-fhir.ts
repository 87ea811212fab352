/**
 * The clinic's record -> FHIR R4 resources, for the open API and Bulk Data export. Pure: takes plain data read
 * from the database (camelCase), returns JSON resources. The inverse of `fhir-to-record.ts` for what the record
 * keeps, so an export re-imports to the same entries.
 */
import type { EntryKind } from './fhir-to-record';

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

export interface CodingData {
  system: string;
  code: string;
  display?: string;
}

export interface PatientData {
  id: string;
  version: number;
  updatedAt: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  email: string | null;
  phone: string | null;
  address: string;
  archived: boolean;
  mergedInto: string | null;
  identifiers: { system: string; value: string }[];
}

export interface EntryData {
  id: string;
  patientId: string;
  kind: EntryKind;
  sourceRef: string | null;
  codes: CodingData[];
  display: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  value: string | null;
  bodySites: string[];
  updatedAt: string;
}

export interface AppointmentData {
  id: string;
  patientId: string;
  providerName: string;
  service: string;
  startsAt: string;
  endsAt: string;
  status: string;
  cancelReason: string | null;
  updatedAt: string;
}

export interface ConsentData {
  id: string;
  patientId: string;
  kind: string;
  documentVersion: number;
  documentTitle: string;
  signedAt: string;
  revokedAt: string | null;
  updatedAt: string;
}

export interface IntakeData {
  id: string;
  patientId: string;
  submittedAt: string;
  updatedAt: string;
  answers: unknown;
}

/** Identifier systems that are the platform's own bookkeeping, never shown to other systems. */
export const internalIdentifierSystems = ['urn:needlepoint:fhir-source'];

const meta = (updatedAt: string, versionId?: number) => ({
  ...(versionId !== undefined ? { versionId: String(versionId) } : {}),
  lastUpdated: updatedAt,
});
const patientRef = (id: string) => ({ reference: `Patient/${id}` });
const text = (v: string | null | undefined) => (v && v.trim() !== '' ? v : undefined);

/** The FHIR type an entry is served as: medications keep the type they arrived as (request or statement). */
export function entryResourceType(kind: EntryKind, sourceRef: string | null): string {
  switch (kind) {
    case 'condition':
      return 'Condition';
    case 'allergy':
      return 'AllergyIntolerance';
    case 'procedure':
      return 'Procedure';
    case 'observation':
      return 'Observation';
    case 'medication':
      return sourceRef?.startsWith('MedicationRequest/') ? 'MedicationRequest' : 'MedicationStatement';
  }
}

export function toFhirPatient(p: PatientData): FhirResource {
  const identifier = p.identifiers
    .filter((i) => !internalIdentifierSystems.includes(i.system))
    .map((i) => ({ system: i.system, value: i.value }));
  const telecom = [
    ...(text(p.phone) ? [{ system: 'phone', value: p.phone }] : []),
    ...(text(p.email) ? [{ system: 'email', value: p.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: meta(p.updatedAt, p.version),
    ...(identifier.length ? { identifier } : {}),
    active: !p.archived && !p.mergedInto,
    name: [{ use: 'official', family: p.familyName, given: p.givenName.split(/\s+/).filter(Boolean) }],
    ...(telecom.length ? { telecom } : {}),
    gender: p.sex,
    birthDate: p.birthDate,
    ...(text(p.address) ? { address: [{ text: p.address }] } : {}),
    ...(p.mergedInto ? { link: [{ other: patientRef(p.mergedInto), type: 'replaced-by' }] } : {}),
  };
}

const statuses: Record<string, readonly string[]> = {
  conditionClinical: ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'],
  conditionVerification: [
    'unconfirmed',
    'provisional',
    'differential',
    'confirmed',
    'refuted',
    'entered-in-error',
  ],
  allergyClinical: ['active', 'inactive', 'resolved'],
  allergyVerification: ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'],
  MedicationStatement: [
    'active',
    'completed',
    'entered-in-error',
    'intended',
    'stopped',
    'on-hold',
    'unknown',
    'not-taken',
  ],
  MedicationRequest: [
    'active',
    'on-hold',
    'cancelled',
    'completed',
    'entered-in-error',
    'stopped',
    'draft',
    'unknown',
  ],
  Procedure: [
    'preparation',
    'in-progress',
    'not-done',
    'on-hold',
    'stopped',
    'completed',
    'entered-in-error',
    'unknown',
  ],
  Observation: [
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    'entered-in-error',
    'unknown',
  ],
};

const statusConcept = (system: string, code: string) => ({ coding: [{ system, code }] });

function concept(e: EntryData) {
  const coding = e.codes.map((c) => ({
    system: c.system,
    code: c.code,
    ...(text(c.display) ? { display: c.display } : {}),
  }));
  return { ...(coding.length ? { coding } : {}), text: e.display };
}

/** A status the FHIR type cannot carry is kept as a note, never dropped. */
function statusNote(e: EntryData, carried: boolean) {
  return carried || e.status === 'unknown' ? {} : { note: [{ text: `Status as recorded: ${e.status}` }] };
}

const stillActive = ['active', 'recurrence', 'relapse'];

function notes(base: { note?: { text: string }[] }, extra: string | null) {
  const list = [...(base.note ?? []), ...(extra ? [{ text: extra }] : [])];
  return list.length ? { note: list } : {};
}

/**
 * Condition and AllergyIntolerance carry a clinical and a verification status. An allergy must state a clinical
 * status unless entered in error (ait-1): one whose recorded status FHIR cannot carry is served as active (the
 * safe reading) with the recorded wording in a note; a refuted one as inactive.
 */
function clinicalStatuses(e: EntryData, kind: 'condition' | 'allergy') {
  const clinical = kind === 'condition' ? statuses.conditionClinical! : statuses.allergyClinical!;
  const clinicalSystem = `http://terminology.hl7.org/CodeSystem/${kind === 'condition' ? 'condition-clinical' : 'allergyintolerance-clinical'}`;
  const verificationSystem = `http://terminology.hl7.org/CodeSystem/${kind === 'condition' ? 'condition-ver-status' : 'allergyintolerance-verification'}`;
  if (e.status === 'entered-in-error' || e.status === 'refuted') {
    return {
      fields: {
        ...(kind === 'allergy' && e.status === 'refuted'
          ? { clinicalStatus: statusConcept(clinicalSystem, 'inactive') }
          : {}),
        verificationStatus: statusConcept(verificationSystem, e.status),
      },
      carried: true,
    };
  }
  if (clinical.includes(e.status)) {
    return { fields: { clinicalStatus: statusConcept(clinicalSystem, e.status) }, carried: true };
  }
  return {
    fields: kind === 'allergy' ? { clinicalStatus: statusConcept(clinicalSystem, 'active') } : {},
    carried: false,
  };
}

function period(start: string | null, end: string | null) {
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** When something happened: a period when it has an end, else the start as a date. */
function timing(field: 'effective' | 'performed', e: EntryData) {
  if (e.endDate) return { [`${field}Period`]: period(e.startDate, e.endDate) };
  return e.startDate ? { [`${field}DateTime`]: e.startDate } : {};
}

const bodySite = (e: EntryData) =>
  e.bodySites.length ? { bodySite: e.bodySites.map((site) => ({ text: site })) } : {};

export function toFhirEntry(e: EntryData): FhirResource {
  const type = entryResourceType(e.kind, e.sourceRef);
  const head = { resourceType: type, id: e.id, meta: meta(e.updatedAt) };
  switch (type) {
    case 'Condition': {
      const s = clinicalStatuses(e, 'condition');
      return {
        ...head,
        ...s.fields,
        code: concept(e),
        ...bodySite(e),
        subject: patientRef(e.patientId),
        ...(e.startDate ? { onsetDateTime: e.startDate } : {}),
        // An abated condition cannot be active (con-4): then the end date is kept as a note.
        ...(e.endDate && !stillActive.includes(e.status) ? { abatementDateTime: e.endDate } : {}),
        ...notes(
          statusNote(e, s.carried),
          e.endDate && stillActive.includes(e.status) ? `Recorded end date: ${e.endDate}` : null,
        ),
      };
    }
    case 'AllergyIntolerance': {
      const s = clinicalStatuses(e, 'allergy');
      return {
        ...head,
        ...s.fields,
        code: concept(e),
        patient: patientRef(e.patientId),
        ...(e.startDate ? { onsetDateTime: e.startDate } : {}),
        ...statusNote(e, s.carried),
      };
    }
    case 'MedicationStatement':
    case 'MedicationRequest': {
      const carried = statuses[type]!.includes(e.status);
      const common = {
        ...head,
        status: carried ? e.status : 'unknown',
        medicationCodeableConcept: concept(e),
        subject: patientRef(e.patientId),
      };
      if (type === 'MedicationStatement') {
        return {
          ...common,
          ...(e.startDate || e.endDate ? { effectivePeriod: period(e.startDate, e.endDate) } : {}),
          ...statusNote(e, carried),
        };
      }
      return {
        ...common,
        intent: 'order',
        ...(e.startDate ? { authoredOn: e.startDate } : {}),
        ...(e.endDate ? { dispenseRequest: { validityPeriod: period(e.startDate, e.endDate) } } : {}),
        ...statusNote(e, carried),
      };
    }
    case 'Procedure': {
      const carried = statuses.Procedure!.includes(e.status);
      return {
        ...head,
        status: carried ? e.status : 'unknown',
        code: concept(e),
        subject: patientRef(e.patientId),
        ...timing('performed', e),
        ...bodySite(e),
        ...statusNote(e, carried),
      };
    }
    default: {
      const carried = statuses.Observation!.includes(e.status);
      return {
        ...head,
        status: carried ? e.status : 'unknown',
        code: concept(e),
        subject: patientRef(e.patientId),
        ...timing('effective', e),
        ...(text(e.value) ? { valueString: e.value } : {}),
        ...(e.bodySites.length ? { bodySite: { text: e.bodySites.join(', ') } } : {}),
        ...statusNote(e, carried),
      };
    }
  }
}

const appointmentStatus: Record<string, string> = {
  booked: 'booked',
  arrived: 'arrived',
  'in-treatment': 'checked-in',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  'no-show': 'noshow',
};

export function toFhirAppointment(a: AppointmentData): FhirResource {
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: meta(a.updatedAt),
    status: appointmentStatus[a.status] ?? 'booked',
    ...(a.status === 'cancelled' && text(a.cancelReason)
      ? { cancelationReason: { text: a.cancelReason } }
      : {}),
    serviceType: [{ text: a.service }],
    start: a.startsAt,
    end: a.endsAt,
    participant: [
      { actor: { ...patientRef(a.patientId) }, required: 'required', status: 'accepted' },
      { actor: { display: a.providerName }, required: 'required', status: 'accepted' },
    ],
  };
}

export function toFhirConsent(c: ConsentData): FhirResource {
  const treatment = c.kind.startsWith('treatment') || c.kind.startsWith('adjunct');
  return {
    resourceType: 'Consent',
    id: c.id,
    meta: meta(c.updatedAt),
    status: c.revokedAt ? 'inactive' : 'active',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: treatment ? 'treatment' : 'patient-privacy',
        },
      ],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Consent Document' }] }],
    patient: patientRef(c.patientId),
    dateTime: c.signedAt,
    policy: [{ uri: `urn:needlepoint:consent:${c.kind}:v${c.documentVersion}` }],
    policyRule: { text: `${c.documentTitle} (version ${c.documentVersion})` },
    provision: {
      type: 'permit',
      period: period(c.signedAt, c.revokedAt),
    },
  };
}

type QrItem = { linkId: string; text: string; item?: QrItem[]; answer?: Record<string, unknown>[] };

function answerOf(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : { valueString: v };
  if (typeof v === 'boolean') return { valueBoolean: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { valueInteger: v } : { valueDecimal: v };
  return undefined;
}

/** Any JSON answer tree as nested items: objects become groups, primitives answers, lists repeated answers. */
function itemsOf(value: unknown, path: string): QrItem[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const items: QrItem[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const linkId = path ? `${path}.${key}` : key;
    const list = Array.isArray(v) ? v : [v];
    const answers = list.map(answerOf).filter((a): a is Record<string, unknown> => !!a);
    if (answers.length) {
      items.push({ linkId, text: key, answer: answers });
      continue;
    }
    const groups = list
      .map((x, i) => itemsOf(x, Array.isArray(v) ? `${linkId}.${i}` : linkId))
      .filter((g) => g.length);
    if (groups.length === 1) items.push({ linkId, text: key, item: groups[0]! });
    else if (groups.length > 1)
      items.push({
        linkId,
        text: key,
        item: groups.map((g, i) => ({ linkId: `${linkId}.${i}`, text: `${key} ${i + 1}`, item: g })),
      });
  }
  return items;
}

export const intakeQuestionnaire = 'urn:needlepoint:questionnaire:intake';

export function toFhirQuestionnaireResponse(q: IntakeData): FhirResource {
  const item = itemsOf(q.answers, '');
  return {
    resourceType: 'QuestionnaireResponse',
    id: q.id,
    meta: meta(q.updatedAt),
    questionnaire: intakeQuestionnaire,
    status: 'completed',
    subject: patientRef(q.patientId),
    authored: q.submittedAt,
    source: patientRef(q.patientId),
    ...(item.length ? { item } : {}),
  };
}
