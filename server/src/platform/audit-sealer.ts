import type { Database } from '../db/database';
import { chainedFieldsOf, chainHash, genesisHash } from './audit';
import {
  chainHeads,
  lockSealer,
  sealEvents,
  unsealedEvents,
  type ChainHead,
  type Seal,
} from './audit-chain.repo';
import { appendCheckpoints, type AuditAnchor } from './audit-checkpoints';
import type { Clock } from './clock';

/**
 * The sealer puts appended audit events into their clinic's hash chain, in the order they were appended:
 * `seq` = the clinic's last seq + 1, `hash = sha256(prev_hash || canonical event)`. One sealer runs at a time
 * across app instances (an advisory lock); requests never wait for it (ADR 040).
 */
export async function sealAuditEvents(
  db: Database,
  options: { wait?: boolean; batch?: number } = {},
): Promise<{ sealed: number; busy: boolean }> {
  const batch = options.batch ?? 2000;
  let sealed = 0;
  for (;;) {
    const done = await db.transaction(async (client) => {
      if (!(await lockSealer(client, options.wait ?? false))) return null;
      const rows = await unsealedEvents(client, batch);
      if (rows.length === 0) return 0;
      const clinicIds = [...new Set(rows.map((row) => row.clinic_id))];
      const heads = new Map((await chainHeads(client, clinicIds)).map((head) => [head.clinicId, head]));
      const seals: Seal[] = [];
      for (const row of rows) {
        const head = heads.get(row.clinic_id);
        const prevHash = head?.hash ?? genesisHash;
        const seq = (head?.seq ?? 0) + 1;
        const hash = chainHash(prevHash, chainedFieldsOf(row, seq));
        seals.push({ id: row.id, seq, prevHash, hash });
        heads.set(row.clinic_id, { clinicId: row.clinic_id, seq, hash });
      }
      const updated = await sealEvents(client, seals);
      if (updated !== seals.length) throw new Error(`Sealed ${updated} of ${seals.length} audit events`);
      return rows.length;
    });
    if (done === null) return { sealed, busy: true };
    sealed += done;
    if (done < batch) return { sealed, busy: false };
  }
}

/**
 * Appends a signed checkpoint of each clinic's last sealed event to the anchor file (under the sealer's lock,
 * so instances never interleave). `lastWritten` (kept by a running sealer) leaves out clinics with no new
 * event since their last checkpoint.
 */
export async function writeAuditCheckpoints(
  db: Database,
  anchor: AuditAnchor,
  clock: Clock,
  lastWritten: Map<string, ChainHead> = new Map(),
): Promise<number> {
  return db.transaction(async (client) => {
    await lockSealer(client, true);
    const at = clock.now().toISOString();
    const changed = (await chainHeads(client, 'all')).filter(
      (head) => lastWritten.get(head.clinicId)?.hash !== head.hash,
    );
    await appendCheckpoints(
      anchor,
      changed.map((head) => ({ ...head, at })),
    );
    for (const head of changed) lastWritten.set(head.clinicId, head);
    return changed.length;
  });
}

export interface AuditSealer {
  /** Seals what is left, writes a last checkpoint and stops. */
  stop(): Promise<void>;
}

/**
 * Runs the sealer in this process every `intervalMs` (default 1 s) and, with an anchor, a checkpoint every
 * `checkpointEveryMs` (default 60 s) when a clinic's chain moved. A failure (database restarting) is logged
 * once and retried on the next tick.
 */
export function startAuditSealer(options: {
  db: Database;
  clock: Clock;
  anchor: AuditAnchor | null;
  log: (line: string) => void;
  intervalMs?: number;
  checkpointEveryMs?: number;
}): AuditSealer {
  const intervalMs = options.intervalMs ?? 1000;
  const checkpointEveryMs = options.checkpointEveryMs ?? 60_000;
  const lastWritten = new Map<string, ChainHead>();
  let lastCheckpointAt = -Infinity;
  let failing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async (final: boolean) => {
    try {
      await sealAuditEvents(options.db, { wait: final });
      const now = options.clock.now().getTime();
      if (options.anchor && (final || now - lastCheckpointAt >= checkpointEveryMs)) {
        await writeAuditCheckpoints(options.db, options.anchor, options.clock, lastWritten);
        lastCheckpointAt = now;
      }
      if (failing) options.log('[audit] sealer running again');
      failing = false;
    } catch (error) {
      if (!failing) options.log(`[audit] sealer failed, retrying: ${(error as Error).message}`);
      failing = true;
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = tick(false).then(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await tick(true);
    },
  };
}
