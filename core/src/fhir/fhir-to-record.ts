/**
 * FHIR R4 resources -> the clinic's patient record (demographics and coded entries), keeping every original
 * code. Pure: takes parsed JSON, returns data or a reason the resource cannot be taken.
 */

export type Json = Record<string, unknown>;
export type EntryKind = 'condition' | 'medication' | 'allergy' | 'procedure' | 'observation';

export interface ImportedCoding {
  system: string;
  code: string;
  display?: string;
}

export interface ImportedPatient {
  sourceRef: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  email: string | null;
  phone: string | null;
  address: string;
  identifiers: { system: string; value: string }[];
}

export interface ImportedEntry {
  kind: EntryKind;
  sourceRef: string;
  /** Reference to the patient as written in the resource (`Patient/123` or `urn:uuid:...`). */
  patientRef: string;
  codes: ImportedCoding[];
  display: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  value: string | null;
  bodySites: string[];
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

export const entryResourceKinds: Record<string, EntryKind> = {
  Condition: 'condition',
  MedicationRequest: 'medication',
  MedicationStatement: 'medication',
  AllergyIntolerance: 'allergy',
  Procedure: 'procedure',
  Observation: 'observation',
};

/** Resource types the record takes; other valid FHIR types are skipped (counted, not rejected). */
export const importedResourceTypes = ['Patient', ...Object.keys(entryResourceKinds)];

const fail = (reason: string): Mapped<never> => ({ ok: false, reason });
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** `YYYY-MM-DD` from a FHIR date or dateTime (partial dates keep their first day); undefined if malformed. */
export function toIsoDate(value: unknown): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s);
  if (!m) return undefined;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}

function codingsOf(concept: unknown): ImportedCoding[] {
  return arr(obj(concept)?.coding)
    .map(obj)
    .filter((c): c is Json => !!c && !!str(c.system) && !!str(c.code))
    .map((c) => ({
      system: String(c.system),
      code: String(c.code),
      ...(str(c.display) ? { display: String(c.display) } : {}),
    }));
}

function conceptText(concept: unknown): string | undefined {
  const c = obj(concept);
  return str(c?.text) ?? codingsOf(concept).find((x) => x.display)?.display;
}

function statusCode(concept: unknown): string | undefined {
  const coding = arr(obj(concept)?.coding)
    .map(obj)
    .find((c) => str(c?.code));
  return str(coding?.code) ?? str(obj(concept)?.text);
}

function refOf(resource: Json, field: string): string | undefined {
  return str(obj(resource[field])?.reference);
}

function periodStart(resource: Json, ...fields: string[]): string | undefined {
  for (const f of fields) {
    const v = resource[f];
    const d = toIsoDate(v) ?? toIsoDate(obj(v)?.start);
    if (d) return d;
  }
  return undefined;
}

function periodEnd(resource: Json, ...fields: string[]): string | undefined {
  for (const f of fields) {
    const d =
      toIsoDate(obj(resource[f])?.end) ?? (f.startsWith('abatement') ? toIsoDate(resource[f]) : undefined);
    if (d) return d;
  }
  return undefined;
}

function observationValue(resource: Json): string | null {
  const q = obj(resource.valueQuantity);
  if (q && typeof q.value === 'number') return `${q.value}${str(q.unit) ? ` ${String(q.unit)}` : ''}`;
  if (resource.valueCodeableConcept) return conceptText(resource.valueCodeableConcept) ?? null;
  if (typeof resource.valueBoolean === 'boolean') return resource.valueBoolean ? 'true' : 'false';
  if (typeof resource.valueInteger === 'number') return String(resource.valueInteger);
  return str(resource.valueString) ?? null;
}

export function mapPatient(resource: Json): Mapped<ImportedPatient> {
  const id = str(resource.id);
  const names = arr(resource.name)
    .map(obj)
    .filter((n): n is Json => !!n);
  const name = names.find((n) => n.use === 'official') ?? names[0];
  const given = arr(name?.given)
    .filter((g): g is string => typeof g === 'string')
    .join(' ');
  const family = str(name?.family);
  const birthDate = str(resource.birthDate);
  if (!given || !family) return fail('Patient has no given and family name');
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate))
    return fail('Patient has no full birthDate (YYYY-MM-DD)');
  const gender = str(resource.gender);
  const telecom = arr(resource.telecom).map(obj);
  const contact = (system: string) => str(telecom.find((t) => t?.system === system)?.value) ?? null;
  const address = obj(arr(resource.address)[0]);
  const addressText =
    str(address?.text) ??
    [...arr(address?.line), address?.city, address?.state, address?.postalCode, address?.country]
      .filter((p) => typeof p === 'string')
      .join(', ');
  const identifiers = arr(resource.identifier)
    .map(obj)
    .filter((i): i is Json => !!str(i?.system) && !!str(i?.value))
    .map((i) => ({ system: String(i.system), value: String(i.value) }));
  return {
    ok: true,
    value: {
      sourceRef: id ? `Patient/${id}` : '',
      givenName: given,
      familyName: family,
      birthDate,
      sex: gender === 'female' || gender === 'male' || gender === 'other' ? gender : 'unknown',
      email: contact('email'),
      phone: contact('phone'),
      address: addressText,
      identifiers,
    },
  };
}

/** Maps a clinical resource to an entry; `medications` resolves `medicationReference` inside the same import. */
export function mapEntry(
  resource: Json,
  medications: ReadonlyMap<string, Json> = new Map(),
): Mapped<ImportedEntry> {
  const type = String(resource.resourceType);
  const kind = entryResourceKinds[type];
  if (!kind) return fail(`${type} is not a clinical record type the import takes`);
  const id = str(resource.id);
  if (!id) return fail(`${type} has no id`);
  const patientRef = type === 'AllergyIntolerance' ? refOf(resource, 'patient') : refOf(resource, 'subject');
  if (!patientRef) return fail(`${type}/${id} does not reference its patient`);
  let concept: unknown = resource.code;
  if (kind === 'medication') {
    concept = resource.medicationCodeableConcept;
    const medRef = str(obj(resource.medicationReference)?.reference);
    if (!concept && medRef)
      concept = medications.get(medRef)?.code ?? { text: str(obj(resource.medicationReference)?.display) };
  }
  const codes = codingsOf(concept);
  const display = conceptText(concept);
  if (!display && codes.length === 0) return fail(`${type}/${id} has no code or text saying what it is`);
  let status: string | undefined;
  if (kind === 'condition' || kind === 'allergy') {
    const verification = statusCode(resource.verificationStatus);
    status =
      verification === 'entered-in-error' || verification === 'refuted'
        ? verification
        : statusCode(resource.clinicalStatus);
  } else {
    status = str(resource.status);
  }
  const starts: Record<EntryKind, string[]> = {
    condition: ['onsetDateTime', 'onsetPeriod', 'recordedDate'],
    medication: ['effectivePeriod', 'effectiveDateTime', 'authoredOn', 'dateAsserted'],
    allergy: ['onsetDateTime', 'onsetPeriod', 'recordedDate'],
    procedure: ['performedDateTime', 'performedPeriod'],
    observation: ['effectiveDateTime', 'effectivePeriod', 'issued'],
  };
  const ends: Record<EntryKind, string[]> = {
    condition: ['abatementDateTime', 'abatementPeriod'],
    medication: ['effectivePeriod', 'dispenseRequest'],
    allergy: [],
    procedure: ['performedPeriod'],
    observation: ['effectivePeriod'],
  };
  const dispenseEnd =
    kind === 'medication' ? toIsoDate(obj(obj(resource.dispenseRequest)?.validityPeriod)?.end) : undefined;
  return {
    ok: true,
    value: {
      kind,
      sourceRef: `${type}/${id}`,
      patientRef,
      codes,
      display: display ?? codes[0]!.code,
      status: status ?? 'unknown',
      startDate: periodStart(resource, ...starts[kind]) ?? null,
      endDate: periodEnd(resource, ...ends[kind]) ?? dispenseEnd ?? null,
      value: kind === 'observation' ? observationValue(resource) : null,
      bodySites: arr(resource.bodySite)
        .map(conceptText)
        .filter((s): s is string => !!s),
    },
  };
}
