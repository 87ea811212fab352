import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scales } from '@needlepoint/core/outcomes/scales';
import { textKeysOf } from '@needlepoint/core/outcomes/validated-texts';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let owner: string;
let provider: string;
let portal: string;
let otherClinicPortal: string;

/** A stand-in for a licensed translation: each English text marked, so a test sees which text it got. */
const texts = (id: 'gais-subject' | 'posas-patient', mark = 'ES') =>
  Object.fromEntries(textKeysOf(scales[id]).map(({ key, english }) => [key, `${mark} ${english}`]));
const source =
  'POSAS 2.0 Spanish, licensed from the POSAS group (posas.nl), licence 2026-114; validation: Example et al. 2025';

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const clinicId = (await makeClinic(db)).id;
  owner = await signInCookie(t.app, await makeUser(db, clinicId, 'owner'));
  provider = await signInCookie(t.app, await makeUser(db, clinicId, 'provider'));
  const patientId = (await makePatient(db, clinicId)).id;
  portal = await signInCookie(t.app, await makeUser(db, clinicId, 'patient', { patientId }));
  const other = (await makeClinic(db)).id;
  otherClinicPortal = await signInCookie(t.app, await makeUser(db, other, 'patient'));
});
afterAll(async () => t.close());

describe("a clinic's validated Spanish text of the GAIS and POSAS", () => {
  it('has none at first: patients get no validated text, so they see the English items', async () => {
    expect((await call(owner, 'GET', '/api/validated-scale-texts')).json()).toEqual({ texts: [] });
    expect((await call(portal, 'GET', '/api/portal/outcomes')).json().validatedTexts).toEqual([]);
  });

  it('lets the owner save a complete text with its licence and source, versioned, and audited', async () => {
    const first = await call(owner, 'POST', '/api/validated-scale-texts', {
      scaleId: 'posas-patient',
      language: 'es',
      texts: texts('posas-patient', 'V1'),
      source,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ scaleId: 'posas-patient', language: 'es', version: 1, source });
    const second = await call(owner, 'POST', '/api/validated-scale-texts', {
      scaleId: 'posas-patient',
      language: 'es',
      texts: texts('posas-patient', 'V2'),
      source,
    });
    expect(second.json()).toMatchObject({
      version: 2,
      texts: { 'item.pain': `V2 ${scales['posas-patient'].items[0]!.label}` },
    });

    const list = (await call(provider, 'GET', '/api/validated-scale-texts')).json();
    expect(list.texts.map((x: { scaleId: string; version: number }) => [x.scaleId, x.version])).toEqual([
      ['posas-patient', 2],
    ]);
    const audit = await t.database.db.query(
      "SELECT details FROM audit_events WHERE action = 'scale-text.saved' ORDER BY occurred_at",
    );
    expect(audit.rows.map((r) => r.details.version)).toEqual([1, 2]);
    // The app's role may only add versions (roles.ts); the trigger refuses the owner too.
    await expect(t.database.db.query("UPDATE validated_scale_texts SET source = 'x'")).rejects.toThrow(
      /permission denied/,
    );
  });

  it('gives the clinic’s patients the current version, and no other clinic’s patients', async () => {
    const own = (await call(portal, 'GET', '/api/portal/outcomes')).json();
    expect(own.validatedTexts).toEqual([
      { scaleId: 'posas-patient', language: 'es', version: 2, texts: texts('posas-patient', 'V2') },
    ]);
    expect((await call(otherClinicPortal, 'GET', '/api/portal/outcomes')).json().validatedTexts).toEqual([]);
  });

  it('refuses a partial text, an unknown key, a missing source, a scale that is not translatable, and non-owners', async () => {
    const save = (cookie: string, body: object) =>
      call(cookie, 'POST', '/api/validated-scale-texts', {
        scaleId: 'gais-subject',
        language: 'es',
        texts: texts('gais-subject'),
        source,
        ...body,
      });
    const { ['item.rating']: _, ...partial } = texts('gais-subject');
    const missing = await save(owner, { texts: partial });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([
      { path: 'body.texts.item.rating', message: 'item.rating: the validated wording is missing' },
    ]);
    const unknown = await save(owner, { texts: { ...texts('gais-subject'), 'item.smell': 'Olor' } });
    expect(unknown.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.texts.item.smell',
    ]);
    expect((await save(owner, { source: '' })).statusCode).toBe(400);
    expect((await save(owner, { scaleId: 'mmasi' })).statusCode).toBe(400);
    expect((await save(provider, {})).statusCode).toBe(403);
    expect((await call(portal, 'GET', '/api/validated-scale-texts')).statusCode).toBe(403);
    expect((await call(owner, 'GET', '/api/validated-scale-texts')).json().texts).toHaveLength(1);
  });
});
