import { DomainError } from '../errors';
import type {
  AllergyFact,
  ConditionFact,
  MedicationFact,
  ObservationFact,
  ObservationValue,
  ProcedureFact,
  ScreeningFacts,
} from '../screening/facts';
import { EntryReader, readConcept, type Json } from './fhir-read';

/**
 * FHIR R4 Bundle (collection, transaction, searchset, document, batch) -> ScreeningFacts for one patient.
 * Pure. Unknown resource types are ignored; a known resource with a missing or invalid field throws a
 * DomainError naming the entry, e.g. `entry[3] (MedicationRequest/abc): medicationCodeableConcept missing`.
 * A list counts as provided when the Bundle holds at least one resource of its kind (or a List resource
 * for it): an absent list is "not provided", never "none".
 */

const bundleTypes = ['collection', 'transaction', 'searchset', 'document', 'batch'];
const LIST_CODES: Record<string, 'medications' | 'allergies' | 'conditions'> = {
  '10160-0': 'medications',
  '48765-2': 'allergies',
  '11450-4': 'conditions',
};

function invalid(message: string): never {
  throw new DomainError('SCREENING_INPUT_INVALID', message);
}

export function bundleToFacts(bundle: unknown, options: { patientId?: string } = {}): ScreeningFacts {
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle))
    invalid('not a FHIR Bundle: expected a JSON object');
  const b = bundle as Json;
  if (b.resourceType !== 'Bundle')
    invalid(`not a FHIR Bundle: resourceType is ${JSON.stringify(b.resourceType ?? null)}`);
  if (typeof b.type !== 'string' || !bundleTypes.includes(b.type)) {
    invalid(`Bundle.type ${JSON.stringify(b.type ?? null)} is not supported (use ${bundleTypes.join(', ')})`);
  }
  if (b.entry !== undefined && !Array.isArray(b.entry)) invalid('Bundle.entry must be an array');
  const entries = ((b.entry as unknown[] | undefined) ?? []).map((entry, i) => {
    if (typeof entry !== 'object' || entry === null) invalid(`entry[${i}]: must be an object`);
    const resource = (entry as Json).resource;
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
      invalid(`entry[${i}]: resource missing`);
    const r = resource as Json;
    if (typeof r.resourceType !== 'string') invalid(`entry[${i}]: resource.resourceType missing`);
    const id = typeof r.id === 'string' ? r.id : undefined;
    const fullUrl =
      typeof (entry as Json).fullUrl === 'string' ? ((entry as Json).fullUrl as string) : undefined;
    const where = `entry[${i}] (${r.resourceType}${id ? '/' + id : ''})`;
    return { reader: new EntryReader(where, r), type: r.resourceType, id, fullUrl };
  });

  const patients = entries.filter(
    (e) => e.type === 'Patient' && (!options.patientId || e.id === options.patientId),
  );
  if (patients.length > 1)
    invalid(
      `Bundle holds ${patients.length} Patient entries; screen one patient at a time (choose a patient id)`,
    );
  if (options.patientId && patients.length === 0)
    invalid(`Bundle has no Patient with id ${options.patientId}`);
  const patient = patients[0];
  const patientRefs = new Set<string>();
  if (patient) {
    if (patient.id) patientRefs.add(`Patient/${patient.id}`);
    if (patient.fullUrl) patientRefs.add(patient.fullUrl);
  }
  const aboutPatient = (reader: EntryReader, field: string) => {
    if (!patient) return true;
    const ref = reader.object(field)?.reference;
    return (
      typeof ref !== 'string' || patientRefs.has(ref) || [...patientRefs].some((p) => ref.endsWith('/' + p))
    );
  };

  const facts: Required<
    Pick<ScreeningFacts, 'conditions' | 'medications' | 'allergies' | 'observations' | 'procedures'>
  > &
    ScreeningFacts = {
    patient: { sex: 'unknown' },
    conditions: [],
    medications: [],
    allergies: [],
    observations: [],
    procedures: [],
    answers: {},
    provided: { conditions: false, medications: false, allergies: false },
  };
  const provided = facts.provided!;
  const medications = new Map(
    entries.filter((e) => e.type === 'Medication').map((e) => [e, e.reader.resource]),
  );

  if (patient) {
    const r = patient.reader;
    const gender = r.status('gender', ['male', 'female', 'other', 'unknown'], false);
    const birthDate = r.date('birthDate');
    facts.patient = {
      sex: gender ?? 'unknown',
      ...(patient.id ? { ref: `Patient/${patient.id}` } : {}),
      ...(birthDate ? { birthDate } : {}),
    };
  }

  for (const e of entries) {
    const r = e.reader;
    const ref = `${e.type}/${e.id ?? e.fullUrl ?? r.where}`;
    switch (e.type) {
      case 'Condition':
        if (!aboutPatient(r, 'subject')) break;
        provided.conditions = true;
        facts.conditions.push(readCondition(r, ref));
        break;
      case 'MedicationRequest':
      case 'MedicationStatement':
        if (!aboutPatient(r, 'subject')) break;
        provided.medications = true;
        facts.medications.push(
          readMedication(r, ref, e.type, (reference) => findMedication(reference, entries, medications, r)),
        );
        break;
      case 'AllergyIntolerance':
        if (!aboutPatient(r, 'patient')) break;
        provided.allergies = true;
        facts.allergies.push(readAllergy(r, ref));
        break;
      case 'Observation':
        if (!aboutPatient(r, 'subject')) break;
        facts.observations.push(readObservation(r, ref));
        break;
      case 'Procedure':
        if (!aboutPatient(r, 'subject')) break;
        facts.procedures.push(readProcedure(r, ref));
        break;
      case 'List': {
        if (!aboutPatient(r, 'subject')) break;
        const list = r
          .concept('code', false)
          .codes.map((c) => LIST_CODES[c.code])
          .find(Boolean);
        if (list) provided[list] = true;
        break;
      }
    }
  }
  return facts;
}

function readCondition(r: EntryReader, ref: string): ConditionFact {
  const { codes, text } = r.concept('code', true);
  const onset = r.date('onsetDateTime') ?? r.period('onsetPeriod').start;
  const abatement = r.date('abatementDateTime') ?? r.period('abatementPeriod').end;
  const recorded = r.date('recordedDate');
  return {
    ref,
    codes,
    ...(text ? { text } : {}),
    clinicalStatus:
      r.statusConcept('clinicalStatus', [
        'active',
        'recurrence',
        'relapse',
        'inactive',
        'remission',
        'resolved',
      ]) ?? 'unknown',
    ...opt(
      'verificationStatus',
      r.statusConcept('verificationStatus', [
        'unconfirmed',
        'provisional',
        'differential',
        'confirmed',
        'refuted',
        'entered-in-error',
      ] as const),
    ),
    ...opt('onset', onset),
    ...opt('abatement', abatement),
    ...opt('recorded', recorded),
    bodySites: r.bodySites(),
  };
}

const requestStatuses = [
  'active',
  'on-hold',
  'cancelled',
  'completed',
  'entered-in-error',
  'stopped',
  'draft',
  'unknown',
] as const;
const statementStatuses = [
  'active',
  'completed',
  'entered-in-error',
  'intended',
  'stopped',
  'on-hold',
  'unknown',
  'not-taken',
] as const;

function readMedication(
  r: EntryReader,
  ref: string,
  type: string,
  resolve: (reference: string) => Json | undefined,
): MedicationFact {
  let concept = r.concept('medicationCodeableConcept', false);
  if (concept.codes.length === 0 && !concept.text) {
    const reference = r.object('medicationReference')?.reference;
    if (typeof reference !== 'string') r.fail('medicationCodeableConcept missing');
    const medication = resolve(reference);
    if (!medication)
      r.fail(`medicationReference ${reference} does not resolve to a Medication in the Bundle`);
    concept = readConcept(medication.code as Json | undefined, (p) =>
      r.fail(`medicationReference ${reference}: code ${p}`),
    );
    if (concept.codes.length === 0 && !concept.text)
      r.fail(`medicationReference ${reference}: Medication.code missing`);
  }
  const status =
    type === 'MedicationRequest'
      ? r.status('status', requestStatuses, true)!
      : r.status('status', statementStatuses, true)!;
  let start: string | undefined;
  let end: string | undefined;
  if (type === 'MedicationRequest') {
    start = r.date('authoredOn');
  } else {
    const period = r.period('effectivePeriod');
    start = r.date('effectiveDateTime') ?? period.start ?? r.date('dateAsserted');
    end = period.end;
  }
  const route = r.array('dosageInstruction').concat(r.array('dosage'))[0]?.route as Json | undefined;
  const routeText = readConcept(route, (p) => r.fail(`dosage route: ${p}`));
  return {
    ref,
    codes: concept.codes,
    ...opt('text', concept.text),
    status,
    ...opt('start', start),
    ...opt('end', end),
    ...opt('route', routeText.text ?? routeText.codes[0]?.display),
  };
}

function findMedication(
  reference: string,
  entries: Array<{ type: string; id: string | undefined; fullUrl: string | undefined }>,
  medications: Map<unknown, Json>,
  r: EntryReader,
): Json | undefined {
  if (reference.startsWith('#')) {
    return r
      .array('contained')
      .find((c) => c.resourceType === 'Medication' && `#${String(c.id)}` === reference);
  }
  const entry = entries.find(
    (e) =>
      e.type === 'Medication' &&
      (e.fullUrl === reference ||
        `Medication/${e.id}` === reference ||
        reference.endsWith(`/Medication/${e.id}`)),
  );
  return entry ? medications.get(entry) : undefined;
}

function readAllergy(r: EntryReader, ref: string): AllergyFact {
  const { codes, text } = r.concept('code', true);
  return {
    ref,
    codes,
    ...opt('text', text),
    clinicalStatus: r.statusConcept('clinicalStatus', ['active', 'inactive', 'resolved']) ?? 'unknown',
    ...opt(
      'verificationStatus',
      r.statusConcept('verificationStatus', [
        'unconfirmed',
        'presumed',
        'confirmed',
        'refuted',
        'entered-in-error',
      ] as const),
    ),
    ...opt('recorded', r.date('recordedDate') ?? r.date('onsetDateTime')),
  };
}

const observationStatuses = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
] as const;

function readObservation(r: EntryReader, ref: string): ObservationFact {
  const { codes, text } = r.concept('code', true);
  const effective =
    r.date('effectiveDateTime') ??
    r.period('effectivePeriod').start ??
    r.date('effectiveInstant') ??
    r.date('issued');
  let value: ObservationValue | undefined;
  const quantity = r.object('valueQuantity');
  if (quantity) {
    if (typeof quantity.value !== 'number') r.fail('valueQuantity.value must be a number');
    value = {
      kind: 'quantity',
      value: quantity.value,
      ...opt(
        'unit',
        typeof quantity.unit === 'string'
          ? quantity.unit
          : typeof quantity.code === 'string'
            ? quantity.code
            : undefined,
      ),
    };
  } else if (r.object('valueCodeableConcept')) {
    const concept = r.concept('valueCodeableConcept', false);
    value = { kind: 'coded', codes: concept.codes, ...opt('text', concept.text) };
  } else if (typeof r.resource.valueBoolean === 'boolean') {
    value = { kind: 'boolean', value: r.resource.valueBoolean };
  } else if (typeof r.resource.valueString === 'string') {
    value = { kind: 'string', value: r.resource.valueString };
  }
  return {
    ref,
    codes,
    ...opt('text', text),
    status: r.status('status', observationStatuses, true)!,
    ...opt('effective', effective),
    ...opt('value', value),
  };
}

const procedureStatuses = [
  'preparation',
  'in-progress',
  'not-done',
  'on-hold',
  'stopped',
  'completed',
  'entered-in-error',
  'unknown',
] as const;

function readProcedure(r: EntryReader, ref: string): ProcedureFact {
  const { codes, text } = r.concept('code', true);
  const period = r.period('performedPeriod');
  return {
    ref,
    codes,
    ...opt('text', text),
    status: r.status('status', procedureStatuses, true)!,
    ...opt('performedStart', r.date('performedDateTime') ?? period.start),
    ...opt('performedEnd', period.end),
    bodySites: r.bodySites(),
  };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
