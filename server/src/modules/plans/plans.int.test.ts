import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let providerA: string;
let providerB: string;
let patientA: string;

const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const clinicA = await makeClinic(db, { name: 'Clinic A' });
  const clinicB = await makeClinic(db, { name: 'Clinic B' });
  patientA = (await makePatient(db, clinicA.id)).id;
  providerA = await signInCookie(t.app, await makeUser(db, clinicA.id, 'provider'));
  providerB = await signInCookie(t.app, await makeUser(db, clinicB.id, 'provider'));
});
afterAll(async () => t.close());

describe('treatment plans', () => {
  it('proposes a plan from a template, reads it back and moves it through its states', async () => {
    const templates = (await call(providerA, 'GET', '/api/plan-templates')).json();
    expect(templates.templates.map((x: { id: string }) => x.id)).toContain('acne-scars');
    const created = await call(providerA, 'POST', '/api/plans', {
      patientId: patientA,
      templateId: 'acne-scars',
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({ patientId: patientA, templateId: 'acne-scars', status: 'draft' });
    expect((await call(providerA, 'GET', `/api/plans/${plan.id}`)).json().id).toBe(plan.id);
    const listed = (await call(providerA, 'GET', `/api/plans?patientId=${patientA}`)).json();
    expect(listed.plans.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    const active = await call(providerA, 'POST', `/api/plans/${plan.id}/transitions`, { to: 'active' });
    expect(active.json().status).toBe('active');
  });

  it('does not find another clinic’s plan by id: read, change, transition and list', async () => {
    const plan = (
      await call(providerA, 'POST', '/api/plans', { patientId: patientA, templateId: 'acne-scars' })
    ).json();
    const read = await call(providerB, 'GET', `/api/plans/${plan.id}`);
    expect(read.statusCode).toBe(404);
    const changed = await call(providerB, 'PATCH', `/api/plans/${plan.id}`, { name: 'Taken over' });
    expect(changed.statusCode).toBe(404);
    const moved = await call(providerB, 'POST', `/api/plans/${plan.id}/transitions`, { to: 'active' });
    expect(moved.statusCode).toBe(404);
    // A body that breaks a plan rule (pausing needs a reason) still finds no plan: 404, not 400.
    const paused = await call(providerB, 'POST', `/api/plans/${plan.id}/transitions`, { to: 'paused' });
    expect(paused.statusCode).toBe(404);
    const own = await call(providerA, 'POST', `/api/plans/${plan.id}/transitions`, { to: 'cancelled' });
    expect(own.statusCode).toBe(400);
    expect(own.json().error).toMatchObject({
      code: 'PLAN_REASON_REQUIRED',
      fields: [{ path: 'body.reason', message: 'Required' }],
    });
    const listed = await call(providerB, 'GET', `/api/plans?patientId=${patientA}`);
    expect(listed.statusCode === 404 || listed.json().plans.length === 0).toBe(true);
    const still = (await call(providerA, 'GET', `/api/plans/${plan.id}`)).json();
    expect(still).toMatchObject({ name: plan.name, status: 'draft' });
  });

  it('cannot propose a plan for another clinic’s patient', async () => {
    const response = await call(providerB, 'POST', '/api/plans', {
      patientId: patientA,
      templateId: 'acne-scars',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PATIENT_NOT_FOUND');
  });

  it('refuses a template the clinic does not have, without echoing its id', async () => {
    const response = await call(providerA, 'POST', '/api/plans', {
      patientId: patientA,
      templateId: 'no-such-template',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({
      code: 'PLAN_TEMPLATE_NOT_FOUND',
      fields: [{ path: 'body.templateId' }],
    });
    expect(response.json().error.message).not.toContain('no-such-template');
  });
});
