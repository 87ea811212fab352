import type { Screening } from '@needlepoint/core/contracts/screening';
import type {
  SaveTreatmentRecordRequest,
  TreatmentRecordDto,
} from '@needlepoint/core/contracts/treatment-records';
import { DomainError } from '@needlepoint/core/errors';
import type { TreatmentPlan } from '@needlepoint/core/plans/plan';
import { checkNumbing } from '@needlepoint/core/treatment/numbing';
import type { TreatmentRecordDraft } from '@needlepoint/core/treatment/record';
import { emptyDraft, ZoneTreatment } from '@needlepoint/core/treatment/record';
import {
  expiredConsumables,
  procedureStarted,
  signOffIssues,
  startBlocked,
  topicalsNotAllowed,
  unconfirmedDepths,
  type ChecklistFacts,
} from '@needlepoint/core/treatment/rules';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { clinicName } from '../clinic/clinic.service';
import { consentStatesOf } from '../consents/consents.service';
import { allowListOf, clinicToday, deviceOf, lotForUse, useLots } from '../inventory/inventory.service';
import { planOf } from '../plans/plans.service';
import { bookingForRecord } from '../scheduling/bookings.service';
import { screeningById, screenPatient } from '../screening/screening.service';
import { renderTreatmentRecordPdf } from './treatment-record-pdf';
import * as repo from './treatment-records.repo';

export interface TreatmentDeps {
  db: Database;
  clock: Clock;
}

interface Context {
  row: repo.RecordRow;
  plan: TreatmentPlan | undefined;
  screening: Screening | null;
  consent: TreatmentRecordDto['consent'];
  facts: ChecklistFacts;
}

async function loadContext(client: Queryable, clinicId: string, row: repo.RecordRow): Promise<Context> {
  const plan = row.plan_id ? await planOf(client, clinicId, row.plan_id) : undefined;
  const screening = row.screening_id ? await screeningById(client, clinicId, row.screening_id) : null;
  const kind = row.modality === 'rf' ? 'treatment-rf' : 'treatment-mechanical';
  const state = (await consentStatesOf(client, clinicId, row.patient_id)).find((c) => c.kind === kind);
  const consent = {
    kind,
    state: state?.state ?? 'not-signed',
    onFile: state?.state === 'signed',
    signedVersion: state?.latestSignature?.documentVersion ?? null,
    currentVersion: state?.document.version ?? null,
  };
  const overridden = Boolean(
    row.screening_override && row.screening_override.screeningId === row.screening_id,
  );
  return {
    row,
    plan,
    screening,
    consent,
    facts: {
      screeningCleared: screening ? screening.cleared : null,
      screeningOverridden: overridden,
      consentOnFile: consent.onFile,
    },
  };
}

async function toDto(client: Queryable, clinicId: string, ctx: Context): Promise<TreatmentRecordDto> {
  const { row, plan, screening, facts } = ctx;
  const addenda = await repo.listAddenda(client, clinicId, row.id);
  const override =
    row.screening_override && row.screening_override.screeningId === row.screening_id
      ? row.screening_override
      : null;
  return {
    id: row.id,
    appointmentId: row.appointment_id,
    patientId: row.patient_id,
    patientName: row.patient_name,
    providerId: row.provider_id,
    providerName: row.provider_name,
    appointmentStart: row.appointment_start.toISOString(),
    planId: row.plan_id,
    planName: row.plan_name,
    sessionNumber: row.session_number,
    modality: row.modality,
    planZones: (plan?.zones ?? []).map((z) => ({ zone: z.zone, minMm: z.minMm, maxMm: z.maxMm })),
    status: row.status,
    version: row.version,
    draft: row.draft,
    screening: {
      screeningId: screening?.id ?? null,
      verdict: screening?.verdict ?? null,
      cleared: screening ? screening.cleared : null,
      ranAt: screening?.createdAt ?? null,
      changes: screening?.changes
        ? {
            previousVerdict: screening.changes.previousVerdict,
            previousAt: screening.changes.previousAt,
            added: screening.changes.added,
            resolved: screening.changes.resolved,
          }
        : null,
      openFindings: (screening?.findings ?? [])
        .filter((f) => f.open)
        .map((f) => ({ ruleId: f.ruleId, title: f.title, severity: f.severity })),
      override: override ? { reason: override.reason, byName: override.byName, at: override.at } : null,
    },
    consent: ctx.consent,
    startBlockedReason: startBlocked(facts),
    numbingWarnings: row.draft.numbing ? checkNumbing(row.draft.numbing) : [],
    signOffIssues:
      row.status === 'draft' ? signOffIssues(row.draft, { ...facts, modality: row.modality }) : [],
    prefilledFrom: {
      planId: row.prefilled_from.planId ?? null,
      lastRecordId: row.prefilled_from.lastRecordId ?? null,
    },
    signedAt: row.signed_at?.toISOString() ?? null,
    signedBy: row.signed_by,
    signedByName: row.signed_by_name,
    addenda: addenda.map((a) => ({
      id: a.id,
      text: a.text,
      signedBy: a.signed_by,
      signedByName: a.signed_by_name,
      signedAt: a.signed_at.toISOString(),
    })),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function recordDto(client: Queryable, clinicId: string, id: string): Promise<TreatmentRecordDto> {
  const row = await repo.findRecord(client, clinicId, id);
  if (!row) throw new DomainError('TREATMENT_RECORD_NOT_FOUND', 'No such treatment record in this clinic');
  return toDto(client, clinicId, await loadContext(client, clinicId, row));
}

/** Pre-fill: the plan's zones (depth from the last signed session, else the plan's lower bound), device and habits. */
export function prefillDraft(
  plan: Pick<TreatmentPlan, 'zones'> | undefined,
  last: TreatmentRecordDraft | undefined,
  bookedDeviceId: string | null,
): TreatmentRecordDraft {
  const draft = emptyDraft();
  const zones = plan?.zones.map((z) => z.zone) ?? last?.zones.map((z) => z.zone) ?? [];
  draft.zones = zones.map((zone) => {
    const before = last?.zones.find((z) => z.zone === zone);
    const range = plan?.zones.find((z) => z.zone === zone);
    return ZoneTreatment.parse({
      zone,
      depthMm: before?.depthMm ?? range?.minMm ?? 0.5,
      depthConfirmed: false,
      passes: before?.passes ?? null,
      speed: before?.speed ?? '',
      technique: before?.technique ?? null,
    });
  });
  draft.deviceId = bookedDeviceId ?? last?.deviceId ?? null;
  draft.handpieceSerial = last?.handpieceSerial ?? '';
  if (last?.numbing) {
    draft.numbing = { ...last.numbing, appliedAt: null, removedAt: null };
  }
  draft.topicals = (last?.topicals ?? []).map((t) => ({ ...t, lot: '' }));
  return draft;
}

/**
 * Opens the record of a booked, arrived, in-treatment or completed session, once: pre-filled from the plan and the patient's last
 * signed record, with the screening re-run now. A second open returns the same record.
 */
export async function openRecord(
  deps: TreatmentDeps,
  actor: Actor,
  appointmentId: string,
): Promise<TreatmentRecordDto> {
  return deps.db.transaction(async (client) => {
    const existing = await repo.recordIdForAppointment(client, actor.clinicId, appointmentId);
    if (existing) return viewed(client, actor, existing);
    const booking = await bookingForRecord(client, actor.clinicId, appointmentId);
    if (!booking) throw new DomainError('NOT_FOUND', 'No such appointment in this clinic');
    if (!['booked', 'arrived', 'in-treatment', 'completed'].includes(booking.status)) {
      throw new DomainError(
        'TREATMENT_APPOINTMENT_NOT_CHARTABLE',
        `A ${booking.status} appointment cannot be charted`,
        { details: { appointmentId, status: booking.status } },
      );
    }
    const plan = booking.plan_id ? await planOf(client, actor.clinicId, booking.plan_id) : undefined;
    const last = await repo.lastSignedRecord(client, actor.clinicId, booking.patient_id);
    const modality = plan?.modality ?? 'mechanical';
    const screening = await screenPatient(
      client,
      deps.clock,
      actor,
      booking.patient_id,
      { areas: plan?.areas ?? ['face'], modality },
      { trigger: 'pre-session', appointmentId },
    );
    const id = await repo.insertRecord(client, {
      clinicId: actor.clinicId,
      appointmentId,
      patientId: booking.patient_id,
      providerId: booking.provider_id,
      planId: booking.plan_id,
      modality,
      draft: prefillDraft(plan, last?.draft, booking.device_id),
      screeningId: screening.id,
      prefilledFrom: { planId: plan?.id ?? null, lastRecordId: last?.id ?? null },
      createdBy: actor.userId,
    });
    if (!id) {
      // Another tablet opened it a moment ago: that one is the record.
      const other = await repo.recordIdForAppointment(client, actor.clinicId, appointmentId);
      return viewed(client, actor, other!);
    }
    await recordAudit(client, actor, {
      action: 'treatment-record.opened',
      entityType: 'treatment-record',
      entityId: id,
      patientId: booking.patient_id,
      details: { appointmentId, screeningId: screening.id, verdict: screening.verdict },
    });
    return recordDto(client, actor.clinicId, id);
  });
}

async function viewed(client: Queryable, actor: Actor, id: string): Promise<TreatmentRecordDto> {
  const dto = await recordDto(client, actor.clinicId, id);
  await recordAudit(client, actor, {
    action: 'treatment-record.viewed',
    entityType: 'treatment-record',
    entityId: id,
    patientId: dto.patientId,
  });
  return dto;
}

export async function getRecord(deps: TreatmentDeps, actor: Actor, id: string): Promise<TreatmentRecordDto> {
  return deps.db.transaction((client) => viewed(client, actor, id));
}

async function lockedRecord(client: Queryable, actor: Actor, id: string): Promise<repo.RecordRow> {
  const row = await repo.findRecord(client, actor.clinicId, id, true);
  if (!row) throw new DomainError('TREATMENT_RECORD_NOT_FOUND', 'No such treatment record in this clinic');
  return row;
}

function refuseSigned(row: repo.RecordRow): void {
  if (row.status === 'signed') {
    throw new DomainError(
      'TREATMENT_RECORD_SIGNED',
      'This record is signed and locked: add an addendum instead',
      { details: { recordId: row.id, signedAt: row.signed_at?.toISOString() ?? null } },
    );
  }
}

async function refuseStale(client: Queryable, actor: Actor, row: repo.RecordRow, expectedVersion: number) {
  if (row.version !== expectedVersion) {
    const current = await toDto(client, actor.clinicId, await loadContext(client, actor.clinicId, row));
    throw new DomainError(
      'TREATMENT_RECORD_CONFLICT',
      `This record was changed elsewhere (now version ${row.version}, you had ${expectedVersion}): review the changes before saving again`,
      { details: { currentVersion: row.version, yourVersion: expectedVersion, current } },
    );
  }
}

/** Stocked lots take their product, GTIN, lot and expiry from stock; typed ones are kept as charted. */
async function resolveConsumables(client: Queryable, clinicId: string, draft: TreatmentRecordDraft) {
  return Promise.all(
    draft.consumables.map(async (c) => {
      if (!c.lotId) return c;
      const lot = await lotForUse(client, clinicId, c.lotId);
      return {
        ...c,
        productName: lot.product_name,
        gtin: lot.gtin,
        lot: lot.lot,
        expiry: lot.expiry,
        needleCount: c.needleCount ?? lot.needle_count,
      };
    }),
  );
}

function refuseExpired(draft: TreatmentRecordDraft, today: string): void {
  const expired = expiredConsumables(draft.consumables, today);
  if (expired.length === 0) return;
  throw new DomainError(
    'TREATMENT_LOT_EXPIRED',
    `Lot ${expired.map((c) => `${c.lot} (expired ${c.expiry})`).join(', ')} is expired and cannot be used: take a box within date`,
    {
      details: { lots: expired.map((c) => ({ lot: c.lot, expiry: c.expiry })), today },
      fields: draft.consumables.flatMap((c, i) =>
        expired.includes(c)
          ? [{ path: `body.draft.consumables.${i}.expiry`, message: `Expired ${c.expiry}` }]
          : [],
      ),
    },
  );
}

/** Saves the whole draft if nobody saved since `expectedVersion`; refuses expired lots, off-list products and unconfirmed depths. */
export async function saveRecord(
  deps: TreatmentDeps,
  actor: Actor,
  id: string,
  input: SaveTreatmentRecordRequest,
): Promise<TreatmentRecordDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedRecord(client, actor, id);
    refuseSigned(row);
    await refuseStale(client, actor, row, input.expectedVersion);
    const ctx = await loadContext(client, actor.clinicId, row);
    const draft: TreatmentRecordDraft = {
      ...input.draft,
      consumables: await resolveConsumables(client, actor.clinicId, input.draft),
    };

    if (procedureStarted(draft)) {
      const blocked = startBlocked(ctx.facts);
      if (blocked) {
        throw new DomainError('TREATMENT_SCREENING_NOT_CLEARED', blocked, {
          details: { screeningId: row.screening_id, verdict: ctx.screening?.verdict ?? null },
        });
      }
    }
    if (draft.deviceId && !(await deviceOf(client, actor.clinicId, draft.deviceId))) {
      throw new DomainError('NOT_FOUND', 'No such device in this clinic', {
        fields: [{ path: 'body.draft.deviceId', message: 'Unknown device' }],
      });
    }
    refuseExpired(draft, await clinicToday(client, deps.clock, actor.clinicId));
    const refusals = topicalsNotAllowed(draft.topicals, await allowListOf(client, actor.clinicId));
    if (refusals.length > 0) {
      throw new DomainError('TREATMENT_PRODUCT_NOT_ALLOWED', refusals.map((r) => r.reason).join(' '), {
        details: { products: refusals },
        fields: refusals.map((r) => ({
          path: `body.draft.topicals.${r.index}.productId`,
          message: 'Not on the allow-list',
        })),
      });
    }
    const depths = unconfirmedDepths(draft.zones, ctx.plan?.zones ?? []);
    if (depths.length > 0) {
      throw new DomainError('TREATMENT_DEPTH_UNCONFIRMED', depths.map((d) => d.reason).join('; '), {
        details: { zones: depths },
        fields: depths.map((d) => ({
          path: `body.draft.zones.${d.index}.depthConfirmed`,
          message: d.reason,
        })),
      });
    }

    const version = await repo.saveDraft(client, actor.clinicId, id, input.expectedVersion, draft);
    if (version === null)
      await refuseStale(client, actor, await lockedRecord(client, actor, id), input.expectedVersion);
    await repo.replaceLots(client, actor.clinicId, id, row.patient_id, [
      ...draft.consumables.map((c) => ({
        lotId: c.lotId,
        productName: c.productName,
        gtin: c.gtin,
        lot: c.lot,
        expiry: c.expiry,
        quantity: c.quantity,
      })),
      ...draft.topicals
        .filter((t) => t.lot !== '')
        .map((t) => ({
          lotId: null,
          productName: t.productName || t.productId,
          gtin: null,
          lot: t.lot,
          expiry: null,
          quantity: 1,
        })),
    ]);
    await recordAudit(client, actor, {
      action: 'treatment-record.saved',
      entityType: 'treatment-record',
      entityId: id,
      patientId: row.patient_id,
      details: { version },
    });
    return recordDto(client, actor.clinicId, id);
  });
}

/** A provider lets a session start although the screening is not cleared, with a reason. */
export async function overrideScreening(
  deps: TreatmentDeps,
  actor: Actor & { name?: string },
  id: string,
  reason: string,
): Promise<TreatmentRecordDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedRecord(client, actor, id);
    refuseSigned(row);
    if (!row.screening_id)
      throw new DomainError('TREATMENT_SCREENING_NOT_CLEARED', 'Run the screening first');
    const byName = await repo.staffName(client, actor.clinicId, actor.userId);
    await repo.setOverride(client, actor.clinicId, id, {
      screeningId: row.screening_id,
      reason,
      by: actor.userId,
      byName,
      at: deps.clock.now().toISOString(),
    });
    await recordAudit(client, actor, {
      action: 'treatment-record.screening-overridden',
      entityType: 'treatment-record',
      entityId: id,
      patientId: row.patient_id,
      details: { screeningId: row.screening_id, reason },
    });
    return recordDto(client, actor.clinicId, id);
  });
}

/** Runs the screening again now (e.g. after the patient reported a change in the room). */
export async function rescreen(deps: TreatmentDeps, actor: Actor, id: string): Promise<TreatmentRecordDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedRecord(client, actor, id);
    refuseSigned(row);
    const plan = row.plan_id ? await planOf(client, actor.clinicId, row.plan_id) : undefined;
    const screening = await screenPatient(
      client,
      deps.clock,
      actor,
      row.patient_id,
      { areas: plan?.areas ?? ['face'], modality: row.modality },
      { trigger: 'pre-session', appointmentId: row.appointment_id },
    );
    await repo.setScreening(client, actor.clinicId, id, screening.id);
    return recordDto(client, actor.clinicId, id);
  });
}

/** Signs and locks the record; stocked lots it used are taken out of stock in the same transaction. */
export async function signRecord(
  deps: TreatmentDeps,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<TreatmentRecordDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedRecord(client, actor, id);
    refuseSigned(row);
    await refuseStale(client, actor, row, expectedVersion);
    const ctx = await loadContext(client, actor.clinicId, row);
    const issues = signOffIssues(row.draft, { ...ctx.facts, modality: row.modality });
    if (issues.length > 0) {
      throw new DomainError(
        'TREATMENT_NOT_READY_TO_SIGN',
        `Before signing: ${issues.map((i) => i.message).join('; ')}`,
        {
          fields: issues.map((i) => ({ path: i.path, message: i.message })),
        },
      );
    }
    refuseExpired(row.draft, await clinicToday(client, deps.clock, actor.clinicId));
    const signed = await repo.signRecord(client, actor.clinicId, id, expectedVersion, actor.userId);
    if (!signed)
      throw new DomainError('TREATMENT_RECORD_CONFLICT', 'This record was changed elsewhere', {
        details: { currentVersion: row.version },
      });
    await useLots(
      client,
      actor,
      id,
      row.draft.consumables.flatMap((c) => (c.lotId ? [{ lotId: c.lotId, quantity: c.quantity }] : [])),
    );
    await recordAudit(client, actor, {
      action: 'treatment-record.signed',
      entityType: 'treatment-record',
      entityId: id,
      patientId: row.patient_id,
      details: { version: signed.version, lots: row.draft.consumables.map((c) => c.lot) },
    });
    return recordDto(client, actor.clinicId, id);
  });
}

/** A later change to a signed record: signed and timestamped, never an edit in place. */
export async function addAddendum(
  deps: TreatmentDeps,
  actor: Actor,
  id: string,
  text: string,
): Promise<TreatmentRecordDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedRecord(client, actor, id);
    if (row.status !== 'signed') {
      throw new DomainError(
        'TREATMENT_RECORD_NOT_SIGNED',
        'Addenda are for signed records: edit the draft instead',
      );
    }
    const addendumId = await repo.insertAddendum(client, actor.clinicId, id, text, actor.userId);
    await recordAudit(client, actor, {
      action: 'treatment-record.addendum',
      entityType: 'treatment-record',
      entityId: id,
      patientId: row.patient_id,
      details: { addendumId },
    });
    return recordDto(client, actor.clinicId, id);
  });
}

export async function recordStatuses(deps: TreatmentDeps, actor: Actor, from: string, to: string) {
  const rows = await repo.statusesInWindow(deps.db.pool, actor.clinicId, from, to);
  return rows.map((r) => ({
    appointmentId: r.appointment_id,
    recordId: r.id,
    status: r.status,
    signedAt: r.signed_at?.toISOString() ?? null,
  }));
}

export async function patientRecords(deps: TreatmentDeps, actor: Actor, patientId: string) {
  return deps.db.transaction(async (client) => {
    const rows = await repo.listForPatient(client, actor.clinicId, patientId);
    await recordAudit(client, actor, {
      action: 'treatment-record.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
    });
    return rows.map((r) => ({
      id: r.id,
      appointmentId: r.appointment_id,
      appointmentStart: r.appointment_start.toISOString(),
      status: r.status,
      providerName: r.provider_name,
      signedAt: r.signed_at?.toISOString() ?? null,
    }));
  });
}

/** The record as data for another module (PDF, adverse events): inside the caller's transaction, not audited. */
export async function recordForReport(
  client: Queryable,
  clinicId: string,
  id: string,
): Promise<TreatmentRecordDto | undefined> {
  const row = await repo.findRecord(client, clinicId, id);
  return row ? toDto(client, clinicId, await loadContext(client, clinicId, row)) : undefined;
}

export async function recordPdf(
  deps: TreatmentDeps,
  actor: Actor,
  id: string,
): Promise<{ filename: string; pdf: Uint8Array }> {
  return deps.db.transaction(async (client) => {
    const record = await recordForReport(client, actor.clinicId, id);
    if (!record)
      throw new DomainError('TREATMENT_RECORD_NOT_FOUND', 'No such treatment record in this clinic');
    const device = record.draft.deviceId
      ? await deviceOf(client, actor.clinicId, record.draft.deviceId)
      : undefined;
    const pdf = await renderTreatmentRecordPdf(record, {
      clinicName: await clinicName(client, actor.clinicId),
      deviceName: device
        ? `${device.name}${device.serialNumber ? ` (serial ${device.serialNumber})` : ''}`
        : null,
    });
    await recordAudit(client, actor, {
      action: 'treatment-record.printed',
      entityType: 'treatment-record',
      entityId: id,
      patientId: record.patientId,
    });
    return {
      filename: `treatment-record-${record.appointmentStart.slice(0, 10)}-${id.slice(0, 8)}.pdf`,
      pdf,
    };
  });
}
