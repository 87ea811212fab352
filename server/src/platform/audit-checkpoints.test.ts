import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendCheckpoints,
  readCheckpoints,
  readLastCheckpoint,
  type AuditAnchor,
} from './audit-checkpoints';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'needlepoint-checkpoints-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('the last checkpoint of a clinic, read from the end of the file', () => {
  it('finds the newest line of the clinic many chunks back, signed, and agrees with reading the whole file', async () => {
    const anchor: AuditAnchor = { file: join(dir, 'many.jsonl'), key: randomBytes(32) };
    const clinic = randomUUID();
    const others = Array.from({ length: 50 }, () => randomUUID());
    const at = '2026-12-01T00:00:00.000Z';
    await appendCheckpoints(anchor, [
      { clinicId: clinic, seq: 10, hash: hash(10), at },
      { clinicId: clinic, seq: 20, hash: hash(20), at },
    ]);
    // About 3,000 lines of other clinics after it: well over one 64 KiB read.
    for (let minute = 0; minute < 60; minute++) {
      await appendCheckpoints(
        anchor,
        others.map((clinicId, i) => ({ clinicId, seq: minute * 100 + i, hash: hash(minute), at })),
      );
    }
    const last = await readLastCheckpoint(anchor, clinic);
    expect(last).toEqual({ clinicId: clinic, seq: 20, hash: hash(20), at, signed: true });
    expect((await readCheckpoints(anchor, clinic)).at(-1)).toEqual(last);
    expect(await readLastCheckpoint(anchor, randomUUID())).toBeNull();
    expect(await readLastCheckpoint({ ...anchor, file: join(dir, 'none.jsonl') }, clinic)).toBeNull();
  });

  it('skips a line cut short at the end, and reports a line signed with another key as unsigned', async () => {
    const anchor: AuditAnchor = { file: join(dir, 'cut.jsonl'), key: randomBytes(32) };
    const clinic = randomUUID();
    const at = '2026-12-01T00:00:00.000Z';
    await appendCheckpoints(anchor, [{ clinicId: clinic, seq: 5, hash: hash(5), at }]);
    await appendFile(anchor.file, `{"at":"${at}","clinicId":"${clinic}","seq":`);
    expect(await readLastCheckpoint(anchor, clinic)).toMatchObject({ seq: 5, signed: true });
    await appendFile(anchor.file, '\n');
    await appendCheckpoints({ ...anchor, key: randomBytes(32) }, [
      { clinicId: clinic, seq: 6, hash: hash(6), at },
    ]);
    expect(await readLastCheckpoint(anchor, clinic)).toMatchObject({ seq: 6, signed: false });
  });
});
