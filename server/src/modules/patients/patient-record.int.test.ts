import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  cookie = await signInCookie(
    t.app,
    await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr Versioned' }),
  );
});
afterAll(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('patient record', () => {
  it('refuses a birth date after today and a phone number of letters, naming the field', async () => {
    const base = { givenName: 'Tom', familyName: 'Early', sex: 'male' };
    const future = await call('POST', '/api/patients', { ...base, birthDate: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({
      code: 'PATIENT_BIRTH_DATE_IN_FUTURE',
      fields: [{ path: 'body.birthDate' }],
    });
    const letters = await call('POST', '/api/patients', {
      ...base,
      birthDate: '1990-01-01',
      phone: 'call me',
    });
    expect(letters.statusCode).toBe(400);
    expect(letters.json().error.fields).toEqual([expect.objectContaining({ path: 'body.phone' })]);
    const ok = await call('POST', '/api/patients', {
      ...base,
      birthDate: '1990-01-01',
      phone: '+44 (0)20 7946-0958',
    });
    expect(ok.statusCode).toBe(201);
    const edited = await call('PATCH', `/api/patients/${ok.json().id}`, {
      expectedVersion: 1,
      birthDate: '2999-01-01',
    });
    expect(edited.json().error.code).toBe('PATIENT_BIRTH_DATE_IN_FUTURE');
  });

  it('warns of a possible duplicate (same name and birth date) until staff confirm it is another person', async () => {
    const person = { givenName: 'Maya', familyName: 'Lind', birthDate: '1979-03-14', sex: 'female' };
    const first = await call('POST', '/api/patients', person);
    expect(first.statusCode).toBe(201);
    const second = await call('POST', '/api/patients', { ...person, givenName: 'maya' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'PATIENT_POSSIBLE_DUPLICATE',
      details: { matches: [{ id: first.json().id, givenName: 'Maya', familyName: 'Lind' }] },
    });
    const confirmed = await call('POST', '/api/patients', { ...person, notDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().id).not.toBe(first.json().id);
  });

  it('creates, edits with optimistic versions, and keeps who changed what', async () => {
    const created = (
      await call('POST', '/api/patients', {
        givenName: 'Ada',
        familyName: 'Vance',
        birthDate: '1985-05-05',
        sex: 'female',
      })
    ).json();
    expect(created.version).toBe(1);
    const edited = await call('PATCH', `/api/patients/${created.id}`, {
      expectedVersion: 1,
      fitzpatrick: 4,
      concerns: ['acne-scars', 'pih'],
      answers: { pregnant: { value: 'no' }, hsvHistory: { value: 'yes', date: '2025-06-01' } },
      listsReviewed: { medications: '2026-11-20' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      version: 2,
      fitzpatrick: 4,
      answers: { pregnant: { value: 'no' } },
    });
    const stale = await call('PATCH', `/api/patients/${created.id}`, {
      expectedVersion: 1,
      notes: 'overwrites?',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'PATIENT_VERSION_CONFLICT',
      details: { currentVersion: 2 },
    });
    const history = (await call('GET', `/api/patients/${created.id}/history`)).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[0]).toMatchObject({
      changedByName: 'Dr Versioned',
      changes: { fitzpatrick: { from: null, to: 4 } },
    });
    expect((await call('GET', `/api/patients/${created.id}`)).json().notes).toBe('');
  });

  it('adds and corrects coded entries; a removal is a status, kept in history', async () => {
    const p = await makePatient(t.database.db, clinicId);
    const added = await call('POST', `/api/patients/${p.id}/entries`, {
      kind: 'medication',
      display: 'apixaban 5 MG Oral Tablet',
      codes: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1364445' }],
      status: 'active',
      startDate: '2025-01-01',
    });
    expect(added.statusCode).toBe(201);
    const entry = added.json().entries[0];
    expect(entry).toMatchObject({ code: '1364445', source: 'clinic' });
    const corrected = await call('PUT', `/api/patients/${p.id}/entries/${entry.id}`, {
      kind: 'medication',
      display: 'apixaban 5 MG Oral Tablet',
      codes: entry.codes,
      status: 'entered-in-error',
    });
    expect(corrected.json().entries[0].status).toBe('entered-in-error');
    const history = (await call('GET', `/api/patients/${p.id}/history`)).json();
    expect(history.versions[0].changes[`entry:${entry.id}`]).toMatchObject({
      from: { status: 'active' },
      to: { status: 'entered-in-error' },
    });
  });

  it('refuses an entry that ends before it starts, writing nothing', async () => {
    const p = await makePatient(t.database.db, clinicId);
    const bad = await call('POST', `/api/patients/${p.id}/entries`, {
      kind: 'medication',
      display: 'x',
      status: 'active',
      startDate: '2025-02-01',
      endDate: '2025-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.endDate');
    expect((await call('GET', `/api/patients/${p.id}`)).json()).toMatchObject({ entries: [], version: 1 });
  });

  it('archives out of search and restores', async () => {
    const p = await makePatient(t.database.db, clinicId, { familyName: 'Archivable' });
    await call('POST', `/api/patients/${p.id}/archive`);
    expect((await call('GET', '/api/patients?q=archivable')).json().patients).toHaveLength(0);
    expect(
      (await call('GET', '/api/patients?q=archivable&includeArchived=true')).json().patients[0].archived,
    ).toBe(true);
    await call('POST', `/api/patients/${p.id}/restore`);
    expect((await call('GET', '/api/patients?q=archivable')).json().patients).toHaveLength(1);
  });

  it('merges a duplicate: entries move over, the duplicate is archived and points at the survivor', async () => {
    const survivor = await makePatient(t.database.db, clinicId, { familyName: 'Twin', givenName: 'Kim' });
    const duplicate = await makePatient(t.database.db, clinicId, { familyName: 'Twin', givenName: 'Kim' });
    await call('POST', `/api/patients/${duplicate.id}/entries`, {
      kind: 'allergy',
      display: 'Lidocaine',
      status: 'active',
    });
    const merged = await call('POST', `/api/patients/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().entries.map((e: { display: string }) => e.display)).toEqual(['Lidocaine']);
    const gone = (await call('GET', `/api/patients/${duplicate.id}`)).json();
    expect(gone).toMatchObject({ archived: true, mergedInto: survivor.id, entries: [] });
    const again = await call('POST', `/api/patients/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 2,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PATIENT_ALREADY_MERGED');
    const itself = await call('POST', `/api/patients/${survivor.id}/merge`, {
      duplicateId: survivor.id,
      expectedVersion: 2,
    });
    expect(itself.statusCode).toBe(422);
    expect(itself.json().error.code).toBe('PATIENT_MERGE_INTO_SELF');
  });

  it('finds patients by name prefix, birth date and phone digits', async () => {
    await makePatient(t.database.db, clinicId, {
      givenName: 'Zelda',
      familyName: 'Quorn',
      birthDate: '1977-07-07',
      phone: '+44 7700 123456',
    });
    const names = async (q: string) =>
      (await call('GET', `/api/patients?q=${encodeURIComponent(q)}`))
        .json()
        .patients.map((p: { givenName: string }) => p.givenName);
    expect(await names('zel quo')).toEqual(['Zelda']);
    expect(await names('1977-07-07')).toEqual(['Zelda']);
    expect(await names('123456')).toEqual(['Zelda']);
    expect(await names('quorx')).toEqual([]);
  });

  it('answers at most the limit when many patients share a prefix, each matching, sorted by name', async () => {
    for (let i = 0; i < 8; i++) {
      await makePatient(t.database.db, clinicId, { familyName: `Prefixa${8 - i}`, givenName: `Ann${i}` });
      await makePatient(t.database.db, clinicId, { familyName: `Other${i}`, givenName: `Prefixa${i}` });
    }
    const found = (await call('GET', '/api/patients?q=prefixa&limit=5')).json().patients as {
      givenName: string;
      familyName: string;
    }[];
    expect(found).toHaveLength(5);
    expect(found.every((p) => /^prefixa/i.test(p.givenName) || /^prefixa/i.test(p.familyName))).toBe(true);
    const keys = found.map((p) => `${p.familyName} ${p.givenName}`);
    expect(keys).toEqual([...keys].sort());
    const two = (await call('GET', '/api/patients?q=prefixa%20ann3')).json().patients;
    expect(two.map((p: { familyName: string }) => p.familyName)).toEqual(['Prefixa5']);
  });
});
