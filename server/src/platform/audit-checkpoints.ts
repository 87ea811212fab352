import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The audit chain's anchor outside the database: signed checkpoints of each clinic's last sealed event, one JSON
 * line each, appended to a file. Whoever can rewrite the database but not this file or its key cannot make a
 * shortened or rehashed chain verify (ADR 040).
 */
export interface AuditAnchor {
  file: string;
  key: Buffer;
}

export interface Checkpoint {
  clinicId: string;
  seq: number;
  hash: string;
  at: string;
}

export interface ReadCheckpoint extends Checkpoint {
  /** False when the line's HMAC does not match: written or changed by someone without the key. */
  signed: boolean;
}

export const checkpointFileName = 'audit-checkpoints.jsonl';
export const checkpointKeyFileName = 'audit-checkpoint.key';

function macOf(key: Buffer, c: Checkpoint): string {
  return createHmac('sha256', key).update(`${c.clinicId}\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');
}

/** Appends one signed line per checkpoint and flushes it to disk. */
export async function appendCheckpoints(anchor: AuditAnchor, checkpoints: Checkpoint[]): Promise<void> {
  if (checkpoints.length === 0) return;
  const text = checkpoints
    .map((c) =>
      JSON.stringify({ at: c.at, clinicId: c.clinicId, seq: c.seq, hash: c.hash, mac: macOf(anchor.key, c) }),
    )
    .map((line) => `${line}\n`)
    .join('');
  await mkdir(dirname(anchor.file), { recursive: true });
  const handle = await open(anchor.file, 'a', 0o600);
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** One clinic's checkpoints, oldest first, each with whether its signature holds. No file: none. */
export async function readCheckpoints(anchor: AuditAnchor, clinicId: string): Promise<ReadCheckpoint[]> {
  const found: ReadCheckpoint[] = [];
  let stream;
  try {
    stream = createReadStream(anchor.file, { encoding: 'utf8' });
    await new Promise<void>((ready, fail) => {
      stream!.once('open', () => ready());
      stream!.once('error', fail);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return found;
    throw error;
  }
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line.includes(clinicId)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // a line cut short by a crash while it was written
    }
    const c = parsed as Partial<Checkpoint & { mac: string }>;
    if (c.clinicId !== clinicId || typeof c.seq !== 'number' || typeof c.hash !== 'string') continue;
    const checkpoint = { clinicId, seq: c.seq, hash: c.hash, at: String(c.at) };
    const expected = Buffer.from(macOf(anchor.key, checkpoint), 'hex');
    const given = Buffer.from(typeof c.mac === 'string' ? c.mac : '', 'hex');
    found.push({
      ...checkpoint,
      signed: given.length === expected.length && timingSafeEqual(given, expected),
    });
  }
  return found;
}

/**
 * The checkpoint key: `AUDIT_CHECKPOINT_KEY` when set. Unset in development or a demo, a random key is kept in
 * DATA_DIR (made on the first start) and `notice` says so; unset otherwise is an error.
 */
export async function loadCheckpointKey(options: {
  configured: string | undefined;
  dataDir: string;
  development: boolean;
}): Promise<{ key: Buffer; notice: string | null }> {
  if (options.configured) return { key: Buffer.from(options.configured, 'utf8'), notice: null };
  if (!options.development) {
    throw new Error(
      'Invalid environment: AUDIT_CHECKPOINT_KEY is required (a secret of at least 32 characters that signs the audit checkpoints)',
    );
  }
  const file = join(options.dataDir, checkpointKeyFileName);
  const existing = await readKeyFile(file);
  if (existing) {
    return {
      key: existing,
      notice: `AUDIT_CHECKPOINT_KEY is unset: checkpoints are signed with the development key in ${file}`,
    };
  }
  await mkdir(options.dataDir, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another instance made it first
  }
  const key = await readKeyFile(file);
  if (!key) throw new Error(`The audit checkpoint key in ${file} is empty`);
  return {
    key,
    notice: `AUDIT_CHECKPOINT_KEY is unset: generated a development key to sign checkpoints in ${file}`,
  };
}

async function readKeyFile(file: string): Promise<Buffer | null> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text ? Buffer.from(text, 'utf8') : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
