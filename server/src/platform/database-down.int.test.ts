import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { createDatabase, type Database } from '../db/database';
import { freePort } from '../db/embedded';
import { systemClock } from './clock';

let app: FastifyInstance;
let db: Database;
const lifecycle = { draining: false };

beforeAll(async () => {
  // A database address where nothing listens: the database is down (or restarting).
  const port = await freePort(41000);
  db = createDatabase(`postgresql://needlepoint@127.0.0.1:${port}/needlepoint`, { max: 2 });
  app = await buildApp({ db, clock: systemClock, webDist: null, lifecycle });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('while the database is down', () => {
  it('answers 503 with the one error body, never a 500', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/patients',
      headers: { cookie: 'np_session=whatever' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(response.json().error.requestId).toBeTruthy();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'owner@example.org', password: 'correct horse battery staple' },
    });
    expect(signIn.statusCode).toBe(503);
  });

  it('is not ready, and says the database is the reason', async () => {
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not-ready', database: false, draining: false });
  });

  it('is not ready while shutting down', async () => {
    lifecycle.draining = true;
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.json()).toMatchObject({ status: 'not-ready', draining: true });
  });
});
