import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { systemClock } from './clock';

// A built web app in miniature: index.html and a hashed script, as Vite writes them.
const script = `console.log(${JSON.stringify('needlepoint '.repeat(500))});`;
let dir: string;
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'needlepoint-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Needlepoint</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), script);
  database = await createTestDatabase();
  app = await buildApp({
    db: database.db,
    clock: systemClock,
    webDist: dir,
    publicUrl: 'https://clinic.test',
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('sends hashed assets compressed (brotli) and cached as immutable for a year', async () => {
    const res = await app.inject({
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    expect(res.rawPayload.length).toBeLessThan(script.length / 5);
  });

  it('answers page paths with index.html that is always revalidated', async () => {
    for (const url of ['/', '/portal/book', '/patients/123']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses API answers for clients that accept gzip only', async () => {
    const res = await app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});
