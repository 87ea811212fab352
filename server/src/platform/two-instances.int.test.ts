import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../db/embedded';
import { queuePatientMessage } from '../modules/messages/outbox.service';
import { makeClinic, makePatient, makeUser, type TestUser } from '../testing/factories';
import { reportFigure } from '../testing/figures';
import { parseMail, startTestSmtp } from '../testing/smtp';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

/**
 * Two app instances on one PostgreSQL behind a real proxy (Debian's haproxy, started here): a session made on one
 * is honoured by the other, rate limits count across both, every job runs once, and stopping one instance while
 * requests flow loses none that was answered (ADR 043).
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((path) => existsSync(path));

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let folder: string;
let proxy: ChildProcess;
let proxyUrl: string;
const instances = new Map<string, ChildProcess>();
let staff: TestUser;
let clinicId: string;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** One app instance (the real start: `server/bin/start.mjs`); resolves once it listens. */
function startInstance(name: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/bin/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(folder, name),
      SMTP_URL: smtp.url,
      PUBLIC_URL: proxyUrl,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      // Longer than the proxy needs to mark a draining instance down (2 failed checks 300 ms apart) with margin.
      SHUTDOWN_DELAY_MS: '2500',
      // The proxy's X-Forwarded-For names the client (every address here is loopback).
      TRUST_PROXY: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Needlepoint is running at')) resolve(child);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}):\n${output}`)));
  });
}

async function startProxy(port: number, backends: Record<string, number>): Promise<ChildProcess> {
  const config = join(folder, 'haproxy.cfg');
  await writeFile(
    config,
    `global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch
  retry-on conn-failure empty-response
  option forwardfor
frontend web
  bind 127.0.0.1:${port}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  timeout check 5s
  default-server inter 300ms fall 2 rise 2
  http-response set-header X-Served-By %[srv_name]
${Object.entries(backends)
  .map(([name, p]) => `  server ${name} 127.0.0.1:${p} check`)
  .join('\n')}
`,
  );
  const child = spawn(haproxy!, ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  // Ready when both servers pass their health check.
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited:\n${output}`);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${proxyUrl}/ready`).catch(() => null);
      if (response?.ok) seen.add(response.headers.get('x-served-by') ?? '');
    }
    if (seen.size === 2) return child;
    if (Date.now() > until) throw new Error(`haproxy did not reach both instances:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  expect(haproxy, 'haproxy is installed (apt-get install haproxy)').toBeDefined();
  database = await createTestDatabase();
  smtp = await startTestSmtp();
  folder = await mkdtemp(join(tmpdir(), 'np-two-instances-'));
  clinicId = (await makeClinic(database.db, { name: 'Harbour Clinic', timeZone: 'Europe/Lisbon' })).id;
  staff = await makeUser(database.db, clinicId, 'front-desk');
  const proxyPort = await freePort(0);
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const ports = { a1: await freePort(0), a2: 0 };
  ports.a2 = await freePort(ports.a1 + 1);
  const [a1, a2] = await Promise.all([startInstance('a1', ports.a1), startInstance('a2', ports.a2)]);
  instances.set('a1', a1);
  instances.set('a2', a2);
  proxy = await startProxy(proxyPort, ports);
}, 120_000);

afterAll(async () => {
  for (const child of [...instances.values(), proxy]) {
    if (!child) continue;
    const gone = exited(child);
    child.kill('SIGTERM');
    await gone;
  }
  await smtp?.stop();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function send(
  path: string,
  init: { method?: string; cookie?: string; body?: unknown; client?: string } = {},
): Promise<{ status: number; servedBy: string; body: string; cookie: string | null }> {
  const response = await fetch(`${proxyUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      origin: proxyUrl,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      // A client address as a proxy in front would give it (haproxy appends the address it sees).
      ...(init.client ? { 'x-forwarded-for': init.client } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const setCookie = response.headers.get('set-cookie');
  return {
    status: response.status,
    servedBy: response.headers.get('x-served-by') ?? '',
    body: await response.text(),
    cookie: setCookie ? setCookie.split(';')[0]! : null,
  };
}

async function signIn(): Promise<string> {
  const login = await send('/api/auth/login', {
    method: 'POST',
    body: { email: staff.email, password: staff.password },
  });
  expect(login.status, login.body).toBe(200);
  return login.cookie!;
}

describe('two app instances behind haproxy', () => {
  it('signs in through one instance and is served by the other', async () => {
    const login = await send('/api/auth/login', {
      method: 'POST',
      body: { email: staff.email, password: staff.password },
      client: '198.51.100.20',
    });
    expect(login.status, login.body).toBe(200);
    // The session keeps the client's address as the trusted proxy gave it, not the proxy's.
    const { rows } = await database.db.query<{ ip: string }>(
      'SELECT ip FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [staff.id],
    );
    expect(rows[0]!.ip).toBe('198.51.100.20');
    const served = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const me = await send('/api/auth/me', { cookie: login.cookie! });
      expect(me.status, me.body).toBe(200);
      expect(JSON.parse(me.body)).toMatchObject({ user: { email: staff.email } });
      served.set(me.servedBy, (served.get(me.servedBy) ?? 0) + 1);
    }
    expect(['a1', 'a2']).toContain(login.servedBy);
    const other = login.servedBy === 'a1' ? 'a2' : 'a1';
    expect(served.get(other)).toBeGreaterThanOrEqual(2);
    expect([...served.keys()].sort()).toEqual(['a1', 'a2']);
  });

  it('holds a rate limit across both instances', async () => {
    // 30 a minute per client address on this route; 36 requests from one client alternate between the instances.
    const path = `/api/auth/password-reset/${'x'.repeat(43)}`;
    const answers = [];
    for (let i = 0; i < 36; i++) answers.push(await send(path, { client: '203.0.113.5' }));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.slice(0, 30).every((a) => a.status !== 429)).toBe(true);
    expect(limited).toHaveLength(6);
    expect(new Set(limited.map((a) => a.servedBy))).toEqual(new Set(['a1', 'a2']));
    expect(JSON.parse(limited[0]!.body)).toMatchObject({ error: { code: expect.any(String) } });
    // Another client behind the same proxy has its own count.
    const other = await send(path, { client: '203.0.113.6' });
    expect(other.status).not.toBe(429);
  });

  it('runs every job once: each queued email arrives once', async () => {
    const count = 16;
    const before = smtp.inbox.length;
    await database.db.transaction(async (client) => {
      for (let i = 0; i < count; i++) {
        const p = await makePatient(database.db, clinicId, {
          email: `two-${i}@example.test`,
          givenName: `T${i}`,
        });
        await queuePatientMessage(client, clinicId, p.id, 'check-in-prompt', { day: 1 }, { now: new Date() });
      }
    });
    await expect
      .poll(
        async () =>
          (await database.db.query("SELECT 1 FROM messages WHERE channel = 'email' AND status <> 'sent'"))
            .rowCount,
        { timeout: 60_000, interval: 250 },
      )
      .toBe(0);
    // Give a duplicate run time to show up, then count.
    await new Promise((r) => setTimeout(r, 1500));
    const received = await Promise.all(smtp.inbox.slice(before).map((m) => parseMail(m)));
    const ids = received.map((m) => m.messageId);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    const jobs = await database.db.query('SELECT 1 FROM graphile_worker.jobs');
    expect(jobs.rowCount).toBe(0);
  });

  it('loses no answered request when one instance stops mid-load', async () => {
    const cookie = await signIn();
    const answered: { status: number; id: string | null; servedBy: string; a1Gone: boolean }[] = [];
    const a1 = instances.get('a1')!;
    let a1Gone = false;
    let stopped: Promise<void> | null = null;
    let next = 0;
    let afterExit = 0;
    // Writes flow at 4 at a time; after 40 the first instance is told to stop (SIGTERM: it drains), and the load
    // goes on until 40 more were sent after it exited (at most 3,000 in all).
    const worker = async () => {
      while (next < 3000 && afterExit < 40) {
        const i = next++;
        if (a1Gone) afterExit += 1;
        if (i === 40) {
          stopped = exited(a1).then(() => void (a1Gone = true));
          a1.kill('SIGTERM');
        }
        const r = await send('/api/patients', {
          method: 'POST',
          cookie,
          body: { givenName: 'Load', familyName: `Patient${i}`, birthDate: '1985-04-02', sex: 'female' },
        });
        answered.push({
          status: r.status,
          id: r.status === 201 ? (JSON.parse(r.body) as { id: string }).id : null,
          servedBy: r.servedBy,
          a1Gone,
        });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await Promise.resolve(stopped); // set inside a worker, so the compiler cannot see it
    expect(a1.exitCode).toBe(0);
    expect(afterExit).toBe(40);
    // Every request was answered, and every answer was a created patient that is in the database.
    expect(answered.filter((a) => a.status !== 201)).toEqual([]);
    const ids = answered.map((a) => a.id!);
    const { rows } = await database.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM patients WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(rows[0]!.n).toBe(answered.length);
    expect(new Set(answered.map((a) => a.servedBy))).toEqual(new Set(['a1', 'a2']));
    expect(answered.filter((a) => a.a1Gone).every((a) => a.servedBy === 'a2')).toBe(true);
    reportFigure(
      `two instances behind haproxy: ${answered.length} writes through the proxy, ${answered.filter((a) => a.servedBy === 'a1').length} by the instance that stopped mid-load, 0 lost`,
    );
  });
});
