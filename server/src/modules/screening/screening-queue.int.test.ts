import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredNo, makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let provider: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: provider }, ...(payload ? { payload } : {}) });

/** A patient on an anticoagulant, screened: one open finding (ANTICOAGULANT). */
async function flaggedPatient(givenName: string) {
  const p = await makePatient(t.database.db, clinicId, { givenName });
  await call('PATCH', `/api/patients/${p.id}`, {
    expectedVersion: 1,
    sex: 'male',
    answers: answeredNo,
    listsReviewed: { conditions: '2026-11-01', medications: '2026-11-01', allergies: '2026-11-01' },
  });
  await call('POST', `/api/patients/${p.id}/entries`, {
    kind: 'medication',
    display: 'Eliquis 5 mg',
    status: 'active',
  });
  return p.id;
}
const screen = async (patientId: string) => {
  const response = await call('POST', `/api/patients/${patientId}/screenings`, {
    areas: ['face'],
    modality: 'mechanical',
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; findings: { ruleId: string }[] }>();
};
const page = async (query: string) => {
  const response = await call('GET', `/api/screenings/queue${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<{
    items: { patientId: string; patientName: string; screening: { id: string } }[];
    next: string | null;
  }>();
};

describe('the screening work list', () => {
  it("pages through each patient's latest flagged screening, newest first, leaving out decided ones", async () => {
    const a = await flaggedPatient('Ada');
    const b = await flaggedPatient('Bea');
    const c = await flaggedPatient('Cai');
    const d = await flaggedPatient('Dov');
    await screen(a);
    await screen(b);
    await screen(c);
    const decided = await screen(d);
    expect(
      (
        await call('POST', `/api/screenings/${decided.id}/decisions`, {
          ruleId: decided.findings[0]!.ruleId,
          decision: 'clearance-received',
          reason: 'Cardiologist agreed in writing',
        })
      ).statusCode,
    ).toBe(201);
    const again = await screen(a); // Ada's newest screening replaces her first one on the list

    const first = await page('?limit=2');
    expect(first.items.map((i) => i.patientId)).toEqual([a]); // Dov's screening was read but is decided
    expect(first.items[0]!.screening.id).toBe(again.id);
    expect(first.next).toBe(decided.id);
    const second = await page(`?limit=2&after=${first.next}`);
    expect(second.items.map((i) => i.patientId)).toEqual([c, b]);
    expect(second.next).not.toBeNull();
    expect(await page(`?limit=2&after=${second.next}`)).toEqual({ items: [], next: null });

    const whole = await page('');
    expect(whole).toMatchObject({ next: null });
    expect(whole.items.map((i) => i.patientName.split(' ')[0])).toEqual(['Ada', 'Cai', 'Bea']);
  });

  it('refuses a cursor that is not a screening id and a page over 200', async () => {
    expect((await call('GET', '/api/screenings/queue?after=nope')).statusCode).toBe(400);
    expect((await call('GET', '/api/screenings/queue?limit=500')).statusCode).toBe(400);
  });
});
