import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicalKnowledge } from '@needlepoint/core/knowledge/knowledge';
import { defaultScreeningSettings } from '@needlepoint/core/knowledge/settings';
import { evaluate } from '@needlepoint/core/screening/evaluate';
import { systemClock } from '../platform/clock';
import { importFhir } from '../modules/imports/fhir-import.service';
import { listImportFiles, readImportFile, type SourceItem } from '../modules/imports/import-sources';
import { screenPatient } from '../modules/screening/screening.service';
import { makeClinic } from '../testing/factories';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { factsFromJson } from './screen.command';

// One reading of FHIR: every FHIR fixture screened from the command line and, imported, in the app gives the same
// findings (the same verdict, rules, severities, dates and evidence).

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'fixtures/fhir');
const dates = ['2021-06-01', '2026-01-15'];
const request = { areas: ['face' as const], modality: 'mechanical' as const };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

interface Comparable {
  code: string;
  ruleId: string;
  severity: string;
  title: string;
  until?: string | undefined;
  evidence: object[];
}

/** JSON with sorted keys (the app's findings come back from jsonb, which does not keep key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** A finding without its record references (`entry:<uuid>` in the app, the FHIR reference on the command line). */
function comparable(findings: Comparable[]) {
  return findings.map((f) => ({
    code: f.code,
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    until: f.until ?? null,
    evidence: f.evidence.map((e) => canonical({ ...e, ref: undefined })).sort(),
  }));
}

async function importInto(clinicId: string, path: string) {
  const files = await listImportFiles(path);
  async function* items(): AsyncGenerator<SourceItem> {
    for (const file of files) yield* readImportFile(file, () => undefined);
  }
  const actor = { userId: null, clinicId, role: null, ip: null, requestId: 'both-ways', clock: systemClock };
  const report = await importFhir(database.db, actor, items());
  return { actor, report };
}

async function patientIdOf(clinicId: string, sourceRef: string): Promise<string> {
  const { rows } = await database.db.query<{ patient_id: string }>(
    "SELECT patient_id FROM patient_identifiers WHERE clinic_id = $1 AND system = 'urn:needlepoint:fhir-source' AND value = $2",
    [clinicId, sourceRef],
  );
  return rows[0]!.patient_id;
}

async function expectSameBothWays(clinicId: string, bundleText: string, patientId: string) {
  const actor = { userId: null, clinicId, role: null, ip: null, requestId: 'both-ways', clock: systemClock };
  const id = await patientIdOf(clinicId, `Patient/${patientId}`);
  for (const asOf of dates) {
    const app = await database.db.transaction((client) =>
      screenPatient(client, systemClock, actor, id, { ...request, asOf }, { trigger: 'manual' }),
    );
    const { facts } = factsFromJson(bundleText, { patientId, asOf });
    const cli = evaluate(facts, clinicalKnowledge, defaultScreeningSettings, asOf, request);
    expect(cli.verdict, `${patientId} on ${asOf}`).toBe(app.verdict);
    expect(comparable(cli.findings), `${patientId} on ${asOf}`).toEqual(comparable(app.findings));
  }
}

const bundleFiles = [
  ...readdirSync(join(fixtures, 'synthea-bundles'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(fixtures, 'synthea-bundles', f)),
  ...readdirSync(join(fixtures, 'examples'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(fixtures, 'examples', f)),
];

describe('the same findings from the command line and from the app', () => {
  it.each(bundleFiles.map((f) => [f.slice(fixtures.length + 1), f]))('%s', async (_name, file) => {
    const clinicId = (await makeClinic(database.db)).id;
    const { report } = await importInto(clinicId, file);
    expect(report.rejected).toEqual([]);
    const text = readFileSync(file, 'utf8');
    const bundle = JSON.parse(text) as { entry: { resource: { resourceType: string; id: string } }[] };
    const patients = bundle.entry.filter((e) => e.resource.resourceType === 'Patient');
    expect(patients.length).toBeGreaterThan(0);
    for (const p of patients) await expectSameBothWays(clinicId, text, p.resource.id);
  });

  it('synthea-bulk-10 (NDJSON, screened per patient)', async () => {
    const clinicId = (await makeClinic(database.db)).id;
    const folder = join(fixtures, 'synthea-bulk-10');
    const { report } = await importInto(clinicId, folder);
    expect(report.rejected).toEqual([]);
    const byPatient = new Map<string, unknown[]>();
    for (const type of ['Patient', 'Condition', 'MedicationRequest', 'AllergyIntolerance']) {
      for (const line of readFileSync(join(folder, `${type}.000.ndjson`), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const r = JSON.parse(line);
        const ref: string = type === 'Patient' ? `Patient/${r.id}` : (r.subject ?? r.patient).reference;
        byPatient.set(ref, [...(byPatient.get(ref) ?? []), r]);
      }
    }
    const patientIds = [...byPatient.keys()].filter((ref) =>
      byPatient.get(ref)!.some((r) => (r as { resourceType: string }).resourceType === 'Patient'),
    );
    expect(patientIds.length).toBeGreaterThanOrEqual(10);
    for (const ref of patientIds) {
      const text = JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: byPatient.get(ref)!.map((resource) => ({ resource })),
      });
      await expectSameBothWays(clinicId, text, ref.slice('Patient/'.length));
    }
  });
});
