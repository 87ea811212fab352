import type {
  AdverseEventDto,
  AdverseEventReport,
  CreateAdverseEventRequest,
} from '@needlepoint/core/contracts/adverse-events';
import { DomainError } from '@needlepoint/core/errors';
import {
  adverseEventTypeInfo,
  per100,
  ratesPer100,
  toCsv,
  toMedWatch3500,
  type AdverseEventType,
  type SeriousnessCriterion,
} from '@needlepoint/core/treatment/adverse-events';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import { clinicName } from '../clinic/clinic.service';
import { recordForReport } from '../treatment-records/treatment-records.service';
import * as repo from './adverse-events.repo';

export interface AdverseEventDeps {
  db: Database;
}

const toDto = (e: repo.EventRow): AdverseEventDto => ({
  id: e.id,
  patientId: e.patient_id,
  patientName: e.patient_name,
  treatmentRecordId: e.treatment_record_id,
  checkInId: e.check_in_id,
  type: e.type as AdverseEventType,
  description: e.description,
  onsetOn: e.onset_on,
  serious: e.seriousness.length > 0,
  seriousness: e.seriousness as SeriousnessCriterion[],
  deviceId: e.device_id,
  deviceName: e.device_name,
  lots: e.lots,
  actions: e.actions,
  outcome: e.outcome as AdverseEventDto['outcome'],
  followUps: e.follow_ups,
  reportedBy: e.reported_by_name,
  createdAt: e.created_at.toISOString(),
  version: e.version,
});

async function eventOrThrow(client: Queryable, clinicId: string, id: string, lock = false) {
  const e = await repo.findEvent(client, clinicId, id, lock);
  if (!e) throw new DomainError('ADVERSE_EVENT_NOT_FOUND', 'No such adverse event in this clinic');
  return e;
}

/**
 * Opens an adverse event on a treated patient. Linked to a treatment record, the device and lots default to the
 * ones charted on it.
 */
export async function openAdverseEvent(
  deps: AdverseEventDeps,
  actor: Actor,
  input: CreateAdverseEventRequest,
): Promise<AdverseEventDto> {
  return deps.db.transaction(async (client) => {
    if (!(await repo.patientExists(client, actor.clinicId, input.patientId)))
      throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
    let deviceId = input.deviceId;
    let lots = input.lots;
    let treatmentRecordId = input.treatmentRecordId;
    if (input.checkInId) {
      // Opened from an aftercare check-in: it must be this patient's; its session's record is the one linked.
      const checkIn = await repo.checkInFacts(client, actor.clinicId, input.checkInId);
      if (!checkIn || checkIn.patient_id !== input.patientId)
        throw new DomainError('AFTERCARE_CHECKIN_NOT_FOUND', 'No such check-in for this patient', {
          fields: [{ path: 'body.checkInId', message: 'Not this patient’s check-in' }],
        });
      treatmentRecordId ??= checkIn.record_id;
    }
    if (treatmentRecordId) {
      const record = await repo.recordFacts(client, actor.clinicId, treatmentRecordId);
      if (!record || record.patient_id !== input.patientId) {
        throw new DomainError('TREATMENT_RECORD_NOT_FOUND', 'No such treatment record for this patient', {
          fields: [{ path: 'body.treatmentRecordId', message: 'Not this patient’s record' }],
        });
      }
      deviceId ??= record.device_id;
      if (lots.length === 0) lots = record.lots;
    } else if (!input.checkInId && !(await repo.patientTreated(client, actor.clinicId, input.patientId))) {
      // (A check-in follows a treated session, charted here or not.)
      throw new DomainError(
        'ADVERSE_EVENT_PATIENT_NOT_TREATED',
        'This patient has no treatment record: adverse events are for treated patients',
        {
          fields: [{ path: 'body.patientId', message: 'No treatment record' }],
        },
      );
    }
    const id = await repo.insertEvent(client, actor.clinicId, {
      ...input,
      treatmentRecordId,
      deviceId,
      lots,
      reportedBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'adverse-event.opened',
      entityType: 'adverse-event',
      entityId: id,
      patientId: input.patientId,
      details: { type: input.type, serious: input.seriousness.length > 0, checkInId: input.checkInId },
    });
    return toDto(await eventOrThrow(client, actor.clinicId, id));
  });
}

export async function listAdverseEvents(deps: AdverseEventDeps, actor: Actor, patientId: string | null) {
  return deps.db.transaction(async (client) => {
    const rows = await repo.listEvents(client, actor.clinicId, patientId);
    await recordAudit(client, actor, {
      action: 'adverse-event.listed',
      entityType: 'adverse-event',
      ...(patientId ? { patientId } : {}),
    });
    return rows.map(toDto);
  });
}

export async function getAdverseEvent(
  deps: AdverseEventDeps,
  actor: Actor,
  id: string,
): Promise<AdverseEventDto> {
  return deps.db.transaction(async (client) => {
    const e = await eventOrThrow(client, actor.clinicId, id);
    await recordAudit(client, actor, {
      action: 'adverse-event.viewed',
      entityType: 'adverse-event',
      entityId: id,
      patientId: e.patient_id,
    });
    return toDto(e);
  });
}

/** Actions, outcome, seriousness and follow-ups change over time; a stale version is refused. */
export async function updateAdverseEvent(
  deps: AdverseEventDeps & { clock: { now(): Date } },
  actor: Actor,
  id: string,
  change: {
    expectedVersion: number;
    actions?: string;
    outcome?: string;
    seriousness?: string[];
    followUp?: string;
  },
): Promise<AdverseEventDto> {
  return deps.db.transaction(async (client) => {
    const e = await eventOrThrow(client, actor.clinicId, id, true);
    if (e.version !== change.expectedVersion) {
      throw new DomainError('ADVERSE_EVENT_CONFLICT', 'This adverse event was changed elsewhere: reload it', {
        details: { currentVersion: e.version, current: toDto(e) },
      });
    }
    const followUps = change.followUp
      ? [
          ...e.follow_ups,
          {
            at: deps.clock.now().toISOString(),
            note: change.followUp,
            byName: await repo.userName(client, actor.clinicId, actor.userId),
          },
        ]
      : e.follow_ups;
    await repo.updateEvent(client, actor.clinicId, id, change.expectedVersion, {
      actions: change.actions ?? e.actions,
      outcome: change.outcome ?? e.outcome,
      seriousness: change.seriousness ?? e.seriousness,
      followUps,
    });
    await recordAudit(client, actor, {
      action: 'adverse-event.updated',
      entityType: 'adverse-event',
      entityId: id,
      patientId: e.patient_id,
      details: { outcome: change.outcome ?? null, followUp: Boolean(change.followUp) },
    });
    return toDto(await eventOrThrow(client, actor.clinicId, id));
  });
}

async function medWatchOf(
  client: Queryable,
  actor: Actor,
  e: repo.EventRow,
): Promise<Record<string, string>> {
  const record = e.treatment_record_id
    ? await recordForReport(client, actor.clinicId, e.treatment_record_id)
    : undefined;
  const d = record?.draft;
  return toMedWatch3500({
    event: {
      id: e.id,
      type: e.type as AdverseEventType,
      description: e.description,
      onsetOn: e.onset_on,
      seriousness: e.seriousness as SeriousnessCriterion[],
      actions: e.actions,
      outcome: e.outcome,
      followUps: e.follow_ups,
      createdAt: e.created_at.toISOString(),
    },
    patient: { id: e.patient_id, birthDate: e.birth_date, sex: e.sex, fitzpatrick: e.fitzpatrick },
    treatment:
      record && d
        ? {
            performedAt: record.appointmentStart,
            depthsMm: d.zones.map((z) => `${z.zone} ${z.depthMm} mm`).join(', '),
            numbing: d.numbing
              ? `${d.numbing.productName || d.numbing.product} ${d.numbing.concentration} ${d.numbing.amountG ?? '?'} g`
              : '',
            topicals: d.topicals
              .map((t) => `${t.productName || t.productId}${t.lot ? ` lot ${t.lot}` : ''}`)
              .join(', '),
          }
        : null,
    device: e.device_name
      ? {
          name: e.device_name,
          model: e.device_model,
          serialNumber: e.device_serial,
          handpieceSerial: d?.handpieceSerial || null,
        }
      : null,
    lots: (d?.consumables ?? [])
      .filter((c) => e.lots.includes(c.lot))
      .map((c) => ({ productName: c.productName, gtin: c.gtin, lot: c.lot, expiry: c.expiry }))
      .concat(
        e.lots
          .filter((l) => !(d?.consumables ?? []).some((c) => c.lot === l))
          .map((l) => ({ productName: '', gtin: null, lot: l, expiry: '' })),
      ),
    reporter: {
      name: e.reported_by_name,
      clinicName: await clinicName(client, actor.clinicId),
      email: e.reported_by_email,
    },
  });
}

/** The fields of FDA MedWatch form 3500 for one event (JSON), or every event of the clinic (CSV). Audited. */
export async function exportMedWatch(deps: AdverseEventDeps, actor: Actor, id: string | null) {
  return deps.db.transaction(async (client) => {
    const events = id
      ? [await eventOrThrow(client, actor.clinicId, id)]
      : await repo.listEvents(client, actor.clinicId, null);
    const forms = [];
    for (const e of events) forms.push(await medWatchOf(client, actor, e));
    await recordAudit(client, actor, {
      action: 'adverse-event.exported',
      entityType: 'adverse-event',
      entityId: id,
      details: { events: events.map((e) => e.id), format: 'medwatch-3500' },
    });
    return forms;
  });
}

export const medWatchCsv = (forms: Record<string, string>[]) => toCsv(forms);

/** Adverse events per 100 signed sessions: overall and by type, device, lot, provider and Fitzpatrick type. */
export async function adverseEventReport(deps: AdverseEventDeps, actor: Actor): Promise<AdverseEventReport> {
  const counts = await repo.reportCounts(deps.db.pool, actor.clinicId);
  const toMap = (rows: repo.GroupCount[]) => new Map(rows.map((r) => [r.key, r.n]));
  const labels = (...lists: repo.GroupCount[][]) => new Map(lists.flat().map((r) => [r.key, r.label]));
  const grouped = (g: { sessions: repo.GroupCount[]; events: repo.GroupCount[] }) => {
    const names = labels(g.sessions, g.events);
    return ratesPer100({ sessions: toMap(g.sessions), events: toMap(g.events) }).map((r) => ({
      ...r,
      label: names.get(r.key) ?? r.key,
    }));
  };
  const byType = counts.byType.events
    .map((r) => ({
      key: r.key,
      label: adverseEventTypeInfo[r.key as AdverseEventType]?.label ?? r.key,
      events: r.n,
      sessions: counts.sessions,
      per100: per100(r.n, counts.sessions),
    }))
    .sort((a, b) => b.per100 - a.per100 || a.key.localeCompare(b.key));
  return {
    sessions: counts.sessions,
    events: counts.events,
    per100: per100(counts.events, counts.sessions),
    byType,
    byDevice: grouped(counts.byDevice),
    byLot: grouped(counts.byLot),
    byProvider: grouped(counts.byProvider),
    byFitzpatrick: grouped(counts.byFitzpatrick),
  };
}
