import {
  arr,
  codingsOf,
  conceptText,
  obj,
  referenceKey,
  refOf,
  statusCode,
  str,
  toFhirDate,
  type ImportedCoding,
  type Json,
} from './fhir-json';
import type { Mapped } from './fhir-patient';

/**
 * FHIR R4 clinical resources -> the clinic's record entries, keeping every original code. The one reading of
 * FHIR: the import stores these entries and `needlepoint screen` screens them, both through `recordToFacts`.
 * Pure. A medication that cannot be named is kept as an entry marked for review, never dropped.
 */

export type EntryKind = 'condition' | 'medication' | 'allergy' | 'procedure' | 'observation';

export interface ImportedEntry {
  kind: EntryKind;
  sourceRef: string;
  /** Reference to the patient as written in the resource (`Patient/123` or `urn:uuid:...`). */
  patientRef: string;
  codes: ImportedCoding[];
  display: string;
  status: string;
  /** Dates keep their precision: `2019`, `2019-04` or `2019-04-05`. */
  startDate: string | null;
  endDate: string | null;
  value: string | null;
  bodySites: string[];
  /** Why staff must look at this entry (e.g. a medication that could not be named); null when readable. */
  review: string | null;
}

export const entryResourceKinds: Record<string, EntryKind> = {
  Condition: 'condition',
  MedicationRequest: 'medication',
  MedicationStatement: 'medication',
  MedicationAdministration: 'medication',
  MedicationDispense: 'medication',
  AllergyIntolerance: 'allergy',
  Procedure: 'procedure',
  Observation: 'observation',
};

/** Resource types the record takes; Medication is read to name the medications that reference it. */
export const importedResourceTypes = ['Patient', ...Object.keys(entryResourceKinds)];
export const medicationResourceTypes = Object.keys(entryResourceKinds).filter(
  (t) => entryResourceKinds[t] === 'medication',
);

/** Finds a Medication by a reference key (see `referenceKey`); undefined when it is not known. */
export type MedicationResolver = (key: string) => Json | undefined;

const fail = (reason: string): Mapped<never> => ({ ok: false, reason });

function firstDate(resource: Json, fields: string[], edge: 'start' | 'end'): string | undefined {
  for (const f of fields) {
    const v = resource[f];
    const period = obj(v);
    const d = period ? toFhirDate(edge === 'start' ? period.start : period.end) : toFhirDate(v);
    if (d) return d;
  }
  return undefined;
}

function observationValue(resource: Json): string | null {
  const q = obj(resource.valueQuantity);
  if (q && typeof q.value === 'number') return `${q.value}${str(q.unit) ? ` ${String(q.unit)}` : ''}`;
  if (resource.valueCodeableConcept) {
    // A code without words is kept as a FHIR token (`system|code`), never read as a number.
    const first = codingsOf(resource.valueCodeableConcept)[0];
    return conceptText(resource.valueCodeableConcept) ?? (first ? `${first.system}|${first.code}` : null);
  }
  if (typeof resource.valueBoolean === 'boolean') return resource.valueBoolean ? 'true' : 'false';
  if (typeof resource.valueInteger === 'number') return String(resource.valueInteger);
  return str(resource.valueString) ?? null;
}

/** Medication statuses of every medication resource, in the record's vocabulary. */
const medicationStatus: Record<string, string> = {
  'in-progress': 'active',
  preparation: 'intended',
  'not-done': 'not-taken',
  declined: 'not-taken',
};

/** The reference a medication resource names its Medication by, when it does so by reference. */
export function medicationReferenceOf(resource: Json): string | undefined {
  if (obj(resource.medicationCodeableConcept)) return undefined;
  return refOf(resource, 'medicationReference');
}

/** Whether the medication a resource names can be read now (inline, contained, or known to `resolve`). */
export function medicationResolvable(resource: Json, resolve: MedicationResolver): boolean {
  const reference = medicationReferenceOf(resource);
  if (!reference || reference.startsWith('#')) return true;
  return resolve(referenceKey(reference)) !== undefined;
}

function medicationConcept(
  resource: Json,
  resolve: MedicationResolver,
): { concept: unknown; problem?: string } {
  if (obj(resource.medicationCodeableConcept)) return { concept: resource.medicationCodeableConcept };
  const reference = obj(resource.medicationReference);
  const ref = str(reference?.reference);
  const display = str(reference?.display);
  if (!ref) {
    if (display) return { concept: { text: display } };
    return { concept: undefined, problem: 'names no medication (no medication[x])' };
  }
  const medication = ref.startsWith('#')
    ? arr(resource.contained)
        .map(obj)
        .find((c) => c?.resourceType === 'Medication' && `#${String(c.id)}` === ref)
    : resolve(referenceKey(ref));
  const code = obj(medication?.code);
  if (code && (codingsOf(code).length > 0 || conceptText(code))) return { concept: code };
  if (display) return { concept: { text: display } };
  return {
    concept: undefined,
    problem: medication
      ? `the Medication ${ref} has no code or text`
      : `the Medication ${ref} is neither contained, in this import, nor stored for the clinic`,
  };
}

function patientRefOf(type: string, resource: Json): string | undefined {
  if (type === 'AllergyIntolerance') return refOf(resource, 'patient');
  return refOf(resource, 'subject') ?? refOf(resource, 'patient');
}

const starts: Record<string, string[]> = {
  Condition: ['onsetDateTime', 'onsetPeriod', 'recordedDate'],
  MedicationRequest: ['authoredOn'],
  MedicationStatement: ['effectivePeriod', 'effectiveDateTime', 'dateAsserted'],
  MedicationAdministration: ['effectivePeriod', 'effectiveDateTime'],
  MedicationDispense: ['whenHandedOver', 'whenPrepared'],
  AllergyIntolerance: ['onsetDateTime', 'onsetPeriod', 'recordedDate'],
  Procedure: ['performedDateTime', 'performedPeriod'],
  Observation: ['effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued'],
};
const ends: Record<string, string[]> = {
  Condition: ['abatementDateTime', 'abatementPeriod'],
  MedicationStatement: ['effectivePeriod'],
  MedicationAdministration: ['effectivePeriod'],
  Procedure: ['performedPeriod'],
  Observation: ['effectivePeriod'],
};

/**
 * Maps a clinical resource to an entry. `resolve` finds a Medication the resource references (in the same
 * Bundle, before or after it, or already stored for the clinic). A medication resource that names no
 * readable medication becomes an entry marked for review.
 */
export function mapEntry(
  resource: Json,
  resolve: MedicationResolver = () => undefined,
): Mapped<ImportedEntry> {
  const type = String(resource.resourceType);
  const kind = entryResourceKinds[type];
  if (!kind) return fail(`${type} is not a clinical record type the import takes`);
  const id = str(resource.id);
  if (!id) return fail(`${type} has no id`);
  const patientRef = patientRefOf(type, resource);
  if (!patientRef) return fail(`${type}/${id} does not reference its patient`);
  const sourceRef = `${type}/${id}`;
  let concept: unknown = resource.code;
  let review: string | null = null;
  if (kind === 'medication') {
    const found = medicationConcept(resource, resolve);
    concept = found.concept;
    if (found.problem) review = `Medication not named: ${found.problem}`;
  } else if (kind === 'allergy') {
    const reactions = arr(resource.reaction).map(obj);
    if (reactions.some((r) => arr(r?.manifestation).length === 0))
      review = 'Allergy reaction recorded without its manifestation';
  }
  const codes = codingsOf(concept);
  const text = conceptText(concept);
  if (!text && codes.length === 0 && kind !== 'medication')
    return fail(`${sourceRef} has no code or text saying what it is`);
  let status: string | undefined;
  if (kind === 'condition' || kind === 'allergy') {
    const verification = statusCode(resource.verificationStatus);
    status =
      verification === 'entered-in-error' || verification === 'refuted'
        ? verification
        : statusCode(resource.clinicalStatus);
  } else {
    status = str(resource.status);
    if (kind === 'medication' && status) status = medicationStatus[status] ?? status;
  }
  const dispenseEnd =
    type === 'MedicationRequest'
      ? toFhirDate(obj(obj(resource.dispenseRequest)?.validityPeriod)?.end)
      : undefined;
  return {
    ok: true,
    value: {
      kind,
      sourceRef,
      patientRef,
      codes,
      display: text ?? codes[0]?.display ?? codes[0]?.code ?? 'Medication not named',
      status: status ?? 'unknown',
      startDate: firstDate(resource, starts[type] ?? [], 'start') ?? null,
      endDate: firstDate(resource, ends[type] ?? [], 'end') ?? dispenseEnd ?? null,
      value: kind === 'observation' ? observationValue(resource) : null,
      bodySites: arr(resource.bodySite)
        .map(conceptText)
        .filter((s): s is string => !!s),
      review,
    },
  };
}

/**
 * A medication resource the import could not read (invalid FHIR) but that names its patient: kept as an entry
 * marked for review so screening reports it, rather than dropped.
 */
export function unreadableMedication(resource: Json, problem: string): ImportedEntry | undefined {
  const type = String(resource.resourceType);
  if (entryResourceKinds[type] !== 'medication') return undefined;
  const id = str(resource.id);
  const patientRef = patientRefOf(type, resource);
  if (!id || !patientRef) return undefined;
  const named = medicationConcept(resource, () => undefined).concept;
  return {
    kind: 'medication',
    sourceRef: `${type}/${id}`,
    patientRef,
    codes: codingsOf(named),
    display: conceptText(named) ?? 'Medication not readable',
    status: 'unknown',
    startDate: null,
    endDate: null,
    value: null,
    bodySites: [],
    review: `Medication entry not readable: ${problem}`,
  };
}

const LIST_CODES: Record<string, 'medications' | 'allergies' | 'conditions'> = {
  '10160-0': 'medications',
  '48765-2': 'allergies',
  '11450-4': 'conditions',
};

/** A List resource for a medication, allergy or problem list: which list it confirms, for which patient. */
export function mapList(
  resource: Json,
): { list: 'medications' | 'allergies' | 'conditions'; patientRef: string; date?: string } | undefined {
  const list = codingsOf(resource.code)
    .map((c) => LIST_CODES[c.code])
    .find(Boolean);
  const patientRef = refOf(resource, 'subject');
  const date = toFhirDate(resource.date);
  if (!list || !patientRef || resource.status !== 'current') return undefined;
  return { list, patientRef, ...(date && date.length === 10 ? { date } : {}) };
}
