import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { makeCheckIn, revokePhotoConsent, signPhotoConsent } from '../../testing/photos';
import { createTestApp, type TestApp } from '../../testing/test-app';

const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
let t: TestApp;
let provider: string;
let owner: string;
let frontDesk: string;
const patients: { id: string; portal: string; userId: string }[] = [];
let providerId: string;
let clinicId: string;

/** A skin-coloured photo with a red patch in the middle: `redness` 0 (none) to 1 (strong). */
const skinPhoto = (redness: number) => {
  const patch = { r: 220, g: Math.round(170 - 90 * redness), b: Math.round(150 - 60 * redness) };
  return sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 220, g: 170, b: 150 } } })
    .composite([
      {
        input: { create: { width: 100, height: 100, channels: 3, background: patch } },
        left: 50,
        top: 50,
      },
    ])
    .png()
    .toBuffer();
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  clinicId = (await makeClinic(t.database.db)).id;
  const providerUser = await makeUser(t.database.db, clinicId, 'provider');
  providerId = providerUser.id;
  provider = await signInCookie(t.app, providerUser, clock.now());
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'), clock.now());
  frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'), clock.now());
  for (let i = 0; i < 2; i++) {
    const id = (await makePatient(t.database.db, clinicId)).id;
    const user = await makeUser(t.database.db, clinicId, 'patient', { patientId: id });
    patients.push({ id, userId: user.id, portal: await signInCookie(t.app, user, clock.now()) });
  }
});
afterAll(async () => t?.close());

const take = async (patientId: string, query: string, body?: Buffer, cookie = provider) =>
  t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/clinical-photos?${query}`,
    headers: { cookie, 'content-type': 'image/png' },
    payload: body ?? (await skinPhoto(0)),
  });
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('clinical photos', () => {
  it('need the patient’s clinical photo consent, and only providers take them', async () => {
    const [a] = patients;
    const refused = await take(a!.id, 'area=face&view=face-front');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PHOTO_CONSENT_REQUIRED');
    await signPhotoConsent(t.app, a!.portal);
    expect((await take(a!.id, 'area=face&view=face-front', undefined, frontDesk)).statusCode).toBe(403);
  });

  it.each([
    ['a view of another area', 'area=scalp&view=face-front'],
    ['a session without before/after', `area=face&view=face-front&appointmentId=${crypto.randomUUID()}`],
    ['an unknown use', 'area=face&view=face-front&scopes=advertising'],
  ])('refuses %s', async (_name, query) => {
    const response = await take(patients[0]!.id, query);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('guides the next photo of a view with the first one, and pairs before/after by view and date', async () => {
    const [a] = patients;
    const guideBefore = (await get(provider, `/api/patients/${a!.id}/photo-guide?view=face-front`)).json();
    expect(guideBefore).toMatchObject({ view: 'face-front', frame: 'face-oval', referencePhotoId: null });
    const { appointmentId } = await makeCheckIn(t.database.db, {
      clinicId,
      patientId: a!.id,
      providerId,
      patientUserId: a!.userId,
      at: '2026-10-01T10:00:00Z',
    });
    const before = await take(
      a!.id,
      `area=face&view=face-front&appointmentId=${appointmentId}&timing=before`,
    );
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json()).toMatchObject({ appointmentId, timing: 'before' });
    clock.advance(60_000); // a minute later (sessions stay signed in)
    const after = await take(a!.id, 'area=face&view=face-front');
    const guide = (await get(provider, `/api/patients/${a!.id}/photo-guide?view=face-front`)).json();
    expect(guide.referencePhotoId).toBe(before.json().id);
    const comparisons = (await get(provider, `/api/patients/${a!.id}/photo-comparisons`)).json();
    expect(comparisons.views).toHaveLength(1);
    expect(comparisons.views[0].photos.map((p: { id: string }) => p.id)).toEqual([
      before.json().id,
      after.json().id,
    ]);
    // The patient sees their own comparison in the portal.
    const mine = (await get(a!.portal, '/api/portal/photo-comparisons')).json();
    expect(mine.views[0].view).toBe('face-front');
    expect((await get(patients[1]!.portal, '/api/portal/photo-comparisons')).json().views).toEqual([]);
  });
});

describe('per-photo consent scope and the marketing export', () => {
  let marketingPhoto: string;
  let clinicalOnlyPhoto: string;
  let marketingSignature: string;

  it('allows the marketing scope only with the patient’s marketing consent', async () => {
    const [a] = patients;
    const refused = await take(a!.id, 'area=face&view=face-left-45&scopes=marketing');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PHOTO_SCOPE_NOT_CONSENTED');
    marketingSignature = await signPhotoConsent(t.app, a!.portal, 'photo-marketing');
    const taken = await take(a!.id, 'area=face&view=face-left-45&scopes=marketing');
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().scopes).toEqual(['clinical-record', 'marketing']);
    marketingPhoto = taken.json().id;
    clinicalOnlyPhoto = (await take(a!.id, 'area=face&view=face-right-45')).json().id;
  });

  it('exports only photos scoped for marketing whose patient consents now, without names', async () => {
    const exported = await get(owner, '/api/photo-exports/marketing');
    expect(exported.statusCode).toBe(200);
    const ids = exported.json().photos.map((p: { id: string }) => p.id);
    expect(ids).toEqual([marketingPhoto]);
    expect(ids).not.toContain(clinicalOnlyPhoto);
    expect(JSON.stringify(exported.json())).not.toMatch(/patient|Pat|Test/i);
    const image = await get(owner, `/api/photo-exports/marketing/${marketingPhoto}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect((await get(owner, `/api/photo-exports/marketing/${clinicalOnlyPhoto}`)).statusCode).toBe(404);
    expect((await get(provider, '/api/photo-exports/marketing')).statusCode).toBe(403);
  });

  it('hides the photo from the export at once when the patient revokes marketing consent', async () => {
    await revokePhotoConsent(t.app, patients[0]!.portal, marketingSignature);
    expect((await get(owner, '/api/photo-exports/marketing')).json().photos).toEqual([]);
    expect((await get(owner, `/api/photo-exports/marketing/${marketingPhoto}`)).statusCode).toBe(404);
    // The photo stays in the clinical record.
    expect(
      (await get(provider, `/api/patients/${patients[0]!.id}/photos/${marketingPhoto}`)).statusCode,
    ).toBe(200);
    // And it cannot be given the marketing scope again without a new consent.
    const rescoped = await t.app.inject({
      method: 'PUT',
      url: `/api/patients/${patients[0]!.id}/photos/${clinicalOnlyPhoto}/scopes`,
      headers: { cookie: provider },
      payload: { scopes: ['clinical-record', 'marketing'] },
    });
    expect(rescoped.json().error.code).toBe('PHOTO_SCOPE_NOT_CONSENTED');
  });
});

describe('erythema index', () => {
  it('measures a region of a photo and its trend across check-in photos', async () => {
    const b = patients[1]!;
    await signPhotoConsent(t.app, b.portal);
    const region = { left: 0.3, top: 0.3, width: 0.4, height: 0.4 };
    for (const [day, redness] of [
      [1, 1],
      [3, 0.5],
      [6, 0],
    ] as const) {
      const { checkInId } = await makeCheckIn(t.database.db, {
        clinicId,
        patientId: b.id,
        providerId,
        patientUserId: b.userId,
        at: `2026-11-0${day}T10:00:00Z`,
      });
      clock.advance(60_000);
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/portal/check-ins/${checkInId}/photos?area=face&view=face-front`,
        headers: { cookie: b.portal, 'content-type': 'image/png' },
        payload: await skinPhoto(redness),
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    const trend = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${b.id}/erythema-trend`,
      headers: { cookie: provider },
      payload: { view: 'face-front', region },
    });
    expect(trend.statusCode, trend.body).toBe(200);
    const answer = trend.json();
    expect(answer.direction).toBe('falling');
    expect(answer.readings.map((r: { meanIndex: number }) => r.meanIndex)).toEqual([43.93, 24.55, 11.2]);
    expect(answer.note).toMatch(/same camera/);
    const one = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${b.id}/photos/${answer.readings[0].photoId}/erythema`,
      headers: { cookie: provider },
      payload: { region },
    });
    expect(one.json()).toMatchObject({ meanIndex: 43.93, pixels: 6400 });
    const outside = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${b.id}/photos/${answer.readings[0].photoId}/erythema`,
      headers: { cookie: provider },
      payload: { region: { left: 0.8, top: 0, width: 0.5, height: 0.5 } },
    });
    expect(outside.statusCode).toBe(400);
  });
});
