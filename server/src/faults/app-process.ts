import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database } from '../db/database';
import { runningEmbeddedPostgres } from '../db/embedded';
import { readPostmasterLock } from '../db/embedded-folder';
import { makeClinic, makeUser } from '../testing/factories';

/**
 * The app as an operator runs it (`node server/bin/start.mjs`, the entry `npm start` uses) in a process of its own,
 * on its embedded PostgreSQL in a temporary DATA_DIR, for fault scenarios that kill processes; and the write load
 * they run against it through the HTTP API.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const startLimitMs = 150_000;

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  exited: Promise<void>;
}

/** Starts the app on `dataDir` and `port` (never on DATABASE_URL); resolves once it listens. */
export function startApp(dataDir: string, port: number): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ['server/bin/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    // A start that hangs fails with what the app printed, rather than as a test timeout that says nothing.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start within ${startLimitMs / 1000} s:\n${text}`));
    }, startLimitMs);
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Needlepoint is running at')) {
        clearTimeout(timer);
        resolvePromise({ child, url: `http://127.0.0.1:${port}`, output: () => text, exited });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${signal ?? code}):\n${text}`));
    });
  });
}

/** Stops the app as an operator does (SIGTERM: it drains, then stops its PostgreSQL). */
export async function stopApp(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  await app.exited;
}

/** A connection to the running app's embedded database (as its superuser), to set up and count rows. */
export async function appDatabase(dataDir: string): Promise<Database> {
  const running = await runningEmbeddedPostgres(resolve(dataDir), 'needlepoint');
  if (!running) throw new Error(`no app runs on ${dataDir}`);
  return createDatabase(running.url, { max: 2 });
}

/** A clinic and a front-desk user, signed in through the app: the session cookie. */
export async function signedInStaff(app: AppProcess, db: Database): Promise<string> {
  const clinicId = (await makeClinic(db, { name: 'Fault Clinic', timeZone: 'Europe/Dublin' })).id;
  const staff = await makeUser(db, clinicId, 'front-desk');
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { origin: app.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email: staff.email, password: staff.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** `signedInStaff` through a short-lived connection to the app's own database: the session cookie. */
export async function staffCookie(app: AppProcess, dataDir: string): Promise<string> {
  const db = await appDatabase(dataDir);
  try {
    return await signedInStaff(app, db);
  } finally {
    await db.close();
  }
}

export interface Answer {
  status: number;
  /** The created patient's id (status 201), or the error code of the body. */
  id: string | null;
  code: string | null;
}

/**
 * `clients` concurrent clients each creating patients one after the other until `done()` says stop. An
 * acknowledged write is a 201 with the new patient's id; a request the app could not answer (it was killed) is
 * counted as neither.
 */
export async function writeLoad(
  app: AppProcess,
  cookie: string,
  clients: number,
  done: (answers: Answer[]) => boolean,
): Promise<{ answers: Answer[]; unanswered: number }> {
  const answers: Answer[] = [];
  let unanswered = 0;
  let n = 0;
  const client = async () => {
    while (!done(answers)) {
      const i = n++;
      try {
        const response = await fetch(`${app.url}/api/patients`, {
          method: 'POST',
          headers: { origin: app.url, cookie, 'content-type': 'application/json' },
          body: JSON.stringify({
            givenName: 'Load',
            familyName: `Patient${i}`,
            birthDate: '1984-06-12',
            sex: 'female',
          }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json().catch(() => null)) as {
          id?: string;
          error?: { code?: string };
        } | null;
        answers.push({
          status: response.status,
          id: response.status === 201 ? (body?.id ?? null) : null,
          code: body?.error?.code ?? null,
        });
      } catch {
        unanswered += 1;
        // The app is gone (killed): wait a little before the next try, as a client would.
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { answers, unanswered };
}

/** How many of `ids` are patients in the database. */
export async function patientsFound(db: Database, ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM patients WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows[0]!.n;
}

/** The process id of the embedded PostgreSQL the app on `dataDir` runs now, from its lock file. */
export async function postgresPidOf(dataDir: string): Promise<number> {
  const lock = await readPostmasterLock(join(dataDir, 'postgres'));
  if (!lock) throw new Error(`no PostgreSQL runs on ${dataDir}`);
  return lock.pid;
}
