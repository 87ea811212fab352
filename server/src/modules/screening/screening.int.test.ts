import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredNo, makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let provider: string;
let owner: string;
let frontDesk: string;

const noToAll = answeredNo;
const reviewed = { conditions: '2026-11-01', medications: '2026-11-01', allergies: '2026-11-01' };

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  provider = await signInCookie(
    t.app,
    await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr Screen' }),
  );
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
  frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'));
});
afterAll(async () => t.close());

const as = (cookie: string) => (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A male patient (no pregnancy question) with every question answered no and every list confirmed. */
async function answeredPatient(entries: object[] = [], answers: object = {}) {
  const p = await makePatient(t.database.db, clinicId);
  const call = as(provider);
  await call('PATCH', `/api/patients/${p.id}`, {
    expectedVersion: 1,
    sex: 'male',
    answers: { ...noToAll, ...answers },
    listsReviewed: reviewed,
  });
  for (const e of entries) await call('POST', `/api/patients/${p.id}/entries`, e);
  return p.id;
}

const screen = (
  patientId: string,
  body: object = { areas: ['face'], modality: 'mechanical', asOf: '2026-11-25' },
) => as(provider)('POST', `/api/patients/${patientId}/screenings`, body);

describe('screening in the app', () => {
  it('screens the record, explains each finding with sources, and stores the versions it used', async () => {
    const id = await answeredPatient([
      { kind: 'medication', display: 'Eliquis 5 mg', status: 'active', startDate: '2025-01-01' },
    ]);
    const response = await screen(id);
    expect(response.statusCode).toBe(201);
    const s = response.json();
    expect(s).toMatchObject({
      verdict: 'needs-clearance',
      cleared: false,
      settingsVersion: 0,
      trigger: 'manual',
      runByName: 'Dr Screen',
    });
    expect(s.knowledgeVersion).toMatch(/^\d{4}\./);
    const finding = s.findings.find((f: { code: string }) => f.code === 'ANTICOAGULANT');
    expect(finding.action).toMatch(/prescriber/i);
    expect(finding.sources.length).toBeGreaterThan(0);
    expect(finding.sources[0].citation.length).toBeGreaterThan(10);
    expect(finding.evidence[0].text).toBe('Eliquis 5 mg');
    const audit = await t.database.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'screening.run' AND patient_id = $1",
      [id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('proceeds for a complete record with nothing that applies', async () => {
    const id = await answeredPatient();
    expect((await screen(id)).json()).toMatchObject({ verdict: 'proceed', cleared: true, findings: [] });
  });

  it('records decisions: a clearance request keeps the finding open, the clearance lifts it, later screenings show it', async () => {
    const id = await answeredPatient([
      { kind: 'medication', display: 'clopidogrel 75 mg', status: 'active' },
    ]);
    const first = (await screen(id)).json();
    const ruleId = first.findings.find((f: { code: string }) => f.code === 'ANTIPLATELET').ruleId;
    const requested = await as(provider)('POST', `/api/screenings/${first.id}/decisions`, {
      ruleId,
      decision: 'request-clearance',
      reason: 'Letter sent to cardiologist',
    });
    expect(requested.statusCode).toBe(201);
    expect(requested.json()).toMatchObject({ cleared: false });
    const received = (
      await as(provider)('POST', `/api/screenings/${first.id}/decisions`, {
        ruleId,
        decision: 'clearance-received',
        reason: 'Cardiologist agreed in writing',
      })
    ).json();
    expect(received.cleared).toBe(true);
    const later = (await screen(id)).json();
    const finding = later.findings.find((f: { ruleId: string }) => f.ruleId === ruleId);
    expect(finding).toMatchObject({
      open: false,
      decision: { decision: 'clearance-received', decidedByName: 'Dr Screen' },
    });
    expect(later.cleared).toBe(true);
    const audit = await t.database.db.query(
      "SELECT details FROM audit_events WHERE action = 'screening.decision' AND patient_id = $1",
      [id],
    );
    expect(audit.rowCount).toBe(2);
  });

  it('flags what changed since the last screening', async () => {
    const id = await answeredPatient();
    await screen(id);
    await as(provider)('POST', `/api/patients/${id}/entries`, {
      kind: 'medication',
      display: 'Advil',
      status: 'active',
    });
    const second = (await screen(id)).json();
    expect(second.changes).toMatchObject({ previousVerdict: 'proceed', resolved: [] });
    expect(second.changes.added.length).toBe(1);
    const history = (await as(provider)('GET', `/api/patients/${id}/screenings`)).json();
    expect(history.screenings).toHaveLength(2);
  });

  it('applies the clinic’s versioned settings: a shorter isotretinoin wait changes the result', async () => {
    const id = await answeredPatient([
      {
        kind: 'medication',
        display: 'isotretinoin 20 mg',
        status: 'stopped',
        startDate: '2026-01-01',
        endDate: '2026-07-20',
      },
    ]);
    expect((await screen(id)).json().findings.map((f: { code: string }) => f.code)).toContain('ISOTRETINOIN');
    const changed = await as(owner)('PUT', '/api/clinic/screening-settings', {
      overrides: { isotretinoinWaitMonths: 3 },
      reason: 'Consensus 2017: no wait for superficial procedures',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 1,
      settings: { isotretinoinWaitMonths: 3 },
      overrides: { isotretinoinWaitMonths: 3 },
    });
    const after = (await screen(id)).json();
    expect(after.settingsVersion).toBe(1);
    expect(after.findings.map((f: { code: string }) => f.code)).not.toContain('ISOTRETINOIN');
    await as(owner)('PUT', '/api/clinic/screening-settings', { overrides: {}, reason: 'Back to the label' });
  });

  it('refuses bad settings and bad decisions with clear errors', async () => {
    const bad = await as(owner)('PUT', '/api/clinic/screening-settings', {
      overrides: { isotretinoinWaitMonths: 99 },
      reason: 'x too long',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.overrides.isotretinoinWaitMonths');
    const id = await answeredPatient([], { skinCancerInArea: { value: 'yes' } });
    const s = (await screen(id)).json();
    expect(s.verdict).toBe('do-not-treat');
    const ruleId = s.findings.find((f: { code: string }) => f.code === 'SKIN_CANCER_AREA').ruleId;
    const accept = await as(provider)('POST', `/api/screenings/${s.id}/decisions`, {
      ruleId,
      decision: 'accept-risk',
      reason: 'Patient insists',
    });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.code).toBe('SCREENING_DECISION_NOT_ALLOWED');
    const noDate = await as(provider)('POST', `/api/screenings/${s.id}/decisions`, {
      ruleId,
      decision: 'defer',
      reason: 'Dermatology first',
    });
    expect(noDate.json().error.fields[0].path).toBe('body.until');
    const unknownRule = await as(provider)('POST', `/api/screenings/${s.id}/decisions`, {
      ruleId: 'no-such-rule',
      decision: 'defer',
      reason: 'x y z',
      until: '2027-01-01',
    });
    expect(unknownRule.json().error.code).toBe('SCREENING_FINDING_NOT_FOUND');
    expect((await screen(id, { areas: [], modality: 'mechanical' })).statusCode).toBe(400);
    expect((await screen(id, { areas: ['elbow'], modality: 'mechanical' })).statusCode).toBe(400);
  });

  it('keeps clinical screening from the front desk and decisions from owners', async () => {
    const id = await answeredPatient();
    expect((await as(frontDesk)('GET', `/api/patients/${id}/screenings`)).statusCode).toBe(403);
    const s = (await screen(id)).json();
    expect(
      (
        await as(owner)('POST', `/api/screenings/${s.id}/decisions`, {
          ruleId: 'x',
          decision: 'accept-risk',
          reason: 'abc',
        })
      ).statusCode,
    ).toBe(403);
  });
});
