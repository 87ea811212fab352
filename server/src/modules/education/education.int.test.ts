import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { defaultArticles } from './default-articles';

const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
let t: TestApp;
let clinicA: string;
let clinicB: string;
let ownerA: string;
let providerA: string;
let frontDeskA: string;
let ownerB: string;
let patientA: TestUser;
let patientACookie: string;
let patientB: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  clinicA = (await makeClinic(t.database.db, { name: 'Glow Clinic' })).id;
  clinicB = (await makeClinic(t.database.db, { name: 'Other Clinic' })).id;
  ownerA = await signInCookie(t.app, await makeUser(t.database.db, clinicA, 'owner'), clock.now());
  providerA = await signInCookie(
    t.app,
    await makeUser(t.database.db, clinicA, 'provider', { name: 'Dr Ana' }),
  );
  frontDeskA = await signInCookie(t.app, await makeUser(t.database.db, clinicA, 'front-desk'));
  ownerB = await signInCookie(t.app, await makeUser(t.database.db, clinicB, 'owner'), clock.now());
  patientA = await makeUser(t.database.db, clinicA, 'patient');
  patientACookie = await signInCookie(t.app, patientA);
  patientB = await signInCookie(t.app, await makeUser(t.database.db, clinicB, 'patient'));
});
afterAll(async () => {
  await t.close();
});

const call = (cookie: string, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const edit = (overrides: Record<string, unknown> = {}) => ({
  title: 'Caring for your skin (Glow)',
  summary: 'Our own words.',
  body: '## Day one\n\nUse **our** balm.',
  published: true,
  baseVersion: 1,
  ...overrides,
});

describe('education library', () => {
  it('starts every clinic with the default articles in English and Spanish, written from the evidence', async () => {
    const defaults = defaultArticles();
    const slugs = [...new Set(defaults.map((a) => a.slug))];
    expect(slugs).toEqual(
      expect.arrayContaining([
        'what-is-microneedling',
        'microdermabrasion',
        'darker-skin',
        'the-day',
        'preparation',
        'aftercare',
        'risks-and-when-to-call',
      ]),
    );
    for (const slug of slugs)
      expect(
        defaults
          .filter((a) => a.slug === slug)
          .map((a) => a.language)
          .sort(),
      ).toEqual(['en', 'es']);

    const staff = await call(providerA, 'GET', '/api/education/articles');
    expect(staff.statusCode).toBe(200);
    expect(staff.json().articles).toHaveLength(defaults.length);
    expect(staff.json().articles.every((a: { version: number }) => a.version === 1)).toBe(true);
  });

  it('shows a patient only their clinic’s published articles, in their language', async () => {
    const en = await call(patientACookie, 'GET', '/api/portal/articles');
    expect(en.statusCode).toBe(200);
    const english = en.json().articles as { slug: string; language: string; title: string }[];
    expect(english.every((a) => a.language === 'en')).toBe(true);
    expect(english.map((a) => a.slug)).toContain('aftercare');

    // The patient chooses Spanish: the library follows their saved choice.
    expect((await call(patientACookie, 'PUT', '/api/portal/language', { language: 'es' })).statusCode).toBe(
      200,
    );
    const es = await call(patientACookie, 'GET', '/api/portal/articles');
    const spanish = es.json().articles as { slug: string; language: string; title: string }[];
    expect(spanish.every((a) => a.language === 'es')).toBe(true);
    expect(spanish.find((a) => a.slug === 'aftercare')?.title).toMatch(/cuidado de su piel/);
    const article = await call(patientACookie, 'GET', '/api/portal/articles/risks-and-when-to-call');
    expect(article.statusCode).toBe(200);
    expect(article.json().body).toMatch(/Llame ahora al número de emergencias/);

    // The page can ask for the language it is showing.
    const asked = await call(patientACookie, 'GET', '/api/portal/articles/aftercare?language=en');
    expect(asked.json().language).toBe('en');

    // Unpublishing hides an article from patients (staff still see it).
    const hide = await call(ownerA, 'PUT', '/api/education/articles/darker-skin/es', {
      ...edit({ title: 'Piel oscura' }),
      published: false,
    });
    expect(hide.statusCode).toBe(200);
    const after = (await call(patientACookie, 'GET', '/api/portal/articles')).json().articles as {
      slug: string;
    }[];
    expect(after.map((a) => a.slug)).not.toContain('darker-skin');
    const hidden = await call(patientACookie, 'GET', '/api/portal/articles/darker-skin');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('EDUCATION_ARTICLE_NOT_FOUND');
    expect(
      (await call(patientACookie, 'GET', '/api/portal/articles/darker-skin?language=en')).statusCode,
    ).toBe(200);
  });

  it('keeps every version with who saved it, and refuses a save over someone else’s', async () => {
    const saved = await call(providerA, 'PUT', '/api/education/articles/aftercare/en', edit());
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 2,
      title: 'Caring for your skin (Glow)',
      savedBy: 'Dr Ana',
    });

    const stale = await call(ownerA, 'PUT', '/api/education/articles/aftercare/en', edit({ title: 'Late' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('EDUCATION_ARTICLE_CONFLICT');

    const history = await call(ownerA, 'GET', '/api/education/articles/aftercare/en');
    expect(history.statusCode).toBe(200);
    const versions = history.json().versions as { version: number; savedBy: string | null; body: string }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]?.savedBy).toBe('Dr Ana');
    expect(versions[1]?.savedBy).toBeNull();
    expect(versions[1]?.body).toMatch(/SPF 30/);

    // The patient reads the new version (their clinic's words), in English.
    const read = await call(patientACookie, 'GET', '/api/portal/articles/aftercare?language=en');
    expect(read.json()).toMatchObject({ version: 2, body: '## Day one\n\nUse **our** balm.' });

    // A clinic can add its own article.
    const added = await call(ownerA, 'PUT', '/api/education/articles/our-balm/en', {
      ...edit({ title: 'Our balm' }),
      baseVersion: 0,
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().version).toBe(1);

    const audit = await t.database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE clinic_id = $1 AND action = 'education.article-saved'`,
      [clinicA],
    );
    expect(audit.rows[0]?.n).toBe(3);
  });

  it('keeps each clinic’s library its own', async () => {
    const otherStaff = (await call(ownerB, 'GET', '/api/education/articles')).json().articles as {
      slug: string;
      version: number;
    }[];
    expect(otherStaff.map((a) => a.slug)).not.toContain('our-balm');
    expect(otherStaff.every((a) => a.version === 1)).toBe(true);

    const otherPatient = await call(patientB, 'GET', '/api/portal/articles/aftercare?language=en');
    expect(otherPatient.json().version).toBe(1);
    expect((await call(patientB, 'GET', '/api/portal/articles/our-balm?language=en')).statusCode).toBe(404);
    expect((await call(ownerB, 'GET', '/api/education/articles/our-balm/en')).statusCode).toBe(404);
  });

  it('lets only owners and providers edit, and checks what they send', async () => {
    expect((await call(frontDeskA, 'GET', '/api/education/articles')).statusCode).toBe(403);
    expect((await call(patientACookie, 'GET', '/api/education/articles')).statusCode).toBe(403);
    const bad = await call(ownerA, 'PUT', '/api/education/articles/Bad Slug/en', edit());
    expect(bad.statusCode).toBe(400);
    const badLanguage = await call(ownerA, 'PUT', '/api/education/articles/aftercare/fr', edit());
    expect(badLanguage.statusCode).toBe(400);
    const empty = await call(ownerA, 'PUT', '/api/education/articles/aftercare/en', edit({ title: ' ' }));
    expect(empty.statusCode).toBe(400);
  });

  it('shows staff the language the patient chose, and audits the choice', async () => {
    const record = await call(providerA, 'GET', `/api/patients/${patientA.patientId}`);
    expect(record.statusCode).toBe(200);
    expect(record.json().preferredLanguage).toBe('es');
    const bad = await call(patientACookie, 'PUT', '/api/portal/language', { language: 'fr' });
    expect(bad.statusCode).toBe(400);
    const audit = await t.database.db.query(
      `SELECT details FROM audit_events WHERE clinic_id = $1 AND action = 'patient.language-chosen'`,
      [clinicA],
    );
    expect(audit.rows.map((r) => r.details)).toEqual([{ from: 'en', to: 'es' }]);
  });
});
