import type { ImportCounts, ImportReport } from '@needlepoint/core/contracts/imports';
import type { Json } from '@needlepoint/core/fhir/fhir-json';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type AnyActor } from '../../platform/audit';
import {
  pendingReferences,
  prepare,
  writeBatch,
  type ItemResult,
  type Prepared,
  type ResourceItem,
  type RunState,
} from './import-batch';
import type { SourceItem } from './import-sources';
import * as repo from './import.repo';

export type { ItemResult } from './import-batch';

/** Who runs an import: a signed-in user, or the system (the command line). */
export type ImportActor = AnyActor;

const batchSize = 200;
/** Rejections kept in a report (with their reasons); `rejectedCount` counts them all. */
export const maxRejectedInReport = 500;
const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

export type OnItem = (item: SourceItem, result: ItemResult) => void;

function newState(today: string): RunState {
  return { patients: new Map(), medications: new Map(), pending: [], seen: new Set(), today };
}

function addToReport(report: ImportReport, item: SourceItem, result: ItemResult): void {
  if (result.status === 'rejected') {
    // Every rejection is counted; the first `maxRejectedInReport` are listed.
    report.rejectedCount += 1;
    if (report.rejected.length < maxRejectedInReport)
      report.rejected.push({
        source: item.source,
        ...(item.line ? { line: item.line } : {}),
        reason: result.reason,
      });
    return;
  }
  const type = String((item as ResourceItem).resource.resourceType);
  if (result.status === 'skipped') {
    report.skipped[type] = (report.skipped[type] ?? 0) + 1;
    return;
  }
  const counts = type === 'Patient' ? report.patients : (report.resources[type] ??= emptyCounts());
  counts[result.status] += 1;
}

/** The pending medications, named from this run's Medications or those already stored for the clinic. */
async function preparePending(client: Queryable, clinicId: string, state: RunState): Promise<Prepared> {
  const stored = await repo.findMedications(client, clinicId, pendingReferences(state.pending));
  const resolve = (key: string): Json | undefined => state.medications.get(key) ?? stored.get(key);
  const pending = state.pending;
  state.pending = [];
  return prepare(pending, state, resolve, true);
}

/**
 * Imports FHIR R4 resources into the clinic's records: idempotent (patients matched safely, see `upsertPatient`;
 * entries by their source reference), streaming (holds one batch at a time, plus medications whose Medication
 * has not arrived yet), reporting each rejection. One transaction per batch; if the bulk write of a batch fails,
 * the batch is written again entry by entry.
 */
export async function importFhir(
  db: Database,
  actor: ImportActor,
  items: AsyncIterable<SourceItem>,
  options: { onProgress?: (done: number) => void; onItem?: OnItem; today?: string } = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    patients: emptyCounts(),
    resources: {},
    skipped: {},
    rejected: [],
    rejectedCount: 0,
  };
  const state = newState(options.today ?? new Date().toISOString().slice(0, 10));
  const resolve = (key: string) => state.medications.get(key);
  const write = async (prepared: Prepared) => {
    const written = await db
      .transaction((client) => writeBatch(client, actor, state.patients, prepared, true))
      .catch(() => db.transaction((client) => writeBatch(client, actor, state.patients, prepared, false)));
    for (const [ref, id] of written.refs) state.patients.set(ref, id);
    for (const { item, result } of written.results) {
      addToReport(report, item, result);
      options.onItem?.(item, result);
    }
  };
  const flush = (batch: SourceItem[]) => write(prepare(batch, state, resolve, false));
  let batch: SourceItem[] = [];
  let done = 0;
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= batchSize) {
      await flush(batch);
      done += batch.length;
      options.onProgress?.(done);
      batch = [];
    }
  }
  if (batch.length > 0) {
    await flush(batch);
    done += batch.length;
    options.onProgress?.(done);
  }
  if (state.pending.length > 0)
    await write(await db.transaction((client) => preparePending(client, actor.clinicId, state)));
  await db.transaction((client) =>
    recordAudit(client, actor, {
      action: 'fhir.imported',
      entityType: 'import',
      details: { patients: report.patients, rejected: report.rejectedCount },
    }),
  );
  return report;
}

/** Thrown inside the transaction to undo it: the results say which entries failed. */
class TransactionRefused extends Error {
  constructor(readonly results: { item: SourceItem; result: ItemResult }[]) {
    super('transaction refused');
  }
}

/**
 * A FHIR `transaction`: all or nothing. Every entry is read and written in one database transaction; if any entry
 * is refused (invalid, a type the clinic does not store, a reference to no patient), nothing is committed and the
 * refused entries are returned. `committed` says which happened.
 */
export async function importTransaction(
  db: Database,
  actor: ImportActor,
  items: AsyncIterable<SourceItem>,
  options: { today?: string } = {},
): Promise<{ committed: boolean; results: { item: SourceItem; result: ItemResult }[] }> {
  const all: SourceItem[] = [];
  for await (const item of items) all.push(item);
  const state = newState(options.today ?? new Date().toISOString().slice(0, 10));
  try {
    const results = await db.transaction(async (client) => {
      const first = prepare(all, state, (key) => state.medications.get(key), false);
      const refused = (r: { result: ItemResult }) =>
        r.result.status === 'rejected' || r.result.status === 'skipped';
      if (first.settled.some(refused)) throw new TransactionRefused(first.settled);
      const written = await writeBatch(client, actor, state.patients, first, false);
      for (const [ref, id] of written.refs) state.patients.set(ref, id);
      const rest = state.pending.length > 0 ? await preparePending(client, actor.clinicId, state) : undefined;
      const more = rest ? await writeBatch(client, actor, state.patients, rest, false) : undefined;
      const results = [...written.results, ...(more?.results ?? [])];
      if (results.some(refused)) throw new TransactionRefused(results);
      await recordAudit(client, actor, {
        action: 'fhir.imported',
        entityType: 'import',
        details: { transaction: true, entries: all.length },
      });
      return results;
    });
    return { committed: true, results };
  } catch (error) {
    if (error instanceof TransactionRefused) return { committed: false, results: error.results };
    throw error;
  }
}
