import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@needlepoint/core/errors';
import { isServedType, servedTypes, type ServedType } from '@needlepoint/core/fhir/fhir-search';
import { beginSnapshot, endTransaction, type Database } from '../../db/database';
import { recordAudit, systemActor } from '../../platform/audit';
import { cancelJob, enqueueJob } from '../../platform/jobs';
import { auditActorOf, auditDetailsOf, canAccess, clinicOf, type FhirCaller } from './fhir-caller';
import { streamResources } from './fhir-api.repo';
import * as repo from './fhir-export.repo';
import type { Clock } from '../../platform/clock';

/**
 * Bulk Data export (FHIR Bulk Data Access IG): kick-off records the request and enqueues a durable job; the job
 * streams each type from PostgreSQL through a cursor into one NDJSON file per type; status, download and cancel
 * are answered from the export's row. Files live under the export folder, one folder per clinic and export.
 */

export const fhirExportJob = 'fhir-export';
export const defaultExportDir = join(tmpdir(), 'needlepoint-fhir-exports');
const outputFormats = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];

export interface ExportDeps {
  db: Database;
  exportDir: string;
  clock: Clock;
}

const exportFolder = (deps: ExportDeps, clinicId: string, id: string) => join(deps.exportDir, clinicId, id);
const jobKey = (id: string) => `fhir-export:${id}`;

export interface KickOff {
  level: 'system' | 'patient';
  type?: string;
  since?: string;
  outputFormat?: string;
  requestUrl: string;
}

export async function kickOffExport(
  deps: ExportDeps,
  caller: FhirCaller,
  input: KickOff,
): Promise<{ id: string }> {
  if (input.outputFormat !== undefined && !outputFormats.includes(input.outputFormat))
    throw new DomainError('FHIR_EXPORT_INVALID', `_outputFormat must be application/fhir+ndjson`);
  let since: Date | null = null;
  if (input.since !== undefined) {
    since = new Date(input.since);
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(input.since) ||
      Number.isNaN(since.getTime())
    )
      throw new DomainError('FHIR_EXPORT_INVALID', '_since must be an instant, e.g. 2026-01-01T00:00:00Z');
  }
  let types: ServedType[];
  if (input.type !== undefined) {
    const asked = [
      ...new Set(
        input.type
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = asked.filter((t) => !isServedType(t));
    if (asked.length === 0 || unknown.length > 0)
      throw new DomainError(
        'FHIR_EXPORT_INVALID',
        `_type names types this server does not export: ${unknown.join(', ') || '(none)'}`,
      );
    types = asked as ServedType[];
    const denied = types.filter((t) => !canAccess(caller, t, 'r'));
    if (denied.length > 0)
      throw new DomainError('AUTH_FORBIDDEN', `This client has no read scope for ${denied.join(', ')}`);
  } else {
    types = servedTypes.filter((t) => canAccess(caller, t, 'r'));
    if (types.length === 0)
      throw new DomainError('AUTH_FORBIDDEN', 'This client has no read scope for any type');
  }
  const clinicId = clinicOf(caller);
  return deps.db.transaction(async (client) => {
    const row = await repo.insertExport(client, {
      clinicId,
      userId: caller.kind === 'staff' ? caller.actor.userId : null,
      clientId: caller.kind === 'client' ? caller.clientId : null,
      level: input.level,
      types,
      since,
      requestUrl: input.requestUrl,
      now: deps.clock.now(),
    });
    await enqueueJob(
      client,
      fhirExportJob,
      { exportId: row.id, clinicId },
      { jobKey: jobKey(row.id), maxAttempts: 3 },
    );
    await recordAudit(client, auditActorOf(caller), {
      action: 'fhir.export-requested',
      entityType: 'fhir-export',
      entityId: row.id,
      details: { ...auditDetailsOf(caller), level: input.level, types, since: since?.toISOString() ?? null },
    });
    return { id: row.id };
  });
}

/** The caller's own export: another caller (even in the same clinic) is told it does not exist. */
async function ownExport(deps: ExportDeps, caller: FhirCaller, id: string): Promise<repo.ExportRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await repo.findExport(deps.db.pool, clinicOf(caller), id)
    : undefined;
  const own =
    row &&
    (caller.kind === 'client'
      ? row.requested_by_client === caller.clientId
      : row.requested_by_user === caller.actor.userId);
  if (!row || !own || row.status === 'cancelled')
    throw new DomainError('FHIR_EXPORT_NOT_FOUND', 'No such export (or it was cancelled)');
  return row;
}

export type ExportState =
  | { state: 'in-progress'; progress: string }
  | { state: 'failed'; error: string }
  | {
      state: 'completed';
      manifest: {
        transactionTime: string;
        request: string;
        requiresAccessToken: true;
        output: { type: string; url: string; count: number }[];
        error: never[];
      };
    };

export async function exportStatus(
  deps: ExportDeps,
  caller: FhirCaller,
  id: string,
  baseUrl: string,
): Promise<ExportState> {
  const row = await ownExport(deps, caller, id);
  if (row.status === 'queued' || row.status === 'running')
    return { state: 'in-progress', progress: row.status === 'queued' ? 'queued' : row.progress };
  if (row.status === 'failed') return { state: 'failed', error: row.error ?? 'the export failed' };
  return {
    state: 'completed',
    manifest: {
      transactionTime: row.transaction_time.toISOString(),
      request: row.request_url,
      requiresAccessToken: true,
      output: row.output.map((f) => ({
        type: f.type,
        url: `${baseUrl}/bulk-files/${row.id}/${f.file}`,
        count: f.count,
      })),
      error: [],
    },
  };
}

/** DELETE on the status URL: stops the job (if still waiting or running) and removes the files. */
export async function cancelExport(deps: ExportDeps, caller: FhirCaller, id: string): Promise<void> {
  const row = await ownExport(deps, caller, id);
  await deps.db.transaction(async (client) => {
    await repo.cancelExport(client, row.clinic_id, row.id);
    if (row.status === 'queued') await cancelJob(client, jobKey(row.id));
    await recordAudit(client, auditActorOf(caller), {
      action: 'fhir.export-cancelled',
      entityType: 'fhir-export',
      entityId: row.id,
      details: auditDetailsOf(caller),
    });
  });
  await rm(exportFolder(deps, row.clinic_id, row.id), { recursive: true, force: true });
}

/** One output file of a completed export, for download; each download is audited. */
export async function exportFile(
  deps: ExportDeps,
  caller: FhirCaller,
  id: string,
  file: string,
): Promise<{ path: string; type: string }> {
  const row = await ownExport(deps, caller, id);
  const entry = row.status === 'completed' ? row.output.find((f) => f.file === file) : undefined;
  if (!entry) throw new DomainError('FHIR_EXPORT_NOT_FOUND', `The export has no file ${file}`);
  await deps.db.transaction((client) =>
    recordAudit(client, auditActorOf(caller), {
      action: 'fhir.export-downloaded',
      entityType: 'fhir-export',
      entityId: row.id,
      details: { ...auditDetailsOf(caller), type: entry.type, count: entry.count },
    }),
  );
  return { path: join(exportFolder(deps, row.clinic_id, row.id), entry.file), type: entry.type };
}

/**
 * The job: one read-only snapshot (REPEATABLE READ) for every type, so the files agree with one another and with
 * the transaction time; rows stream through a cursor, a batch at a time; a cancel is noticed between batches.
 */
export async function runExport(
  deps: ExportDeps,
  payload: { exportId: string; clinicId: string },
): Promise<void> {
  const { exportId, clinicId } = payload;
  const folder = exportFolder(deps, clinicId, exportId);
  const client = await deps.db.pool.connect();
  let cancelled = false;
  try {
    const snapshot = await beginSnapshot(client);
    const row = await repo.startExport(deps.db.pool, clinicId, exportId, snapshot);
    if (!row) {
      await endTransaction(client, 'ROLLBACK');
      return;
    }
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const output: repo.ExportFile[] = [];
    for (const [index, type] of (row.types as ServedType[]).entries()) {
      const file = `${type}.ndjson`;
      const stream = createWriteStream(join(folder, file));
      let count = 0;
      for await (const batch of streamResources(client, clinicId, type, row.since)) {
        if (!stream.write(`${batch.map((r) => JSON.stringify(r)).join('\n')}\n`)) await once(stream, 'drain');
        count += batch.length;
        const progress = `${type}: ${count} written (type ${index + 1} of ${row.types.length})`;
        if (!(await repo.reportProgress(deps.db.pool, clinicId, exportId, progress))) {
          cancelled = true;
          break;
        }
      }
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      if (cancelled) break;
      if (count > 0) output.push({ type, file, count });
      else await rm(join(folder, file), { force: true });
    }
    await endTransaction(client, 'COMMIT');
    if (
      cancelled ||
      !(await repo.finishExport(deps.db.pool, clinicId, exportId, { status: 'completed', output }))
    ) {
      await rm(folder, { recursive: true, force: true });
      return;
    }
    await deps.db.transaction((tx) =>
      recordAudit(tx, systemActor(clinicId, `job:fhir-export:${exportId}`, deps.clock), {
        action: 'fhir.exported',
        entityType: 'fhir-export',
        entityId: exportId,
        details: { files: output },
      }),
    );
  } catch (error) {
    await endTransaction(client, 'ROLLBACK').catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    await repo.finishExport(deps.db.pool, clinicId, exportId, {
      status: 'failed',
      error: error instanceof Error ? error.message : 'the export failed',
    });
  } finally {
    client.release();
  }
}
