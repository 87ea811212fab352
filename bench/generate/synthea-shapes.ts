import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { weightedTable, type WeightedTable } from './random';

/**
 * What a generated record looks like, read from the Synthea bulk export in `fixtures/fhir/synthea-bulk-10`:
 * which codes patients carry (each code weighted by how many Synthea patients have it), their statuses, how many
 * distinct codes of each kind one patient has, and the spread of sexes and birth years.
 */
export interface CodedEntryShape {
  kind: 'condition' | 'medication' | 'allergy';
  system: string;
  code: string;
  display: string;
  status: string;
}

export interface SyntheaShapes {
  entries: Record<CodedEntryShape['kind'], WeightedTable<CodedEntryShape>>;
  /** Distinct codes per patient in the fixtures, per kind (one value per Synthea patient). */
  perPatient: Record<CodedEntryShape['kind'], number[]>;
  sexes: WeightedTable<string>;
  birthYears: number[];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const folder = fileURLToPath(new URL('../../fixtures/fhir/synthea-bulk-10/', import.meta.url));
const read = (file: string): Json[] =>
  readFileSync(folder + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Json);

export function readSyntheaShapes(): SyntheaShapes {
  const kinds: [CodedEntryShape['kind'], string, (r: Json) => Json | undefined, (r: Json) => string][] = [
    [
      'condition',
      'Condition.000.ndjson',
      (r) => r.code,
      (r) => r.clinicalStatus?.coding?.[0]?.code ?? 'active',
    ],
    [
      'medication',
      'MedicationRequest.000.ndjson',
      (r) => r.medicationCodeableConcept,
      (r) => r.status ?? 'active',
    ],
    [
      'allergy',
      'AllergyIntolerance.000.ndjson',
      (r) => r.code,
      (r) => r.clinicalStatus?.coding?.[0]?.code ?? 'active',
    ],
  ];
  const patients = read('Patient.000.ndjson');
  const entries = {} as SyntheaShapes['entries'];
  const perPatient = {} as SyntheaShapes['perPatient'];
  for (const [kind, file, codeOf, statusOf] of kinds) {
    const byCode = new Map<string, { shape: CodedEntryShape; patients: Set<string> }>();
    const byPatient = new Map<string, Set<string>>();
    for (const r of read(file)) {
      const coding = codeOf(r)?.coding?.[0] as Json | undefined;
      const patient = String((r.subject ?? r.patient)?.reference ?? '');
      if (!coding?.code || !patient) continue;
      const key = `${coding.system}|${coding.code}`;
      const known = byCode.get(key) ?? {
        shape: {
          kind,
          system: String(coding.system),
          code: String(coding.code),
          display: String(coding.display ?? codeOf(r)?.text ?? coding.code),
          status: statusOf(r),
        },
        patients: new Set<string>(),
      };
      known.patients.add(patient);
      byCode.set(key, known);
      byPatient.set(patient, (byPatient.get(patient) ?? new Set()).add(key));
    }
    entries[kind] = weightedTable([...byCode.values()].map((c) => [c.shape, c.patients.size]));
    perPatient[kind] = patients.map((p) => byPatient.get(`Patient/${p.id}`)?.size ?? 0);
  }
  const sexCounts = new Map<string, number>();
  for (const p of patients)
    sexCounts.set(String(p.gender ?? 'unknown'), (sexCounts.get(String(p.gender)) ?? 0) + 1);
  return {
    entries,
    perPatient,
    sexes: weightedTable([...sexCounts.entries()]),
    birthYears: patients.map((p) => Number(String(p.birthDate).slice(0, 4))).filter((y) => y > 1900),
  };
}
