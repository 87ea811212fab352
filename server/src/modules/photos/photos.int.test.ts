import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { makePng } from '../../testing/images';
import { createTestApp, type TestApp } from '../../testing/test-app';
import sharp from 'sharp';
import { maxPhotosPerPatient } from '@needlepoint/core/contracts/photos';

let t: TestApp;
let portal: string;
let otherPortal: string;
let provider: string;
let patientId: string;

beforeAll(async () => {
  t = await createTestApp();
  const clinicId = (await makeClinic(t.database.db)).id;
  patientId = (await makePatient(t.database.db, clinicId)).id;
  portal = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'patient', { patientId }));
  otherPortal = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'patient'));
  provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => t.close());

const photo = makePng(64, 48);
const upload = (cookie: string, body: Buffer, type = 'image/png', area = 'face') =>
  t.app.inject({
    method: 'POST',
    url: `/api/portal/photos?area=${area}`,
    headers: { cookie, 'content-type': type },
    payload: body,
  });

async function signPhotoConsent(cookie: string): Promise<string> {
  const consents = (
    await t.app.inject({ method: 'GET', url: '/api/portal/consents', headers: { cookie } })
  ).json().consents;
  const doc = consents.find((c: { kind: string }) => c.kind === 'photo-clinical').document;
  const signed = await t.app.inject({
    method: 'POST',
    url: `/api/portal/consents/${doc.id}/sign`,
    headers: { cookie },
    payload: {
      typedName: 'Pat Test',
      signature: `data:image/png;base64,${makePng(120, 40).toString('base64')}`,
    },
  });
  expect(signed.statusCode).toBe(201);
  return signed.json().id;
}

describe('intake photos', () => {
  it('needs the clinical photo consent first', async () => {
    const refused = await upload(portal, photo);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PHOTO_CONSENT_REQUIRED');
  });

  it('stores a photo the patient and their provider can see, the same image', async () => {
    await signPhotoConsent(portal);
    const uploaded = await upload(portal, photo);
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ area: 'face', contentType: 'image/png' });
    const id = uploaded.json().id;
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/portal/photos/${id}`,
      headers: { cookie: portal },
    });
    expect(mine.headers['content-type']).toBe('image/png');
    expect(mine.rawPayload.length).toBe(uploaded.json().byteSize);
    expect(await sharp(mine.rawPayload).metadata()).toMatchObject({ format: 'png', width: 64, height: 48 });
    const staff = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientId}/photos/${id}`,
      headers: { cookie: provider },
    });
    expect(staff.statusCode).toBe(200);
    expect(Buffer.compare(staff.rawPayload, mine.rawPayload)).toBe(0);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/portal/photos/${id}`,
          headers: { cookie: otherPortal },
        })
      ).statusCode,
    ).toBe(404);
  });

  it.each([
    [
      'text pretending to be a PNG',
      Buffer.from('hello, not an image'),
      'image/png',
      400,
      'PHOTO_NOT_AN_IMAGE',
    ],
    ['an unknown area', makePng(8, 8), 'image/png', 400, 'VALIDATION_FAILED'],
    ['an unsupported type', Buffer.from('GIF89a....'), 'image/gif', 415, 'REQUEST_CONTENT_TYPE_UNSUPPORTED'],
    ['a photo over 20 MB', Buffer.alloc(21 * 1024 * 1024, 0xff), 'image/jpeg', 413, 'REQUEST_TOO_LARGE'],
  ])('refuses %s', async (name, body, type, status, code) => {
    const response = await upload(portal, body, type, name === 'an unknown area' ? 'elbow' : 'face');
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('removes a photo from view on the patient’s request', async () => {
    const id = (await upload(portal, photo, 'image/png', 'neck')).json().id;
    await t.app.inject({ method: 'DELETE', url: `/api/portal/photos/${id}`, headers: { cookie: portal } });
    const list = (
      await t.app.inject({
        method: 'GET',
        url: `/api/patients/${patientId}/photos`,
        headers: { cookie: provider },
      })
    ).json();
    expect(list.photos.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('strips EXIF and GPS from an uploaded photo, keeping it the right way up', async () => {
    // A 40x20 JPEG as a phone saves it: sideways pixels, an orientation tag, a GPS position and a camera name.
    const original = await sharp({
      create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 120, b: 90 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'Secret Model 9' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 0/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 0/1',
        },
      })
      .toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(original.includes('Secret Model 9')).toBe(true);
    const uploaded = await upload(portal, original, 'image/jpeg', 'neck');
    expect(uploaded.statusCode).toBe(201);
    const stored = (
      await t.app.inject({
        method: 'GET',
        url: `/api/portal/photos/${uploaded.json().id}`,
        headers: { cookie: portal },
      })
    ).rawPayload;
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect({ format: after.format, width: after.width, height: after.height }).toEqual({
      format: 'jpeg',
      width: 20,
      height: 40,
    });
    expect(stored.includes('Secret Model 9')).toBe(false);
    expect(stored.includes('PhoneMaker')).toBe(false);
  });

  it(`keeps at most ${maxPhotosPerPatient} photos per patient`, async () => {
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/portal/photos', headers: { cookie: portal } })
    ).json().photos.length as number;
    const small = makePng(4, 4);
    for (let i = listed; i < maxPhotosPerPatient; i++)
      expect((await upload(portal, small, 'image/png', 'face')).statusCode).toBe(201);
    const over = await upload(portal, small, 'image/png', 'face');
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'PHOTO_QUOTA_EXCEEDED',
      details: { photos: maxPhotosPerPatient, maxPhotos: maxPhotosPerPatient },
    });
  });
});
