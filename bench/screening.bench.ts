import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleRecordToFactsRecord, bundleToRecord } from '@needlepoint/core/fhir/bundle-to-record';
import { clinicalKnowledge } from '@needlepoint/core/knowledge/knowledge';
import { defaultScreeningSettings } from '@needlepoint/core/knowledge/settings';
import { evaluate } from '@needlepoint/core/screening/evaluate';
import type { ScreeningFacts } from '@needlepoint/core/screening/facts';
import { recordToFacts } from '@needlepoint/core/screening/record-to-facts';

/**
 * Screening throughput: patients screened per second by `evaluate` on one core, from facts already parsed out of
 * the Synthea fixtures (2 transaction Bundles + the bulk export grouped per patient). Target: >= 10,000/s.
 */
const fixtures = fileURLToPath(new URL('../fixtures/fhir/', import.meta.url));

function loadFacts(): ScreeningFacts[] {
  const bundles: unknown[] = readdirSync(`${fixtures}synthea-bundles`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${fixtures}synthea-bundles/${f}`, 'utf8')));
  const byPatient = new Map<string, unknown[]>();
  for (const type of ['Patient', 'Condition', 'MedicationRequest', 'AllergyIntolerance']) {
    for (const line of readFileSync(`${fixtures}synthea-bulk-10/${type}.000.ndjson`, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      const ref = type === 'Patient' ? `Patient/${r.id}` : (r.subject ?? r.patient).reference;
      byPatient.set(ref, [...(byPatient.get(ref) ?? []), r]);
    }
  }
  for (const resources of byPatient.values()) {
    bundles.push({
      resourceType: 'Bundle',
      type: 'collection',
      entry: resources.map((resource) => ({ resource })),
    });
  }
  return bundles.map((b) => recordToFacts(bundleRecordToFactsRecord(bundleToRecord(b), '2026-01-01')));
}

export async function run(): Promise<{
  name: string;
  metrics: Record<string, number | string>;
  notes?: string;
}> {
  const patients = loadFacts();
  const records = patients.reduce(
    (n, f) =>
      n +
      (f.conditions?.length ?? 0) +
      (f.medications?.length ?? 0) +
      (f.observations?.length ?? 0) +
      (f.procedures?.length ?? 0) +
      (f.allergies?.length ?? 0),
    0,
  );
  const request = { areas: ['face' as const, 'perioral' as const], modality: 'mechanical' as const };
  const screenAll = () => {
    let findings = 0;
    for (const facts of patients)
      findings += evaluate(facts, clinicalKnowledge, defaultScreeningSettings, '2021-06-01', request).findings
        .length;
    return findings;
  };
  for (let i = 0; i < 50; i++) screenAll(); // warm-up (JIT, vocabulary memo)
  let screened = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) {
    sink += screenAll();
    screened += patients.length;
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round(screened / seconds);
  return {
    name: 'screening',
    metrics: {
      patients_per_second: perSecond,
      target_patients_per_second: 10_000,
      meets_target: perSecond >= 10_000 ? 'yes' : 'no',
      patients_in_set: patients.length,
      records_in_set: records,
      mean_us_per_patient: Math.round((seconds / screened) * 1e6 * 10) / 10,
    },
    notes: `evaluate() only (facts parsed once); one core; findings checksum ${sink}`,
  };
}
