import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
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

/** The clinic's checkpoint in one line of the file (null when the line is another clinic's or cut short). */
function parseLine(anchor: AuditAnchor, clinicId: string, line: string): ReadCheckpoint | null {
  if (!line.includes(clinicId)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null; // a line cut short by a crash while it was written
  }
  const c = parsed as Partial<Checkpoint & { mac: string }>;
  if (c.clinicId !== clinicId || typeof c.seq !== 'number' || typeof c.hash !== 'string') return null;
  const checkpoint = { clinicId, seq: c.seq, hash: c.hash, at: String(c.at) };
  const expected = Buffer.from(macOf(anchor.key, checkpoint), 'hex');
  const given = Buffer.from(typeof c.mac === 'string' ? c.mac : '', 'hex');
  return { ...checkpoint, signed: given.length === expected.length && timingSafeEqual(given, expected) };
}

/** Bytes read at a time from the end of the file. */
const tailChunk = 64 * 1024;

/**
 * The clinic's newest checkpoint line, read backwards from the end of the file: its cost follows how far back
 * that line is (one line per clinic whose chain moved, each minute), not the file's length. No file or no line: null.
 */
export async function readLastCheckpoint(
  anchor: AuditAnchor,
  clinicId: string,
): Promise<ReadCheckpoint | null> {
  let handle;
  try {
    handle = await open(anchor.file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    let end = (await handle.stat()).size;
    let rest = Buffer.alloc(0); // bytes after the last newline seen: a line whose start lies further back
    while (end > 0) {
      const start = Math.max(0, end - tailChunk);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      let text = Buffer.concat([chunk, rest]);
      // Whole lines, newest first; the piece before the first newline waits for the next (earlier) chunk.
      for (let nl = text.lastIndexOf(0x0a); nl >= 0; nl = text.lastIndexOf(0x0a)) {
        const found = parseLine(anchor, clinicId, text.subarray(nl + 1).toString('utf8'));
        if (found) return found;
        text = text.subarray(0, nl);
      }
      if (start === 0) return parseLine(anchor, clinicId, text.toString('utf8'));
      rest = Buffer.from(text);
      end = start;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** One clinic's checkpoints, oldest first, each with whether its signature holds. No file: none. */
export async function readCheckpoints(anchor: AuditAnchor, clinicId: string): Promise<ReadCheckpoint[]> {
  const found: ReadCheckpoint[] = [];
  let stream: ReadStream | undefined;
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
    const checkpoint = parseLine(anchor, clinicId, line);
    if (checkpoint) found.push(checkpoint);
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
