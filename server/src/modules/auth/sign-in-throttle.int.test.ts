import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makeUser } from '../../testing/factories';
import { nextTotp, signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { freeSignInAttempts } from './auth.service';

const clock = fixedClock(new Date());
let t: TestApp;
let clinicId: string;
let address = 0;
/** Each test signs in from addresses of its own, so the per-address limit of one does not touch another. */
const newAddress = () => `10.20.${Math.floor(++address / 200)}.${address % 200}`;

beforeAll(async () => {
  t = await createTestApp({ clock, signInFailuresPerAddress: 8 });
  clinicId = (await makeClinic(t.database.db)).id;
});
afterAll(async () => t.close());

const login = (payload: object, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress });

describe('sign-in throttling (state in PostgreSQL)', () => {
  it(`lets only ${freeSignInAttempts} of 20 parallel guesses at one account reach the password check`, async () => {
    const owner = await makeUser(t.database.db, clinicId, 'provider');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        login({ email: owner.email, password: `guess number ${i}` }, `10.30.0.${i + 1}`),
      ),
    );
    const codes = answers.map((a) => a.json().error.code as string);
    expect(codes.filter((c) => c === 'AUTH_INVALID_CREDENTIALS')).toHaveLength(freeSignInAttempts);
    expect(codes.filter((c) => c === 'AUTH_TOO_MANY_ATTEMPTS')).toHaveLength(20 - freeSignInAttempts);
    expect(answers.find((a) => a.statusCode === 429)?.json().error.details.retryAfterSeconds).toBe(1);
  });

  it('never locks the owner out: after a short, growing delay the right password works', async () => {
    const owner = await makeUser(t.database.db, clinicId, 'owner');
    const attacker = newAddress();
    for (let i = 0; i < freeSignInAttempts; i++)
      expect((await login({ email: owner.email, password: 'wrong guess' }, attacker)).statusCode).toBe(401);
    // Within the delay even the right password waits (it is not checked at all) ...
    const early = await login(
      { email: owner.email, password: owner.password, totp: await nextTotp(owner.totpSecret!, clock.now()) },
      newAddress(),
    );
    expect(early.json().error.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    // ... and a second later the owner is in, from their own address.
    clock.advance(1_000);
    const cookie = await signInCookie(t.app, owner, clock.now());
    expect(cookie).toMatch(/^np_session=/);
    // A correct sign-in starts the account afresh.
    expect((await login({ email: owner.email, password: 'wrong again' }, attacker)).statusCode).toBe(401);
  });

  it('doubles the delay with each further failure, up to a minute', async () => {
    const user = await makeUser(t.database.db, clinicId, 'front-desk');
    const retries: number[] = [];
    for (let i = 0; i < freeSignInAttempts + 16; i++) {
      const answer = await login({ email: user.email, password: 'wrong guess' }, newAddress());
      if (answer.statusCode === 429) {
        const seconds = answer.json().error.details.retryAfterSeconds as number;
        retries.push(seconds);
        clock.advance(seconds * 1000);
      }
    }
    expect(retries).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('limits failures per address across every email (password spraying)', async () => {
    const sprayer = newAddress();
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await login({ email: `someone${i}@spray.test`, password: 'Summer2026!' }, sprayer);
      codes.push(answer.json().error.code as string);
    }
    expect(codes.slice(0, 8).every((c) => c === 'AUTH_INVALID_CREDENTIALS')).toBe(true);
    expect(codes.slice(8)).toEqual(['AUTH_TOO_MANY_ATTEMPTS', 'AUTH_TOO_MANY_ATTEMPTS']);
    // A colleague at another address is not affected.
    const colleague = await makeUser(t.database.db, clinicId, 'provider');
    expect(
      (await login({ email: colleague.email, password: colleague.password }, newAddress())).statusCode,
    ).toBe(200);
    // The window passes.
    clock.advance(15 * 60_000);
    const later = await login({ email: 'someone@spray.test', password: 'x' }, sprayer);
    expect(later.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('keeps the count in the database, where every app instance sees it', async () => {
    const user = await makeUser(t.database.db, clinicId, 'provider');
    await login({ email: user.email, password: 'wrong guess' }, newAddress());
    const { rows } = await t.database.db.query<{ failures: number }>(
      'SELECT failures FROM sign_in_throttles WHERE key = $1',
      [`account:${user.email.toLowerCase()}`],
    );
    expect(rows[0]?.failures).toBe(1);
  });
});
