import type { PatientData } from './record-to-fhir';

/** One stored version row: which fields changed in it, from what, to what. */
export interface PatientChange {
  version: number;
  changedAt: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

const tracked = ['givenName', 'familyName', 'birthDate', 'sex', 'email', 'phone', 'address'] as const;

/**
 * Every version of a patient's demographics, newest first, rebuilt from the current record by undoing each
 * version's recorded changes. Versions without a stored row (older records) repeat the next state.
 */
export function patientVersions(current: PatientData, changes: readonly PatientChange[]): PatientData[] {
  const byVersion = new Map(changes.map((c) => [c.version, c]));
  const versions: PatientData[] = [current];
  let state = current;
  for (let v = current.version; v > 1; v--) {
    const change = byVersion.get(v);
    const previous = byVersion.get(v - 1);
    const undone: PatientData = {
      ...state,
      version: v - 1,
      updatedAt: previous?.changedAt ?? state.updatedAt,
    };
    for (const field of tracked) {
      const c = change?.changes[field];
      if (c && typeof c === 'object' && 'from' in c) {
        (undone as unknown as Record<string, unknown>)[field] =
          c.from ?? (field === 'email' || field === 'phone' ? null : '');
      }
    }
    versions.push(undone);
    state = undone;
  }
  return versions;
}
