import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/src/modules/audit/audit.service';
import { consentStatesOf } from '../../server/src/modules/consents/consents.service';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database';
import { chainSize, generateChain, generatedSize, type GeneratedChain } from './chain-data';

// The chain generator at its small size: what it writes is valid for the application (indexes and constraints
// back as migrated, audit chains intact, sessions within the providers' slots, no double booking).
describe('generated clinic chain (small size)', () => {
  let t: TestDatabase;
  let chain: GeneratedChain;
  let indexesBefore: string[];
  const now = new Date('2026-06-01T12:00:00Z');
  const indexes = async () =>
    (
      await t.db.query<{ d: string }>(
        `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' UNION ALL
         SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
         ORDER BY 1`,
      )
    ).rows.map((r) => r.d);

  beforeAll(async () => {
    t = await createTestDatabase();
    indexesBefore = await indexes();
    // Bulk loading drops and re-adds constraints: work for a superuser, never the app role (ADR 061).
    chain = await generateChain(t.admin(), chainSize(300, { clinics: 3, auditEventsPerPatient: 10 }), now);
  });
  afterAll(() => t.drop());

  it('writes the sizes asked for and records them on the database', async () => {
    expect(chain.clinics).toHaveLength(3);
    expect(chain.rows.patients).toBe(300);
    expect(chain.rows.audit_events).toBe(3000);
    expect(chain.rows.appointments).toBeGreaterThan(1200);
    expect(chain.rows.appointments).toBeLessThan(1800);
    expect(chain.rows.patient_entries).toBeGreaterThan(300);
    expect((await generatedSize(t.admin().pool))?.patients).toBe(300);
    expect(chain.clinics[0]!.samplePatients).toHaveLength(50);
    const codes = await t.db.query<{ n: number }>(
      "SELECT count(DISTINCT code)::int AS n FROM patient_entries WHERE system = 'http://snomed.info/sct'",
    );
    expect(codes.rows[0]!.n).toBeGreaterThan(10);
  });

  it('leaves every index and constraint as the migrations made them', async () => {
    expect(await indexes()).toEqual(indexesBefore);
  });

  it("writes each clinic's audit chain so that verification finds it intact", async () => {
    for (const clinic of chain.clinics) {
      const result = await verifyAuditChain(t.db, clinic.id);
      expect(result).toEqual({
        intact: true,
        checked: 1000,
        fromSeq: 1,
        firstBrokenSeq: null,
        problem: null,
        pending: 0,
        checkpoint: null,
      });
    }
  });

  it("gives every patient a signed treatment consent on the clinic's current document, as booking needs", async () => {
    expect(chain.rows.consent_documents).toBe(3 * 6);
    expect(chain.rows.consent_signatures).toBe(300);
    for (const clinic of chain.clinics) {
      const states = await consentStatesOf(t.db.pool, clinic.id, clinic.samplePatients[0]!.id);
      expect(states.find((c) => c.kind === 'treatment-mechanical')?.state).toBe('signed');
      expect(states.find((c) => c.kind === 'treatment-rf')?.state).toBe('not-signed');
    }
    const documents = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_documents');
    expect(documents.rows[0]!.n).toBe(3 * 6); // the app found them all and made none of its own
  });

  it('books sessions inside working hours, future ones booked and past ones closed', async () => {
    const { rows } = await t.db.query<{ past_booked: number; future_done: number; weekend: number }>(
      `SELECT count(*) FILTER (WHERE starts_at < $1 AND status = 'booked')::int AS past_booked,
              count(*) FILTER (WHERE starts_at > $1 AND status = 'completed')::int AS future_done,
              count(*) FILTER (WHERE extract(isodow FROM starts_at AT TIME ZONE c.time_zone) > 5)::int AS weekend
         FROM appointments a JOIN clinics c ON c.id = a.clinic_id`,
      [now],
    );
    expect(rows[0]).toEqual({ past_booked: 0, future_done: 0, weekend: 0 });
  });
});
