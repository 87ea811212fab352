import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clinicalKnowledge } from '../knowledge/knowledge';
import { defaultScreeningSettings } from '../knowledge/settings';
import { evaluate } from '../screening/evaluate';
import { recordToFacts } from '../screening/record-to-facts';
import { bundleRecordToFactsRecord, bundleToRecord } from './bundle-to-record';

const bundleToFacts = (bundle: unknown) =>
  recordToFacts(bundleRecordToFactsRecord(bundleToRecord(bundle), '2026-01-01'));

// Real Synthea fixtures, read-only (fixtures/fhir).
const fixtures = fileURLToPath(new URL('../../../fixtures/fhir/', import.meta.url));
const face = { areas: ['face' as const], modality: 'mechanical' as const };

function bundleFile(prefix: string): unknown {
  const name = readdirSync(`${fixtures}synthea-bundles`).find((f) => f.startsWith(prefix))!;
  return JSON.parse(readFileSync(`${fixtures}synthea-bundles/${name}`, 'utf8'));
}

/** Bulk NDJSON grouped by patient reference into one collection Bundle per patient. */
function bulkBundles(): Map<string, unknown> {
  const byPatient = new Map<string, Array<Record<string, unknown>>>();
  for (const type of ['Patient', 'Condition', 'MedicationRequest', 'AllergyIntolerance']) {
    for (const line of readFileSync(`${fixtures}synthea-bulk-10/${type}.000.ndjson`, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const resource = JSON.parse(line);
      const ref =
        type === 'Patient' ? `Patient/${resource.id}` : (resource.subject ?? resource.patient).reference;
      byPatient.set(ref, [...(byPatient.get(ref) ?? []), resource]);
    }
  }
  return new Map(
    [...byPatient].map(([ref, resources]) => [
      ref,
      { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) },
    ]),
  );
}

const screen = (bundle: unknown, asOf: string, request = face) =>
  evaluate(bundleToFacts(bundle), clinicalKnowledge, defaultScreeningSettings, asOf, request);
const codes = (result: ReturnType<typeof screen>) => result.findings.map((f) => f.code);

describe('Synthea transaction bundles', () => {
  it('[antiplatelet, S76] the clopidogrel patient needs prescriber clearance', () => {
    const result = screen(bundleFile('Adalberto'), '2021-06-01');
    expect(result.verdict).toBe('needs-clearance');
    const antiplatelet = result.findings.find((f) => f.code === 'ANTIPLATELET')!;
    expect(antiplatelet.evidence[0]).toMatchObject({
      code: { code: '309362' },
      status: 'active',
      start: '2013-02-13',
      matched: 'clopidogrel',
    });
    expect(codes(result)).toContain('PHOTOSENSITIZER'); // hydrochlorothiazide
    expect(codes(result)).not.toContain('DIABETES'); // prediabetes only
  });

  it('reads patient, conditions, medications, observations and procedures', () => {
    const facts = bundleToFacts(bundleFile('Adalberto'));
    expect(facts.patient).toMatchObject({ sex: 'male', birthDate: '1949-11-29' });
    expect(facts.medications).toHaveLength(8);
    expect(facts.conditions).toHaveLength(13);
    expect(facts.observations!.filter((o) => o.codes!.some((c) => c.code === '4548-4'))).toHaveLength(10);
    expect(facts.procedures).toHaveLength(6);
    expect(facts.provided).toEqual({ conditions: true, medications: true, allergies: false });
  });

  it('a bundle without medications or allergies is missing information, never "none"', () => {
    const result = screen(bundleFile('Clemente'), '2019-01-01');
    expect(result.verdict).toBe('needs-review');
    expect(result.findings.find((f) => f.ruleId === 'missing-information')?.title).toMatch(
      /medication list.*allergy list/,
    );
  });
});

describe('Synthea bulk export (10 patients)', () => {
  const bundles = bulkBundles();
  const patient = (id: string) => bundles.get(`Patient/${id}`)!;

  it('groups every resource under a patient that exists', () => {
    expect(bundles.size).toBe(13);
    for (const bundle of bundles.values()) expect(() => bundleToFacts(bundle)).not.toThrow();
  });

  it('[immunosuppressant, S77] the renal-transplant patient on tacrolimus', () => {
    const result = screen(patient('79a66c97-6131-3213-f3c9-4606946ab056'), '1994-01-01');
    expect(result.verdict).toBe('needs-clearance');
    expect(codes(result)).toEqual(
      expect.arrayContaining(['IMMUNOSUPPRESSANT', 'IMMUNOSUPPRESSION', 'DIABETES']),
    );
    const tacrolimus = result.findings.find((f) => f.code === 'IMMUNOSUPPRESSANT')!;
    expect(tacrolimus.evidence.some((e) => e.code?.code === '1664463' && e.status === 'active')).toBe(true);
  });

  it('[uncontrolled-diabetes, S77] the diabetic patient without an HbA1c gets MISSING_INFORMATION', () => {
    const result = screen(patient('79a66c97-6131-3213-f3c9-4606946ab056'), '1994-01-01');
    expect(result.findings.find((f) => f.ruleId === 'uncontrolled-diabetes')).toMatchObject({
      code: 'MISSING_INFORMATION',
      severity: 'review',
    });
  });

  it('[chemotherapy, S77] the cisplatin/paclitaxel patient is deferred during and within 6 months of chemotherapy', () => {
    const during = screen(patient('129c6ac7-8d06-89de-ad63-0204a93e76c3'), '1989-04-15');
    expect(during.verdict).toBe('defer');
    expect(during.findings[0]).toMatchObject({ code: 'CHEMOTHERAPY', until: '1989-10-01' });
    expect(codes(screen(patient('129c6ac7-8d06-89de-ad63-0204a93e76c3'), '1990-01-01'))).not.toContain(
      'CHEMOTHERAPY',
    );
  });

  it('[nsaid, S76] an active naproxen order is an NSAID; old stopped ibuprofen is not', () => {
    expect(codes(screen(patient('6a4160eb-a793-2f86-2302-378626f46cce'), '2026-11-25'))).toContain('NSAID');
    expect(codes(screen(patient('cbc86e51-9eca-3855-76ec-c058f72c5761'), '2026-11-25'))).not.toContain(
      'NSAID',
    );
  });

  it('[pregnancy, S88] women of child-bearing age without a pregnancy status need review', () => {
    const result = screen(patient('ca15b832-01e4-41dd-6a52-97bd3e5510cb'), '2026-11-25');
    expect(result.findings.filter((f) => f.code === 'MISSING_INFORMATION').map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['pregnancy', 'breastfeeding']),
    );
  });
});
